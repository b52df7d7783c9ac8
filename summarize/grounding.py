"""Check evidence against the source in code: the model's claims are never trusted.

The model cites sentence numbers; each number resolves to an exact span of the
normalised text. An item is grounded when every citation resolves and a cited
sentence (or the one before it, for a pronoun) mentions the item's key actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.schema import Evidence
from summarize.segment import Sentence


_PRONOUN = re.compile(r"\b(he|she|they|him|her|his|their|them|it|its)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Grounding:
    evidence: list[Evidence]
    located: bool  # every cited sentence exists
    supported: bool  # a cited sentence names one of the key actors

    @property
    def grounded(self) -> bool:
        return self.located and self.supported


def locate(numbers: list[int], sentences: list[Sentence]) -> tuple[list[Evidence], bool]:
    evidence = []
    located = bool(numbers)
    for number in dict.fromkeys(numbers):
        if 1 <= number <= len(sentences):
            s = sentences[number - 1]
            evidence.append(Evidence(sentence=number, start=s.start, end=s.end, text=s.text))
        else:
            located = False
    return evidence, located


def mentions(text: str, forms: list[str]) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags=re.IGNORECASE)
        for form in forms
        if form
    )


def ground(numbers: list[int], sentences: list[Sentence], actor_forms: list[list[str]]) -> Grounding:
    """Resolve citations; ``actor_forms`` holds the surface forms of each key actor."""
    evidence, located = locate(numbers, sentences)
    window = set()
    for e in evidence:
        window.add(e.sentence)
        if e.sentence > 1 and _PRONOUN.search(e.text):
            window.add(e.sentence - 1)  # "he said": the actor is named just before
    context = " ".join(sentences[n - 1].text for n in sorted(window))
    supported = not actor_forms or any(mentions(context, forms) for forms in actor_forms)
    return Grounding(evidence=evidence, located=located, supported=supported)
