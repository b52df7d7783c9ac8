"""Whether a denial is the accused's answer to the claim: a cited sentence in which the
accused of the denied allegation, or someone speaking for them, says something.

The word checks doubt a denial that words no denial, and a small model's such denials
are nearly always wrong; but an accused's answer is a denial in any words ("followed
every procedure to the letter", "a partisan hit job"), and who speaks is read at the
verb (attribution.py), not guessed from the words.
"""

from __future__ import annotations

import re

from summarize.attribution import SAYING, attributed_to, pronoun_speakers
from summarize.compose.state import Composition, Item
from summarize.wording import mentions


def answers(c: Composition, item: Item) -> bool:
    """Whether a cited sentence has one accused of the denied allegation, or someone
    speaking for them ("Verhoeven's lawyer, Anouk Smits", "Pickett's campaign"), saying
    something: an accused's answer to the claim, whatever its words."""
    allegation = item.denies
    if allegation is None:
        return False
    accused_forms = [form for i in allegation.actors for form in c.table.surface_forms(i)]
    for evidence in item.evidence:
        text = c.shown(evidence.sentence)
        if evidence.sentence in allegation.sentences:
            continue
        if _pronoun_answer(c, item, evidence.sentence, text) or _side_says(c, item, allegation, text, accused_forms):
            return True
        for who in attributed_to(text, c.named()):
            if who not in item.actors:
                continue
            if who in allegation.actors or _speaks_for(c, who, accused_forms, allegation.actors):
                return True
    return False


_PERSONAL = {"he", "she", "his", "her"}


def _pronoun_answer(c: Composition, item: Item, number: int, text: str) -> bool:
    """A pronoun saying it ("he said", "His lawyer said") that stands for an accused among
    the deniers, named in this sentence or the one before."""
    assert item.denies is not None
    pronouns = pronoun_speakers(text)
    if not pronouns:
        return False
    near = {i for _, _, i in mentions(f"{c.shown(number - 1)} {text}", c.named())}
    people = {a.id for a in c.named() if a.person}
    for who in set(item.actors) & set(item.denies.actors) & near:
        if any((p in _PERSONAL) == (who in people) for p in pronouns):
            return True
    return False


def _speaks_for(c: Composition, who: str, accused_forms: list[str], accused: list[str]) -> bool:
    """Whether ``who`` is the accused's by name ("Pickett's campaign") or is introduced,
    in any sentence, as someone the accused has: "Verhoeven's lawyer, Anouk Smits", "a
    spokesman for Hutchins, Brett Kimball", "Her lawyer, Markus Haider" (her: an accused
    named there or in the sentence before)."""
    owned = [re.compile(rf"(?<!\w){re.escape(form)}['\u2019]s\b", re.IGNORECASE) for form in accused_forms]
    if any(o.search(name) for o in owned for name in c.table.surface_forms(who)):
        return True
    forms = "|".join(re.escape(form) for form in accused_forms)
    described = re.compile(rf"(?:(?<!\w)(?:{forms})['\u2019]s\s+{_ROLE}|\b(?:for|of)\s+(?:{forms})\s*,\s*)$",
                           re.IGNORECASE)
    for number in range(1, len(c.sentences) + 1):
        text = c.shown(number)
        for start, _, i in mentions(text, c.named()):
            if i != who:
                continue
            if forms and described.search(text[:start]):
                return True
            owner = _OWNER.search(text[:start])
            if owner and _stands_for(c, number, owner.group(1), accused):
                return True
    return False


_ROLE = r"(?:[\w-]+\s+){0,3}[\w-]+,\s*"  # "lawyer, ", "campaign spokesman, "
_OWNER = re.compile(rf"\b(his|her|its|their)\s+{_ROLE}$", re.IGNORECASE)


def _stands_for(c: Composition, number: int, pronoun: str, accused: list[str]) -> bool:
    """Whether a possessive pronoun can stand for an accused named in this sentence or the
    one before: "her" for a person, "its" for a body."""
    around = f"{c.shown(number - 1)} {c.shown(number)}"
    near = {i for possessive in (False, True) for _, _, i in mentions(around, c.named(), possessive=possessive)}
    people = {a.id for a in c.named() if a.person}
    return any((pronoun.lower() in _PERSONAL) == (who in people) for who in set(accused) & near)


def _side_says(c: Composition, item: Item, allegation: Item, text: str, accused_forms: list[str]) -> bool:
    """Whether the sentence has the accused's side saying something ("Caldwell's campaign
    said", "the company's lawyer told reporters") and names a denier or the denier is
    accused."""
    if not accused_forms:
        return False
    forms = "|".join(re.escape(form) for form in accused_forms)
    if not re.search(rf"(?<!\w)(?:{forms})['\u2019]s\s+(?:[\w-]+\s+){{0,2}}?[\w-]+\s+(?:{SAYING.pattern})",
                     text, re.IGNORECASE):
        return False
    named = {i for _, _, i in mentions(text, c.named())}
    return bool(set(item.actors) & (set(allegation.actors) | named))
