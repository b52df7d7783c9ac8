"""Time `summarize run` against one raw xllamacpp chat completion with the same prompt.

Both run in this process on the embedded model. Each trial starts a fresh
in-process server, so neither side profits from the other's prompt cache.

    python benchmarks/run_latency.py [ARTICLE] [--trials N]

Reports wall time, prompt and generated tokens, and the ratio pipeline / raw.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

from summarize.backends.embedded import EmbeddedBackend
from summarize.draft import Draft
from summarize.extraction import Extractor, RequestOptions
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet
from summarize.sources import read_article

SEED = Path(__file__).resolve().parent.parent.parent / "shared/benchmark/seed/flynn-resigns.txt"


def raw_call(backend: EmbeddedBackend, messages: list[dict[str, str]], options: RequestOptions) -> dict:
    """The same request the pipeline sends, straight into the server object."""
    request = {
        "messages": messages,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "Draft", "schema": Draft.model_json_schema()},
        },
        "max_tokens": options.max_output_tokens,
        "temperature": options.temperature,
    }
    started = time.perf_counter()
    result = backend._server.handle_chat_completions(request)
    return {
        "wall_s": time.perf_counter() - started,
        "prompt_tokens": result["usage"]["prompt_tokens"],
        "generated_tokens": result["usage"]["completion_tokens"],
    }


async def pipeline_call(endpoint, prompts: PromptSet, article) -> dict:  # type: ignore[no-untyped-def]
    extractor = Extractor(endpoint)
    started = time.perf_counter()
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
    rows: dict[str, list[dict]] = {"raw": [], "pipeline": []}
    for trial in range(args.trials):
        for kind in ("raw", "pipeline") if trial % 2 == 0 else ("pipeline", "raw"):
            backend = EmbeddedBackend()
            endpoint = backend.start()
            try:
                if kind == "raw":
                    pipeline = Pipeline(Extractor(endpoint), prompts)
                    _, _, chunks, _ = pipeline.plan(article)
                    messages = prompts.render(chunks[0], part=1, parts=len(chunks))
                    row = raw_call(backend, messages, options)
                else:
                    row = asyncio.run(pipeline_call(endpoint, prompts, article))
            finally:
                backend.close()
            rows[kind].append(row)
            print(json.dumps({"trial": trial + 1, "kind": kind, **row}), flush=True)
    raw = statistics.median(r["wall_s"] for r in rows["raw"])
    pipe = statistics.median(r["wall_s"] for r in rows["pipeline"])
    gen_raw = statistics.median(r["generated_tokens"] for r in rows["raw"])
    gen_pipe = statistics.median(r["generated_tokens"] for r in rows["pipeline"])
    print(f"article: {args.article}")
    print(f"raw call : {raw:6.2f} s median, {gen_raw:.0f} generated tokens")
    print(f"pipeline : {pipe:6.2f} s median, {gen_pipe:.0f} generated tokens")
    print(f"ratio pipeline/raw: {pipe / raw:.3f}  (overhead {100 * (pipe / raw - 1):+.1f}%)")


if __name__ == "__main__":
    main()
