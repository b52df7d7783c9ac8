"""The naive one-call approach's predictions for a labelled set, for `summarize eval --predictions`:
the quality anchor beside `set_latency.py`'s time anchor, on the embedded model.

    python benchmarks/naive_eval.py FOLDER... --out DIR
    summarize eval FOLDER... --predictions DIR --json

One request per labelled article (benchmarks/naive.py: plain system prompt, the article as
it comes, one slot), its reply written as ``DIR/<id>.json`` in the gold shape with names
for ids. An article whose prediction is already in DIR is skipped, so an interrupted run
resumes. A reply that is not valid JSON, or a request the server refuses (an article past the
context), is written as an empty prediction and counted.
The naive reply cannot link a denial to an allegation; a denial is linked to the first
allegation that accuses one of its deniers, the reading a user of that reply would make.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from summarize.backends.embedded import EmbeddedBackend
from summarize.evaluation.dataset import load_cases
from summarize.extraction import RequestOptions
from summarize.output import write_atomic
from summarize.sources import read_article

import naive as anchor  # noqa: E402  (benchmarks/naive.py)


def as_prediction(reply: dict[str, Any] | None) -> dict[str, Any]:
    """The naive reply in the gold shape; an unreadable reply is an empty prediction."""
    if not isinstance(reply, dict):
        return {"actors": [], "allegations": [], "denials": [], "outcomes": []}
    allegations = [{"by": a["by"], "against": a["against"], "claim": a["claim"], "evidence": [a["evidence"]]}
                   for a in reply.get("allegations", [])]

    def denied(deniers: list[str]) -> str | None:
        for n, allegation in enumerate(allegations, start=1):
            if set(deniers) & set(allegation["against"]):
                return f"A{n}"
        return None

    return {
        "actors": [{"name": name} for name in dict.fromkeys(reply.get("actors", [])) if name.strip()],
        "allegations": allegations,
        "denials": [{"by": d["by"], "denies": denied(d["by"]), "claim": d["claim"], "evidence": [d["evidence"]]}
                    for d in reply.get("denials", [])],
        "outcomes": [{"actors": o["actors"], "type": o["type"], "description": o["description"],
                      "evidence": [o["evidence"]]} for o in reply.get("outcomes", [])],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for <id>.json predictions")
    args = parser.parse_args()
    cases = [c for c in load_cases(args.folders) if c.gold is not None]
    todo = [c for c in cases if not (args.out / f"{c.id}.json").exists()]
    args.out.mkdir(parents=True, exist_ok=True)
    options = RequestOptions()
    backend = EmbeddedBackend(parallel=1)
    backend.start()
    unreadable = 0
    started = time.perf_counter()
    try:
        for case in todo:
            article = read_article(str(case.text_path))
            row = anchor.raw_call(backend._server, anchor.naive_messages(article.text), anchor.NaiveSummary,
                                  options.max_output_tokens, options.temperature)
            try:
                prediction = as_prediction(row["reply"])
            except (KeyError, TypeError):
                prediction, row["reply"] = as_prediction(None), None
            unreadable += row["reply"] is None
            write_atomic(args.out / f"{case.id}.json", json.dumps(prediction, indent=2, ensure_ascii=False) + "\n")
            print(json.dumps({"article": case.id, "wall_s": round(row["wall_s"], 2),
                              "generated_tokens": row["generated_tokens"], "readable": row["reply"] is not None,
                              **({"error": str(row["error"])[:200]} if row["error"] else {})}),
                  flush=True)
    finally:
        backend.close()
    print(f"{len(todo)} articles in {time.perf_counter() - started:.0f} s ({len(cases) - len(todo)} already there), "
          f"{unreadable} unreadable replies", file=sys.stderr)


if __name__ == "__main__":
    main()
