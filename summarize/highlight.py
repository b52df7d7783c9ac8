"""Cut a text into pieces at every start and end of labelled spans, for HTML pages that
highlight overlapping evidence: each piece carries the labels of the spans over it."""

from __future__ import annotations

from collections.abc import Iterable


def segments(length: int, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, labels) pieces covering [0, length) in order, neighbours with the same
    labels joined; spans are clipped to the text."""
    clipped = [(max(0, s), min(length, e), label) for s, e, label in spans if min(length, e) > max(0, s)]
    cuts = sorted({0, length, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    pieces: list[tuple[int, int, frozenset[str]]] = []
    for a, b in zip(cuts, cuts[1:]):
        labels = frozenset(label for s, e, label in clipped if s <= a and b <= e)
        if pieces and pieces[-1][2] == labels:
            pieces[-1] = (pieces[-1][0], b, labels)
        else:
            pieces.append((a, b, labels))
    return pieces
