"""Items the text states in so many words that the model left out, and links the model
did not make: each added with a finding, for a small model that lists too little."""

from __future__ import annotations

from summarize.compose.checks import doubtful
from summarize.compose.state import ADDED, LINKED, Composition, Item
from summarize.grounding import ground
from summarize.reported_events import DENIAL
from summarize.schema import OutcomeType
from summarize.segment import Sentence
from summarize.stated_items import covers, denied, reported, shorten, unlisted_accusations


def link_denials(c: Composition) -> None:
    """A denial the model linked to nothing is linked to the allegation whose accuser its
    sentence names ("refuted the Post's allegations"), else the one against its deniers."""
    for item in c.of("denials"):
        if item.denies_number is not None or not item.evidence:
            continue
        allegation = denied(item.actors, c.sentences[item.evidence[0].sentence - 1], c.of("allegations"), c.named())
        if allegation is not None:
            item.denies = allegation
            c.note("linked", item, LINKED, "the model linked it to no allegation; linked to {0}", allegation)


def stated_accusations(c: Composition) -> None:
    """Accusations a sentence states with a verb of accusing ("X accused Y of", "Y was
    accused of", "Y's alleged ...") that no listed allegation covers."""
    listed = [a for a in c.of("allegations") if not doubtful(a)]
    for sentence, accusation in unlisted_accusations(c.sentences, c.withheld, c.named(), listed):
        item = Item("allegations", f"allegation from sentence {sentence.number}", accusation.accused,
                    shorten(sentence.text), [sentence.number], accusers=accusation.accusers)
        _add(c, item, sentence, "states it in so many words")


def stated_events(c: Composition) -> None:
    """Outcomes and denials a sentence reports in plain words ("resigned", "was arrested",
    "denied any wrongdoing") that no listed item of the same kind covers."""
    # an item that failed a check covers nothing: the text's own report may be the right one
    covered = set().union(*(covers(o.type, o.actors, o.evidence) for o in c.of("outcomes") if o.type and not doubtful(o)),
                          *(covers(DENIAL, d.actors, d.evidence) for d in c.of("denials") if not doubtful(d)))
    for sentence, kind, actors in reported(c.sentences, c.withheld, c.named(), covered):
        if kind == DENIAL:
            item = Item("denials", f"denial from sentence {sentence.number}", actors, shorten(sentence.text),
                        [sentence.number], denies=denied(actors, sentence, c.of("allegations"), c.named()))
        else:
            item = Item("outcomes", f"outcome from sentence {sentence.number}", actors, shorten(sentence.text),
                        [sentence.number], type=OutcomeType(kind))
        _add(c, item, sentence, "reports it in so many words")


def _add(c: Composition, item: Item, sentence: Sentence, how: str) -> None:
    result = ground([sentence.number], c.sentences, c.forms(item.actors), sentence.text, c.withheld)
    item.take(result)
    c.items.append(item)
    c.note("stated-in-text", item, ADDED, f"the model did not list it; sentence {sentence.number} {how}")
