"""Each post-model pass on its own, on sentences written for these tests in several wordings.

Every test composes one reply twice: with only the required passes and the pass under
test, and with the required passes alone, so it shows what that pass (and nothing
else) changes.
"""

from __future__ import annotations

import pytest

from summarize.compose import Composed, compose, pass_names
from summarize.compose.passes import PASSES, SMALL_MODEL, VERIFY, default_passes, parse_passes
from summarize.draft import Draft
from summarize.errors import ConfigError
from summarize.segment import split_sentences

ACTORS = [{"name": "Ruth Kemp", "kind": "person", "role": "mayor"},
          {"name": "Harlan Mining", "kind": "organisation", "role": "miner"},
          {"name": "Daily Tribune", "kind": "media", "role": "newspaper"}]


def _compose(text: str, with_pass: str | None, **reply: list) -> Composed:
    draft = Draft.model_validate({"actors": ACTORS, "allegations": [], "denials": [], "outcomes": [], **reply})
    return compose(draft, text, split_sentences(text), passes=[with_pass] if with_pass else [])


def _both(text: str, name: str, **reply: list) -> tuple[Composed, Composed]:
    return _compose(text, name, **reply), _compose(text, None, **reply)


@pytest.mark.parametrize("text", [
    "The mine reopened. Prosecutor Amir Haddad said the case was closed.",
    "The mine reopened. Dana Whitfield, the union's lawyer, told reporters the case was closed.",
])
def test_quoted_speakers_lists_who_the_article_quotes(text: str) -> None:
    on, off = _both(text, "quoted-speakers")
    added = {a.name for a in on.actors} - {a.name for a in off.actors}
    assert len(added) == 1 and added <= {"Amir Haddad", "Dana Whitfield"}


@pytest.mark.parametrize("text, name", [
    ("The mine reopened. A second foreman, Ilse Brandt, was convicted of fraud on Monday.", "Ilse Brandt"),
    ("The mine reopened. The Maritime Authority fined Harlan Mining 2 million pounds.", "Maritime Authority"),
])
def test_event_subjects_lists_who_an_outcome_names(text: str, name: str) -> None:
    on, off = _both(text, "event-subjects")
    assert {a.name for a in on.actors} - {a.name for a in off.actors} == {name}


@pytest.mark.parametrize("claim", [
    "The Daily Tribune accused Harlan Mining of polluting the river.",
    "The Daily Tribune reported that Harlan Mining polluted the river.",
])
def test_claim_roles_adds_the_accused_the_claim_names(claim: str) -> None:
    text = "The Daily Tribune visited Harlan Mining. Its report says the miner polluted the river for years."
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": claim,
                              "sentences": [2]}]}
    on, off = _both(text, "claim-roles", **reply)
    assert off.allegations[0].accused == ["ruth-kemp"]
    assert on.allegations[0].accused == ["harlan-mining", "ruth-kemp"]  # the model's name kept beside it


def test_claim_roles_adds_the_actor_the_claim_says_did_it() -> None:
    text = "The Daily Tribune visited the valley. Its report says Harlan Mining polluted the river for years."
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"],
                              "claim": "Harlan Mining polluted the river for years.", "sentences": [2]}]}
    on, off = _both(text, "claim-roles", **reply)
    assert off.allegations[0].accused == ["ruth-kemp"]
    assert on.allegations[0].accused == ["ruth-kemp", "harlan-mining"]


def test_claim_roles_leaves_roles_the_cited_sentence_bears_out() -> None:
    text = "The council met. The Daily Tribune reported that Ruth Kemp hid the losses."
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"],
                              "claim": "Harlan Mining accused Ruth Kemp of hiding losses.", "sentences": [2]}]}
    on = _compose(text, "claim-roles", **reply)
    assert (on.allegations[0].accusers, on.allegations[0].accused) == (["daily-tribune"], ["ruth-kemp"])


