import pytest

from summarize.actors import ActorTable
from summarize.compose import compose, merge_drafts, pass_names
from summarize.compose.passes import VERIFY
from summarize.draft import Draft, DraftActor
from summarize.schema import ActorKind
from summarize.segment import normalise, split_sentences
from summarize.wording import mentions
from tests.conftest import EXAMPLE, EXAMPLE_DRAFT

TEXT = normalise(EXAMPLE.read_text()).text
SENTENCES = split_sentences(TEXT)


def _compose(**changes):  # type: ignore[no-untyped-def]
    return compose(Draft.model_validate({**EXAMPLE_DRAFT, **changes}), TEXT, SENTENCES)


def _all(result, section: str) -> list:  # type: ignore[no-untyped-def]
    """A section's items, stated and doubted, in id order."""
    return sorted([*getattr(result, section), *getattr(result.doubted, section)], key=lambda i: int(i.id[1:]))


def test_good_draft_is_fully_grounded_with_exact_spans() -> None:
    result = _compose()
    assert result.warnings == []
    items = [*result.allegations, *result.denials, *result.outcomes]
    assert len(items) == 7 and all(item.grounded for item in items)
    for item in items:
        for e in item.evidence:
            assert TEXT[e.start:e.end] == e.text == SENTENCES[e.sentence - 1].text


def test_names_resolve_to_one_actor_with_aliases() -> None:
    result = _compose()
    by_id = {a.id: a for a in result.actors}
    assert result.allegations[0].accused == ["marta-kowalczyk"]  # "Kowalczyk" → the full name
    assert "Kowalczyk" in by_id["marta-kowalczyk"].aliases
    assert result.allegations[0].accusers == ["port-ellery-gazette"]  # "Gazette"
    assert len([a for a in result.actors if "kowalczyk" in a.id]) == 1


def test_denials_link_to_allegation_ids() -> None:
    result = _compose()
    assert [d.denies for d in result.denials] == ["A1", "A2"]


def test_invented_first_name_gives_way_to_the_article() -> None:
    actors = [dict(EXAMPLE_DRAFT["actors"][0], name="Maria Kowalczyk"), *EXAMPLE_DRAFT["actors"][1:]]
    result = _compose(actors=actors)
    assert "Marta Kowalczyk" in [a.name for a in result.actors]
    assert "Maria Kowalczyk" not in [a.name for a in result.actors]


def test_citation_outside_the_article_is_kept_but_not_grounded() -> None:
    outcomes = [{"actors": ["Marta Kowalczyk"], "type": "arrest",
                 "description": "Kowalczyk was arrested by police.", "sentences": [99]}]
    result = _compose(outcomes=outcomes)
    assert result.outcomes[0].grounded is False
    assert any("O1" in w and "99" in w for w in result.warnings)


def test_a_neighbouring_citation_is_corrected_in_code_and_reported() -> None:
    # The denial is in sentence 5; the model cited sentence 6 (about someone else).
    denials = [dict(EXAMPLE_DRAFT["denials"][0], sentences=[6], claim="Kowalczyk denied any wrongdoing.")]
    result = _compose(denials=denials)
    assert result.denials[0].grounded is True
    assert [e.sentence for e in result.denials[0].evidence] == [5]
    assert any("D1" in w and "[6]" in w and "sentence 5" in w for w in result.warnings)


def test_evidence_that_does_not_mention_the_actor_is_not_grounded() -> None:
    # A fabricated outcome citing a real sentence about someone else.
    outcomes = [{"actors": ["Owen Reyes"], "type": "arrest", "description": "Reyes was arrested.",
                 "sentences": [11]}]
    draft = Draft.model_validate({**EXAMPLE_DRAFT, "outcomes": outcomes})
    result = compose(draft, TEXT, SENTENCES, passes=pass_names(VERIFY))
    assert result.outcomes[0].grounded is False and result.outcomes[0].checks == ["unsupported"]
    assert any("O1" in w and "do not mention" in w for w in result.warnings)


def test_pronoun_evidence_looks_at_the_previous_sentence() -> None:
    denials = [{"deniers": ["Denise Albright"], "denies": None, "claim": "No one was told.",
                "sentences": [9]}]
    assert _compose(denials=denials).denials[0].grounded is True


def test_denial_of_unknown_allegation_is_left_unlinked_not_relinked() -> None:
    denials = [dict(EXAMPLE_DRAFT["denials"][0], denies=7)]
    result = _compose(denials=denials)
    assert result.denials[0].denies is None  # never guessed: A1 is against Kowalczyk too
    assert "D1: points at allegation 7, which does not exist; set to null" in result.warnings


def test_denial_of_an_allegation_left_out_is_left_unlinked() -> None:
    allegations = [dict(EXAMPLE_DRAFT["allegations"][0], accused=["Sentence-like name: who cares?"])]
    denials = [dict(EXAMPLE_DRAFT["denials"][0], denies=1)]
    result = _compose(allegations=allegations, denials=denials)
    assert result.allegations == [] and result.denials[0].denies is None
    assert any(f.code == "unlinked" and f.item == "D1" for f in result.findings)


def test_denial_of_unknown_allegation_becomes_null_when_none_fits() -> None:
    denials = [dict(EXAMPLE_DRAFT["denials"][0], denies=7)]
    result = _compose(denials=denials, allegations=[])
    assert result.denials[0].denies is None
    assert "D1: points at allegation 7, which does not exist; set to null" in result.warnings


