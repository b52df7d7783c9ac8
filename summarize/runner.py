"""Summarise a list of articles on one endpoint: start it, plan, run concurrently, close it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from summarize.backends.base import Backend, Endpoint
from summarize.backends.embedded import EmbeddedBackend
from summarize.config import ModelOptions, resolve_backend, resolve_passes, resolve_questions
from summarize.draft import Draft
from summarize.errors import SummarizeError
from summarize.extraction import Extractor, RequestOptions
from summarize.pipeline import Pipeline, Plan
from summarize.prompting import PromptSet
from summarize.schema import Summary
from summarize.sources import Article

Outcome = Summary | SummarizeError


class SlotReset:
    """On the embedded model with one slot, each article starts from the saved system prompt.

    llama.cpp evaluates a prompt from where it first differs from what the slot holds, and
    where that is (the previous article shares a few tokens of the template) changes how
    the article is split into batches, and with it the numerics: a greedy reply could
    change with the article run before it. Restoring the saved prefix costs milliseconds.
    With several slots the server picks the slot, so there is nothing to reset to; without
    a saved prefix (a cache folder that cannot be written) a reset would evaluate the
    system prompt again, so it is skipped."""

    def __init__(self, warm: Callable[[], bool], one_embedded_slot: bool) -> None:
        self._warm = warm
        self.active = one_embedded_slot

    @classmethod
    def for_endpoint(cls, backend: Backend, endpoint: Endpoint, system_prompt: str) -> SlotReset:
        return cls(lambda: backend.warm(system_prompt), endpoint.backend == "embedded" and endpoint.parallel == 1)

    def start(self) -> None:
        """Save or restore the system prompt's prefix once, before the first request."""
        self.active = self._warm() and self.active

    def before_article(self) -> None:
        if self.active:
            self._warm()


def summarize_articles(
    articles: list[Article],
    options: ModelOptions,
    prompt_dir: Path | None = None,
    request: RequestOptions | None = None,
    *,
    keep_going: bool = False,
    on_result: Callable[[int, Outcome], None] | None = None,
    on_drafts: Callable[[Plan, list[Draft]], None] | None = None,
) -> list[Outcome]:
    """One result per article. Without ``keep_going`` the first error is raised, and
    every article is checked before the first request; with it, each failure is
    returned in its article's place and the others go on. ``on_result(index, result)``
    is called as each article finishes, so callers can save work as it lands."""
    if not articles:
        return []
    prompts = PromptSet.load(prompt_dir)
    backend = resolve_backend(options)
    embedded = isinstance(backend, EmbeddedBackend)
    passes = resolve_passes(options, embedded)
    questions = resolve_questions(options, embedded)
    endpoint = backend.start()
    try:
        pipeline = Pipeline(Extractor(endpoint, request), prompts, passes=passes, on_drafts=on_drafts,
                            questions=questions)
        reset = SlotReset.for_endpoint(backend, endpoint, prompts.system_prompt())
        return asyncio.run(_run(articles, pipeline, keep_going, on_result, reset))
    finally:
        backend.close()


async def _run(
    articles: list[Article],
    pipeline: Pipeline,
    keep_going: bool,
    on_result: Callable[[int, Outcome], None] | None,
    reset: SlotReset,
) -> list[Outcome]:
    # As many articles in flight as the endpoint has slots: an article's questions then
    # follow its summary request in the same slot and reuse its prefix, instead of
    # queueing behind every other article's summary, when the slot holds another article.
    in_flight = asyncio.Semaphore(pipeline.extractor.endpoint.parallel)

    async def one(index: int, article: Article) -> Outcome:
        result: Outcome
        try:
            async with in_flight:
                if reset.active:
                    await asyncio.to_thread(reset.before_article)
                result = await pipeline.summarize(article)
        except SummarizeError as exc:
            if not keep_going:
                raise
            result = exc
        if on_result is not None:
            on_result(index, result)
        return result

    try:
        if not keep_going:
            for article in articles:
                pipeline.plan(article)
        reset.start()  # after the checks: bad input never costs a model call
        return list(await asyncio.gather(*(one(i, a) for i, a in enumerate(articles))))
    finally:
        await pipeline.extractor.aclose()
