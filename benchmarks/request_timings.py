"""Where the pipeline's seconds go, request by request, on the embedded model: llama.cpp's
own timings (prompt tokens evaluated and reused, prompt and generation milliseconds)
for the summary request and each question, read from the last event of each stream.

    python benchmarks/request_timings.py ARTICLE [ARTICLE ...]

Replies are made afresh (an empty reply cache per article); the server and its saved
system-prompt cache are set up as in `set_latency.py`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

import summarize.repeats as repeats
from summarize.backends.embedded import EmbeddedBackend
from summarize.extraction import RequestOptions
from summarize.prompting import PromptSet
from summarize.sources import read_article

from run_latency import pipeline_call  # noqa: E402

KEYS = ("cache_n", "prompt_n", "prompt_ms", "predicted_n", "predicted_ms")
rows: list[dict] = []
_read, _loads = repeats._read, json.loads


async def _timed_read(client, request, watch, ends):  # type: ignore[no-untyped-def]
    """repeats._read, keeping the `timings` llama.cpp puts in a stream's last event."""
    timings: dict = {}

    def loads(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        event = _loads(text, *args, **kwargs)
        if isinstance(event, dict) and event.get("timings"):
            timings.update(event["timings"])
        return event

    started = time.perf_counter()
    repeats.json.loads = loads
    try:
        return await _read(client, request, watch, ends)
    finally:
        repeats.json.loads = _loads
        # the user's message, not a continuation's assistant prefill, says what was asked
        asked = [m["content"] for m in request["messages"] if m["role"] == "user"][-1]
        rows.append({"wall_s": round(time.perf_counter() - started, 2),
                     "request": "question" if "of the article above reads:" in asked else "summary",
                     **{k: round(timings[k], 1) for k in KEYS if k in timings}})


def main() -> None:
    repeats._read = _timed_read
    prompts = PromptSet.load()
    backend = EmbeddedBackend(parallel=1)
    endpoint = backend.start()
    backend.warm(prompts.system_prompt())
    try:
        for path in sys.argv[1:]:
            options = dataclasses.replace(RequestOptions(), reply_cache=Path(tempfile.mkdtemp()))
            rows.clear()
            total = asyncio.run(pipeline_call(backend, endpoint, prompts, read_article(path), options))
            for row in rows:
                print(json.dumps({"article": Path(path).stem, **row}))
            for kind in ("summary", "question"):
                mine = [r for r in rows if r["request"] == kind]
                print(f"{Path(path).stem[:40]} {kind}: {len(mine)} requests, "
                      f"prompt {sum(r.get('prompt_n', 0) for r in mine)} tokens in "
                      f"{sum(r.get('prompt_ms', 0) for r in mine) / 1000:.1f} s, "
                      f"generated {sum(r.get('predicted_n', 0) for r in mine)} in "
                      f"{sum(r.get('predicted_ms', 0) for r in mine) / 1000:.1f} s")
            print(f"{Path(path).stem[:40]} pipeline wall {total['wall_s']:.1f} s")
    finally:
        backend.close()


if __name__ == "__main__":
    main()
