"""Which sentences get a question of their own after an article's summary request.

A small model closes its list of allegations early: it states the first and stops.
So after the summary, each sentence with a word of accusing and none of denying
(cues.py) that no item of the reply cites gets one short request of its own:
"sentence [N] reads ...; return the allegations it states". It lists outcomes early
too, so each sentence whose words report an outcome (reported_events.py) that no item
cites is asked for the outcomes it states, unless the code reads each of them whole
(who it concerns among the listed actors). The request repeats the summary request's
system prompt and numbered article, so llama.cpp reuses that prefix and a question
costs only its last lines and its reply. The model decides; [] is a valid answer.
"""

from __future__ import annotations

from summarize.actors import ActorTable
from summarize.cues import cues
from summarize.draft import Draft
from summarize.reported_events import DENIAL, concerned, reported_events
from summarize.segment import Sentence

# Questions per chunk on the embedded model. On other endpoints every question is a
# billed request with the whole article again, so they are off unless asked for.
EMBEDDED_QUESTIONS = 6


def default_questions(embedded: bool) -> int:
    return EMBEDDED_QUESTIONS if embedded else 0


def uncited_accusations(chunk: list[Sentence], reply: Draft, limit: int) -> list[Sentence]:
    """Up to ``limit`` sentences of the chunk, in article order, that have a word of
    accusing, no word of denying, and that no allegation, denial or outcome of ``reply``
    cites. A sentence that denies ("the minister rejects all the claims") points at
    allegations stated elsewhere; asked what it states, the model turns the denial itself
    into an allegation (the denier accusing, or "all the claims" accused)."""
    found = cues(chunk)
    return _uncited(chunk, reply, set(found["allegation"]) - set(found["denial"]), limit)


def uncited_outcomes(chunk: list[Sentence], reply: Draft, limit: int) -> list[Sentence]:
    """Up to ``limit`` sentences of the chunk, in article order, whose words report an
    outcome (reported_events.py) and that no item of ``reply`` cites, the headline aside:
    it reports again what the story tells, and the model's answer about it repeats an
    outcome of the body under another name ("harbour chief" for the chief by name)."""
    reporting = set(cues(chunk)["outcome"]) - {s.number for s in chunk if _headline(s)} - _read_in_code(chunk, reply)
    return _uncited(chunk, reply, reporting, limit)


def _read_in_code(chunk: list[Sentence], reply: Draft) -> set[int]:
    """Sentences each of whose reported outcomes names whom it concerns among the reply's
    actors: `stated-events` adds those outcomes from the words, and a question about them
    only lists them again, or worse typed."""
    actors = ActorTable.listing(" ".join(s.text for s in chunk), reply.actors, loose=True).named()
    read = set()
    for sentence in chunk:
        events = [e for e in reported_events(sentence.text) if e.type != DENIAL]
        if events and all(concerned(sentence.text, event, actors) for event in events):
            read.add(sentence.number)
    return read


def _headline(sentence: Sentence) -> bool:
    """The article's first line when it ends without a full stop, as a title does."""
    return sentence.number == 1 and not sentence.text.rstrip().endswith((".", "!", "?", '"', "\u201d"))


def _uncited(chunk: list[Sentence], reply: Draft, numbers: set[int], limit: int) -> list[Sentence]:
    if limit <= 0:
        return []
    cited = {n for item in (*reply.allegations, *reply.denials, *reply.outcomes) for n in item.sentences}
    return [s for s in chunk if s.number in numbers - cited][:limit]
