"""Whom a sentence reports what it says from: sentences written for these tests."""

from __future__ import annotations

import pytest

from summarize.attribution import attributed_to, pronoun_speakers
from summarize.wording import Named

ACTORS = [Named("ilse-brandt", ["Ilse Brandt", "Brandt"], True),
          Named("tomas-lind", ["Tomas Lind", "Lind"], True),
          Named("harbour-board", ["Harbour Board", "the board"], False),
          Named("riga", ["Riga"], False)]


@pytest.mark.parametrize("sentence, sources", [
    ("Ilse Brandt said Lind had moved the money abroad.", ["ilse-brandt"]),
    ("The board found that Lind had moved the money abroad.", ["harbour-board"]),
    # an apposition, a lone comma, auxiliaries and a time between the subject and its verb
    ("The board's auditor, Ilse Brandt, said on Monday that Lind had moved the money.", ["ilse-brandt"]),
    ("The Harbour Board, which hired Lind in 2019, has also concluded that he lied.", ["harbour-board"]),
    ("Its chief auditor, Ilse Brandt, told reporters the accounts were false.", ["ilse-brandt"]),
    ("Lind moved the money abroad, said Ilse Brandt.", ["ilse-brandt"]),  # the subject after the verb
    ("Lind moved the money abroad, according to Ilse Brandt.", ["ilse-brandt"]),
    ("Ilse Brandt called the report \"a fabrication\".", ["ilse-brandt"]),
    # a comma closes a phrase: the name in apposition to it speaks
    ("The chair of the Harbour Board, Ilse Brandt, said Lind had lied.", ["ilse-brandt"]),
])
def test_the_sentence_names_who_says_it(sentence: str, sources: list[str]) -> None:
    assert attributed_to(sentence, ACTORS) == sources


@pytest.mark.parametrize("sentence", [
    "Brandt will chair the board until March, the statement said.",  # the statement says it
    "Tomas Lind's lawyer said he would appeal.",  # a possessive is nobody's subject
    "A jury in Riga found that the contract was void.",  # a place after "in"
    "Ilse Brandt may claim that Lind lied.",  # hedged
    "The Brandt family said nothing.",  # a name used as a modifier
    "After the vote (Ilse Brandt called it unfair), Lind left the board.",  # an aside in brackets
    # a name inside a phrase whose head is someone else: the partner or the lawyer speaks
    "A former business partner of candidate Ilse Brandt says Brandt took the money.",
    "A lawyer for Tomas Lind said the accounts were audited.",
    "An aide to Harbour Board chair Ilse Brandt wrote that the board had known.",
])
def test_no_source_where_no_named_actor_says_it(sentence: str) -> None:
    assert attributed_to(sentence, ACTORS) == []


@pytest.mark.parametrize("sentence, pronouns", [
    ("He said the accounts had been audited.", ["he"]),
    ("In a statement issued through her lawyer, she said the panel was wrong.", ["she"]),
    ("His lawyer, Tomas Lind, told the court the grants were approved.", ["his"]),
    ("They may claim otherwise.", []),  # hedged
    ("Brandt said he was sorry.", []),  # a name says it; "he" is what is said
])
def test_pronouns_saying_something(sentence: str, pronouns: list[str]) -> None:
    assert pronoun_speakers(sentence) == pronouns
