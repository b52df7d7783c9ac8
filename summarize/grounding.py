"""Check evidence against the source in code: the model's claims are never trusted.

The model cites sentence numbers; each number resolves to an exact span of the
normalised text. An item is grounded when its evidence resolves and a cited
sentence (or the one before it, for a pronoun) mentions the item's key actor.

Small models often cite a neighbour of the right sentence. When the cited
sentences do not mention the key actor, we look for the sentence that does and
that shares the most words with the item's paraphrase; if one is found the
citation is corrected (and the correction reported), else the item stays
ungrounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from summarize.schema import Evidence
from summarize.segment import Sentence
from summarize.wording import names_any

# "he said", and a quote in the first person ("I have apologized"), whose speaker the
# sentence before names
_PRONOUN = re.compile(r"\b(he|she|they|him|her|his|their|them|it|its|I|my|we|our)\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_MIN_OVERLAP = 2  # word stems, besides the actor's name, a corrected citation must share


@dataclass(frozen=True)
class Grounding:
    evidence: list[Evidence]
    located: bool  # every cited sentence exists
    supported: bool  # the evidence names one of the key actors
    corrected_from: list[int] | None = None  # the model's citation, when code replaced it

    @property
    def grounded(self) -> bool:
        return self.located and self.supported


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence(sentence=sentence.number, start=sentence.start, end=sentence.end, text=sentence.text)


def locate(numbers: list[int], sentences: list[Sentence]) -> tuple[list[Evidence], bool]:
    evidence = []
    located = bool(numbers)
    for number in dict.fromkeys(numbers):
        if 1 <= number <= len(sentences):
            evidence.append(_evidence(sentences[number - 1]))
        else:
            located = False
    return evidence, located


def names_actor(sentence: Sentence, sentences: list[Sentence], actor_forms: list[list[str]]) -> bool:
    context = sentence.text
    if sentence.number > 1 and _PRONOUN.search(sentence.text):
        context = sentences[sentence.number - 2].text + " " + context  # "he said"
    return any(names_any(context, forms) for forms in actor_forms)


def _stems(text: str) -> set[str]:
    """Crude stems (first five letters) of the words of four letters or more."""
    return {w.casefold()[:5] for w in _WORDS.findall(text)}


def best_sentence(
    paraphrase: str,
    sentences: list[Sentence],
    actor_forms: list[list[str]],
    near: list[int],
    withheld: frozenset[int],
    admit: Callable[[str], bool] = lambda text: True,
) -> Sentence | None:
    """The sentence naming a key actor that shares most words with the paraphrase (at least
    two besides the name), the nearest to ``near`` on a tie; only sentences ``admit`` accepts."""
    names = _stems(" ".join(form for forms in actor_forms for form in forms))
    words = _stems(paraphrase) - names  # the actor's name is in every candidate
    best: tuple[int, int] | None = None
    choice = None
    for sentence in sentences:
        if sentence.number in withheld or not admit(sentence.text):
            continue
        if not names_actor(sentence, sentences, actor_forms):
            continue
        overlap = len(words & _stems(sentence.text))
        distance = min((abs(sentence.number - n) for n in near), default=0)
        score = (overlap, -distance)
        if overlap >= _MIN_OVERLAP and (best is None or score > best):
            best, choice = score, sentence
    return choice


def ground(
    numbers: list[int],
    sentences: list[Sentence],
    actor_forms: list[list[str]],
    paraphrase: str = "",
    withheld: frozenset[int] = frozenset(),
) -> Grounding:
    """Resolve citations; ``actor_forms`` holds the surface forms of each key actor.
    Sentences in ``withheld`` (suspected injections) never support anything."""
    evidence, located = locate(numbers, sentences)
    if any(e.sentence in withheld for e in evidence):
        return Grounding(evidence, located=False, supported=False)
    if not actor_forms:
        return Grounding(evidence, located, supported=True)
    cited = [sentences[e.sentence - 1] for e in evidence]
    if located and any(names_actor(s, sentences, actor_forms) for s in cited):
        return Grounding(evidence, located, supported=True)
    better = best_sentence(paraphrase, sentences, actor_forms, numbers, withheld) if paraphrase else None
    if better is None:
        return Grounding(evidence, located, supported=False)
    return Grounding([_evidence(better)], located=True, supported=True, corrected_from=list(numbers))