@pytest.mark.parametrize("sentence", [
    "In a post, Ruth Kemp claimed to have shredded the ballots.",
    "Ruth Kemp admitted shredding the ballots.",
])
def test_sentence_roles_makes_who_owns_up_both_accuser_and_accused(sentence: str) -> None:
    text = f"The count was held. {sentence}"
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"],
                              "claim": "Kemp shredded the ballots.", "sentences": [2]}]}
    on, off = _both(text, "sentence-roles", **reply)
    assert off.allegations[0].accusers == ["daily-tribune"]
    assert (on.allegations[0].accusers, on.allegations[0].accused) == (["ruth-kemp"], ["ruth-kemp"])


def test_sentence_roles_flags_an_actor_accusing_only_itself() -> None:
    text = "The count was held. Ruth Kemp said the count had gone badly."
    reply = {"allegations": [{"accusers": ["Ruth Kemp"], "accused": ["Ruth Kemp"],
                              "claim": "The count went badly.", "sentences": [2]}]}
    on, off = _both(text, "sentence-roles", **reply)
    assert on.allegations[0].checks == ["self-accusation"] and off.allegations[0].checks == []


@pytest.mark.parametrize("sentence, accusers", [
    ("An inspector, Ruth Kemp, found that Harlan Mining had dumped waste in the river.", ["ruth-kemp", "daily-tribune"]),
    ("Harlan Mining dumped waste in the river, according to Ruth Kemp.", ["ruth-kemp", "daily-tribune"]),
    ("Harlan Mining said it had never dumped waste in the river.", ["daily-tribune"]),  # the accused speaks
])
def test_sentence_roles_adds_whom_the_sentence_reports_the_claim_from(sentence: str, accusers: list[str]) -> None:
    text = f"The mine reopened. {sentence}"
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Harlan Mining"],
                              "claim": "Harlan Mining dumped waste.", "sentences": [2]}]}
    on, off = _both(text, "sentence-roles", **reply)
    assert off.allegations[0].accusers == ["daily-tribune"]
    assert on.allegations[0].accusers == accusers


@pytest.mark.parametrize("sentence, roles", [
    ("The Daily Tribune said Harlan Mining's managers had hidden the spill.", (["daily-tribune"], ["harlan-mining"])),
    # the accused rejecting the claim: the model's roles stand
    ("The Daily Tribune said Harlan Mining's account was false.", (["harlan-mining"], ["daily-tribune"])),
])
def test_sentence_roles_turns_round_roles_the_sentence_reports_the_other_way(sentence: str, roles: tuple) -> None:
    text = f"The mine reopened. {sentence}"
    reply = {"allegations": [{"accusers": ["Harlan Mining"], "accused": ["Daily Tribune"],
                              "claim": "The spill was hidden.", "sentences": [2]}]}
    on, off = _both(text, "sentence-roles", **reply)
    assert (off.allegations[0].accusers, off.allegations[0].accused) == (["harlan-mining"], ["daily-tribune"])
    assert (on.allegations[0].accusers, on.allegations[0].accused) == roles


def test_sentence_roles_leaves_the_roles_where_a_cited_sentence_has_the_models_accuser_saying_it() -> None:
    text = ("The mine reopened. The Daily Tribune said Harlan Mining's managers had hidden the spill. "
            "Harlan Mining said the spill the Daily Tribune described did not happen.")
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Harlan Mining"],
                              "claim": "Harlan Mining hid the spill.", "sentences": [2, 3]}]}
    on, _ = _both(text, "sentence-roles", **reply)
    assert (on.allegations[0].accusers, on.allegations[0].accused) == (["daily-tribune"], ["harlan-mining"])


