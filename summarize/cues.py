"""Sentence numbers worth a second look, computed in code: where a sentence has a word
of accusing (the questions about single sentences ask about those), of denying, or
reports an outcome. The model decides what, if anything, each states."""

from __future__ import annotations

import re

from summarize.denial_words import rejects
from summarize.reported_events import DENIAL, ReportedEvent, reported_events
from summarize.schema import OutcomeType
from summarize.segment import Sentence

_ACCUSING = re.compile(
    r"\b(?:accus\w*|alleg\w*|blam\w*|charg(?:ed|es|ing)|suspect\w*|suspicion|misconduct|wrongdoing|fraud\w*|"
    r"corrupt\w*|brib\w*|abus\w*|harass\w*|assault\w*|lied|lying|illegal\w*|improper\w*|violat\w*)\b",
    re.IGNORECASE,
)


# A noun that names accusations without stating one: "a week of allegations", "the
# accusers have come forward". It states one only with its content or target after it
# ("allegations that he lied", "accusations of fraud against the mayor").
_NAMING = re.compile(r"(?:allegations?|accusations?|accusers?)$", re.IGNORECASE)
_CONTENT = re.compile(r"\s+(?:that|of|against|about|by|from)\b", re.IGNORECASE)


# A legal outcome the sentence reports, with the word of accusing in its words or just
# after them ("was charged with fraud", "convicted of taking bribes", "the court
# acquitted her of misconduct"): the outcome, not an allegation to ask about.
_LEGAL = {OutcomeType.charge, OutcomeType.conviction, OutcomeType.acquittal, OutcomeType.sentence,
          OutcomeType.withdrawal, OutcomeType.ruling}
_BEFORE, _AFTER = 5, 40  # characters around the outcome's words: "convicted of taking bribes"


def _accusing(text: str, events: list[ReportedEvent]) -> bool:
    legal = [e for e in events if e.type in _LEGAL]
    for m in _ACCUSING.finditer(text):
        if _NAMING.match(m.group(0)) and not _CONTENT.match(text, m.end()):
            continue
        if any(e.start - _BEFORE <= m.start() <= e.end + _AFTER for e in legal):
            continue
        return True
    return False


def cues(sentences: list[Sentence]) -> dict[str, list[int]]:
    """Numbers of the sentences that may state an allegation, a denial or an outcome."""
    found: dict[str, list[int]] = {"allegation": [], "denial": [], "outcome": []}
    for sentence in sentences:
        events = reported_events(sentence.text)
        if _accusing(sentence.text, events):
            found["allegation"].append(sentence.number)
        if rejects(sentence.text) or any(e.type == DENIAL for e in events):
            found["denial"].append(sentence.number)
        if any(e.type != DENIAL for e in events):
            found["outcome"].append(sentence.number)
    return found
