"""The pipeline's own request under different ways of constraining the output, on the embedded
model: llama.cpp's JSON-schema converter (`response_format`, what the pipeline sends today);
an llguidance grammar (`grammar` = xllamacpp.json_schema_to_grammar of the same schema); and
the converter with the strings' length bounds taken out of the schema (`unbounded`: a bound
like maxLength 160 becomes 160 nested optional grammar rules).

    python benchmarks/constraint_ab.py [ARTICLE] [--trials N] [--kinds converter,unbounded]

One server, one slot, the system prompt's cache warmed; the first request also
evaluates the article, so it is left out of the figures. Reports seconds,
generated tokens and ms per token of each, and whether the two replies agree.
This measures speed only: a different constraint can change what a greedy
model writes, so quality needs both evals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import xllamacpp

from summarize.backends.embedded import EmbeddedBackend
from summarize.draft import Draft
from summarize.extraction import Extractor
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet
from summarize.sources import read_article

from run_latency import SEED  # noqa: E402  (benchmarks/run_latency.py)


def _without_string_bounds(node: object) -> object:
    if isinstance(node, dict):
        return {k: _without_string_bounds(v) for k, v in node.items() if k not in ("maxLength", "minLength")}
    if isinstance(node, list):
        return [_without_string_bounds(v) for v in node]
    return node


def request(messages: list[dict[str, str]], kind: str) -> dict:
    schema = Draft.model_json_schema()
    body: dict = {"messages": messages, "max_tokens": 1536, "temperature": 0.0}
    if kind == "unbounded":
        body["response_format"] = {"type": "json_schema",
                                   "json_schema": {"name": "Draft", "schema": _without_string_bounds(schema)}}
    elif kind == "converter":
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "Draft", "schema": schema}}
    else:
        body["grammar"] = xllamacpp.json_schema_to_grammar(json.dumps(schema))
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--trials", type=int, default=2)
    parser.add_argument("--kinds", default="converter,llguidance", help="two of converter, llguidance, unbounded")
    args = parser.parse_args()
    first, second = args.kinds.split(",")
    prompts = PromptSet.load()
    backend = EmbeddedBackend(parallel=1)
    endpoint = backend.start()
    backend.warm(prompts.system_prompt())
    pipeline = Pipeline(Extractor(endpoint), prompts)
    messages = pipeline.messages(pipeline.plan(read_article(args.article)))[0]
    rows: dict[str, list[dict]] = {first: [], second: []}
    replies: dict[str, str] = {}
    try:
        backend._server.handle_chat_completions(request(messages, "converter"))  # evaluates the article once
        for trial in range(args.trials):
            for kind in (first, second) if trial % 2 == 0 else (second, first):
                started = time.perf_counter()
                result = backend._server.handle_chat_completions(request(messages, kind))
                row = {"wall_s": time.perf_counter() - started,
                       "generated_tokens": result["usage"]["completion_tokens"],
                       "ms_per_token": result.get("timings", {}).get("predicted_per_token_ms"),
                       "prompt_ms": result.get("timings", {}).get("prompt_ms")}
                replies[kind] = result["choices"][0]["message"]["content"]
                rows[kind].append(row)
                print(json.dumps({"trial": trial + 1, "kind": kind, **row}), flush=True)
    finally:
        backend.close()
    for kind, kind_rows in rows.items():
        print(f"{kind:10}: {statistics.median(r['wall_s'] for r in kind_rows):6.2f} s median, "
              f"{statistics.median(r['generated_tokens'] for r in kind_rows):.0f} generated tokens")
    ratio = statistics.median(r["wall_s"] for r in rows[second]) / statistics.median(r["wall_s"] for r in rows[first])
    same = json.loads(replies[first]) == json.loads(replies[second])
    print(f"ratio {second}/{first}: {ratio:.3f} time; same reply: {same}")


if __name__ == "__main__":
    main()