def test_duplicate_outcomes_are_merged() -> None:
    outcomes = [EXAMPLE_DRAFT["outcomes"][0], EXAMPLE_DRAFT["outcomes"][0]]
    kind = EXAMPLE_DRAFT["outcomes"][0]["type"]
    assert [o.type.value for o in _compose(outcomes=outcomes).outcomes].count(kind) == 1


def test_chunk_drafts_merge_with_shifted_allegation_numbers() -> None:
    first = Draft.model_validate(EXAMPLE_DRAFT)
    second = Draft.model_validate({**EXAMPLE_DRAFT, "denials": [dict(EXAMPLE_DRAFT["denials"][0], denies=2)]})
    merged = merge_drafts([first, second])
    assert len(merged.allegations) == 4
    assert merged.denials[-1].denies == 4


def test_citing_a_withheld_sentence_is_never_grounded() -> None:
    outcomes = [{"actors": ["Marta Kowalczyk"], "type": "resignation",
                 "description": "Kowalczyk resigned as chief executive.", "sentences": [3]}]
    result = compose(Draft.model_validate({**EXAMPLE_DRAFT, "outcomes": outcomes}), TEXT, SENTENCES,
                     withheld=frozenset({3}))
    assert result.outcomes[0].grounded is False
    assert any("O1" in w and "withheld" in w for w in result.warnings)


def test_outcome_type_is_checked_against_its_evidence() -> None:
    outcomes = [
        # sentence 11 reports an investigation, not a resignation: re-typed
        {"actors": ["Ethics Commission"], "type": "resignation", "description": "The commission acted.", "sentences": [11]},
        # sentence 4 (the allegation) reports no event at all: kept, flagged
        {"actors": ["Marta Kowalczyk"], "type": "resignation", "description": "Kowalczyk quit.", "sentences": [4]},
        # the model's type is supported: kept as it is
        {"actors": ["Marta Kowalczyk"], "type": "resignation", "description": "Kowalczyk resigned.", "sentences": [3]},
    ]
    result = _compose(outcomes=outcomes)
    # the third is Osei's appointment, which the draft leaves out and sentence 10 reports
    assert [o.id for o in result.doubted.outcomes] == ["O2"]
    assert [(o.type.value, o.evidence[0].sentence, o.checks) for o in _all(result, "outcomes")] == \
        [("investigation", 11, []), ("resignation", 4, ["type-unsupported"]), ("resignation", 3, []),
         ("appointment", 10, [])]
    assert any("typed resignation" in w and "investigation" in w for w in result.warnings)
    assert "O2: its evidence reports no resignation" in result.warnings


def test_a_denial_that_repeats_its_allegation_by_its_own_accusers_is_flagged() -> None:
    copied = {"deniers": ["Gazette"], "denies": 1, "sentences": [4],
              "claim": "Kowalczyk approved a contract for her brother's company without any tender."}
    result = _compose(denials=[*EXAMPLE_DRAFT["denials"], copied])
    assert [(d.denies, d.checks) for d in _all(result, "denials")] == \
        [("A1", []), ("A2", []), ("A1", ["copies-allegation"])]
    assert [d.id for d in result.doubted.denials] == ["D3"]


def test_an_accuser_who_denies_something_else_keeps_the_denial() -> None:
    own_words = {"deniers": ["Gazette"], "denies": 1, "sentences": [5],
                 "claim": "The paper rejected calls to retract its report."}
    result = _compose(denials=[*EXAMPLE_DRAFT["denials"], own_words])
    assert len(result.denials) == 3


def test_a_quoted_sentence_listed_as_an_actor_is_left_out_with_a_warning() -> None:
    quote = "Who cares about the harbour anyway?"
    actors = [*EXAMPLE_DRAFT["actors"], {"name": quote, "kind": "other", "role": "reader"},
              {"name": "Henderson, Nev.", "kind": "other", "role": "town"}]
    allegations = [dict(EXAMPLE_DRAFT["allegations"][0], accusers=["Gazette", quote])]
    result = _compose(actors=actors, allegations=allegations)
    names = [a.name for a in result.actors]
    assert quote not in names
    # a place with its state is still a name (left out here only because the text never names it)
    assert not any("reads like a sentence" in w and "Henderson" in w for w in result.warnings)
    assert result.allegations[0].accusers == ["port-ellery-gazette"]
    assert any("reads like a sentence" in w and "Who cares" in w for w in result.warnings)
    assert len([w for w in result.warnings if "reads like a sentence" in w]) == 1  # once, not per mention


def test_a_listed_actor_the_article_never_names_is_left_out_unless_an_item_names_it() -> None:
    made_up = {"name": "Ellery Department of Harbour Safety", "kind": "government", "role": "regulator"}
    result = _compose(actors=[*EXAMPLE_DRAFT["actors"], made_up])
    assert "Ellery Department of Harbour Safety" not in [a.name for a in result.actors]
    assert any("never names it" in w and "Harbour Safety" in w for w in result.warnings)
    allegations = [dict(EXAMPLE_DRAFT["allegations"][0], accusers=["Ellery Department of Harbour Safety"])]
    kept = _compose(actors=[*EXAMPLE_DRAFT["actors"], made_up], allegations=allegations)
    assert "Ellery Department of Harbour Safety" in [a.name for a in kept.actors]


