"""Draftless speculative decoding on the embedded server: seconds, drafted/accepted tokens and
whether the greedy reply stays the same, for the pipeline's request on a few articles.

    python benchmarks/speculative.py none ARTICLE...
    python benchmarks/speculative.py ngram_simple ARTICLE... --size-n 3 --size-m 8 --draft-max 8

TYPE is none or a llama.cpp draftless type (ngram_simple, ngram_map_k, ngram_map_k4v,
ngram_mod). The reply's hash tells whether the setting changed the greedy reply. Each run
starts a fresh server; the system prompt is not restored from disk, so run the same
articles under every setting and compare the totals.
"""

from __future__ import annotations

import argparse
import hashlib
import time

import httpx
import xllamacpp

from summarize.backends import embedded
from summarize.draft import Draft
from summarize.pipeline import plan_article
from summarize.prompting import PromptSet
from summarize.sources import read_article


def _speculating(kind: str, size_n: int, size_m: int, draft_max: int):
    start = xllamacpp.Server

    def server(params):
        if kind != "none":
            params.speculative.types = [getattr(xllamacpp.common_speculative_type,
                                                "COMMON_SPECULATIVE_TYPE_" + kind.upper())]
            config = getattr(params.speculative, kind)
            if kind == "ngram_mod":
                config.n_match, config.n_max, config.n_min = size_n, size_m, draft_max
            else:
                config.size_n, config.size_m = size_n, size_m
            params.speculative.draft.n_max = draft_max
        return start(params)

    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind")
    parser.add_argument("articles", nargs="+")
    parser.add_argument("--size-n", type=int, default=3, help="tokens of the n-gram looked up")
    parser.add_argument("--size-m", type=int, default=8, help="tokens drafted after a match")
    parser.add_argument("--draft-max", type=int, default=8)
    args = parser.parse_args()
    xllamacpp.Server = _speculating(args.kind, args.size_n, args.size_m, args.draft_max)
    backend = embedded.EmbeddedBackend(parallel=1)
    endpoint = backend.start()
    schema = {"type": "json_schema", "json_schema": {"name": "Draft", "schema": Draft.model_json_schema()}}
    total = tokens = 0.0
    for path in args.articles:
        plan = plan_article(read_article(path))
        body = {"messages": PromptSet.load(None).render(plan.sentences, part=1, parts=1),
                "max_tokens": 1536, "temperature": 0, "response_format": schema}
        started = time.perf_counter()
        reply = httpx.post(endpoint.base_url + "/chat/completions", json=body, timeout=900).json()
        seconds = time.perf_counter() - started
        timings, usage = reply.get("timings", {}), reply["usage"]
        content = reply["choices"][0]["message"]["content"]
        total += seconds
        tokens += usage["completion_tokens"]
        print(f"{path.rsplit('/', 1)[-1][:40]:40s} {seconds:6.1f} s, {usage['completion_tokens']} tokens out "
              f"(generating {timings.get('predicted_ms', 0) / 1000:.1f} s), drafted/accepted "
              f"{timings.get('draft_n', '-')}/{timings.get('draft_n_accepted', '-')}, "
              f"reply {hashlib.sha1(content.encode()).hexdigest()[:8]}", flush=True)
    print(f"total {args.kind}: {total:.1f} s, {tokens:.0f} tokens out")
    backend.close()


if __name__ == "__main__":
    main()