@pytest.mark.parametrize(("sentence", "typed", "becomes", "checks"), [
    ("The league fined Harlan Mining two million euros.", "resignation", "fine", []),
    ("Harlan Mining was sued by three families.", "arrest", "lawsuit", []),
    ("Harlan Mining held its annual meeting.", "resignation", "resignation", ["type-unsupported"]),
    ("Harlan Mining held its annual meeting.", "investigation", "investigation", ["type-unsupported"]),
    # a type the shape does not show is the model's own choice: kept without the words
    ("Harlan Mining held its annual meeting.", "arrest", "arrest", []),
    ("Harlan Mining was moved out of its role as operator.", "sanction", "sanction", []),
    ("Harlan Mining was forced to withdraw its bid.", "withdrawal", "withdrawal", []),
    ("The council removed Harlan Mining as operator of the site.", "dismissal", "dismissal", []),
])
def test_outcome_types_retypes_or_flags_by_the_words_of_the_evidence(
        sentence: str, typed: str, becomes: str, checks: list[str]) -> None:
    text = f"The season ended. {sentence}"
    reply = {"outcomes": [{"actors": ["Harlan Mining"], "type": typed, "description": "It happened.",
                           "sentences": [2]}]}
    on, off = _both(text, "outcome-types", **reply)
    assert off.outcomes[0].type.value == typed
    assert (on.outcomes[0].type.value, on.outcomes[0].checks) == (becomes, checks)


@pytest.mark.parametrize("sentence", ["Ruth Kemp resigned on Monday.", "Ruth Kemp stepped down on Monday."])
def test_outcome_actors_adds_who_the_sentence_says_it_happened_to(sentence: str) -> None:
    text = f"The council met. {sentence}"
    reply = {"outcomes": [{"actors": ["Daily Tribune"], "type": "resignation", "description": "Resigned.",
                           "sentences": [2]}]}
    on, off = _both(text, "outcome-actors", **reply)
    assert off.outcomes[0].actors == ["daily-tribune"] and on.outcomes[0].actors == ["ruth-kemp", "daily-tribune"]


def test_repeats_removes_an_item_listed_twice_but_keeps_two_claims_of_one_sentence() -> None:
    text = "The council met. The Daily Tribune said Ruth Kemp hid the losses and lied to auditors."
    hid = {"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid the losses.", "sentences": [2]}
    lied = dict(hid, claim="Kemp lied to the auditors.")
    on, off = _both(text, "repeats", allegations=[hid, hid, lied])
    assert [a.claim for a in off.allegations] == ["Kemp hid the losses."] * 2 + ["Kemp lied to the auditors."]
    assert [a.claim for a in on.allegations] == ["Kemp hid the losses.", "Kemp lied to the auditors."]


def test_same_event_keeps_one_outcome_of_a_type_and_its_actors() -> None:
    text = "Ruth Kemp resigned on Monday. Her resignation surprised the council."
    first = {"actors": ["Ruth Kemp"], "type": "resignation", "description": "Kemp resigned.", "sentences": [1]}
    again = dict(first, description="Her resignation surprised everyone.", sentences=[2])
    on, off = _both(text, "same-event", outcomes=[first, again])
    assert len(off.outcomes) == 2 and [o.evidence[0].sentence for o in on.outcomes] == [1]


@pytest.mark.parametrize("sentence", [
    "The Daily Tribune accused Ruth Kemp of hiding losses.",
    "Ruth Kemp was accused by the Daily Tribune of hiding losses.",
])
def test_stated_accusations_adds_an_accusation_worded_with_a_verb_of_accusing(sentence: str) -> None:
    on, off = _both(f"The council met. {sentence}", "stated-accusations")
    assert off.allegations == []
    assert [(a.accusers, a.accused) for a in on.allegations] == [(["daily-tribune"], ["ruth-kemp"])]


@pytest.mark.parametrize(("sentence", "checks"), [
    ("Ruth Kemp said she would excuse him that.", ["no-denial-word"]),
    ("Ruth Kemp said she had done nothing wrong.", []),
    ("Ruth Kemp called the report baseless.", []),
])
def test_denial_wording_flags_a_denial_that_words_none(sentence: str, checks: list[str]) -> None:
    text = f"The Daily Tribune accused Ruth Kemp of hiding losses. {sentence}"
    reply = {"denials": [{"deniers": ["Ruth Kemp"], "denies": None, "claim": "Kemp responded.", "sentences": [2]}]}
    on, off = _both(text, "denial-wording", **reply)
    assert off.denials[0].checks == [] and on.denials[0].checks == checks