def test_names_listed_apart_stay_apart_and_an_item_name_inside_one_is_read_loosely() -> None:
    table = ActorTable("Sanders spoke. The Sanders campaign sued. Clinton and the Clinton Foundation replied.",
                       loose=True)
    for name in ("Sanders", "Sanders campaign", "Clinton Foundation"):
        table.add(name, ActorKind.other)
    table.freeze()
    assert [a.name for a in table.actors()] == ["Sanders", "Sanders campaign", "Clinton Foundation"]
    assert table.resolve("Clinton Foundation staff") == table.resolve("Clinton Foundation") == "clinton-foundation"


def test_an_item_name_holding_two_listed_names_is_the_one_it_ends_with() -> None:
    """A title before a name: "Port Authority chair Dana Whitlock" is Whitlock, not the
    authority, though it holds both names."""
    table = ActorTable("Dana Whitlock chairs the Port Authority. Port Authority chair Dana Whitlock said so.",
                       loose=True)
    for name in ("Port Authority", "Dana Whitlock"):
        table.add(name, ActorKind.other)
    table.freeze()
    assert table.resolve("Port Authority chair Dana Whitlock") == table.resolve("Dana Whitlock") == "dana-whitlock"
    assert table.resolve("Port Authority board") == "port-authority"
    assert [a.name for a in table.actors()] == ["Port Authority", "Dana Whitlock"]


def test_a_titled_name_is_a_person_not_a_body_that_bears_the_surname() -> None:
    table = ActorTable("The Okafor Foundation paid him. Mrs. Okafor, Grace Okafor's sister, said so.", loose=True)
    table.add("Okafor Foundation", ActorKind.organisation)
    table.freeze()
    assert table.resolve("Mrs. Okafor") != table.resolve("Okafor Foundation") == "okafor-foundation"
    assert table.resolve("Okafor Foundation staff") == "okafor-foundation"


def test_a_surname_two_listed_people_share_is_the_one_named_first() -> None:
    """"Zoltan Brankov resigned. His son, Andrej Brankov, took over. Brankov denied it.":
    the bare surname is the father, named first; the son is told apart by his first name.
    The listing order and the ids' alphabetical order must not decide it."""
    text = "Zoltan Brankov resigned. His son, Andrej Brankov, took over. Brankov denied it."
    table = ActorTable(text)
    for name in ("Andrej Brankov", "Zoltan Brankov"):
        table.add(name, ActorKind.person)
    forms = {n.id: n.forms for n in table.named()}
    assert "Brankov" in forms["zoltan-brankov"] and "Brankov" not in forms["andrej-brankov"]
    assert [a for _, _, a in mentions("Brankov denied it.", table.named())] == ["zoltan-brankov"]


def test_initials_name_the_body_they_abbreviate() -> None:
    table = ActorTable("The Northern Rail Authority (NRA) and the Bureau of Land Records (BLR) met the NR board.",
                       loose=True)
    for name in ("Northern Rail Authority", "Bureau of Land Records"):
        table.add(name, ActorKind.organisation)
    table.freeze()
    assert table.resolve("NRA") == "northern-rail-authority"
    assert table.resolve("the BLR") == "bureau-of-land-records"
    assert table.resolve("NR") not in ("northern-rail-authority", "bureau-of-land-records")


def test_a_name_written_as_a_possessive_is_in_the_text() -> None:
    table = ActorTable("The Board of Control for Cricket in India's unit said so.")
    table.add("Board of Control for Cricket in India", ActorKind.organisation)
    assert table.in_text(table.actors()[0].id)


@pytest.mark.parametrize(("text", "name", "forms"), [
    ("Senator Lorna Dizon spoke. The senator said so.", "Lorna Dizon", ["the senator"]),
    ("Former transport minister Darius Kask was jailed. The minister denied it.", "Darius Kask", ["the minister"]),
    ("National police chief Ramon Ortega resigned. The police chief said so.", "Ramon Ortega",
     ["the police chief"]),
    ("Vice President Ana Ruiz spoke. The vice president and the president said so.", "Ana Ruiz",
     ["the vice president", "the president"]),
    ("Transport Minister Colin Prentice spoke. The minister said so.", "Transport Minister Colin Prentice",
     ["the minister"]),
    # a title the article never writes with "the", and a word before the name that is no title
    ("Senator Lorna Dizon spoke. Dizon said so.", "Lorna Dizon", []),
    ("The memo Lorna Dizon wrote was leaked. The memo said so.", "Lorna Dizon", []),
])
def test_a_person_is_referred_to_by_the_title_the_article_gives_them(text: str, name: str, forms: list) -> None:
    table = ActorTable(text)
    table.add(name, ActorKind.person)
    assert table.descriptions(table.actors()[0].id) == forms


def test_outcome_the_model_left_out_is_read_from_its_sentence() -> None:
    result = _compose(outcomes=[])
    resignation = [o for o in result.outcomes if o.type.value == "resignation"]
    assert [o.actors for o in resignation] == [["marta-kowalczyk"]]
    assert resignation[0].grounded and resignation[0].evidence[0].sentence == 3
    assert any("did not list it" in w and "sentence 3" in w for w in result.warnings)


def test_outcome_the_model_listed_is_not_added_twice() -> None:
    result = _compose()
    assert [o.type.value for o in result.outcomes].count("resignation") == 1


def test_withheld_sentence_yields_no_outcome() -> None:
    draft = Draft.model_validate({**EXAMPLE_DRAFT, "outcomes": []})
    result = compose(draft, TEXT, SENTENCES, withheld=frozenset({3}))
    assert all(e.sentence != 3 for o in result.outcomes for e in o.evidence)


