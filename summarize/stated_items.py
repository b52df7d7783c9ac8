"""Items the text states in so many words that the model left out: outcomes and
denials found by reported_events.py, which compose.py adds with a warning."""

from __future__ import annotations

from typing import Protocol, TypeVar

from summarize.accusations import Accusation, accusations
from summarize.reported_events import DENIAL, concerned, reported_events
from summarize.wording import Named, mentions, words
from summarize.schema import Evidence, OutcomeType
from summarize.segment import Sentence


class _Allegation(Protocol):
    accusers: list[str]
    accused: list[str]
    claim: str
    evidence: list[Evidence]


A = TypeVar("A", bound=_Allegation)


def reported(
    sentences: list[Sentence], withheld: frozenset[int], named: list[Named], covered: set[tuple]
) -> list[tuple[Sentence, OutcomeType | str, list[str]]]:
    """Outcomes and denials that sentences report in plain words (reported_events.py) and
    that no listed item of the same kind covers, by actor or by sentence: ``covered``
    holds (kind, actor id) and (kind, sentence number) pairs."""
    covered = set(covered)  # grows with what is found here; the caller's set stays as it was
    found = []
    for sentence in sentences:
        if sentence.number in withheld:
            continue
        for event in reported_events(sentence.text):
            actors = concerned(sentence.text, event, named)
            keys = {(event.type, a) for a in actors} | {(event.type, sentence.number)}
            if actors and not keys & covered:
                covered |= keys
                found.append((sentence, event.type, actors))
            elif event.type == DENIAL and len(actors) > 1 and (rest := [a for a in actors if (event.type, a) not in covered]) \
                    and len(rest) < len(actors):
                # "Both Stone and Pence have denied it", the model listing Pence's denial only
                covered |= {(event.type, a) for a in rest}
                found.append((sentence, event.type, rest))
    return found


def unlisted_accusations(
    sentences: list[Sentence], withheld: frozenset[int], named: list[Named], allegations: list[A]
) -> list[tuple[Sentence, Accusation]]:
    """Accusations that sentences state in plain words (accusations.py) and that no listed
    allegation covers: one against the same actor that cites the sentence or has the
    same accusers."""
    listed = [(set(a.accused), {e.sentence for e in a.evidence}, set(a.accusers)) for a in allegations]
    found = []
    for sentence in sentences:
        if sentence.number in withheld:
            continue
        for accusation in accusations(sentence.text, named):
            against, by = set(accusation.accused), set(accusation.accusers)
            # with no accuser named, any allegation against the same actor may be this one
            if any(against & their_accused and (not by or sentence.number in cited or by == their_accusers)
                   for their_accused, cited, their_accusers in listed):
                continue
            listed.append((against, {sentence.number}, by))
            found.append((sentence, accusation))
    return found


def covers(kind: OutcomeType | str, actors: list[str], evidence: list[Evidence]) -> set[tuple]:
    return {(kind, a) for a in actors} | {(kind, e.sentence) for e in evidence}


def denied(deniers: list[str], sentence: Sentence, allegations: list[A], named: list[Named]) -> A | None:
    """The allegation whose accuser the sentence names as the claim's owner ("refuted the
    Washington Post's allegations"); else the one against the deniers that shares the
    most words with their sentence; else ("Albright rejected that claim") the one
    stated in the three sentences before."""
    owners = {i for _, _, i in mentions(sentence.text, named, possessive=True)}
    if owned := [a for a in allegations if owners & set(a.accusers) and not set(a.accusers) & set(deniers)]:
        return owned[0]
    against = [a for a in allegations if set(a.accused) & set(deniers)]
    if against:
        said = words(sentence.text)
        return max(against, key=lambda a: len(words(a.claim) & said))
    before = [(max(cited), n) for n, a in enumerate(allegations)
              if (cited := [e.sentence for e in a.evidence if sentence.number - 3 <= e.sentence <= sentence.number])]
    return allegations[max(before)[1]] if before else None


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
