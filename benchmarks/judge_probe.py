"""Can the embedded model judge items, where it cannot be trusted to list them? Two probes,
each a short request sharing the summary request's prefix (system prompt and numbered
article), on a labelled set whose replies are in the reply cache:

    python benchmarks/judge_probe.py verify ../shared/benchmark   # P(yes): is this allegation stated?
    python benchmarks/judge_probe.py kind ../shared/benchmark     # what kind of statement is sentence N?
    python benchmarks/judge_probe.py empty ../shared/benchmark    # P("]"): would it answer a question with []?
    python benchmarks/judge_probe.py pick ../shared/benchmark     # which sentences accuse? (a list of numbers)

``verify`` asks, for each allegation of the pipeline's summaries (a true or false
positive by the scorer) and each gold allegation, whether the article states it, and
reads the probability of "yes" against "no" from the first token's logprobs. It
reports the area under the ROC curve of true against false positives: 0.5 is no
better than a coin. ``kind`` asks about each sentence the pipeline asks a question
about (questions.py), with the kinds of statement as a JSON enum, and counts the kinds
given to sentences that hold a gold allegation and to those that do not. ``empty`` sends
each allegation question the pipeline asks with its reply begun (``{"allegations": [``, an
assistant prefill) and reads the probability of closing the list at once ("]") against
opening an item ("{"): the model never answers such a question with [] when decoding
greedily, but a low probability of it might still rank the sentences that hold no
allegation; reported as the area under the ROC curve, as for ``verify``. ``pick`` asks
once per article for the numbers of the sentences in which someone is accused of
wrongdoing, and reports the precision and recall of the picked sentences against those
holding a gold allegation, beside those of the sentences with a word of accusing.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarize.backends.embedded import EmbeddedBackend
from summarize.config import ModelOptions
from summarize.cues import cues
from summarize.draft import Draft
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import run_eval
from summarize.pipeline import Plan
from summarize.prompting import PromptSet
from summarize.questions import uncited_accusations
from summarize.segment import Sentence

KINDS = ["accusation of wrongdoing", "denial", "outcome or decision", "opinion or criticism", "background fact",
         "other"]


def _asking(prompts: PromptSet, chunk: list[Sentence], question: str) -> list[dict[str, str]]:
    """The summary request with its last line (the task) replaced by ``question``."""
    system, user = prompts.render(chunk, part=1, parts=1)
    return [system, {"role": "user", "content": user["content"].rsplit("\n", 1)[0] + "\n" + question}]


def _sentence_of(plan: Plan, quote: str) -> Sentence | None:
    at = plan.text.find(quote)
    return next((s for s in plan.sentences if s.start <= at < s.end), None) if at >= 0 else None


def _holding(plan: Plan, gold: dict[str, Any]) -> set[int]:
    """The numbers of the sentences where the gold's (non-optional) allegations are stated."""
    return {s.number for a in gold["allegations"] if not a.get("optional") and a.get("evidence")
            if (s := _sentence_of(plan, a["evidence"][0]))}


def _next_token(server: Any, messages: list[dict[str, str]]) -> dict[str, float]:
    """The probability of each of the 20 likeliest next tokens (stripped), empty on no reply."""
    reply = server.handle_chat_completions({"messages": messages, "max_tokens": 1, "temperature": 0.0,
                                            "logprobs": True, "top_logprobs": 20})
    try:
        top = reply["choices"][0]["logprobs"]["content"][0]["top_logprobs"]
    except (KeyError, IndexError, TypeError):
        return {}
    mass: Counter[str] = Counter()
    for token in top:
        mass[token["token"].strip()] += math.exp(token["logprob"])
    return dict(mass)


def _share(mass: dict[str, float], first: Callable[[str], bool], second: Callable[[str], bool]) -> float | None:
    """The probability of tokens ``first`` accepts against those ``second`` accepts."""
    a = sum(p for token, p in mass.items() if first(token))
    b = sum(p for token, p in mass.items() if second(token))
    return a / (a + b) if a + b else None


def _p_yes(server: Any, messages: list[dict[str, str]]) -> float | None:
    return _share(_next_token(server, messages), lambda t: t.lower() == "yes", lambda t: t.lower() == "no")


def _p_empty(server: Any, messages: list[dict[str, str]]) -> float | None:
    """P(the list closes at once) against P(an item opens), right after the reply's opening."""
    prefilled = [*messages, {"role": "assistant", "content": '{"allegations": ['}]
    return _share(_next_token(server, prefilled), lambda t: t.startswith("]"), lambda t: t.startswith("{"))


def _pick(server: Any, messages: list[dict[str, str]], last: int) -> set[int]:
    numbers = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": last}, "maxItems": 12}
    schema = {"type": "object", "properties": {"sentences": numbers}, "required": ["sentences"],
              "additionalProperties": False}
    reply = server.handle_chat_completions({
        "messages": messages, "max_tokens": 80, "temperature": 0.0,
        "response_format": {"type": "json_schema", "json_schema": {"name": "Pick", "schema": schema}}})
    try:
        return set(json.loads(reply["choices"][0]["message"]["content"])["sentences"])
    except (KeyError, IndexError, TypeError, ValueError):
        return set()


