"""The gist: the article's own opening on the story, quoted, not the model's words.

The model's one- or two-sentence summary was the one text in the output that nothing
checked, and on the 1.5B default it was often wrong (resignations that never happened,
wrong titles, stray Chinese words), while costing about 50 generated tokens per article.
The gist is instead the earliest sentence or two that state a grounded item, verbatim,
so a reader can find it in the article; a sentence withheld as an injection never is.
"""

from __future__ import annotations

from collections.abc import Iterable

from summarize.segment import Sentence

GIST_CHARS = 240
_MIN_WORDS = 8  # an opening line shorter than this is a kicker, a byline or a section name


def gist(sentences: list[Sentence], cited: Iterable[int], withheld: frozenset[int] = frozenset()) -> str:
    """``cited``: the sentence numbers of the grounded items' evidence. Without any, the
    first sentence of at least eight words stands in."""
    shown = [s for s in sentences if s.number not in withheld]
    numbers = set(cited)
    chosen = [s for s in shown if s.number in numbers][:2]
    if not chosen:
        chosen = [s for s in shown if len(s.text.split()) >= _MIN_WORDS][:1] or shown[:1]
    text = _joined(chosen)
    if len(chosen) == 2 and len(text) > GIST_CHARS:  # two only when both fit
        text = _joined(chosen[:1])
    return _fitted(text)


def _joined(sentences: list[Sentence]) -> str:
    """A headline has no full stop of its own; joined to a sentence it gets one."""
    return " ".join(s.text if s.text[-1] in ".!?\"'\u201d\u2019)" else s.text + "." for s in sentences)


def _fitted(text: str) -> str:
    """Text longer than the bound, cut back to its last whole word with an ellipsis."""
    text = text.strip()
    if len(text) <= GIST_CHARS:
        return text
    return text[: GIST_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
