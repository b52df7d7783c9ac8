"""Compose the typed summary's items from the model's reply, grounded in the text.

Names become actor ids, allegation numbers links, sentence citations exact spans.
The work is done by an ordered list of small passes (passes.py), each reading and
changing the composition so far and recording what it did as findings. Nothing a
pass doubts is dropped: it is kept and flagged in the item's ``checks``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarize.actors import ActorTable
from summarize.compose.passes import PASSES, Pass, default_passes, parse_passes, pass_names, selected
from summarize.compose.reply import merge_drafts
from summarize.compose.state import REMOVED, Composition, Item
from summarize.draft import Draft
from summarize.gist import gist
from summarize.schema import Actor, Allegation, Denial, Doubted, Finding, Outcome
from summarize.segment import Sentence

__all__ = ["PASSES", "Composed", "Finding", "Pass", "compose", "default_passes", "merge_drafts",
           "parse_passes", "pass_names"]


@dataclass
class Composed:
    gist: str
    actors: list[Actor]
    allegations: list[Allegation]
    denials: list[Denial]
    outcomes: list[Outcome]
    findings: list[Finding] = field(default_factory=list)
    doubted: Doubted = field(default_factory=Doubted)

    @property
    def warnings(self) -> list[str]:
        return [f"{f.item}: {f.detail}" for f in self.findings]


def compose(
    draft: Draft, text: str, sentences: list[Sentence], withheld: frozenset[int] = frozenset(),
    passes: list[str] | None = None,
) -> Composed:
    """``withheld``: sentences kept from the model as suspected injections; citing one is
    never grounded. ``passes``: the names of the passes to run (None: all of them)."""
    steps = selected(passes)
    names = {step.name for step in steps}
    table = ActorTable.listing(text, draft.actors, loose="merge-names" in names)
    c = Composition(text, sentences, withheld, table, draft, override="override-roles" in names)
    for step in steps:
        step.run(c)
    return _finished(c)


def _actors(c: Composition) -> list[Actor]:
    """The listed actors that the article names or an item refers to. A small model that
    starts looping makes up names (a state's "Department of Education", "Department of
    Labor", ... one after another) that nobody in the story bears."""
    used = {a for item in c.items if not item.removed for a in item.actors + item.accusers}
    kept = []
    for actor in c.table.actors():
        if actor.id in used or c.table.in_text(actor.id):
            kept.append(actor)
        else:
            c.note("not-in-text", f"actor {actor.name[:60]!r}", REMOVED, "the article never names it and no item "
                   "refers to it; left out")
    return kept


def _finished(c: Composition) -> Composed:
    """Ids in order for the items kept; a denial of a removed allegation is left unlinked."""
    for section, prefix in (("allegations", "A"), ("denials", "D"), ("outcomes", "O")):
        for number, item in enumerate(c.of(section), start=1):
            item.id = f"{prefix}{number}"
    for denial in c.of("denials"):
        if denial.denies is not None and denial.denies.removed:
            c.note("unlinked", denial, REMOVED, f"its allegation ({denial.denies.label}) was left out; set to null")
            denial.denies = None
    actors = _actors(c)
    for name in c.table.rejected:
        c.note("not-a-name", f"actor {name.strip()[:60]!r}", REMOVED, "reads like a sentence, not a name; left out")
    findings = [Finding(code=code, item=item if isinstance(item, str) else item.name, action=action,
                        detail=detail.format(*(r.name for r in refs)) if refs else detail)
                for code, item, action, detail, refs in c.findings]
    cited = [e.sentence for item in c.items if not item.removed and item.grounded for e in item.evidence]
    stated = [item for item in c.items if not item.removed and not item.doubted]
    doubted = [item for item in c.items if not item.removed and item.doubted]
    return Composed(
        gist=gist(c.sentences, cited, c.withheld), actors=actors,
        allegations=_allegations(stated), denials=_denials(stated), outcomes=_outcomes(stated), findings=findings,
        doubted=Doubted(allegations=_allegations(doubted), denials=_denials(doubted), outcomes=_outcomes(doubted)),
    )


def _allegations(items: list[Item]) -> list[Allegation]:
    return [Allegation(id=a.id, accusers=a.accusers, accused=a.actors, claim=a.text, evidence=a.evidence,
                       grounded=a.grounded, checks=a.checks) for a in items if a.section == "allegations"]


def _denials(items: list[Item]) -> list[Denial]:
    return [Denial(id=d.id, deniers=d.actors, denies=d.denies.id if d.denies else None, claim=d.text,
                   evidence=d.evidence, grounded=d.grounded, checks=d.checks) for d in items if d.section == "denials"]


def _outcomes(items: list[Item]) -> list[Outcome]:
    return [Outcome(id=o.id, actors=o.actors, type=o.type, description=o.text, evidence=o.evidence,
                    grounded=o.grounded, checks=o.checks) for o in items if o.section == "outcomes" and o.type]

