"""Named people and bodies an outcome happens to or is done by, as its sentence words it:
"A second trader, Ilse Brandt, was convicted", "the Maritime Authority fined the operator".

The model leaves such names out of its actors, and an outcome is only added (stated
events) for an actor that is listed. Whoever a sentence names right before the words
of an outcome, an apposition or an auxiliary aside, takes part in the story.
"""

from __future__ import annotations

import re

from summarize.reported_events import AFTER_PREPOSITION, APPOSITION, DENIAL, done_to_object, reported_events
from summarize.segment import Sentence
from summarize.speakers import Subject, subjects
from summarize.wording import BE

# What may stand between the name and the outcome's words: an apposition (", 58,",
# ", a former minister,") and auxiliaries ("has", "had been", "was").
_BETWEEN = re.compile(
    r"(?:,[^,.;]{1,60},|,)?\s*(?:(?:has|have|had|was|were|is|are|been|also|later|since|then)\s+)*")

# "in Newtown, Connecticut, have filed": a place after a place, the subject is earlier
_IN_PLACE = re.compile(r"\b(?:in|at|from|near)\s+(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*,\s*$")
_PASSIVE_AUX = re.compile(rf"\b{BE}\s")


def event_subjects(sentences: list[Sentence]) -> list[Subject]:
    """Names right before the words of an outcome (reported_events.py), and right after
    the words of one done to someone ("the board appointed its deputy, Ilse Brandt"), in
    order of appearance; not a place ("police in Kent County arrested") nor a thing withdrawn."""
    events = {s.number: [e for e in reported_events(s.text) if e.type != DENIAL] for s in sentences}
    starts = {n: {e.start for e in found} for n, found in events.items()}
    ends = {s.number: {e.end for e in events[s.number] if done_to_object(s.text, e)} for s in sentences}

    def near_event(sentence: Sentence, name: re.Match[str]) -> bool:
        return after_event(sentence, name) or before_event(sentence, name)

    def after_event(sentence: Sentence, name: re.Match[str]) -> bool:
        return any(re.fullmatch(r"\s*", sentence.text[end: name.start()]) or
                   APPOSITION.fullmatch(sentence.text, end, name.start())
                   for end in ends[sentence.number] if end <= name.start())

    def before_event(sentence: Sentence, name: re.Match[str]) -> bool:
        if any(p.search(sentence.text, 0, name.start()) for p in (AFTER_PREPOSITION, _IN_PLACE)):
            return False
        gap = _BETWEEN.match(sentence.text, name.end())  # always matches, perhaps empty
        assert gap is not None
        if not any(name.end() <= start <= gap.end() for start in starts[sentence.number]):
            return False
        # "the drug has been withdrawn from sale": what is withdrawn is a thing, not an actor
        withdrawn = sentence.text.startswith("withdrawn", gap.end())
        return not (withdrawn and _PASSIVE_AUX.search(gap.group(0)))

    return subjects(sentences, near_event)