def test_denials_the_model_left_out_are_read_and_linked() -> None:
    result = _compose(denials=[])
    assert [(d.deniers, d.denies) for d in result.denials] == [
        (["marta-kowalczyk"], "A1"),  # the allegation against her
        (["denise-albright"], "A2"),  # "rejected that claim": the one stated just before
    ]
    assert all(d.grounded for d in result.denials)


def test_an_outcome_its_evidence_does_not_report_is_kept_and_flagged() -> None:
    bogus = {"actors": ["Denise Albright"], "type": "investigation",
             "description": "Albright investigated.", "sentences": [2]}  # sentence 2 names nobody
    result = _compose(outcomes=[EXAMPLE_DRAFT["outcomes"][0], bogus])
    bogus_out = _all(result, "outcomes")[1]
    assert bogus_out.grounded is False and "unsupported" in bogus_out.checks
    assert any(w.startswith("O2: cited") for w in result.warnings)


def test_outcome_actor_who_its_sentence_says_it_happened_to_is_added() -> None:
    """The model names someone its cited sentence does not: who the sentence says resigned
    is added, first, and the model's name kept. A body the sentence does name ("of the Port
    Ellery Harbour Authority") is left alone unless the sentence's reading overrides."""
    wrong = dict(EXAMPLE_DRAFT["outcomes"][0], actors=["Owen Reyes"])
    result = _compose(outcomes=[wrong])
    resignation = [o for o in result.outcomes if o.type.value == "resignation"]
    assert [(o.actors, o.evidence[0].sentence, o.grounded) for o in resignation] \
        == [(["marta-kowalczyk", "owen-reyes"], 3, True)]
    assert any(w.startswith("O1: sentence 3 names marta-kowalczyk") for w in result.warnings)
    named = dict(EXAMPLE_DRAFT["outcomes"][0], actors=["Port Ellery Harbour Authority"])
    draft = Draft.model_validate({**EXAMPLE_DRAFT, "outcomes": [named]})
    kept = compose(draft, TEXT, SENTENCES, passes=[p for p in pass_names() if p != "override-roles"])
    assert kept.outcomes[0].actors == ["port-ellery-harbour-authority"]
    assert _compose(outcomes=[named]).outcomes[0].actors == ["marta-kowalczyk", "port-ellery-harbour-authority"]


def test_outcome_actor_the_sentence_confirms_is_kept() -> None:
    result = _compose()
    assert [o.actors for o in result.outcomes][:3] == [["marta-kowalczyk"], ["samuel-osei"], ["ethics-commission"]]
    assert result.warnings == []


def test_a_quoted_actor_the_model_left_out_is_listed_with_a_warning() -> None:
    actors = [a for a in EXAMPLE_DRAFT["actors"] if a["name"] != "Owen Reyes"]
    allegations = [dict(a, accusers=[]) for a in EXAMPLE_DRAFT["allegations"]]
    result = _compose(actors=actors, allegations=allegations)
    reyes = [a for a in result.actors if a.name == "Owen Reyes"]
    assert [(a.kind.value, a.aliases) for a in reyes] == [("person", ["Reyes"])]
    assert any(w.startswith("actor 'Owen Reyes': the model did not list it") for w in result.warnings)


def test_a_quoted_actor_already_listed_under_a_longer_name_is_not_added() -> None:
    result = _compose()  # "Kowalczyk ... said", "Reyes told": both listed by the model
    names = [a.name for a in result.actors]
    assert "Marta Kowalczyk" in names and "Owen Reyes" in names
    assert "Kowalczyk" not in names and "Reyes" not in names


def test_a_denial_the_model_left_unlinked_is_linked_to_the_allegation_against_the_denier() -> None:
    denials = [dict(d, denies=None) for d in EXAMPLE_DRAFT["denials"]]
    result = _compose(denials=denials)
    assert [d.denies for d in result.denials] == ["A1", "A2"]
    assert "D1: the model linked it to no allegation; linked to A1" in result.warnings


def test_a_second_actor_of_a_listed_event_gets_its_own_item() -> None:
    """The model listed Osei's denial only; the sentence names Kowalczyk too."""
    text = ("The Gazette said Kowalczyk and Samuel Osei took bribes. "
            "Both Kowalczyk and deputy director Samuel Osei have denied any wrongdoing.")
    draft = Draft.model_validate({
        "actors": [{"name": "Marta Kowalczyk", "kind": "person", "role": "chief"},
                   {"name": "Samuel Osei", "kind": "person", "role": "deputy"},
                   {"name": "Gazette", "kind": "media", "role": "paper"}],
        "allegations": [{"accusers": ["Gazette"], "accused": ["Marta Kowalczyk", "Samuel Osei"],
                         "claim": "They took bribes.", "sentences": [1]}],
        "denials": [{"deniers": ["Samuel Osei"], "denies": 1, "claim": "Osei denies it.", "sentences": [2]}],
        "outcomes": [],
    })
    result = compose(draft, text, split_sentences(text))
    assert [(d.deniers, d.denies) for d in result.denials] == [(["samuel-osei"], "A1"), (["marta-kowalczyk"], "A1")]
    assert "D2: the model did not list it; sentence 2 reports it in so many words" in result.warnings


def test_a_made_up_first_name_is_not_replaced_by_a_word_before_the_surname() -> None:
    text = "Both Kowalczyk and the board denied it. The attorney for the woman spoke."
    draft = Draft.model_validate({
        "actors": [{"name": "Marta Kowalczyk", "kind": "person", "role": "chief"},
                   {"name": "The attorney for the woman", "kind": "person", "role": "lawyer"}],
        "allegations": [], "denials": [], "outcomes": [],
    })
    names = [a.name for a in compose(draft, text, split_sentences(text)).actors]
    assert names[:2] == ["Marta Kowalczyk", "The attorney for the woman"]  # not "Both Kowalczyk"


