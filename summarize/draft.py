"""What the model is asked to fill in: compact, bounded, easy for a small model.

The model answers in focused passes over the same article (actors; allegations
and denials; outcomes), each a small schema of its own; code combines them
into one ``Draft``. Actors are referred to by name (code resolves names to
ids), allegations by their 1-based number, and evidence by cited sentence
numbers (code turns them into exact spans). Bounds on every string and list
keep a small model from rambling under constrained decoding. Fields are in
the order the model should think: what happened first, then who, then where.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Any

from instructor import OpenAISchema
from pydantic import BaseModel, Field

from summarize.schema import ActorKind, OutcomeType

Name = Annotated[str, Field(min_length=1, max_length=80)]
Phrase = Annotated[str, Field(min_length=1, max_length=120)]
SentenceRef = Annotated[int, Field(ge=1, le=2000)]
Sentences = Annotated[list[SentenceRef], Field(min_length=1, max_length=3)]
Gist = Annotated[str, Field(min_length=1, max_length=500)]


class DraftActor(BaseModel):
    name: Name = Field(description="Fullest name as written in the article.")
    kind: ActorKind
    role: Annotated[str, Field(max_length=60)] = Field(description="Role in the story, a few words.")


class DraftAllegation(BaseModel):
    claim: Phrase = Field(description="Neutral paraphrase of the alleged wrongdoing.")
    accusers: list[Name] = Field(max_length=3, description="Who makes the claim; [] if unattributed.")
    accused: list[Name] = Field(min_length=1, max_length=3, description="Who is accused.")
    sentences: Sentences = Field(description="Numbers of the sentences that state it.")


class DraftDenial(BaseModel):
    claim: Phrase = Field(description="What is denied, paraphrased.")
    deniers: list[Name] = Field(min_length=1, max_length=3, description="Who denies.")
    denies: int | None = Field(description="Number of the allegation denied, or null.")
    sentences: Sentences


class DraftOutcome(BaseModel):
    description: Phrase
    type: OutcomeType
    actors: list[Name] = Field(min_length=1, max_length=2)
    sentences: Sentences


class PassModel(OpenAISchema):
    """One pass's reply. An OpenAISchema subclass is used by instructor as it is, not
    re-wrapped in a new class per request, and its schema is built once (batch overhead)."""

    @classmethod
    @functools.cache
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached: the schema never changes at run time (do not mutate the result)."""
        return super().model_json_schema(*args, **kwargs)


class ActorsDraft(PassModel):
    __doc__ = None  # keep the class docstring out of the schema
    gist: Gist = Field(description="One or two short neutral sentences, at most 50 words.")
    actors: list[DraftActor] = Field(max_length=20)


class ClaimsDraft(PassModel):
    __doc__ = None
    allegations: list[DraftAllegation] = Field(max_length=10)
    denials: list[DraftDenial] = Field(max_length=10)


class OutcomesDraft(PassModel):
    __doc__ = None
    outcomes: list[DraftOutcome] = Field(max_length=6)


@dataclass(frozen=True)
class Pass:
    name: str  # also the name of its prompt template, <name>.j2
    model: type[PassModel]


PASSES = (Pass("actors", ActorsDraft), Pass("claims", ClaimsDraft), Pass("outcomes", OutcomesDraft))


class Draft(BaseModel):
    """One chunk's passes combined: what compose() turns into a summary."""

    actors: list[DraftActor]
    allegations: list[DraftAllegation]
    denials: list[DraftDenial]
    outcomes: list[DraftOutcome]
    gist: str


def combine(replies: dict[str, BaseModel]) -> Draft:
    """The Draft of one chunk from its pass replies, keyed by pass name."""
    actors = replies["actors"]
    claims = replies["claims"]
    outcomes = replies["outcomes"]
    assert isinstance(actors, ActorsDraft) and isinstance(claims, ClaimsDraft)
    assert isinstance(outcomes, OutcomesDraft)
    return Draft(actors=actors.actors, allegations=claims.allegations, denials=claims.denials,
                 outcomes=outcomes.outcomes, gist=actors.gist)
