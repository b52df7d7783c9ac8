"""Two replies per request: the greedy reply plus one sampled reply, their items merged.

    python benchmarks/second_reply.py ../shared/benchmark evals/fixtures --temperature 0.5 --seed 1

Both replies go through the reply caches (the greedy one through `summarize eval`'s, the
sampled one through its own folder), so a second run only re-scores. Prints macro F1 and
per-section P/R after the default post-model passes for: the greedy reply, the sampled
reply, and the greedy reply with the sampled reply's new items of each section added.
An item is new unless it cites a sentence of a first-reply item of its section and shares
its accused (allegations), a denier (denials) or its type (outcomes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import openai.resources.chat.completions as completions

from summarize.compose.passes import default_passes
from summarize.config import ModelOptions
from summarize.draft import Draft
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import recompose, run_eval
from summarize.extraction import RequestOptions
from summarize.backends.weights import cache_dir

SECTIONS = ("actors", "allegations", "denials", "outcomes")


def _fold(names: list[str]) -> set[str]:
    return {n.casefold().strip() for n in names}


def _share(a: list[str], b: list[str]) -> bool:
    return any(x in y or y in x for x in _fold(a) for y in _fold(b))


def _same(section: str, a, b) -> bool:
    if not set(a.sentences) & set(b.sentences):
        return False
    if section == "allegations":
        return _share(a.accused, b.accused)
    if section == "denials":
        return _share(a.deniers, b.deniers)
    return a.type == b.type


def merge(first: Draft, second: Draft, sections: tuple[str, ...]) -> Draft:
    """The first reply's items, then the second's new ones of the given sections."""
    actors = list(first.actors)
    if "actors" in sections:
        seen = {a.name.casefold() for a in actors}
        actors += [a for a in second.actors if a.name.casefold() not in seen]
    allegations = list(first.allegations)
    renumber: dict[int, int] = {}  # the second reply's allegation number -> merged number
    for number, item in enumerate(second.allegations, 1):
        match = next((i for i, a in enumerate(allegations, 1) if _same("allegations", item, a)), None)
        if match is None and "allegations" in sections:
            allegations.append(item)
            match = len(allegations)
        if match is not None:
            renumber[number] = match
    denials = list(first.denials)
    if "denials" in sections:
        denials += [d.model_copy(update={"denies": renumber.get(d.denies or 0)})
                    for d in second.denials if not any(_same("denials", d, x) for x in first.denials)]
    outcomes = list(first.outcomes)
    if "outcomes" in sections:
        outcomes += [o for o in second.outcomes if not any(_same("outcomes", o, x) for x in first.outcomes)]
    return Draft.model_construct(actors=actors, allegations=allegations, denials=denials, outcomes=outcomes)


def _with_seed(seed: int) -> None:
    """RequestOptions has no seed (greedy replies need none): add one to every request,
    so the sampled replies are the same on every run."""
    create = completions.AsyncCompletions.create

    async def seeded(self, *args, **kwargs):
        kwargs.setdefault("seed", seed)
        return await create(self, *args, **kwargs)

    completions.AsyncCompletions.create = seeded


def _drafts(cases, request: RequestOptions | None, cache: Path | None) -> dict:
    by_path = {str(c.text_path): c.id for c in cases}
    drafts = {}
    run_eval(cases, ModelOptions(), request=request, cache=cache,
             on_drafts=lambda plan, replies: drafts.__setitem__(by_path[plan.article.name], (plan, replies)))
    return drafts


def _line(label: str, cases, drafts) -> str:
    report = recompose(cases, drafts, default_passes(True), model="-", prompt_hash="-").report
    sections = " ".join(f"{s} {report.counts[s].precision:.2f}/{report.counts[s].recall:.2f}" for s in SECTIONS)
    return f"{label:28s} {report.macro_f1:.3f}  {sections}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--temperature", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _with_seed(args.seed)  # a greedy reply does not depend on it
    sampled_cache = cache_dir() / f"replies-T{args.temperature}-seed{args.seed}"
    for folder in args.folders:
        cases = load_cases([folder])
        greedy = _drafts(cases, None, None)
        sampled = _drafts(cases, RequestOptions(temperature=args.temperature), sampled_cache)
        print(f"{folder} ({len(cases)} articles)")
        print(_line("greedy", cases, greedy))
        print(_line("sampled", cases, sampled))
        for added in (("allegations",), ("denials",), ("outcomes",), SECTIONS[1:], SECTIONS):
            both = {k: (plan, [merge(a, b, added) for a, b in zip(replies, sampled[k][1])])
                    if k in sampled and len(sampled[k][1]) == len(replies) else (plan, replies)
                    for k, (plan, replies) in greedy.items()}
            print(_line("+ " + ", ".join(added), cases, both))


if __name__ == "__main__":
    main()
