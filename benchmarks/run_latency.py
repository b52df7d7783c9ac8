"""Time `summarize run` against one raw xllamacpp chat completion with the same prompt.

Both run in this process on the embedded model. Each trial starts a fresh
in-process server, so neither side profits from the other's prompt cache. The
raw call is the pipeline's own request with the same saved system-prompt
cache: pipeline / raw is the tool's overhead.

    python benchmarks/run_latency.py [ARTICLE] [--trials N]

Reports wall time, prompt and generated tokens, and the ratio pipeline / raw.
A third kind, ``naive``, is the anchor the issue names: one JSON-schema call
with a plain system prompt, the raw article, and quotes as evidence.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

from pydantic import BaseModel

from summarize.backends.embedded import EmbeddedBackend
from summarize.backends.weights import cache_dir
from summarize.draft import Draft
from summarize.extraction import Extractor, RequestOptions
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet
from summarize.sources import read_article

import naive as anchor  # noqa: E402  (benchmarks/naive.py)

SEED = Path(__file__).resolve().parent.parent.parent / "shared/benchmark/seed/flynn-resigns.txt"


def raw_call(backend: EmbeddedBackend, messages: list[dict[str, str]], options: RequestOptions,
             model: type[BaseModel]) -> dict:
    """One request straight into the server object."""
    row = anchor.raw_call(backend._server, messages, model, options.max_output_tokens, options.temperature)
    return {key: row[key] for key in ("wall_s", "prompt_tokens", "generated_tokens")}


def pipeline_request_raw(backend: EmbeddedBackend, messages: list[dict[str, str]], options: RequestOptions,
                         prompts: PromptSet) -> dict:
    """The pipeline's own request (same messages, schema and saved prefix cache), sent
    straight into the server object: what the pipeline costs with no tool around it."""
    started = time.perf_counter()
    backend.warm(prompts.system_prompt())
    row = raw_call(backend, messages, options, Draft)
    return {**row, "wall_s": time.perf_counter() - started}


async def pipeline_call(backend, endpoint, prompts: PromptSet, article,  # type: ignore[no-untyped-def]
                        options: RequestOptions | None = None) -> dict:
    """What `summarize run` does once the server is up: warm the prefix cache, then summarise.
    ``options.reply_cache`` keeps the replies, so `summarize eval` can score these very runs."""
    extractor = Extractor(endpoint, options)
    started = time.perf_counter()
    backend.warm(prompts.system_prompt())
    summary = await Pipeline(extractor, prompts).summarize(article)
    wall = time.perf_counter() - started
    await extractor.aclose()
    return {
        "wall_s": wall,
        "prompt_tokens": summary.provenance.input_tokens,
        "generated_tokens": summary.provenance.output_tokens,
        "requests": summary.provenance.requests,
        "grounded_items": sum(
            item.grounded for item in [*summary.allegations, *summary.denials, *summary.outcomes]
        ),
        "items": len(summary.allegations) + len(summary.denials) + len(summary.outcomes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--trials", type=int, default=2)
    args = parser.parse_args()
    article = read_article(args.article)
    prompts = PromptSet.load()
    options = RequestOptions()
    rows: dict[str, list[dict]] = {"raw": [], "pipeline": [], "naive": [], "pipeline-cold": []}
    kinds = ["naive", "raw", "pipeline-cold", "pipeline"]
    for trial in range(args.trials):
        for kind in kinds if trial % 2 == 0 else ["raw", "naive", "pipeline-cold", "pipeline"]:
            if kind == "pipeline-cold":  # no saved system-prompt cache: a first run
                for saved in (cache_dir() / "slots").glob("prefix-*.bin"):
                    saved.unlink()
            backend = EmbeddedBackend()
            endpoint = backend.start()
            try:
                if kind == "naive":
                    row = raw_call(backend, anchor.naive_messages(article.text), options, anchor.NaiveSummary)
                elif kind == "raw":
                    pipeline = Pipeline(Extractor(endpoint), prompts)
                    messages = pipeline.messages(pipeline.plan(article))[0]  # the pipeline's own request
                    row = pipeline_request_raw(backend, messages, options, prompts)
                else:
                    row = asyncio.run(pipeline_call(backend, endpoint, prompts, article))
            finally:
                backend.close()
            rows[kind].append(row)
            print(json.dumps({"trial": trial + 1, "kind": kind, **row}), flush=True)
    cold = statistics.median(r["wall_s"] for r in rows["pipeline-cold"])
    raw = statistics.median(r["wall_s"] for r in rows["raw"])
    pipe = statistics.median(r["wall_s"] for r in rows["pipeline"])
    gen_raw = statistics.median(r["generated_tokens"] for r in rows["raw"])
    gen_pipe = statistics.median(r["generated_tokens"] for r in rows["pipeline"])
    print(f"article: {args.article}")
    print(f"raw call : {raw:6.2f} s median, {gen_raw:.0f} generated tokens")
    print(f"pipeline : {pipe:6.2f} s median, {gen_pipe:.0f} generated tokens (system prompt cache saved)")
    print(f"pipeline, first run: {cold:6.2f} s median (computes and saves the system prompt cache)")
    naive = statistics.median(r["wall_s"] for r in rows["naive"])
    gen_naive = statistics.median(r["generated_tokens"] for r in rows["naive"])
    print(f"naive    : {naive:6.2f} s median, {gen_naive:.0f} generated tokens")
    print(f"ratio pipeline/raw: {pipe / raw:.3f}; first run/raw: {cold / raw:.3f}"
          f"  (overhead of a first run {100 * (cold / raw - 1):+.1f}%)")
    print(f"ratio pipeline/naive: {pipe / naive:.3f} time, {gen_pipe / gen_naive:.3f} generated tokens")


if __name__ == "__main__":
    main()
