"""Seconds per article over a whole set: `summarize`'s pipeline against the naive one-call
approach, on the embedded model, one server with one slot, in this process.

    python benchmarks/set_latency.py ../shared/benchmark [--limit N] [--cache DIR]

Per article the two run back to back, in alternating order, so drift in the
machine's speed hits both alike. The pipeline's system-prompt cache is warmed
once before the first article (as on any machine after its first run).
Reports per-article seconds and generated tokens, the medians and the ratios.
With --cache, the pipeline's replies are kept there (a missing reply is made, a stored
one would be replayed, so use an empty folder). Copied into the reply cache
(~/.cache/summarize/replies), `summarize eval` then scores the very replies that were timed.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import statistics
from pathlib import Path

from summarize.backends.embedded import EmbeddedBackend
from summarize.extraction import RequestOptions
from summarize.prompting import PromptSet
from summarize.sources import read_article

import naive as anchor  # noqa: E402  (benchmarks/naive.py)
from run_latency import pipeline_call, raw_call  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--cache", type=Path, help="keep the pipeline's replies in this (empty) folder")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.txt"))[: args.limit or None]
    prompts = PromptSet.load()
    options = RequestOptions()
    if args.cache is not None and any(args.cache.glob("*.json")):
        parser.error(f"{args.cache}: holds replies already; stored replies would be replayed, not timed")
    pipeline_options = dataclasses.replace(options, reply_cache=args.cache)
    backend = EmbeddedBackend(parallel=1)
    endpoint = backend.start()
    backend.warm(prompts.system_prompt())
    rows: dict[str, list[dict]] = {"naive": [], "pipeline": []}
    try:
        for index, path in enumerate(paths):
            article = read_article(str(path))
            for kind in ("naive", "pipeline") if index % 2 == 0 else ("pipeline", "naive"):
                if kind == "naive":
                    row = raw_call(backend, anchor.naive_messages(article.text), options, anchor.NaiveSummary)
                else:
                    row = asyncio.run(pipeline_call(backend, endpoint, prompts, article, pipeline_options))
                rows[kind].append(row)
                print(json.dumps({"article": path.stem, "kind": kind, **row}), flush=True)
    finally:
        backend.close()
    median = {k: statistics.median(r["wall_s"] for r in v) for k, v in rows.items()}
    tokens = {k: statistics.median(r["generated_tokens"] for r in v) for k, v in rows.items()}
    total = {k: sum(r["wall_s"] for r in v) for k, v in rows.items()}
    print(f"articles: {len(paths)} from {args.folder}")
    for kind in rows:
        print(f"{kind:9}: {median[kind]:6.2f} s median, {total[kind]:7.1f} s total, "
              f"{tokens[kind]:.0f} generated tokens median")
    print(f"ratio pipeline/naive: {median['pipeline'] / median['naive']:.3f} median time, "
          f"{total['pipeline'] / total['naive']:.3f} total time")


if __name__ == "__main__":
    main()
