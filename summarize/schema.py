"""The typed summary `summarize` produces (exported to schemas/summary.schema.json).

This module imports nothing of ours: it is the contract other tools read.
Bump SCHEMA_VERSION on any change to these models and re-export the schema.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"


class ActorKind(str, Enum):
    person = "person"
    organisation = "organisation"
    government = "government"
    country = "country"
    media = "media"
    group = "group"
    other = "other"


class OutcomeType(str, Enum):
    resignation = "resignation"
    dismissal = "dismissal"
    appointment = "appointment"
    election = "election"
    charge = "charge"
    arrest = "arrest"
    lawsuit = "lawsuit"
    ruling = "ruling"
    conviction = "conviction"
    acquittal = "acquittal"
    sentence = "sentence"
    sanction = "sanction"
    fine = "fine"
    settlement = "settlement"
    investigation = "investigation"
    apology = "apology"
    retraction = "retraction"
    withdrawal = "withdrawal"
    other = "other"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    """An exact span of the normalised article text: text == article[start:end]."""

    sentence: int = Field(ge=1, description="1-based number of the cited sentence.")
    start: int = Field(ge=0, description="Character offset where the span starts.")
    end: int = Field(ge=0, description="Character offset just past the span.")
    text: str = Field(description="The quoted span, verbatim from the normalised text.")


class Actor(_Strict):
    id: str = Field(description="Stable id within this summary, e.g. 'michael-flynn'.")
    name: str = Field(description="Fullest name the article gives.")
    aliases: list[str] = Field(default_factory=list, description="Other surface forms used.")
    kind: ActorKind
    role: str = Field(default="", description="Role in the story, e.g. 'national security adviser'.")


class _Grounded(_Strict):
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool = Field(
        description="True only when every piece of evidence was located in the source by code."
    )
    checks: list[str] = Field(
        default_factory=list,
        description="Checks in code the item failed, e.g. 'unsupported' (its sentences do not name its actors), "
                    "'no-denial-word', 'type-unsupported', 'self-accusation'. The item is kept: judge it yourself.",
    )


class Allegation(_Grounded):
    id: str = Field(description="'A1', 'A2', ...")
    accusers: list[str] = Field(description="Actor ids; empty means unattributed ('reports say').")
    accused: list[str] = Field(min_length=1, description="Actor ids of who is accused.")
    claim: str = Field(description="Short neutral paraphrase of what is alleged.")


class Denial(_Grounded):
    id: str = Field(description="'D1', 'D2', ...")
    deniers: list[str] = Field(min_length=1, description="Actor ids of who denies.")
    denies: str | None = Field(description="Id of the allegation denied, or null if not listed.")
    claim: str = Field(description="Short neutral paraphrase of what is denied.")


class Outcome(_Grounded):
    id: str = Field(description="'O1', 'O2', ...")
    actors: list[str] = Field(min_length=1, description="Actor ids the outcome concerns.")
    type: OutcomeType
    description: str = Field(description="Short neutral paraphrase of what happened.")


class Finding(_Strict):
    """What the code after the model did to one item or actor of the reply."""

    code: str = Field(description="Which check or correction, e.g. 'unsupported', 'roles-from-sentence'.")
    item: str = Field(description="The item's id ('A2'), or the reply's item or actor it was about.")
    action: str = Field(description="'flagged', 'corrected', 'added', 'removed' or 'linked'.")
    detail: str


class Provenance(_Strict):
    source: str = Field(description="The file summarised, or '<stdin>'.")
    summarize_version: str = Field(default="", description="The version of summarize that wrote this.")
    model: str
    backend: str = Field(description="'embedded' or 'openai-compatible'.")
    prompt_hash: str = Field(description="sha256 of the prompt templates used.")
    schema_version: str
    article_sha256: str = Field(description="sha256 of the normalised text the spans index.")
    input_tokens: int = Field(ge=0, description="Prompt tokens over all requests, re-asks included.")
    output_tokens: int = Field(ge=0, description="Generated tokens over all requests.")
    requests: int = Field(ge=0, description="Model requests made, re-asks included.")
    latency_s: float = Field(ge=0, description="Seconds from the first request to the summary, queueing excluded.")
    warnings: list[str] = Field(default_factory=list, description="About the article as a whole: characters "
                                "removed, sentences withheld, the article split.")
    findings: list[Finding] = Field(default_factory=list, description="What the post-model passes did, item by "
                                    "item.")
    passes: list[str] = Field(default_factory=list, description="The post-model passes that ran, in order.")


class Doubted(_Strict):
    """Items of the model's reply that a check in code doubts: kept, with the failed checks
    on each, but not among what the summary states."""

    allegations: list[Allegation] = Field(default_factory=list)
    denials: list[Denial] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)


class Summary(_Strict):
    schema_version: str = SCHEMA_VERSION
    gist: str = Field(description="The article's own words: the earliest one or two sentences that state a "
                      "grounded item, quoted verbatim (a headline gets a full stop).")
    actors: list[Actor]
    allegations: list[Allegation]
    denials: list[Denial]
    outcomes: list[Outcome]
    doubted: Doubted = Field(default_factory=Doubted, description="What the model gave that checks in code "
                             "doubt (each item's checks say why): listed apart so nothing is lost.")
    provenance: Provenance

    @model_validator(mode="after")
    def _references_resolve(self) -> Summary:
        actor_ids = [actor.id for actor in self.actors]
        if len(set(actor_ids)) != len(actor_ids):
            raise ValueError("actor ids must be unique")
        known = set(actor_ids)
        allegations = [*self.allegations, *self.doubted.allegations]
        denials = [*self.denials, *self.doubted.denials]
        allegation_ids = [item.id for item in allegations]
        ids = [*allegation_ids, *(d.id for d in denials), *(o.id for o in [*self.outcomes, *self.doubted.outcomes])]
        if len(set(ids)) != len(ids):
            raise ValueError("item ids must be unique")
        refs = [
            *((a.id, r) for a in allegations for r in [*a.accusers, *a.accused]),
            *((d.id, r) for d in denials for r in d.deniers),
            *((o.id, r) for o in [*self.outcomes, *self.doubted.outcomes] for r in o.actors),
        ]
        for item_id, ref in refs:
            if ref not in known:
                raise ValueError(f"{item_id} refers to unknown actor {ref!r}")
        for denial in denials:
            if denial.denies is not None and denial.denies not in allegation_ids:
                raise ValueError(f"{denial.id} denies unknown allegation {denial.denies!r}")
        return self
