"""Read the model's reply: actors into the table, names into ids, items into records."""

from __future__ import annotations

from summarize.compose.state import ADDED, LINKED, REMOVED, Composition, Item
from summarize.draft import Draft
from summarize.event_subjects import event_subjects
from summarize.schema import ActorKind
from summarize.segment import Sentence
from summarize.speakers import Subject, speakers


def merge_drafts(drafts: list[Draft]) -> Draft:
    """One draft from the drafts of an article's chunks; allegation numbers are shifted."""
    if len(drafts) == 1:
        return drafts[0]
    merged = Draft(actors=[], allegations=[], denials=[], outcomes=[])
    for draft in drafts:
        offset = len(merged.allegations)
        merged.actors.extend(draft.actors)
        merged.allegations.extend(draft.allegations)
        for denial in draft.denials:
            shifted = denial.denies + offset if denial.denies is not None else None
            merged.denials.append(denial.model_copy(update={"denies": shifted}))
        merged.outcomes.extend(draft.outcomes)
    return merged


def quoted_speakers(c: Composition) -> None:
    """People and bodies the article quotes ("Comey said") that the model did not list.
    Runs before the items' names are read, so that those can refer to them."""
    _list_unlisted(c, speakers(_shown(c)), "quoted in the article", "quoted-speaker", "quotes it")


def event_subject_names(c: Composition) -> None:
    """People and bodies a sentence names as the subject of an outcome ("Ilse Brandt was
    convicted") that the model did not list, so that stated events can add it."""
    _list_unlisted(c, event_subjects(_shown(c)), "named in an outcome", "event-subject",
                   "reports an outcome of it")


def _shown(c: Composition) -> list[Sentence]:
    return [s for s in c.sentences if s.number not in c.withheld]


def _list_unlisted(c: Composition, found: list[Subject], role: str, code: str, why: str) -> None:
    for name in found:
        kind = ActorKind.person if name.person else ActorKind.other
        if not c.table.knows(name.name) and c.table.add(name.name, kind, role):
            c.note(code, f"actor {name.name!r}", ADDED, f"the model did not list it; sentence {name.sentence} {why}")


def read_items(c: Composition) -> None:
    """The reply's allegations, denials and outcomes with actor ids. An item naming no
    actor on its key side cannot be stated and is removed; a denial pointing at an
    allegation the reply does not have is left unlinked."""
    allegations = []
    for number, a in enumerate(c.draft.allegations, start=1):
        item = Item("allegations", f"allegation {number} ({a.claim.strip()[:60]})", c.ids(a.accused),
                    a.claim.strip(), list(a.sentences), accusers=c.ids(a.accusers))
        allegations.append(item)
        _keep(c, item, "names no accused actor")
    for number, d in enumerate(c.draft.denials, start=1):
        item = Item("denials", f"denial {number} ({d.claim.strip()[:60]})", c.ids(d.deniers), d.claim.strip(),
                    list(d.sentences), denies_number=d.denies)
        if d.denies is not None:
            if 1 <= d.denies <= len(allegations):
                item.denies = allegations[d.denies - 1]
            else:
                c.note("dangling-link", item, LINKED, f"points at allegation {d.denies}, which does not exist; "
                       "set to null")
        _keep(c, item, "names no denier")
    for number, o in enumerate(c.draft.outcomes, start=1):
        item = Item("outcomes", f"outcome {number} ({o.type.value}: {o.description.strip()[:60]})",
                    c.ids(o.actors), o.description.strip(), list(o.sentences), type=o.type)
        _keep(c, item, "names no actor")


def _keep(c: Composition, item: Item, why: str) -> None:
    c.items.append(item)
    if not item.actors:
        item.removed = True
        c.note("no-actor", item, REMOVED, f"{why}; left out")
