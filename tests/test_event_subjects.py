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
])
def test_the_subject_of_an_outcome_is_named(text: str, names: list[str]) -> None:
    assert [s.name for s in event_subjects(split_sentences(text))] == names


@pytest.mark.parametrize("text", [
    "Police in Kent County arrested two men on Sunday.",  # a place after "in"
    "The drug Vexor has been withdrawn from sale.",  # a thing withdrawn
    "Ilse Brandt said the ruling would be appealed.",  # no outcome: a verb of saying
    "Critics say Tomas Lind should resign.",  # hedged: no outcome reported
])
def test_no_subject_where_the_name_is_no_actor_of_an_outcome(text: str) -> None:
    assert event_subjects(split_sentences(text)) == []
