"""Checks of what an item says against the words of its evidence: an outcome's type, a
denial's wording, an item listed twice. Doubted items are flagged, not dropped."""

from __future__ import annotations

import re

from summarize.accusations import self_accusers
from summarize.attribution import attributed_to
from summarize.compose.answers import answers
from summarize.compose.state import CORRECTED, FLAGGED, REMOVED, Composition, Item
from summarize.denial_words import rejects
from summarize.grounding import best_sentence, ground
from summarize.outcome_types import SHAPE_TYPES, supported_type
from summarize.reported_events import DENIAL, reported_events
from summarize.wording import words

_CONTINUES = re.compile(r"(?:He|She|They|It)\b")  # a sentence going on about the one before's subject


def outcome_types(c: Composition) -> None:
    """An outcome whose evidence has no word of its type is re-typed when the evidence
    reports exactly one other kind of event, and flagged when it reports none and its type
    is one the prompt's shape shows (outcome_types.py says why)."""
    for item in c.of("outcomes"):
        if not item.located:
            continue
        assert item.type is not None
        kind = supported_type(item.type, " ".join(e.text for e in item.evidence))
        if kind is None:
            if item.type in SHAPE_TYPES:
                item.flag("type-unsupported")
                c.note("type-unsupported", item, FLAGGED, f"its evidence reports no {item.type.value}")
        elif kind is not item.type:
            c.note("retyped", item, CORRECTED, f"typed {item.type.value} by the model; its evidence reports a "
                   f"{kind.value}")
            item.type = kind


def repeats(c: Composition) -> None:
    """An item listed twice (same actors, type and cited sentences, and a claim in much
    the same words) is removed; denials of the repeat deny the one kept. Two claims
    of one sentence against one actor are two allegations."""
    kept_items: dict[tuple, list[Item]] = {}
    for item in c.of("allegations") + c.of("outcomes"):
        key = (item.section, item.type, tuple(sorted(item.accusers)), tuple(sorted(item.actors)),
               tuple(sorted(item.sentences)))
        same = kept_items.setdefault(key, [])
        kept = next((k for k in same if _alike(k.text, item.text)), None)
        if kept is None:
            same.append(item)
            continue
        item.removed = True
        c.note("repeat", item, REMOVED, "repeats {0}; left out", kept)
        for denial in c.of("denials"):
            if denial.denies is item:
                denial.denies = kept


def same_events(c: Composition) -> None:
    """Outcomes of one type and the same actors are one event listed twice, whatever their
    sentences: a small model lists an event once per sentence that mentions it."""
    kept: dict[tuple, Item] = {}
    for item in c.of("outcomes"):
        first = kept.setdefault((item.type, tuple(sorted(item.actors))), item)
        if first is not item:
            item.removed = True
            c.note("same-event", item, REMOVED, "the same type and actors as {0}; left out", first)


def _alike(one: str, other: str) -> bool:
    mine, theirs = words(one), words(other)
    return len(mine & theirs) >= 0.6 * max(1, len(mine | theirs))


def _copies_its_allegation(denial: Item) -> bool:
    """A small model, shown one allegation, often lists it again as a "denial" by its own
    accusers. Only the accused may be on both sides (and deny it)."""
    allegation = denial.denies
    if allegation is None or not set(denial.actors) <= set(allegation.accusers) \
            or set(denial.actors) <= set(allegation.actors):
        return False
    return _alike(denial.text, allegation.text)


def denial_wording(c: Composition) -> None:
    """A denial must deny: one that repeats its allegation by its own accusers, whose
    sentence has the denier owning up, or whose claim and sentences word no denial is
    flagged, unless a sentence naming a denier (or the very next one, "He denied ...")
    words it, which then becomes its evidence. A cited sentence in which the accused,
    or someone speaking for them, says something answers the claim in any words."""
    for item in c.of("denials"):
        if _copies_its_allegation(item):
            item.flag("copies-allegation")
            c.note("copies-allegation", item, FLAGGED, "its deniers make the allegation it denies and its claim "
                   "repeats it")
            continue
        if item.evidence and _admits(c, item.evidence[0].sentence, item.actors):
            item.flag("admission")
            c.note("admission", item, FLAGGED, f"sentence {item.evidence[0].sentence} has "
                   f"{', '.join(item.actors)} owning up, not denying")
            continue
        if item.located and not rejects(" ".join([item.text, *(e.text for e in item.evidence)])):
            _reword(c, item)