def test_who_the_claim_says_was_accused_is_added() -> None:
    wrong = dict(EXAMPLE_DRAFT["allegations"][0], accused=["Denise Albright"],
                 claim="The Gazette reported that Kowalczyk approved the contract without a tender.")
    result = _compose(allegations=[wrong, EXAMPLE_DRAFT["allegations"][1]])
    assert (result.allegations[0].accusers, result.allegations[0].accused) \
        == (["port-ellery-gazette"], ["marta-kowalczyk", "denise-albright"])
    assert any(w.startswith("A1: its claim names marta-kowalczyk as accused, not denise-albright") for w in result.warnings)


def test_a_repeated_allegation_leaves_no_warning_under_its_id() -> None:
    worded = dict(EXAMPLE_DRAFT["allegations"][0], accused=["Denise Albright"],
                  claim="The Gazette reported that Kowalczyk approved the contract without a tender.")
    result = _compose(allegations=[worded, worded, EXAMPLE_DRAFT["allegations"][1]])
    assert [a.id for a in result.allegations] == ["A1", "A2"]
    assert not any(w.startswith("A3") for w in result.warnings)
    assert [(f.item, f.action) for f in result.findings if f.code == "repeat"] == \
        [("allegation 2 (The Gazette reported that Kowalczyk approved the contract wi)", "removed")]


def test_an_allegation_whose_cited_sentence_does_not_name_the_accused_is_flagged() -> None:
    """Sentence 8 names neither Kowalczyk nor anyone accused: kept, not grounded, flagged."""
    miscited = dict(EXAMPLE_DRAFT["allegations"][0], claim="Kowalczyk approved it.", sentences=[8])
    result = _compose(allegations=[miscited, EXAMPLE_DRAFT["allegations"][1]], denials=[])
    assert [(a.accused, a.grounded, a.checks) for a in _all(result, "allegations")] == \
        [(["marta-kowalczyk"], False, ["unsupported"]), (["the-authority-s-board"], True, [])]
    assert [a.id for a in result.doubted.allegations] == ["A1"]
    assert "A1: cited sentence(s) [8] do not mention marta-kowalczyk" in result.warnings


def test_an_accused_the_claim_words_is_added_when_the_model_named_another() -> None:
    actors = [a for a in EXAMPLE_DRAFT["actors"] if a["name"] != "the authority's board"]
    wrong = dict(EXAMPLE_DRAFT["allegations"][1], accused=["Port Ellery Harbour Authority"],
                 claim="City councillor Owen Reyes accused the authority's board of ignoring warnings.")
    result = _compose(actors=actors, allegations=[EXAMPLE_DRAFT["allegations"][0], wrong])
    assert [a.accused for a in result.allegations] \
        == [["marta-kowalczyk"], ["the-authority-s-board", "port-ellery-harbour-authority"]]
    assert result.allegations[1].grounded  # sentence 6 names the board: kept, not left out


def _accusation_draft(allegations: list, denials: list) -> Draft:
    return Draft.model_validate({
        "actors": [{"name": "Marta Kowalczyk", "kind": "person", "role": "chief"},
                   {"name": "Owen Reyes", "kind": "person", "role": "councillor"}],
        "allegations": allegations, "denials": denials, "outcomes": [],
    })


ACCUSING = ("The port held its meeting on Monday. Owen Reyes accused Kowalczyk of approving the contract "
            "without a tender. Kowalczyk denied it.")


def test_an_accusation_the_model_left_out_is_read_from_its_sentence_and_its_denial_linked() -> None:
    draft = _accusation_draft([], [{"deniers": ["Marta Kowalczyk"], "denies": None, "claim": "She denies it.",
                                    "sentences": [3]}])
    result = compose(draft, ACCUSING, split_sentences(ACCUSING))
    assert [(a.accusers, a.accused, a.evidence[0].sentence) for a in result.allegations] == \
        [(["owen-reyes"], ["marta-kowalczyk"], 2)]
    assert "A1: the model did not list it; sentence 2 states it in so many words" in result.warnings
    assert result.denials[0].denies == "A1"


def test_an_accusation_the_model_listed_is_not_added_twice() -> None:
    draft = _accusation_draft([{"accusers": ["Owen Reyes"], "accused": ["Marta Kowalczyk"],
                                "claim": "Kowalczyk approved the contract without a tender.", "sentences": [2]}], [])
    result = compose(draft, ACCUSING, split_sentences(ACCUSING))
    assert len(result.allegations) == 1
    assert not any("states it in so many words" in w for w in result.warnings)


def test_a_person_described_not_named_has_no_surname_alias() -> None:
    table = ActorTable("The attorney for the woman filed papers. The woman did not appear.")
    table.add("The attorney for the woman", ActorKind.person, "lawyer")
    assert table.actors()[0].aliases == []


def test_a_person_described_by_whom_they_work_for_has_no_surname_alias() -> None:
    text = "Through a lawyer, Mr. Brennan denied it. Brennan resigned. Secretary of State John Kerry spoke."
    table = ActorTable(text)
    table.add("a lawyer for Brennan", ActorKind.person, "lawyer")
    table.add("Secretary of State John Kerry", ActorKind.person, "secretary")
    assert [a.aliases for a in table.actors()] == [[], ["Kerry"]]  # the lawyer is not "Brennan"


