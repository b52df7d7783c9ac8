"""Sentence numbers worth a second look, computed in code and given to the model as a
hint, never used to filter: where a sentence has a word of accusing, of denying, or
reports an outcome. The model decides what, if anything, each states."""

from __future__ import annotations

import re

from summarize.denial_words import rejects
from summarize.reported_events import DENIAL, reported_events
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


def _accusing(text: str) -> bool:
    return any(not _NAMING.match(m.group(0)) or _CONTENT.match(text, m.end()) for m in _ACCUSING.finditer(text))


def cues(sentences: list[Sentence]) -> dict[str, list[int]]:
    """Numbers of the sentences that may state an allegation, a denial or an outcome."""
    found: dict[str, list[int]] = {"allegation": [], "denial": [], "outcome": []}
    for sentence in sentences:
        events = reported_events(sentence.text)
        if _accusing(sentence.text):
            found["allegation"].append(sentence.number)
        if rejects(sentence.text) or any(e.type == DENIAL for e in events):
            found["denial"].append(sentence.number)
        if any(e.type != DENIAL for e in events):
            found["outcome"].append(sentence.number)
    return found
