"""Names a sentence gives as the subject of an outcome, for actors the model left out."""

from __future__ import annotations

import pytest

from summarize.event_subjects import event_subjects
from summarize.segment import split_sentences


@pytest.mark.parametrize("text, names", [
    ("The hearing ended. A second trader, Ilse Brandt, was convicted of fraud on Monday.", ["Ilse Brandt"]),
    ("The Maritime Authority fined the ferry operator 2 million euros.", ["Maritime Authority"]),
    ("Vexor Labs has withdrawn the drug from sale.", ["Vexor Labs"]),
    ("Councillor Tomas Lind resigned on Friday.", ["Tomas Lind"]),
    ("Tomas Lind was arrested on Friday.", ["Tomas Lind"]),
    ("Tomas Lind was appointed by Ilse Brandt.", ["Tomas Lind"]),  # passive: the subject only
    # done to someone: the name after the words, or after a description in apposition
    ("A court in Riga convicted Tomas Lind of bribery.", ["Tomas Lind"]),
    ("The board has appointed its finance director, Ilse Brandt, as chief executive.", ["Ilse Brandt"]),
])
def test_the_subject_of_an_outcome_is_named(text: str, names: list[str]) -> None:
    assert [s.name for s in event_subjects(split_sentences(text))] == names


@pytest.mark.parametrize("text", [
    "Police in Kent County arrested two men on Sunday.",  # a place after "in"
    "Families in Dover, Delaware, have filed a lawsuit against the maker.",  # a place after a place
    "The drug Vexor has been withdrawn from sale.",  # a thing withdrawn
    "Ilse Brandt said the ruling would be appealed.",  # no outcome: a verb of saying
    "Critics say Tomas Lind should resign.",  # hedged: no outcome reported
    "Mayor of Fairhaven indicted on bribery counts",  # a headline's office, with no name after it
])
def test_no_subject_where_the_name_is_no_actor_of_an_outcome(text: str) -> None:
    assert event_subjects(split_sentences(text)) == []