def test_a_description_the_article_writes_before_a_name_gives_way_to_the_name() -> None:
    table = ActorTable("Republican presidential nominee Donald Trump spoke. Later Trump left. "
                       "The Democratic nominee stayed home.")
    table.add("Donald Trump", ActorKind.person, "candidate")
    table.add("Republican presidential nominee", ActorKind.person, "candidate")
    table.add("Democratic nominee", ActorKind.person, "candidate")  # no name follows it: kept
    assert [a.name for a in table.actors()] == ["Donald Trump", "Democratic nominee"]


def test_who_the_cited_sentence_says_accuses_is_added_to_the_accusers() -> None:
    draft = _accusation_draft([{"accusers": ["Marta Kowalczyk"], "accused": ["Marta Kowalczyk"],
                                "claim": "Kowalczyk approved the contract without a tender.", "sentences": [2]}], [])
    result = compose(draft, ACCUSING, split_sentences(ACCUSING))
    assert [(a.accusers, a.accused) for a in result.allegations] == [(["owen-reyes"], ["marta-kowalczyk"])]  # not Kowalczyk accusing herself
    assert "A1: sentence 2 names owen-reyes as accusing, not marta-kowalczyk; added to the accusers" in result.warnings


def test_a_description_resolves_to_the_one_actor_it_heads() -> None:
    table = ActorTable("The woman who accused Trump of rape dropped her suit. The attorney for the woman filed papers.")
    table.add("The woman who accused Trump of rape", ActorKind.person, "accuser")
    table.add("The attorney for the woman", ActorKind.person, "lawyer")
    table.add("The woman", ActorKind.person, "accuser")  # heads the first, only mentioned in the second
    assert [a.name for a in table.actors()] == ["The woman who accused Trump of rape", "The attorney for the woman"]


def test_a_denial_of_whose_claims_it_names_links_to_that_accusers_allegation() -> None:
    text = ("The Gazette reported that Kowalczyk approved the contract. Owen Reyes accused Kowalczyk of lying. "
            "Kowalczyk refuted the Gazette's report.")
    draft = _accusation_draft(
        [{"accusers": ["Owen Reyes"], "accused": ["Marta Kowalczyk"], "claim": "Kowalczyk lied about the report.",
          "sentences": [2]},
         {"accusers": ["Gazette"], "accused": ["Marta Kowalczyk"], "claim": "She approved a deal.", "sentences": [1]}],
        [{"deniers": ["Marta Kowalczyk"], "denies": None, "claim": "She refutes the report.", "sentences": [3]}])
    draft.actors.append(DraftActor(name="Gazette", kind="media", role="newspaper"))
    result = compose(draft, text, split_sentences(text))
    assert [(a.id, a.accusers) for a in result.allegations] == [("A1", ["owen-reyes"]), ("A2", ["gazette"])]
    assert result.denials[0].denies == "A2"


def _allegation(accusers: list[str], accused: list[str], claim: str, sentence: int) -> dict:
    return {"accusers": accusers, "accused": accused, "claim": claim, "sentences": [sentence]}


def _compose_text(text: str, allegations: list, denials: list | None = None, media: str = ""):  # type: ignore[no-untyped-def]
    """The chief and the councillor's draft (plus a media actor) composed against ``text``."""
    draft = _accusation_draft(allegations, denials or [])
    if media:
        draft.actors.append(DraftActor(name=media, kind="media", role="newspaper"))
    return compose(draft, text, split_sentences(text))


def _roles(result) -> list[tuple[list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(a.accusers, a.accused) for a in result.allegations]


OWNING_UP = ("The port held its meeting on Monday. In a post, Owen Reyes claimed to have voted twice in the "
             "board election. The Gazette reported the post.")
VOTED_TWICE = "Reyes voted twice in the board election."


def test_an_actor_owning_up_to_the_act_is_accuser_and_accused() -> None:
    result = _compose_text(OWNING_UP, [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], VOTED_TWICE, 2)])
    assert _roles(result) == [(["owen-reyes"], ["owen-reyes"])]
    assert "A1: sentence 2 has owen-reyes owning up to it; owen-reyes set as accuser and accused" in result.warnings


def test_an_actor_accusing_only_itself_without_owning_up_is_flagged() -> None:
    text = "The port held its meeting on Monday. Owen Reyes said the board had lost its way."
    result = _compose_text(text, [_allegation(["Owen Reyes"], ["Owen Reyes"], "The board lost its way.", 2)])
    assert result.allegations == [] and [a.checks for a in result.doubted.allegations] == [["self-accusation"]]
    assert any("owen-reyes accuses only owen-reyes" in w for w in result.warnings)


def test_a_denial_copying_its_allegation_is_flagged_even_when_the_accused_is_listed_among_its_accusers() -> None:
    claim = "Kowalczyk approved the contract without a tender."
    both = ["Owen Reyes", "Marta Kowalczyk"]
    result = _compose_text(ACCUSING.removesuffix(" Kowalczyk denied it."),
                           [_allegation(both, ["Marta Kowalczyk"], claim, 2)],
                           [{"deniers": both, "denies": 1, "claim": claim, "sentences": [2]}])
    assert len(result.allegations) == 1 and [d.checks for d in result.doubted.denials] == [["copies-allegation"]]


