"""What the model is asked to fill in: compact, bounded, easy for a small model.

Actors are referred to by name (code resolves names to ids), allegations by
their 1-based number, and evidence by cited sentence numbers (code turns them
into exact spans). Bounds on every string and list keep a small model from
rambling under constrained decoding.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any

from instructor import OpenAISchema
from pydantic import BaseModel, Field, create_model

from summarize.schema import ActorKind, OutcomeType

Name = Annotated[str, Field(min_length=1, max_length=80)]
Phrase = Annotated[str, Field(min_length=1, max_length=160)]
SentenceRef = Annotated[int, Field(ge=1, le=2000)]
Sentences = Annotated[list[SentenceRef], Field(min_length=1, max_length=3)]


class DraftActor(BaseModel):
    name: Name = Field(description="Fullest name as written in the article.")
    kind: ActorKind
    role: Annotated[str, Field(max_length=60)] = Field(description="Role in the story, a few words.")


class DraftAllegation(BaseModel):
    accusers: list[Name] = Field(max_length=4, description="Who makes the claim; [] if unattributed.")
    accused: list[Name] = Field(min_length=1, max_length=4, description="Who is accused.")
    claim: Phrase = Field(description="Neutral paraphrase of the alleged wrongdoing.")
    sentences: Sentences = Field(description="Numbers of the sentences that state it.")


class DraftDenial(BaseModel):
    deniers: list[Name] = Field(min_length=1, max_length=4, description="Who denies.")
    denies: int | None = Field(description="Number of the allegation denied, or null.")
    claim: Phrase = Field(description="What is denied, paraphrased.")
    sentences: Sentences


class DraftOutcome(BaseModel):
    actors: list[Name] = Field(min_length=1, max_length=4)
    type: OutcomeType
    description: Phrase
    sentences: Sentences


class Draft(OpenAISchema):
    # An OpenAISchema subclass is used by instructor as it is, not re-wrapped in a new
    # class per request; and the schema is built once, not per request (batch overhead).
    __doc__ = None
    actors: list[DraftActor] = Field(max_length=20)
    # A 1.5B model that starts repeating an item repeats it to the bound: 6 holds what a
    # real article has (the benchmarks' gold: at most 7, 2 to 4 on average) and caps a loop.
    allegations: list[DraftAllegation] = Field(max_length=6)
    denials: list[DraftDenial] = Field(max_length=6)
    outcomes: list[DraftOutcome] = Field(max_length=6)
    # No gist: the summary quotes the article's own (summarize.gist), and the reply ends
    # after the outcomes, 50 generated tokens sooner. The system prompt still describes a
    # gist and "one line of compact JSON" (prompts/system.j2 says why): every way of making
    # prompt and schema agree that was measured made the 1.5B model's other sections worse
    # (both lines out: shared benchmark 0.454 -> 0.427, fixtures 0.626 -> 0.566; a gist key
    # in the schema and no "one line": 0.454 -> 0.441 and 0.560 -> 0.500 on 30 fixtures).

    @classmethod
    @functools.cache
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached: the schema never changes at run time (do not mutate the result)."""
        return super().model_json_schema(*args, **kwargs)


class SentenceReply(OpenAISchema):
    """The reply to a question about one sentence of an article already summarised whole:
    the items of one section that sentence states (the actors come from the first reply;
    new names become actors)."""

    __doc__ = None

    def as_draft(self) -> Draft:
        sections: dict[str, Any] = {"allegations": [], "denials": [], "outcomes": []}
        sections.update({name: getattr(self, name) for name in type(self).model_fields})
        return Draft(actors=[], **sections)


class SentenceDraft(SentenceReply):
    __doc__ = None
    allegations: list[DraftAllegation] = Field(max_length=3)


class SentenceOutcomes(SentenceReply):
    __doc__ = None
    outcomes: list[DraftOutcome] = Field(max_length=3)


_ITEM = {"allegations": DraftAllegation, "outcomes": DraftOutcome}
_BASE = {"allegations": SentenceDraft, "outcomes": SentenceOutcomes}


@functools.cache
def sentence_draft(number: int, section: str = "allegations") -> type[SentenceReply]:
    """The schema of a question about sentence ``number``: every item of ``section``
    cites that sentence only, so constrained decoding keeps the reply on it."""
    cited = (Annotated[list[Annotated[int, Field(ge=number, le=number)]], Field(min_length=1, max_length=1)], ...)
    item = create_model(_ITEM[section].__name__, __base__=_ITEM[section], sentences=cited)
    fields: dict[str, Any] = {section: (list[item], Field(max_length=3))}  # type: ignore[valid-type]
    schema = create_model(_BASE[section].__name__, __base__=_BASE[section], **fields)
    schema.__doc__ = None
    return schema
