"""Where in an article the items the model finds and misses are stated: per section, the
gold items matched and missed in each half of short (<= 30 sentences) and long articles.

    summarize eval FOLDER --save-predictions preds/
    python benchmarks/miss_positions.py FOLDER preds/

A gold item's place is the sentence holding the start of its first evidence quote.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import predictions_from_folder, score_run
from summarize.segment import normalise, split_sentences

LONG = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("predictions", type=Path)
    args = parser.parse_args()
    run = score_run(predictions_from_folder(load_cases([args.folder]), args.predictions), "-", "-")
    for section in ("allegations", "denials", "outcomes"):
        tally: dict[str, Counter[str]] = {"found": Counter(), "missed": Counter()}
        for result in run.results:
            if result.score is None:
                continue
            text = normalise(result.case.text_path.read_text(encoding="utf-8")).text
            sentences = split_sentences(text)
            missed = set(result.score.missed[section])
            for item in result.case.gold[section]:
                if item.get("optional"):
                    continue
                at = text.find(item["evidence"][0])
                number = next((s.number for s in sentences if s.start <= at < s.end), None)
                if number is None:
                    continue
                place = ("long" if len(sentences) > LONG else "short") + (
                    " first half" if number <= len(sentences) / 2 else " second half")
                tally["missed" if item["id"] in missed else "found"][place] += 1
        print(json.dumps({"section": section, **{k: dict(sorted(v.items())) for k, v in tally.items()}}))


if __name__ == "__main__":
    main()