def test_whoever_owned_up_may_still_deny_it() -> None:
    result = _compose_text(OWNING_UP + " Reyes later denied voting twice.",
                           [_allegation(["Owen Reyes"], ["Owen Reyes"], VOTED_TWICE, 2)],
                           [{"deniers": ["Owen Reyes"], "denies": 1, "claim": VOTED_TWICE, "sentences": [4]}])
    assert [d.denies for d in result.denials] == ["A1"]


def test_a_denial_whose_sentence_has_the_denier_owning_up_is_flagged() -> None:
    text = ("The Gazette reported that Kowalczyk approved the contract. Kowalczyk acknowledged that she had "
            "approved it without a tender. Owen Reyes acknowledged that he had voted for it but denied any wrongdoing.")
    result = _compose_text(
        text, [_allegation(["Gazette"], ["Marta Kowalczyk"], "She approved a deal.", 1)],
        [{"deniers": ["Marta Kowalczyk"], "denies": 1, "claim": "She approved it without a tender.", "sentences": [2]},
         {"deniers": ["Owen Reyes"], "denies": None, "claim": "He denied wrongdoing.", "sentences": [3]}],
        media="Gazette")
    # owning up and denying: still a denial
    assert [(d.deniers, d.checks) for d in _all(result, "denials")] == \
        [(["marta-kowalczyk"], ["admission"]), (["owen-reyes"], [])]
    assert [d.deniers for d in result.denials] == [["owen-reyes"]]
    assert any("has marta-kowalczyk owning up, not denying" in w for w in result.warnings)


def test_a_denial_with_no_word_of_denial_is_flagged() -> None:
    text = ("Owen Reyes accused Kowalczyk of approving the contract without a tender. The Gazette said it "
            "would excuse him that. Kowalczyk called the accusation untrue.")
    excusing = {"deniers": ["Marta Kowalczyk"], "denies": 1, "claim": "Kowalczyk excused Reyes.", "sentences": [2]}
    result = _compose_text(text.removesuffix(" Kowalczyk called the accusation untrue."),
                           [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "She approved a deal.", 1)], [excusing],
                           media="Gazette")
    assert result.denials == [] and [d.checks for d in result.doubted.denials] == [["no-denial-word"]]
    assert "D1: neither its claim nor its sentence(s) [2] word a denial" in result.warnings
    # The accused saying something in the sentence is an answer to the claim, whatever its words
    said = _compose_text("Owen Reyes accused Kowalczyk of approving the contract without a tender. Kowalczyk "
                         "said every contract went through the board.",
                         [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "She approved a deal.", 1)],
                         [dict(excusing, claim="Every contract went through the board.")])
    assert [(d.deniers, d.checks) for d in said.denials] == [(["marta-kowalczyk"], [])]
    # The same sentence under a claim that words a denial stays; so does a sentence that words one.
    for claim, sentence in (("Kowalczyk denies approving it.", 2), ("Kowalczyk excused Reyes.", 3)):
        kept = _compose_text(text, [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "She approved a deal.", 1)],
                             [dict(excusing, claim=claim, sentences=[sentence])])
        assert [(d.deniers, d.checks) for d in kept.denials] == [(["marta-kowalczyk"], [])]


def test_a_denier_saying_no_is_read_where_the_denial_s_evidence_moved() -> None:
    """The model cites a sentence that does not name the denier; its evidence moves to the one
    that does, and that sentence, not the model's, is where the denier's "no" is read."""
    text = ("Owen Reyes accused Kowalczyk of approving the contract without a tender. The port held its meeting "
            "on Monday. \"No rule was broken in the tender,\" the Harbour Trust said.")
    result = _compose_text(text, [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "She approved a deal.", 1)],
                           [{"deniers": ["Harbour Trust"], "denies": 1, "claim": "No rule was broken in the tender.",
                             "sentences": [2]}], media="Harbour Trust")
    assert [([e.sentence for e in d.evidence], d.checks) for d in _all(result, "denials")] == [([3], ["citation-moved"])]
    assert [d.denies for d in result.denials] == ["A1"]


def test_a_denial_citing_the_wrong_sentence_takes_the_one_that_words_it() -> None:
    text = ("Regulator fines Northgate Bank over laundering failures. The regulator said the bank failed to "
            "check its customers. In a statement, the bank said it \"does not accept\" that any customer used its "
            "accounts to launder money.")
    draft = Draft.model_validate({
        "actors": [{"name": "Northgate Bank", "kind": "organisation", "role": "bank"}],
        "allegations": [],
        "denials": [{"deniers": ["Northgate Bank"], "denies": None,
                     "claim": "Northgate Bank did not let customers launder money through its accounts.",
                     "sentences": [1]}],
        "outcomes": [],
    })
    result = compose(draft, text, split_sentences(text))
    assert [(d.deniers, [e.sentence for e in d.evidence], d.grounded) for d in result.denials] == \
        [(["northgate-bank"], [3], True)]
    assert any(w.startswith("D1: ") and "sentence 3 does, so it is the evidence" in w for w in result.warnings)


def test_a_denial_citing_the_lead_in_takes_the_next_sentence_that_words_it() -> None:
    text = ("Owen Reyes accused Kowalczyk of rigging the tender. Kowalczyk said that every bid was scored by "
            "the rules. She denied changing any score. The port board meets in June.")
    result = _compose_text(text, [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "She rigged the tender.", 1)],
                           [{"deniers": ["Marta Kowalczyk"], "denies": 1, "claim": "Bids were scored by the rules.",
                             "sentences": [2]}])
    assert [([e.sentence for e in d.evidence], d.grounded) for d in result.denials] == [([2, 3], True)]
    assert any("sentence 3 does, so it is the evidence" in w for w in result.warnings)


