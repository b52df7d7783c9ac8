"""How sentences word things, read in code: which actors they name, where, whether a
verb is hedged, what the passive auxiliary looks like. One place for the helpers the
sentence readers (reported_events, accusations, claim_roles, grounding ...) share."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "was", "were", "has been" ... with an adverb allowed: the auxiliary of the passive voice
BE = r"(?:was|were|been|is|are|got)(?: \w+ly)?"
PASSIVE = re.compile(BE + r"\b", re.IGNORECASE)

_HEDGE = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|must|not|never|if|whether|threat\w*|vow\w*|"
    r"call\w* (?:on|for)|urg\w*|demand\w*|refus\w*|no|no one|nobody|nothing|any)\W+(?:\w+[^\w,;]+){0,2}$|n't\W+(?:\w+[^\w,;]+){0,2}$|"
    # "to" before a verb hedges ("threatened to sue") unless what it follows says the act
    # was done: a decision or compulsion ("agreed to settle", "was forced to resign"), a
    # filing ("filed papers to drop the suit"); before a noun it is no hedge ("led to the
    # resignation of")
    r"\b(?<!agreed )(?<!decided )(?<!voted )(?<!forced )(?<!compelled )(?<!opted )(?<!papers )(?<!motion )to"
    r"\W+(?!(?:the|a|an|his|her|its|their)\W)(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


def hedged(before: str) -> bool:
    """Whether the words just before an event's words make it a threat, a prospect, a
    demand or a negation ("threatened to sue", "would resign", "has not resigned")."""
    return bool(_HEDGE.search(before))

@dataclass(frozen=True)
class Named:
    """An actor as a sentence can name it."""

    id: str
    forms: list[str]
    person: bool


def mentions(text: str, actors: list[Named], possessive: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of each actor's mentions in ``text``, possessives left out:
    in "Kowalczyk's resignation" Kowalczyk is no one's subject. With ``possessive``,
    only the possessives ("the Gazette's report")."""
    spans = []
    ending = r"(?=[\'\u2019]s\b)" if possessive else r"(?![\'\u2019]s\b)"
    for actor in actors:
        for form in filter(None, actor.forms):
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w){ending}", text, re.IGNORECASE):
                spans.append((m.start(), m.end(), actor.id))
    return sorted(spans)


def names_any(text: str, forms: list[str]) -> bool:
    """Whether the text has any of the forms as a whole word or phrase, case aside."""
    return any(
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags=re.IGNORECASE)
        for form in forms
        if form
    )


def words(text: str) -> set[str]:
    """The case-folded words of three letters or more, for comparing two wordings."""
    return {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)}
