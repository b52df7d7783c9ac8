"""Sentence citations to exact spans, checked in code (grounding.py): the verifying core."""

from __future__ import annotations

from summarize.compose.state import CORRECTED, FLAGGED, Composition, Item
from summarize.grounding import ground


def ground_items(c: Composition) -> None:
    """Each item's cited sentences as evidence. An item is grounded when they all exist,
    none was withheld, and one names a key actor; a neighbouring sentence that does is
    taken instead (and reported); anything else is flagged, never dropped."""
    for item in c.of("allegations") + c.of("denials") + c.of("outcomes"):
        cite(c, item, item.sentences, paraphrase=item.text)


def cite(c: Composition, item: Item, numbers: list[int], paraphrase: str = "") -> None:
    result = ground(numbers, c.sentences, c.forms(item.actors), paraphrase, c.withheld)
    item.take(result)
    if c.withheld & set(numbers):
        item.flag("withheld-citation")
        c.note("withheld-citation", item, FLAGGED, f"cites sentence(s) {sorted(c.withheld & set(numbers))} "
               "withheld as instructions to AI systems; not grounded")
    elif result.corrected_from is not None:
        item.flag("citation-moved")
        c.note("citation-moved", item, CORRECTED, f"cited sentence(s) {result.corrected_from} did not support "
               f"it; evidence found in sentence {result.evidence[0].sentence}")
    elif not result.located:
        item.flag("out-of-range")
        c.note("out-of-range", item, FLAGGED, f"cites sentence(s) {numbers} not all in the article "
               f"(1-{len(c.sentences)})")
    elif not result.supported:
        item.flag("unsupported")
        c.note("unsupported", item, FLAGGED, f"cited sentence(s) {numbers} do not mention {', '.join(item.actors)}")
