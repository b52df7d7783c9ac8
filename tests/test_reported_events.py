"""Outcomes read from a sentence's own words, and who they concern."""

from __future__ import annotations

import pytest

from summarize.reported_events import DENIAL, concerned, reported_events
from summarize.wording import Named
from summarize.schema import OutcomeType as T

ACTORS = [
    Named("flynn", ["Michael Flynn", "Flynn"], person=True),
    Named("nyt", ["New York Times"], person=False),
    Named("gannett", ["Gannett newspaper chain"], person=False),
    Named("board", ["board"], person=False),
    Named("kowalczyk", ["Kowalczyk"], person=True),
    Named("osei", ["Samuel Osei"], person=True),
    Named("commission", ["Ethics Commission"], person=False),
    Named("group", ["Clean Rivers Now"], person=False),
    Named("morgan", ["Morgan"], person=True),
    Named("fca", ["Financial Conduct Authority"], person=False),
    Named("bank", ["Northgate Bank"], person=False),
    Named("agency", ["environment agency"], person=False),
    Named("nrb", ["NRB"], person=False),
    Named("ferreira", ["Julia Ferreira"], person=True),
    Named("albright", ["Denise Albright"], person=True),
    Named("fbi", ["FBI"], person=False),
]


def found(sentence: str) -> list[tuple[T, list[str]]]:
    return [(event.type, concerned(sentence, event, ACTORS)) for event in reported_events(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("Michael Flynn resigned on Monday.", [(T.resignation, ["flynn"])]),
    ("The New York Times and the Gannett newspaper chain filed a motion to unseal the records.",
     [(T.lawsuit, ["nyt", "gannett"])]),
    # the possessive is nobody's subject; the appointee follows the active verb
    ("The board had accepted Kowalczyk's resignation and appointed deputy director Samuel Osei.",
     [(T.appointment, ["osei"])]),
    ("The Ethics Commission said on Wednesday that it had opened an investigation.",
     [(T.investigation, ["commission"])]),
    ("The Financial Conduct Authority has fined Northgate Bank 18 million pounds.", [(T.fine, ["fca", "bank"])]),
    # intransitive: the actor after the verb is not its object
    ("Flynn resigned on Friday after the environment agency accused him.", [(T.resignation, ["flynn"])]),
    # passive: the agent after "by" is not who was arrested
    ("Morgan was arrested by the environment agency.", [(T.arrest, ["morgan"])]),
    # a verb joined by "and" belongs to the sentence's first actor
    ("NRB has retracted a report about Julia Ferreira and apologised to her on air.",
     [(T.apology, ["nrb"]), (T.retraction, ["nrb"])]),
    ("The FBI said it was reopening its probe into the emails.", [(T.investigation, ["fbi"])]),
    ("The Ethics Commission said its investigation into the accident was continuing.",
     [(T.investigation, ["commission"])]),
    ("Kowalczyk denied any wrongdoing.", [(DENIAL, ["kowalczyk"])]),
    # "and" with a few words of title before the second actor
    ("Both Kowalczyk and former deputy director Samuel Osei have denied any wrongdoing.",
     [(DENIAL, ["kowalczyk", "osei"])]),
    ("The board's chair, Denise Albright, rejected that claim.", [(DENIAL, ["albright"])]),
    # an event done to someone in the active voice: the one named after the verb, also in
    # apposition to a description, and also when who did it is no listed actor
    ("The board has dismissed its chief executive, Samuel Osei, after an inquiry.", [(T.dismissal, ["osei"])]),
    ("A court in Kyiv on Monday convicted Samuel Osei of bribery.", [(T.conviction, ["osei"])]),
    ("The prosecutor's office filed the charges against Kowalczyk on June 4.", [(T.charge, ["kowalczyk"])]),
    ("Clean Rivers Now has withdrawn its lawsuit.", [(T.withdrawal, ["group"])]),
    # passive where the words of the event leave out "was": it happened to the subject
    ("Samuel Osei, 58, was convicted of bribery in March.", [(T.conviction, ["osei"])]),
    ("Kowalczyk had been sentenced to three years in prison.", [(T.sentence, ["kowalczyk"])]),
    # a name after a preposition is no subject
    ("Samuel Osei, of the Ethics Commission, resigned on Monday.", [(T.resignation, ["osei"])]),
    # done to someone in the active voice, in other wordings
    ("The Ethics Commission sacked Samuel Osei on Friday.", [(T.dismissal, ["osei"])]),
    ("Police detained Samuel Osei at the airport.", [(T.arrest, ["osei"])]),
    ("The board suspended Kowalczyk on Monday.", [(T.sanction, ["board", "kowalczyk"])]),
    ("The Ethics Commission has ordered an inquiry into the board.", [(T.investigation, ["commission", "board"])]),
    ("Northgate Bank is facing a federal investigation into its lending.", [(T.investigation, ["bank"])]),
    ("Samuel Osei was let go in March.", [(T.dismissal, ["osei"])]),
    ("Charges against Samuel Osei were dropped on Wednesday.", [(T.withdrawal, [])]),  # Osei is no subject
    ("Samuel Osei disputed the findings.", [(DENIAL, ["osei"])]),
    ("The FBI refuted the Washington Post\u2019s allegations.", [(DENIAL, ["fbi"])]),
    ("Kowalczyk pleaded not guilty to three counts of fraud.", [(DENIAL, ["kowalczyk"])]),
    ("Julia Ferreira called the story \u201ca fabrication from start to finish\u201d.", [(DENIAL, ["ferreira"])]),
    # the bare past of investigating, a lawsuit named before its filing (both parties), "quit"
    ("The Ethics Commission investigated the complaint in May.", [(T.investigation, ["commission"])]),
    ("Kowalczyk faces a lawsuit filed by Northgate Bank.", [(T.lawsuit, ["kowalczyk", "bank"])]),
    ("Samuel Osei quit on Friday.", [(T.resignation, ["osei"])]),
])
def test_plain_reports_and_who_they_concern(sentence: str, expected: list) -> None:
    assert sorted(found(sentence)) == sorted(expected)


@pytest.mark.parametrize("sentence", [
    "Flynn would resign if the report were true.",
    "Flynn threatened to sue the New York Times.",
    "Flynn did not resign.",
    "The board called on Flynn to resign.",
    "Flynn refused to step down.",
    "Kowalczyk did not deny the report.",
    "The board rejected the proposal.",  # a decision, not a denial
    "Morgan was denied bail.",  # denied something, not denying
    "Morgan received a suspended sentence.",  # a sentence, no sanction
    "The ousted chairman spoke to Morgan.",  # an epithet, no dismissal reported
    "Flynn threatened to quit.",
    "The Ethics Commission would have investigated Flynn.",
])
def test_hedged_or_absent_events_are_not_reported(sentence: str) -> None:
    assert reported_events(sentence) == []


def test_a_negation_in_an_earlier_clause_hedges_nothing() -> None:
    """"who was not charged, had suspended": the negation is the relative clause's."""
    assert [e.type for e in reported_events("The mayor, who was not charged, had suspended Maret.")] == [T.sanction]
    assert reported_events("The mayor had not suspended Maret.") == []


@pytest.mark.parametrize("sentence", [
    "Clean Rivers Now said she was arrested while filming.",  # "she" is not the group
    "She resigned on Tuesday.",  # nobody named before the verb
    "The judge convicted her and the board appointed him.",  # done to no one named
])
def test_no_guess_when_the_subject_is_not_named(sentence: str) -> None:
    assert all(concerned(sentence, event, ACTORS) == [] for event in reported_events(sentence))
