"""Who accuses, who is accused, who denies, whom an outcome concerns: checked against the
words of the claim and of the cited sentence, where the model named others.

What the words name is added beside the model's names, never put in their place: on the
newest fixtures, written after most of these readers, replacing the model's names cost
its replies and a perfect reply alike (a reader of one sentence misses a pronoun or an
apposition the model got right), while adding them keeps what either got right."""

from __future__ import annotations

import re
from collections.abc import Collection

from summarize.accusations import accusations, self_accusers
from summarize.attribution import attributed_to
from summarize.claim_roles import claim_doer, claim_roles
from summarize.collectives import accusing_groups
from summarize.compose.state import CORRECTED, FLAGGED, Composition, Item
from summarize.denial_words import rejects
from summarize.reported_events import concerned, reported_events
from summarize.wording import mentions
from summarize.schema import ActorKind, OutcomeType

_OBJECT_PRONOUN = re.compile(r"\s*(?:him|her|them)\b", re.IGNORECASE)  # "women who have accused him of"


def _beside(stated: list[str], model: list[str], accused: Collection[str] = ()) -> list[str]:
    """The names the words state, then the model's that are not among them; given the
    ``accused``, not the model's accusers among them (accusing oneself is owning up,
    which sentence_roles reads apart)."""
    return [*stated, *(x for x in model if x not in stated and x not in accused)]


def _listed(ids: list[str]) -> str:
    return ", ".join(ids) or "nobody"


def claim_worded_roles(c: Composition) -> None:
    """Accusers and accused as an allegation's own claim words them ("The agency accused
    Brookfield Water of ..."), where the model's lists name others that its cited
    sentences do not name either; and the actor a claim opens with doing the deed
    ("Westgate Falcons paid three players ..."), added to the accused beside the model's."""
    for item in c.of("allegations"):
        roles = claim_roles(item.text, c.named(), c.text)
        if roles is None:
            doer = claim_doer(item.text, c.named())
            if doer is not None and doer not in item.actors:
                c.note("roles-from-claim", item, CORRECTED, f"its claim opens with {doer} doing it; added to the accused")
                item.actors = _beside(item.actors, [doer])
            continue
        if roles.accusers and item.accusers and not set(roles.accusers) & set(item.accusers) \
                and not c.stands(item.accusers, item.sentences):
            c.note("roles-from-claim", item, CORRECTED, f"its claim names {', '.join(roles.accusers)} as accusing, "
                   f"not {_listed(item.accusers)}; added to the accusers")
            item.accusers = _beside(roles.accusers, item.accusers, item.actors)
        worded = roles.accused or (c.ids([roles.accused_words]) if roles.accused_words else [])
        if worded and not set(worded) & set(item.actors) and not c.stands(item.actors, item.sentences):
            c.note("roles-from-claim", item, CORRECTED, f"its claim names {', '.join(worded)} as accused, not "
                   f"{', '.join(item.actors)}; added to the accused")
            item.actors = _beside(worded, item.actors)


def sentence_roles(c: Composition) -> None:
    """An allegation's roles as its first cited sentence has them: one who owns up to the
    act accuses themself ("Dougherty claimed to have voted multiple times"); else the
    sentence's accusers of the accused, or the accused's accusers the model had the wrong
    way round, or an unnamed group accusing ("a spate of female accusers emerged"); and
    whom any cited sentence reports the claim from ("the panel found that ...").
    An actor accusing only itself with no one owning up is flagged."""
    for item in c.of("allegations"):
        first = item.sentences[0]
        owner = next((who for who in self_accusers(c.shown(first), c.named()) if who in item.accusers + item.actors),
                     None)
        if owner is not None:
            if item.accusers + item.actors != [owner, owner]:
                c.note("owns-up", item, CORRECTED, f"sentence {first} has {owner} owning up to it; "
                       f"{owner} set as accuser and accused")
                item.accusers, item.actors = [owner], [owner]
            continue
        _stated_roles(c, item, first)
        _group_accusers(c, item)
        # roles are turned round only where no cited sentence has one of the model's
        # accusers saying it ("Kemp said ..." cited beside "Harlan said the spill Kemp
        # described did not happen"): two sentences at odds leave the model's reading
        witnessed = any(set(attributed_to(c.shown(n), c.named())) & set(item.accusers) for n in item.sentences)
        if not witnessed:
            for number in item.sentences:
                if _turned_round(c, item, number):
                    break
        for number in item.sentences:
            _source_accusers(c, item, number)
        if item.accusers == item.actors and len(item.actors) == 1:
            # several actors on both sides may stand for their blaming one another
            item.flag("self-accusation")
            c.note("self-accusation", item, FLAGGED, f"{item.actors[0]} accuses only {item.actors[0]}, and "
                   f"sentence {first} has no one owning up")


