from summarize.compose import compose
from summarize.draft import Draft
from summarize.gist import GIST_CHARS, gist
from summarize.segment import normalise, split_sentences
from tests.conftest import EXAMPLE, EXAMPLE_DRAFT

TEXT = normalise(EXAMPLE.read_text()).text
SENTENCES = split_sentences(TEXT)

OPENING = split_sentences(
    "All news\n\nMinister resigns over airport contract\n\nBy Staff Reporter\n\n"
    "The transport minister resigned on Monday after officials said he had favoured a donor's company. "
    "He denied it. Parliament will debate the contract next week."
)


def test_the_gist_quotes_the_earliest_sentences_that_state_a_grounded_item() -> None:
    assert gist(OPENING, cited=[4, 2]) == (
        "Minister resigns over airport contract. The transport minister resigned on Monday after "
        "officials said he had favoured a donor's company."
    )


def test_a_withheld_sentence_is_never_the_gist() -> None:
    assert gist(OPENING, cited=[2, 5], withheld=frozenset({2})) == "He denied it."


def test_without_grounded_items_the_first_sentence_of_eight_words_stands_in() -> None:
    assert gist(OPENING, cited=[]).startswith("The transport minister resigned on Monday")


def test_a_gist_over_the_bound_keeps_one_sentence_and_cuts_it_at_a_whole_word() -> None:
    long = split_sentences("The board met. " + "The chief executive resigned after the report " * 8 + "today.")
    assert gist(long, cited=[1, 2]) == "The board met."
    cut = gist(long, cited=[2])
    assert len(cut) <= GIST_CHARS and cut.endswith(" The\u2026") and long[1].text.startswith(cut[:-1])


def test_compose_takes_the_gist_from_the_article_not_from_the_model() -> None:
    result = compose(Draft.model_validate(EXAMPLE_DRAFT), TEXT, SENTENCES)
    # sentence 3 states the resignation, the first grounded item in the article's order
    assert result.gist == SENTENCES[2].text
    assert result.gist in TEXT


def test_the_model_is_not_asked_for_a_gist() -> None:
    assert list(Draft.model_json_schema()["properties"])[-1] == "outcomes"
    assert "gist" not in Draft.model_validate({**EXAMPLE_DRAFT, "gist": "A model's words."}).model_dump()
