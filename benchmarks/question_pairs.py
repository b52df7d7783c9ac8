"""What the questions about single sentences would cost decoded two at a time, in two
llama.cpp slots, against one after another as the pipeline asks them now:

    python benchmarks/question_pairs.py ../shared/benchmark --limit 8

For each article (its summary in the reply cache, so the questions are the pipeline's own,
questions.py), one server with two slots: the summary request's prompt is evaluated once
in slot 0; then its questions run one after another in slot 0 (seconds timed), then the
prefix is copied into slot 1 (llama.cpp's slot save and restore) and the same questions run
two at a time, one in each slot. Reports seconds both ways, the copy's cost, and how many
replies came out different in a batch (a reply can change with its batch-mate).
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from summarize.backends import prefix_cache
from summarize.backends.embedded import EmbeddedBackend
from summarize.backends.weights import cache_dir
from summarize.config import ModelOptions
from summarize.draft import Draft, sentence_draft
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import run_eval
from summarize.pipeline import Plan
from summarize.prompting import PromptSet
from summarize.questions import uncited_accusations


PROBE_FILE = "pairs-probe.bin"  # the copied prefix, in the slot folder; removed at the end


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=900) as response:  # noqa: S310 - 127.0.0.1 only
        return json.loads(response.read())


def _ask(base: str, messages: list[dict[str, str]], schema: dict[str, Any], slot: int) -> str:
    reply = _post(f"{base}/v1/chat/completions", {
        "messages": messages, "max_tokens": 1536, "temperature": 0.0, "id_slot": slot, "cache_prompt": True,
        "response_format": {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}},
    })
    return reply["choices"][0]["message"]["content"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    cases = load_cases([args.folder])[: args.limit or None]
    drafts: dict[str, tuple[Plan, list[Draft]]] = {}
    run_eval(cases, ModelOptions(), on_drafts=lambda plan, replies: drafts.__setitem__(plan.article.name,
                                                                                          (plan, replies)))
    prompts = PromptSet.load()
    backend = EmbeddedBackend(parallel=2)
    backend.start()
    backend.warm(prompts.system_prompt())
    base = backend._server.listening_address.rstrip("/")
    totals = {"serial": 0.0, "paired": 0.0, "copy": 0.0, "questions": 0, "changed": 0}
    try:
        for case in cases:
            plan, replies = drafts[str(case.text_path)]
            chunk = plan.chunks[0]
            asked = uncited_accusations(chunk, replies[0], 6)
            if len(asked) < 2:
                continue
            _post(f"{base}/v1/chat/completions", {"messages": prompts.render(chunk, part=1, parts=1),
                                                  "max_tokens": 1, "id_slot": 0, "cache_prompt": True})
            work = [(prompts.render(chunk, part=1, parts=1, focus=s), sentence_draft(s.number).model_json_schema())
                    for s in asked]
            started = time.perf_counter()
            serial = [_ask(base, messages, schema, 0) for messages, schema in work]
            serial_s = time.perf_counter() - started
            started = time.perf_counter()
            prefix_cache._slot_action(base, 0, "save", PROBE_FILE)
            prefix_cache._slot_action(base, 1, "restore", PROBE_FILE)
            copy_s = time.perf_counter() - started
            started = time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                slots = [pool.submit(lambda half: [_ask(base, m, s, half) for m, s in work[half::2]], half)
                         for half in (0, 1)]
                first, second = (future.result() for future in slots)
            paired_s = time.perf_counter() - started
            paired = [None] * len(work)
            paired[0::2], paired[1::2] = first, second
            changed = sum(a != b for a, b in zip(serial, paired))
            for key, value in (("serial", serial_s), ("paired", paired_s), ("copy", copy_s),
                               ("questions", len(work)), ("changed", changed)):
                totals[key] += value
            print(json.dumps({"article": case.id, "questions": len(work), "serial_s": round(serial_s, 1),
                              "paired_s": round(paired_s, 1), "copy_s": round(copy_s, 2), "changed": changed}),
                  flush=True)
    finally:
        backend.close()
        (cache_dir() / "slots" / PROBE_FILE).unlink(missing_ok=True)
    print(f"{totals['questions']} questions: one after another {totals['serial']:.1f} s, two at a time "
          f"{totals['paired']:.1f} s + {totals['copy']:.2f} s to copy the prefix "
          f"({totals['serial'] / max(totals['paired'] + totals['copy'], 1e-9):.2f}x); "
          f"{totals['changed']} replies changed in a batch")


if __name__ == "__main__":
    main()
