from summarize.segment import normalise, split_sentences
from tests.conftest import EXAMPLE


def test_offsets_index_the_normalised_text_exactly() -> None:
    text = normalise(EXAMPLE.read_text()).text
    sentences = split_sentences(text)
    assert len(sentences) > 10
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert [s.number for s in sentences] == list(range(1, len(sentences) + 1))
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gen. J. K. Kellogg met Mr. Smith in the U.S. on Monday. He left at 5 p.m. Tuesday. Why?"
    assert [s.text for s in split_sentences(text)] == [
        "Gen. J. K. Kellogg met Mr. Smith in the U.S. on Monday.",
        "He left at 5 p.m. Tuesday.",
        "Why?",
    ]


def test_quotes_close_the_sentence_and_lines_always_split() -> None:
    text = "Headline without a stop\n\n“It is false,” she said. “We deny it.” Then she left."
    assert [s.text for s in split_sentences(text)] == [
        "Headline without a stop", "“It is false,” she said.", "“We deny it.”", "Then she left.",
    ]


def test_invisible_and_control_characters_are_removed_and_reported() -> None:
    cleaned = normalise("Bad\u200b actor\U000e0041 said\x07 no.\r\nNext line.")
    assert cleaned.text == "Bad actor said no.\nNext line."
    assert any("invisible" in w for w in cleaned.warnings)
    assert any("control" in w for w in cleaned.warnings)


def test_curly_quotes_dashes_and_diacritics_survive() -> None:
    text = "Zoë Ångström — the minister — said “ŝi” isn’t guilty."
    assert normalise(text).text == text