@pytest.mark.parametrize("sentence, denier, checks", [
    ("Ruth Kemp said every account had been audited.", "Ruth Kemp", []),  # the accused answers
    ("Ruth Kemp's lawyer, Dana Whitfield, said every account had been audited.", "Dana Whitfield", []),
    ("She said every account had been audited.", "Ruth Kemp", []),  # a pronoun for the accused
    ("Her lawyer said every account had been audited.", "Ruth Kemp", []),
    ("It said every account had been audited.", "Ruth Kemp", ["no-denial-word"]),  # "it" is not Kemp
    ("Dana Whitfield said every account had been audited.", "Dana Whitfield", ["no-denial-word"]),  # a third party
    # someone introduced as speaking for the accused, by name or by her pronoun
    ("A spokesman for Kemp, Dana Whitfield, said every account had been audited.", "Dana Whitfield", []),
    ("Her lawyer, Dana Whitfield, said every account had been audited.", "Dana Whitfield", []),
    ("Its lawyer, Dana Whitfield, said every account had been audited.", "Dana Whitfield", ["no-denial-word"]),
    ("Kemp's office said every account had been audited.", "Ruth Kemp", []),  # the accused's side
])
def test_denial_wording_takes_an_accused_answer_for_a_denial(sentence: str, denier: str, checks: list[str]) -> None:
    text = f"The Daily Tribune accused Ruth Kemp of hiding losses. {sentence}"
    reply = {"actors": [*ACTORS, {"name": "Dana Whitfield", "kind": "person", "role": "lawyer"}],
             "allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid losses.",
                              "sentences": [1]}],
             "denials": [{"deniers": [denier], "denies": 1, "claim": "The accounts were audited.", "sentences": [2]}]}
    on = _compose(text, "denial-wording", **reply)
    assert on.denials[0].checks == checks


@pytest.mark.parametrize("sentence, denier, checks", [
    # the denier says something negated: their answer, in whatever words
    ("Dana Whitfield said the money had not moved from its account.", "Dana Whitfield", []),
    ("\"Not one pound went missing,\" Dana Whitfield told reporters.", "Dana Whitfield", []),
    # a negation someone else says, or none at all
    ("Dana Whitfield said Ruth Kemp had not answered.", "Ruth Kemp", ["no-denial-word"]),
    # the accuser's own negation restates the claim ("... and did nothing")
    ("The Daily Tribune said Ruth Kemp had not explained the losses.", "Daily Tribune", ["no-denial-word"]),
    ("Dana Whitfield said every account had been audited.", "Dana Whitfield", ["no-denial-word"]),
])
def test_denial_wording_takes_a_deniers_negated_statement_for_a_denial(sentence: str, denier: str,
                                                                       checks: list[str]) -> None:
    text = f"The Daily Tribune accused Ruth Kemp of hiding losses. {sentence}"
    reply = {"actors": [*ACTORS, {"name": "Dana Whitfield", "kind": "person", "role": "auditor"}],
             "allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid losses.",
                              "sentences": [1]}],
             "denials": [{"deniers": [denier], "denies": 1, "claim": "The accounts were fine.", "sentences": [2]}]}
    assert _compose(text, "denial-wording", **reply).denials[0].checks == checks