def test_initials_the_model_spaced_out_take_the_articles_form() -> None:
    table = ActorTable("Earlier this month, the U.S. government blamed the attacks on Russia. F. D. Roosevelt Hall is closed.")
    table.add("U. S. government", ActorKind.government, "government")
    table.add("F. D. Roosevelt Hall", ActorKind.other, "venue")  # written spaced in the article: kept
    assert [a.name for a in table.actors()] == ["U.S. government", "F. D. Roosevelt Hall"]


def test_a_victims_claim_keeps_its_accuser_and_accused() -> None:
    text = "The port held its meeting on Monday. Owen Reyes claimed to have been threatened by Kowalczyk."
    result = _compose_text(text, [_allegation(["Owen Reyes"], ["Marta Kowalczyk"], "Kowalczyk threatened Reyes.", 2)])
    assert _roles(result) == [(["owen-reyes"], ["marta-kowalczyk"])]


def test_accuser_and_accused_the_model_swapped_are_swapped_back() -> None:
    result = _compose_text(ACCUSING, [_allegation(["Marta Kowalczyk"], ["Owen Reyes"],
                                                  "The contract was approved without a tender.", 2)])
    assert _roles(result) == [(["owen-reyes"], ["marta-kowalczyk"])]
    assert any("not accused; roles set as it has them" in w for w in result.warnings)


def test_an_allegation_against_someone_the_sentence_has_accusing_takes_the_sentences_roles() -> None:
    text = ("The port held its meeting on Monday. Owen Reyes claimed to have been threatened by the chief's "
            "deputy, Marta Kowalczyk.")
    result = _compose_text(text, [_allegation(["Port Ellery Gazette"], ["Owen Reyes"], "Reyes was threatened.", 2)],
                           media="Port Ellery Gazette")
    assert _roles(result) == [(["owen-reyes"], ["marta-kowalczyk"])]


def test_a_sentence_with_two_accusations_keeps_the_one_the_model_listed() -> None:
    text = ("The port held its meeting on Monday. Owen Reyes accused Kowalczyk of lying, and the Gazette "
            "accused Reyes of leaking the report.")
    result = _compose_text(text, [_allegation(["Gazette"], ["Owen Reyes"], "Reyes leaked the report.", 2)],
                           media="Gazette")
    assert (["gazette"], ["owen-reyes"]) in _roles(result)


GROUP_ACCUSING = ("The Port Ellery Gazette polled readers on Monday. A spate of former staff emerged, claiming "
                  "Kowalczyk had bullied them.")


def test_an_allegation_a_group_makes_has_the_group_added_as_accuser() -> None:
    result = _compose_text(GROUP_ACCUSING, [_allegation(["Port Ellery Gazette"], ["Marta Kowalczyk"],
                                                        "Kowalczyk bullied staff.", 2)], media="Port Ellery Gazette")
    assert _roles(result) == [(["former-staff", "port-ellery-gazette"], ["marta-kowalczyk"])]
    assert {a.id: a.kind for a in result.actors}["former-staff"] is ActorKind.group
    assert any("sentence 2 has former staff accusing" in w for w in result.warnings)


def test_a_group_does_not_replace_an_accuser_its_sentence_names() -> None:
    text = GROUP_ACCUSING.replace("A spate", "The Port Ellery Gazette said a spate")
    result = _compose_text(text, [_allegation(["Port Ellery Gazette"], ["Marta Kowalczyk"],
                                              "Kowalczyk bullied staff.", 2)], media="Port Ellery Gazette")
    assert _roles(result) == [(["port-ellery-gazette"], ["marta-kowalczyk"])]


def _bodies_draft(*names: str) -> Draft:
    draft = _accusation_draft([], [])
    draft.actors.extend(DraftActor(name=name, kind="government", role="regulator") for name in names)
    return draft


AGENCY = ("The port held its meeting on Monday. The State Environment Agency said the port had breached its "
          "permit. The agency has opened a formal investigation.")


def test_a_body_named_by_the_head_of_its_name_is_found_in_a_sentence_that_reports_an_outcome() -> None:
    result = compose(_bodies_draft("State Environment Agency"), AGENCY, split_sentences(AGENCY))
    assert [(o.type.value, o.actors, o.evidence[0].sentence) for o in result.outcomes] == \
        [("investigation", ["state-environment-agency"], 3)]


def test_a_head_two_bodies_share_names_neither() -> None:
    text = AGENCY.replace("The State", "The Water Agency and the State")
    result = compose(_bodies_draft("State Environment Agency", "Water Agency"), text, split_sentences(text))
    assert result.outcomes == []


def test_a_sentence_naming_a_body_by_the_head_of_its_name_supports_its_item() -> None:
    text = ("The attorney general sued the Bright Futures Foundation on Thursday. According to the complaint, "
            "the foundation paid for first-class flights for board members.")
    draft = Draft.model_validate({
        "actors": [{"name": "Renee Whitaker", "kind": "person", "role": "attorney general"},
                   {"name": "Bright Futures Foundation", "kind": "organisation", "role": "charity"}],
        "allegations": [_allegation(["Renee Whitaker"], ["Bright Futures Foundation"],
                                    "The charity paid for luxury flights.", 2)],
        "denials": [], "outcomes": []})
    result = compose(draft, text, split_sentences(text))
    assert [(a.checks, a.grounded, a.evidence[0].sentence) for a in result.allegations] == [([], True, 2)]
