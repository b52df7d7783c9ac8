"""What the post-model passes work on: the items so far, the actor table, the findings.

Items stay mutable working records until the last step, where the ones kept get
their ids (A1, D1, O1 ...) in order and become the schema's items. A pass that
doubts an item adds a check to it; only an item that cites no sentence of the
article or repeats another is removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarize.actors import ActorTable
from summarize.draft import Draft
from summarize.grounding import Grounding, names_actor
from summarize.wording import Named
from summarize.schema import Evidence, OutcomeType
from summarize.segment import Sentence

# What a pass did to an item: the words of schema.Finding.action.
FLAGGED, CORRECTED, ADDED, REMOVED, LINKED = "flagged", "corrected", "added", "removed", "linked"


@dataclass
class Item:
    """One allegation, denial or outcome as the passes see it."""

    section: str  # "allegations", "denials" or "outcomes"
    label: str  # how findings name it before it has an id: "allegation 3"
    actors: list[str]  # actor ids: the accused, the deniers, or the outcome's actors
    text: str  # claim or description
    sentences: list[int]  # the cited sentence numbers
    accusers: list[str] = field(default_factory=list)  # allegations only
    denies: Item | None = None  # denials only: the allegation denied
    denies_number: int | None = None  # denials only: the reply's allegation number, before linking
    type: OutcomeType | None = None  # outcomes only
    evidence: list[Evidence] = field(default_factory=list)
    grounded: bool = False
    checks: list[str] = field(default_factory=list)
    removed: bool = False
    doubted: bool = False  # listed apart from what the summary states (Summary.doubted)
    id: str = ""  # set when the composition is finished

    located: bool = False  # every cited sentence exists

    @property
    def accused(self) -> list[str]:
        return self.actors

    @property
    def claim(self) -> str:
        return self.text

    @property
    def name(self) -> str:
        return self.id or self.label

    def take(self, result: Grounding) -> None:
        """The evidence a grounding found, and whether it holds."""
        self.evidence, self.located, self.grounded = result.evidence, result.located, result.grounded

    def flag(self, check: str) -> None:
        if check not in self.checks:
            self.checks.append(check)


@dataclass
class Composition:
    """The summary being composed: text, sentences, actors, items and what was found."""

    text: str
    sentences: list[Sentence]
    withheld: frozenset[int]
    table: ActorTable
    draft: Draft
    override: bool = False  # a sentence's reading of roles is added even where the model's fits it too
    items: list[Item] = field(default_factory=list)
    findings: list[tuple[str, Item | str, str, str, tuple[Item, ...]]] = field(default_factory=list)
    gist: str = ""
    _named: tuple[int, list[Named]] = (-1, [])

    def note(self, code: str, item: Item | str, action: str, detail: str, *refs: Item) -> None:
        """Record a finding; ``{0}``, ``{1}`` ... in the detail name ``refs`` by their final ids."""
        self.findings.append((code, item, action, detail, refs))

    def of(self, section: str) -> list[Item]:
        return [item for item in self.items if item.section == section and not item.removed]

    def shown(self, number: int) -> str:
        """The text of a cited sentence the model was shown; "" for one out of range or withheld."""
        ok = 1 <= number <= len(self.sentences) and number not in self.withheld
        return self.sentences[number - 1].text if ok else ""

    def stands(self, actor_ids: list[str], numbers: list[int]) -> bool:
        """Whether the model's reading of who takes part stands against a sentence reader's:
        where a cited sentence names one of its actors, unless set to override."""
        return not self.override and self.mentioned(actor_ids, numbers)

    def mentioned(self, actor_ids: list[str], numbers: list[int]) -> bool:
        """Whether a cited sentence the model was shown (or, for a pronoun, the one before)
        names one of the actors."""
        return any(names_actor(self.sentences[n - 1], self.sentences, self.forms(actor_ids))
                   for n in numbers if self.shown(n))

    def ids(self, names: list[str]) -> list[str]:
        """Actor ids for names, in order, without repeats (new names become actors)."""
        return list(dict.fromkeys(i for n in names if (i := self.table.resolve(n)) is not None))

    def forms(self, actor_ids: list[str]) -> list[list[str]]:
        """Each actor's forms as the sentence readers look for them (``named``)."""
        known = {a.id: a.forms for a in self.named()}
        return [known.get(i) or self.table.surface_forms(i) for i in actor_ids]

    def named(self) -> list[Named]:
        """Each actor with the forms the sentence readers look for: name, aliases, and the
        head of a body's name ("the agency") where no other actor has that head."""
        if self._named[0] != self.table.revision:
            self._named = (self.table.revision, self.table.named())
        return self._named[1]