def test_someone_introduced_earlier_as_speaking_for_the_accused_answers_for_them() -> None:
    text = ("The Daily Tribune accused Ruth Kemp of hiding losses. Her lawyer, Dana Whitfield, asked for time. "
            "Whitfield said every account had been audited.")
    reply = {"actors": [*ACTORS, {"name": "Dana Whitfield", "kind": "person", "role": "lawyer"}],
             "allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid losses.",
                              "sentences": [1]}],
             "denials": [{"deniers": ["Dana Whitfield"], "denies": 1, "claim": "The accounts were audited.",
                          "sentences": [3]}]}
    assert _compose(text, "denial-wording", **reply).denials[0].checks == []
    stranger = text.replace("Her lawyer, Dana Whitfield,", "A reader, Dana Whitfield,")
    assert _compose(stranger, "denial-wording", **reply).denials[0].checks == ["no-denial-word"]


def test_doubt_keeps_an_allegation_its_accused_answers_whatever_its_citation() -> None:
    text = ("The Daily Tribune accused Ruth Kemp of hiding losses. The council met on Monday. "
            "Ruth Kemp said every account had been audited.")
    miscited = {"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid losses.", "sentences": [2]}
    answer = {"deniers": ["Ruth Kemp"], "denies": 1, "claim": "The accounts were audited.", "sentences": [3]}
    draft = Draft.model_validate({"actors": ACTORS, "allegations": [miscited], "denials": [answer], "outcomes": []})
    unanswered = Draft.model_validate({"actors": ACTORS, "allegations": [miscited], "denials": [], "outcomes": []})
    passes = ["denial-wording", "doubt"]
    on = compose(draft, text, split_sentences(text), passes=passes)
    off = compose(unanswered, text, split_sentences(text), passes=passes)
    assert [a.checks for a in off.doubted.allegations] == [["unsupported"]] and off.allegations == []
    assert [(a.id, a.checks) for a in on.allegations] == [("A1", ["unsupported"])]
    assert [d.denies for d in on.denials] == ["A1"]


@pytest.mark.parametrize("sentence", ["Ruth Kemp rejected the Tribune's report.", "Ruth Kemp denied it."])
def test_link_denials_links_a_denial_the_model_left_unlinked(sentence: str) -> None:
    text = f"The Daily Tribune accused Ruth Kemp of hiding losses. {sentence}"
    reply = {"allegations": [{"accusers": ["Daily Tribune"], "accused": ["Ruth Kemp"], "claim": "Kemp hid losses.",
                              "sentences": [1]}],
             "denials": [{"deniers": ["Ruth Kemp"], "denies": None, "claim": "Kemp denied it.", "sentences": [2]}]}
    on, off = _both(text, "link-denials", **reply)
    assert off.denials[0].denies is None and on.denials[0].denies == "A1"


@pytest.mark.parametrize(("sentence", "added"), [
    ("Ruth Kemp resigned on Monday.", [("resignation", ["ruth-kemp"])]),
    ("Harlan Mining was fined by the regulator.", [("fine", ["harlan-mining"])]),
    ("Ruth Kemp threatened to resign.", []),
    ("Ruth Kemp would not resign.", []),
])
def test_stated_events_adds_an_event_reported_in_plain_words(sentence: str, added: list) -> None:
    on, off = _both(f"The council met. {sentence}", "stated-events")
    assert off.outcomes == []
    assert [(o.type.value, o.actors) for o in on.outcomes] == added


def test_the_pass_list_is_fixed_and_each_pass_is_named_for_a_kind() -> None:
    assert [p.name for p in PASSES][:5] == ["merge-names", "override-roles", "quoted-speakers", "event-subjects", "read-items"]
    assert {p.kind for p in PASSES} == {VERIFY, SMALL_MODEL}
    assert default_passes(embedded=True) == pass_names()
    assert default_passes(embedded=False) == ["read-items", "ground", "repeats"]


def test_passes_are_chosen_by_name_kind_or_subtraction() -> None:
    assert parse_passes("verify", embedded=True) == ["read-items", "ground", "repeats"]
    assert "stated-events" not in parse_passes("-stated-events", embedded=True)
    assert parse_passes("verify,stated-events", embedded=False) == ["read-items", "ground", "repeats", "stated-events"]
    with pytest.raises(ConfigError, match="no pass 'nope'"):
        parse_passes("nope", embedded=True)
