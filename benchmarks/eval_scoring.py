"""Time scoring 1,000 cached predictions (the eval issue's target: under 2 seconds).

    python benchmarks/eval_scoring.py [--n 1000]

Copies the project's fixtures into a temp folder until there are N labelled
articles, uses each gold file as the prediction, and times load + score.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import predictions_from_folder, score_run

FIXTURES = Path(__file__).resolve().parent.parent / "evals" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    sources = sorted(FIXTURES.glob("*.gold.json"))
    with tempfile.TemporaryDirectory() as tmp:
        data, preds = Path(tmp) / "data", Path(tmp) / "preds"
        data.mkdir()
        preds.mkdir()
        for i in range(args.n):
            gold_path = sources[i % len(sources)]
            stem = gold_path.name[: -len(".gold.json")]
            case_id = f"{stem}-{i:04d}"
            gold = json.loads(gold_path.read_text())
            gold["id"] = case_id
            shutil.copy(gold_path.with_name(f"{stem}.txt"), data / f"{case_id}.txt")
            (data / f"{case_id}.gold.json").write_text(json.dumps(gold))
            (preds / f"{case_id}.json").write_text(json.dumps(gold))
        started = time.perf_counter()
        cases = load_cases([data])
        run = score_run(predictions_from_folder(cases, preds), model="external", prompt_hash="-")
        elapsed = time.perf_counter() - started
    print(f"scored {len(cases)} predictions in {elapsed:.2f} s "
          f"({1000 * elapsed / len(cases):.2f} ms each); macro F1 {run.report.macro_f1:.3f}")


if __name__ == "__main__":
    main()
