import pytest

from summarize.outcome_types import SHAPE_TYPES, supported_type
from summarize.schema import OutcomeType as T
from tests.test_prompt_shape import prompt_shape


@pytest.mark.parametrize(("claimed", "evidence", "expected"), [
    (T.resignation, "Flynn resigned on Monday.", T.resignation),
    (T.investigation, "The FBI is reviewing new evidence, reopening its probe.", T.investigation),
    # the model's type is wrong, and the words of exactly one other type are there
    (T.resignation, "The regulator fined the bank 18 million pounds.", T.fine),
    (T.settlement, "Northgate Bank agreed to settle the case at an early stage.", T.settlement),
    # a threat, a prospect or a negation reports nothing
    (T.lawsuit, "This followed Trump's recent threats to sue The New York Times.", None),
    (T.charge, "He fears he would be extradited to face espionage charges.", None),
    (T.resignation, "Ryan has not resigned and will not step down.", None),
    # a subject that negates the event: nobody was convicted, charged or arrested
    (T.conviction, "So far nobody has been convicted over the leak.", None),
    (T.charge, "No one has been charged after the raid.", None),
    (T.arrest, "Nobody was arrested at the scene.", None),
])
def test_an_outcome_type_needs_its_words_stated_in_the_evidence(claimed: T, evidence: str, expected: T | None) -> None:
    assert supported_type(claimed, evidence) is expected


@pytest.mark.parametrize(("claimed", "evidence"), [
    (T.resignation, "Ortiz was forced to resign after the audit."),
    (T.withdrawal, "Her lawyer filed papers to drop the federal suit on Friday."),
    (T.withdrawal, "The assault case against the aide was dropped."),
    (T.settlement, "The two firms agreed to settle."),
])
def test_a_to_after_a_decision_compulsion_or_filing_does_not_hedge(claimed: T, evidence: str) -> None:
    assert supported_type(claimed, evidence) is claimed


def test_to_before_a_noun_is_no_hedge() -> None:
    assert supported_type(T.resignation, "The leak led to the resignation of the party chair.") is T.resignation
    assert supported_type(T.lawsuit, "He threatened to sue the paper.") is None


@pytest.mark.parametrize(("claimed", "evidence"), [
    (T.investigation, "The state attorney general's office said it had opened a review of the charity's filings."),
    (T.investigation, "The league said its inquiry into the club remained open."),
])
def test_what_the_reader_of_reported_events_takes_as_that_event_supports_the_type(claimed: T, evidence: str) -> None:
    """The type check and `stated-events` read one sentence alike: an outcome the one would
    add is not one the other flags."""
    assert supported_type(claimed, evidence) is claimed


def test_a_review_that_is_not_reported_as_opened_still_supports_nothing() -> None:
    assert supported_type(T.investigation, "The board will review the contract next year.") is None


@pytest.mark.parametrize(("claimed", "evidence"), [
    (T.dismissal, "The federation has ended the contract of its head coach, Derek Holm."),
    (T.dismissal, "A professor has been stripped of her chair."),
    (T.appointment, "Mrs Osei-Bonsu was reinstated on Monday."),
    (T.appointment, "Assistant coach Lena Marsh will lead the team on an interim basis."),
    (T.sanction, "A senior aide was placed on unpaid leave on Thursday."),
    (T.investigation, "The Central Bank is also examining whether the firm met its obligations."),
    (T.withdrawal, "A television station stopped airing the campaign ad on Friday."),
    (T.resignation, "The fund's investment chief announced his retirement on Tuesday."),
    (T.acquittal, "A disciplinary panel has cleared the head teacher of gross misconduct."),
    (T.lawsuit, "A class action on behalf of customers was filed at the High Court on Friday."),
    (T.sanction, "The board relieved its director, Katharina Steiner, of her duties on Tuesday."),
    (T.sanction, "The ombudsman ordered the six-month suspension of 11 officers."),
    (T.sanction, "The trainer has been deregistered for three years."),
    (T.sanction, "The council voted to freeze the mayor's expense account."),
    (T.investigation, "The ethics committee issued a subpoena for the senator's bank records."),
    # a penalty paid under a settlement is still the settlement, not retyped a fine (and then
    # removed as the same event as the fine itself)
    (T.settlement, "The bank agreed to pay the penalty under a consent order with the regulator."),
    (T.settlement, "The group agreed to pay $20,000 and amend its reports as part of a conciliation agreement."),
])
def test_the_common_wordings_of_a_type_support_it(claimed: T, evidence: str) -> None:
    assert supported_type(claimed, evidence) is claimed


@pytest.mark.parametrize(("claimed", "evidence"), [
    (T.resignation, "Retired Lt. Gen. Michael Flynn became agitated on Wednesday."),  # a title, not a retirement
    (T.appointment, "He and other leaders, acting in concert, could have stopped him."),
    (T.ruling, "This political decision destroys credibility."),
    (T.acquittal, "The mayor pleaded not guilty on Monday."),  # a plea, not a verdict
    (T.sanction, "Officials from the Fresno office attended."),  # "fr..." inside another word
])
def test_words_that_only_look_like_a_type_support_nothing(claimed: T, evidence: str) -> None:
    assert supported_type(claimed, evidence) is None


def test_an_outcome_whose_own_words_are_there_hedged_is_not_retyped_by_another_types_words() -> None:
    evidence = "The board agreed on Monday to commission that review, to be carried out by a retired judge."
    assert supported_type(T.investigation, evidence) is None  # not a ruling for "judge"
    assert supported_type(T.resignation, "The regulator fined the bank 18 million pounds.") is T.fine


def test_the_flagged_types_are_those_the_prompt_shape_shows() -> None:
    shown = {item["type"] for item in prompt_shape()["outcomes"]}
    assert shown == {t.value for t in SHAPE_TYPES}
