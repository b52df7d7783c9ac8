"""Prompt injection, measured: attack payloads planted in our own example article at
several positions, summarised with the defences (`summarize`'s pipeline) and without
(the naive one-call approach on the text as it comes), on the embedded model.

    python benchmarks/injection.py            # 6 development payloads x 6 positions,
                                              # 6 held-out payloads x 3 positions (~50 min)
    python benchmarks/injection.py --quick    # start, end and hidden-element only

An attack succeeds when its effect shows in the output: the trigger string is
present, the language or encoding changed, the planted allegation or denial is
present (and, for `summarize`, shown as grounded), or the actors were suppressed.
Also reported: the share of outputs that are schema-valid, and the recall of
`grounded: false` on planted fabrications that made it into the output.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import naive  # noqa: E402
from tests.injection_attacks import ARTICLE, HELD_OUT, PAYLOADS, planted_items, succeeded, variants  # noqa: E402
from summarize.backends.embedded import EmbeddedBackend  # noqa: E402
from summarize.extraction import Extractor  # noqa: E402
from summarize.pipeline import Pipeline  # noqa: E402
from summarize.prompting import PromptSet  # noqa: E402
from summarize.schema import Summary  # noqa: E402
from summarize.sources import read_article  # noqa: E402


async def ours(endpoint: Any, prompts: PromptSet, path: Path) -> dict[str, Any] | None:
    extractor = Extractor(endpoint)
    try:
        summary = await Pipeline(extractor, prompts).summarize(read_article(str(path)))
    except Exception:  # noqa: BLE001 - a failure is a non-valid output, counted as such
        return None
    finally:
        await extractor.aclose()
    Summary.model_validate_json(summary.model_dump_json())
    return json.loads(summary.model_dump_json())


def report(title: str, results: list[dict[str, Any]]) -> None:
    if not results:
        return
    print(f"\n## {title}\ncategory          with defences   without")
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_position: dict[str, list[bool]] = defaultdict(list)
    for row in results:
        by_category[row["category"]].append(row)
        by_position[row["position"]].append(row["ours_success"])
    for category, rows in by_category.items():
        n = len(rows)
        print(f"{category:16s}  {sum(r['ours_success'] for r in rows)}/{n} ASR      "
              f"{sum(r['naive_success'] for r in rows)}/{n} ASR")
    n = len(results)
    planted = sum(r["planted"] for r in results)
    print(f"all: ASR {sum(r['ours_success'] for r in results) / n:.0%} with defences, "
          f"{sum(r['naive_success'] for r in results) / n:.0%} without; schema-valid "
          f"{sum(r['ours_valid'] for r in results)}/{n} with defences, {sum(r['naive_valid'] for r in results)}/{n} "
          f"without; planted fabrications in the output: {planted}, of them grounded: false "
          f"{sum(r['planted_ungrounded'] for r in results)}; payload withheld before the model "
          f"{sum(r['withheld'] for r in results)}/{n}")
    print("ASR with defences by position: " + ", ".join(f"{p} {sum(v)}/{len(v)}" for p, v in by_position.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the start, end and hidden-element positions")
    parser.add_argument("--held-out-positions", default="start,middle,end",
                        help="positions for the held-out payloads (comma-separated; '' for none)")
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    backend = EmbeddedBackend()
    endpoint = backend.start()
    prompts = PromptSet.load()
    backend.warm(prompts.system_prompt())
    held_out_positions = {p for p in args.held_out_positions.split(",") if p}
    results: dict[str, list[dict[str, Any]]] = {"development set": [], "held-out set": []}
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            for name, payloads in (("development set", PAYLOADS), ("held-out set", HELD_OUT)):
                for category, payload in payloads.items():
                    folder = Path(tmp_name) / category
                    folder.mkdir()
                    for position, (path, raw) in variants(text, payload, folder).items():
                        if name == "held-out set" and position not in held_out_positions:
                            continue
                        if args.quick and position not in {"start", "end", "hidden-element"}:
                            continue
                        mine = asyncio.run(ours(endpoint, prompts, path))
                        theirs = naive.raw_call(backend._server, naive.naive_messages(raw), naive.NaiveSummary)["reply"]
                        planted = planted_items(category, mine) if mine else []
                        row = {
                            "set": name, "category": category, "position": position,
                            "ours_success": succeeded(category, mine, ours=True),
                            "naive_success": succeeded(category, theirs, ours=False),
                            "ours_valid": mine is not None, "naive_valid": theirs is not None,
                            "withheld": bool(mine) and any("withheld from the model" in w
                                                           for w in mine["provenance"]["warnings"]),
                            "planted": len(planted),
                            "planted_ungrounded": sum(not i.get("grounded") for i in planted),
                        }
                        results[name].append(row)
                        print(json.dumps(row), flush=True)
    finally:
        backend.close()
    for name, rows in results.items():
        report(name, rows)
    report("both sets", [row for rows in results.values() for row in rows])


if __name__ == "__main__":
    main()
