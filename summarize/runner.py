"""Summarise a list of articles on one endpoint: start it, plan, run concurrently, close it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from summarize.config import ModelOptions, resolve_backend
from summarize.extraction import Extractor, RequestOptions
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet
from summarize.schema import Summary
from summarize.sources import Article


def summarize_articles(
    articles: list[Article],
    options: ModelOptions,
    prompt_dir: Path | None = None,
    request: RequestOptions | None = None,
) -> list[Summary]:
    prompts = PromptSet.load(prompt_dir)
    backend = resolve_backend(options)
    endpoint = backend.start()
    try:
        return asyncio.run(_run(articles, Extractor(endpoint, request), prompts))
    finally:
        backend.close()


async def _run(articles: list[Article], extractor: Extractor, prompts: PromptSet) -> list[Summary]:
    pipeline = Pipeline(extractor, prompts)
    try:
        for article in articles:  # every input checked before the first request
            pipeline.plan(article)
        return list(await asyncio.gather(*(pipeline.summarize(a) for a in articles)))
    finally:
        await extractor.aclose()
