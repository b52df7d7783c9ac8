"""Named people and bodies an outcome happens to or is done by, as its sentence words it:
"A second trader, Ilse Brandt, was convicted", "the Maritime Authority fined the operator".

The model leaves such names out of its actors, and an outcome is only added (stated
events) for an actor that is listed. Whoever a sentence names right before the words
of an outcome, an apposition or an auxiliary aside, takes part in the story.
"""

from __future__ import annotations

import re

from summarize.reported_events import DENIAL, reported_events
from summarize.segment import Sentence
from summarize.speakers import Speaker, subjects

# What may stand between the name and the outcome's words: an apposition (", 58,",
# ", a former minister,") and auxiliaries ("has", "had been", "was").
_BETWEEN = re.compile(r"(?:,[^,.;]{1,60},|,)?\s*(?:(?:has|have|had|was|were|is|are|been|also|later|since|then)\s+)*")

_PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|been)\s")
# A name after a preposition is not the subject: "the port of Halvern has sued".
_PLACED = re.compile(r"\b(?:in|of|at|from|for|with|by|on|near|to|into|across|against|over)\s+$", re.IGNORECASE)


def event_subjects(sentences: list[Sentence]) -> list[Speaker]:
    """Names right before the words of an outcome (reported_events.py), in order of
    appearance; not a place ("police in Kent County arrested") nor a thing withdrawn."""
    starts = {s.number: {e.start for e in reported_events(s.text) if e.type != DENIAL} for s in sentences}

    def before_event(sentence: Sentence, name: re.Match[str]) -> bool:
        if _PLACED.search(sentence.text, 0, name.start()):
            return False
        gap = _BETWEEN.match(sentence.text, name.end())
        if gap is None or gap.end() not in starts[sentence.number]:
            return False
        # "the drug has been withdrawn from sale": what is withdrawn is a thing, not an actor
        return not (_PASSIVE_AUX.search(gap.group(0)) and sentence.text.startswith("withdrawn", gap.end()))

    return subjects(sentences, before_event)
