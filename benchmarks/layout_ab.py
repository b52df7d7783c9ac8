"""Does the layout of the model's JSON matter? The pipeline on an eval set with the embedded
model's reply held to the same schema but laid out three ways:

- ``json``: what the pipeline sends (``response_format``); the 1.5B model pretty-prints,
  one key per line, and about a third of what it generates is newlines and indentation;
- ``one-line``: the whole reply on one line (llguidance layout options);
- ``item-lines``: the outer shape as the model writes it, each actor, allegation,
  denial and outcome on one line of its own (a Lark grammar with ``%json`` items).

    python benchmarks/layout_ab.py ../shared/benchmark --layout item-lines [--limit N]

Each layout keeps its replies in its own folder (default: the user cache's
``layout-<name>``), so a run resumes and re-scores like `summarize eval`. Prints
the macro F1, the per-section F1, the generated tokens, the replies' mean
number of actors and allegations, and the p50 seconds per article.
This swaps the request in the openai client: a benchmark, not a product path.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from openai.resources.chat.completions import AsyncCompletions

from summarize.backends.weights import cache_dir
from summarize.config import ModelOptions
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import run_eval

ONE_LINE = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}


def one_line(schema: dict[str, Any]) -> str:
    return "%llguidance {}\nstart: %json " + json.dumps({**schema, "x-guidance": ONE_LINE})


def item_lines(schema: dict[str, Any]) -> str:
    """Lists of objects one item per line, two-space indented like the model's own layout."""
    defs = schema.get("$defs", {})
    rules, sequence = [], []
    for index, (key, prop) in enumerate(schema["properties"].items()):
        rule = f"field{index}"
        lead = ("{" if index == 0 else ",") + "\n  " + json.dumps(key) + ": "
        sequence.append(f"{json.dumps(lead)} {rule}")
        items = prop.get("items", {})
        if prop.get("type") == "array" and "$ref" in items:
            item = {**defs[items["$ref"].rsplit("/", 1)[-1]], "$defs": defs, "x-guidance": ONE_LINE}
            more = prop.get("maxItems", 64) - 1
            rules.append(f'{rule}: "[]" | "[\\n    " {rule}_item (",\\n    " {rule}_item){{0,{more}}} "\\n  ]"')
            rules.append(f"{rule}_item: %json {json.dumps(item)}")
        else:
            value = {k: v for k, v in prop.items() if k not in ("title", "description")}
            rules.append(f"{rule}: %json {json.dumps({**value, '$defs': defs, 'x-guidance': ONE_LINE})}")
    return "\n".join(["%llguidance {}", "start: " + " ".join(sequence) + ' "\\n}"', *rules]) + "\n"


GRAMMARS = {"one-line": one_line, "item-lines": item_lines}


def use_layout(layout: str) -> None:
    """Every chat request with a JSON-schema response format goes out as this grammar."""
    if layout == "json":
        return
    original = AsyncCompletions.create

    async def create(self: AsyncCompletions, **kwargs: Any) -> Any:
        response_format = kwargs.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            kwargs.pop("response_format")
            grammar = GRAMMARS[layout](response_format["json_schema"]["schema"])
            kwargs["extra_body"] = {**(kwargs.get("extra_body") or {}), "grammar": grammar}
        return await original(self, **kwargs)

    AsyncCompletions.create = create  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--layout", choices=["json", *GRAMMARS], default="json")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cases")
    parser.add_argument("--cache", type=Path, help="reply folder (default: the user cache's layout-<name>)")
    args = parser.parse_args()
    use_layout(args.layout)
    cases = load_cases([args.folder])[: args.limit or None]
    cache = args.cache or (cache_dir() / f"layout-{args.layout}")
    run = run_eval(cases, ModelOptions(parallel=1), cache=cache)
    report = run.as_dict()
    stored = [json.loads(p.read_text()) for p in cache.glob("*.json")]
    drafts = [s["reply"] for s in stored if isinstance(s, dict) and "reply" in s]
    print(f"layout {args.layout}: {len(cases)} cases from {args.folder}, replies in {cache}")
    print(f"macro F1 {report['macro_f1']:.3f}; " + ", ".join(
        f"{s} {report[s]['f1']:.3f}" for s in ("actors", "allegations", "denials", "outcomes")))
    print(f"generated tokens {report['tokens_out']}; p50 {report['latency_p50_s']} s per article; "
          f"failures {len(report['failures'])}")
    if drafts:
        print(f"per reply: {statistics.mean(len(d['actors']) for d in drafts):.1f} actors, "
              f"{statistics.mean(len(d['allegations']) for d in drafts):.1f} allegations")


if __name__ == "__main__":
    main()
