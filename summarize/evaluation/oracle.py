"""The perfect reply: each gold item as the model would write it, for ``eval --oracle``.

A reply that lists exactly the gold actors (by their gold names), allegations,
denials (linked by number to their allegation) and outcomes, each citing the
numbers of the sentences that hold its evidence. Run through everything after
the model, it measures what that layer keeps of a right answer: the ceiling of
the post-model passes, apart from the model's own errors.
"""

from __future__ import annotations

import re
from typing import Any

from summarize.draft import Draft, DraftActor, DraftAllegation, DraftDenial, DraftOutcome
from summarize.schema import ActorKind, OutcomeType
from summarize.segment import Sentence

_MAX_CITED = 3  # the reply's schema lets an item cite at most three sentences


def _span(quote: str, text: str) -> tuple[int, int] | None:
    """Where a gold quote is in the normalised text (whitespace may differ from the file's)."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.span() if found else None


def cited_sentences(evidence: list[str], text: str, sentences: list[Sentence]) -> list[int]:
    """The numbers of the sentences each quote overlaps, in the order quoted."""
    numbers: list[int] = []
    for quote in evidence:
        span = _span(quote, text)
        if span is None:
            continue
        start, end = span
        numbers += [s.number for s in sentences if s.start < end and start < s.end and s.number not in numbers]
    return numbers[:_MAX_CITED] or [1]


def oracle_draft(gold: dict[str, Any], text: str, sentences: list[Sentence]) -> Draft:
    """The gold labels as a model's reply. Built without validation: a perfect reply may
    exceed the bounds the schema sets to stop a small model's loops."""
    names = {a["id"]: a["name"] for a in gold.get("actors", [])}

    def named(ids: list[str]) -> list[str]:
        return [names.get(i, i) for i in ids]

    def cites(item: dict[str, Any]) -> list[int]:
        return cited_sentences(item.get("evidence", []), text, sentences)

    number = {a["id"]: n for n, a in enumerate(gold.get("allegations", []), start=1)}
    return Draft.model_construct(
        actors=[DraftActor.model_construct(name=a["name"], kind=ActorKind(a.get("kind", "other")),
                                           role=(a.get("roles") or [""])[0])
                for a in gold.get("actors", [])],
        allegations=[DraftAllegation.model_construct(accusers=named(a["by"]), accused=named(a["against"]),
                                                     claim=a["claim"], sentences=cites(a))
                     for a in gold.get("allegations", [])],
        denials=[DraftDenial.model_construct(deniers=named(d["by"]), denies=number.get(d.get("denies") or ""),
                                             claim=d["claim"], sentences=cites(d))
                 for d in gold.get("denials", [])],
        outcomes=[DraftOutcome.model_construct(actors=named(o["actors"]), type=OutcomeType(o["type"]),
                                               description=o["description"], sentences=cites(o))
                  for o in gold.get("outcomes", [])],
    )