def _admits(c: Composition, number: int, deniers: list[str]) -> bool:
    text = c.shown(number)
    return (bool(set(self_accusers(text, c.named())) & set(deniers))
            and not any(event.type == DENIAL for event in reported_events(text)))


def _reword(c: Composition, item: Item) -> None:
    why = f"neither its claim nor its sentence(s) {item.sentences} word a denial"
    forms = [[*c.table.surface_forms(i), *c.table.descriptions(i)] for i in item.actors]
    numbers = _denial_sentences(c, item, forms)
    if numbers is None and (answers(c, item) or _says_not(c, item)):
        return
    if numbers is None:
        item.flag("no-denial-word")
        c.note("no-denial-word", item, FLAGGED, why)
        return
    c.note("denial-moved", item, CORRECTED, f"{why}; sentence {numbers[-1]} does, so it is the evidence")
    result = ground(numbers, c.sentences, forms, withheld=c.withheld)
    item.take(result)


_NEGATION = re.compile(r"\b(?:not|no|nothing|never|nobody|none|neither|nor)\b|n['\u2019]t\b", re.IGNORECASE)


def _says_not(c: Composition, item: Item) -> bool:
    """A sentence of its evidence (where a citation was moved, the one it moved to) in which
    a denier is the one saying something negated ("Northgate said it had not ...", "'Not
    one dollar went missing,' Brandt said"): whatever its words, that denier's answer. A
    negation another speaker says is not, nor one by whoever makes the denied allegation
    ("'The board knew and did nothing,' Reyes said")."""
    accusers = set(item.denies.accusers) if item.denies is not None else set()
    deniers = set(item.actors) - accusers
    for number in [e.sentence for e in item.evidence] or item.sentences:
        text = c.shown(number)
        if text and _NEGATION.search(text) and set(attributed_to(text, c.named())) & deniers:
            return True
    return False


def _denial_sentences(c: Composition, item: Item, forms: list[list[str]]) -> list[int] | None:
    """The sentence naming a denier that words a denial and shares most words with the
    claim, else a sentence of the evidence with the next when that goes on about the same
    speaker ("... he said. He denied removing any part of it."); None if nowhere."""
    better = best_sentence(item.text, c.sentences, forms, item.sentences, c.withheld, admit=rejects)
    if better is not None:
        return [better.number]
    for number in (e.sentence for e in item.evidence):
        after = c.shown(number + 1)
        if c.shown(number) and after and _CONTINUES.match(after) and rejects(after):
            return [number, number + 1]
    return None


# Checks whose failure, on a small model's reply, means the item is nearly always wrong
# (measured: README, "How it works"). An allegation whose cited sentences do not name its
# accused is doubted too, even where another sentence does; an unsupported denial or
# outcome stays, marked not grounded.
DOUBTING = {"self-accusation", "admission", "copies-allegation", "no-denial-word", "type-unsupported"}
_UNCITED = {"unsupported", "citation-moved"}  # the sentences the model cited do not name the accused


def doubtful(item: Item) -> bool:
    return bool(DOUBTING & set(item.checks) or (item.section == "allegations" and _UNCITED & set(item.checks)))


def doubt(c: Composition) -> None:
    """Items that failed such a check are listed apart from what the summary states. An
    allegation whose accused answers it in a stated denial is not doubted for its
    citation alone: the answer says the claim was made."""
    answered = {id(d.denies) for d in c.of("denials") if d.denies is not None and not doubtful(d) and answers(c, d)}
    for item in c.of("allegations") + c.of("denials") + c.of("outcomes"):
        if id(item) in answered and not DOUBTING & set(item.checks):
            continue
        if doubtful(item):
            item.doubted = True
            c.note("doubted", item, FLAGGED, f"listed as doubted ({', '.join(item.checks)})")