def _stated_roles(c: Composition, item: Item, number: int) -> None:
    said = [stated for stated in accusations(c.shown(number), c.named()) if stated.accusers]
    for stated in said:
        if set(stated.accused) & set(item.actors):
            if not set(stated.accusers) & set(item.accusers):
                c.note("roles-from-sentence", item, CORRECTED, f"sentence {number} names "
                       f"{', '.join(stated.accusers)} as accusing, not {_listed(item.accusers)}; added to the accusers")
                item.accusers = _beside(stated.accusers, item.accusers, item.actors)
            return
    for stated in said:  # the model has someone who accuses as the accused
        if set(stated.accusers) & set(item.actors):
            c.note("roles-from-sentence", item, CORRECTED, f"sentence {number} has {', '.join(stated.accusers)} "
                   f"accusing {', '.join(stated.accused)}, not accused; roles set as it has them")
            item.accusers, item.actors = stated.accusers, stated.accused
            return


def _turned_round(c: Composition, item: Item, number: int) -> bool:
    """Roles the model had the wrong way round: the cited sentence reports the claim from
    one of its accused and names its accusers after them ("The board said Veltrana's
    researchers knew"), with no word of denying (the accused rejecting a claim names its
    makers after them too)."""
    text = c.shown(number)
    if not item.accusers or rejects(text):
        return False
    said = [w for w in attributed_to(text, c.named()) if w in item.actors and w not in item.accusers]
    if not said:
        return False
    spans = mentions(text, c.named()) + mentions(text, c.named(), possessive=True)
    first = min(start for start, _, i in spans if i in said)
    turned = [a for a in item.accusers if any(i == a and start > first for start, _, i in spans)]
    if not turned:
        return False
    c.note("roles-from-sentence", item, CORRECTED, f"sentence {number} has {', '.join(said)} saying it of "
           f"{', '.join(turned)}; roles turned round")
    item.accusers, item.actors = said, turned + [a for a in item.actors if a not in said and a not in turned]
    return True


def _source_accusers(c: Composition, item: Item, number: int) -> None:
    """Whom the cited sentence reports the claim from ("the panel found that ...", "Kehoe
    says ..."), when none of them is among the accusers and none is accused."""
    sources = [who for who in attributed_to(c.shown(number), c.named()) if who not in item.actors]
    if sources and not set(sources) & set(item.accusers):
        c.note("source-accusers", item, CORRECTED, f"sentence {number} reports it from {', '.join(sources)}, "
               f"not {_listed(item.accusers)}; added to the accusers")
        item.accusers = _beside(sources, item.accusers, item.actors)


def _group_accusers(c: Composition, item: Item) -> None:
    """The unnamed group a cited sentence naming none of the accusers has accusing the accused."""
    for number in item.sentences:
        text = c.shown(number)
        if mentions(text, [a for a in c.named() if a.id in item.accusers]):
            continue
        for group in accusing_groups(text):
            after = text[group.end:]
            accused = [a for a in c.named() if a.id in item.actors]
            if (_OBJECT_PRONOUN.match(after) or mentions(after, accused)) \
                    and (entry := c.table.add(group.name, ActorKind.group, "accusers")) is not None:
                c.note("group-accusers", item, CORRECTED, f"sentence {number} has {group.name} accusing, not "
                       f"{_listed(item.accusers)}; added to the accusers")
                item.accusers = _beside(c.ids([entry.name]), item.accusers, item.actors)
                return


def stated_actors(c: Composition, item: Item, numbers: list[int], kind: OutcomeType) -> None:
    """The actors a cited sentence names as the subject of an event of this kind
    ("Kowalczyk resigned ..."), where the model named others that the cited sentences
    do not name at all."""
    for number in numbers:
        text = c.shown(number)
        for event in reported_events(text):
            said = concerned(text, event, c.named()) if event.type == kind else []
            if said and not set(said) & set(item.actors) and not c.stands(item.actors, numbers):
                c.note("actors-from-sentence", item, CORRECTED, f"sentence {number} names {', '.join(said)} in "
                       f"this {kind.value}, not {', '.join(item.actors)}; added to its actors")
                item.actors = _beside(said, item.actors)
                if "unsupported" in item.checks and c.mentioned(said, numbers):
                    item.checks.remove("unsupported")
                    item.grounded = item.located
                return
            if said:
                return


def sentence_outcome_actors(c: Composition) -> None:
    for item in c.of("outcomes"):
        assert item.type is not None
        stated_actors(c, item, [e.sentence for e in item.evidence], item.type)