def _kind(server: Any, messages: list[dict[str, str]]) -> str:
    schema = {"type": "object", "properties": {"kind": {"type": "string", "enum": KINDS}}, "required": ["kind"],
              "additionalProperties": False}
    reply = server.handle_chat_completions({
        "messages": messages, "max_tokens": 20, "temperature": 0.0,
        "response_format": {"type": "json_schema", "json_schema": {"name": "Kind", "schema": schema}}})
    try:
        return json.loads(reply["choices"][0]["message"]["content"])["kind"]
    except (KeyError, IndexError, TypeError, ValueError):
        return "no reply"


def _auc(positive: list[float], negative: list[float]) -> float:
    pairs = [(p > n) + 0.5 * (p == n) for p in positive for n in negative]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", choices=["verify", "kind", "empty", "pick"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    cases = [c for c in load_cases([args.folder]) if c.gold is not None]
    drafts: dict[str, tuple[Plan, list[Draft]]] = {}
    run = run_eval(cases, ModelOptions(), on_drafts=lambda plan, replies: drafts.__setitem__(
        plan.article.name, (plan, replies)))
    prompts = PromptSet.load()
    backend = EmbeddedBackend(parallel=1)
    backend.start()
    backend.warm(prompts.system_prompt())
    server = backend._server
    judged: dict[str, list[Any]] = {}
    try:
        for result in run.results:
            if result.score is None or result.prediction is None:
                continue
            plan, replies = drafts[str(result.case.text_path)]
            chunk = plan.chunks[0]
            gold = result.case.gold
            if args.probe == "verify":
                names = {a["id"]: a["name"] for a in result.prediction["actors"]} | {
                    a["id"]: a["name"] for a in gold["actors"]}
                true = {p for p, _ in result.score.matches.get("allegations", [])}
                items = [("tp" if a["id"] in true else "fp", a) for a in result.prediction["allegations"]]
                items += [("gold", a) for a in gold["allegations"] if not a.get("optional")]
                for label, item in items:
                    sentence = _sentence_of(plan, item["evidence"][0]) if item.get("evidence") else None
                    if sentence is None:
                        continue
                    accusers = ", ".join(names.get(i, i) for i in item["by"]) or "unnamed reports"
                    accused = ", ".join(names.get(i, i) for i in item["against"])
                    question = (f'Sentence [{sentence.number}] of the article above reads: "{sentence.text}"\n'
                                f"Proposed allegation: {accusers} accuse(s) {accused} of wrongdoing: {item['claim']}\n"
                                "Does the article state this allegation, with these accusers and this accused? "
                                "Answer yes or no.")
                    p = _p_yes(server, _asking(prompts, chunk, question))
                    if p is not None:
                        judged.setdefault(label, []).append(p)
            elif args.probe == "pick":
                holding = _holding(plan, gold)
                question = ("Return the numbers of the sentences of the article above in which someone is accused "
                            "of, or reported to have done, something wrong, illegal or improper.")
                found = cues(chunk)
                worded = set(found["allegation"]) - set(found["denial"])
                picked = _pick(server, _asking(prompts, chunk, question), chunk[-1].number)
                print(f"  picked {sorted(picked)}, gold {sorted(holding)}", flush=True)
                for label, chosen in (("picked", picked), ("worded", worded)):
                    judged.setdefault(label, []).append((len(chosen & holding), len(chosen), len(holding)))
            elif args.probe == "empty":
                holding = _holding(plan, gold)
                for sentence in uncited_accusations(chunk, replies[0], 6):
                    asked = prompts.render(chunk, part=1, parts=1, focus=sentence, section="allegations")
                    p = _p_empty(server, asked)
                    if p is not None:
                        judged.setdefault("gold" if sentence.number in holding else "none", []).append(p)
            else:
                holding = _holding(plan, gold)
                for sentence in uncited_accusations(chunk, replies[0], 6):
                    question = (f'Sentence [{sentence.number}] of the article above reads: "{sentence.text}"\n'
                                f"What kind of statement is it? One of: {', '.join(KINDS)}.")
                    label = "holds a gold allegation" if sentence.number in holding else "holds none"
                    judged.setdefault(label, []).append(_kind(server, _asking(prompts, chunk, question)))
            print(f"{result.case.id}: {sum(map(len, judged.values()))} judged so far", flush=True)
    finally:
        backend.close()
    if args.probe == "verify":
        for label, values in judged.items():
            print(f"{label}: {len(values)} items, median P(yes) {sorted(values)[len(values) // 2]:.2f}")
        print(f"AUC true vs false positives: {_auc(judged.get('tp', []), judged.get('fp', [])):.3f}; "
              f"gold vs false positives: {_auc(judged.get('gold', []), judged.get('fp', [])):.3f}")
    elif args.probe == "pick":
        for label, counts in judged.items():
            right, chosen, gold_total = (sum(c[i] for c in counts) for i in range(3))
            print(f"{label}: {chosen} sentences, {right} hold a gold allegation (precision {right / max(chosen, 1):.2f}, "
                  f"recall {right / max(gold_total, 1):.2f} of {gold_total})")
    elif args.probe == "empty":
        for label, values in judged.items():
            holds = "a" if label == "gold" else "no"
            print(f"questions about sentences holding {holds} gold allegation: {len(values)}, "
                  f"median P(]) {sorted(values)[len(values) // 2]:.3f}, max {max(values):.3f}")
        print(f"AUC P(]) higher where none: {_auc(judged.get('none', []), judged.get('gold', [])):.3f}")
    else:
        for label, kinds in judged.items():
            print(f"{label} ({len(kinds)}): {dict(Counter(kinds).most_common())}")


if __name__ == "__main__":
    main()
