"""Eval results for people: a rich table, and Markdown that fits a pull-request comment."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from summarize.evaluation.baseline import Change
from summarize.evaluation.resampling import Interval
from summarize.evaluation.scoring import SECTIONS


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value} s"


def _caption(data: dict[str, Any]) -> str:
    if not data["scored"]:
        quality = "not scored: no gold files (or every article failed)"
    else:
        interval = data.get("macro_f1_interval")
        spread = f" (95% interval {interval['low']:.3f}-{interval['high']:.3f})" if interval else ""
        quality = f"macro F1 {data['macro_f1']:.3f}{spread} · grounding {data['grounding_rate']:.3f}"
    return (
        f"{quality} · valid {data['valid_rate']:.3f}"
        f" · p50 {_seconds(data['latency_p50_s'])} · p95 {_seconds(data['latency_p95_s'])}"
        f" · tokens {data['tokens_in']} in / {data['tokens_out']} out · failures {len(data['failures'])}"
    )


def _deltas(changes: list[Change] | None) -> dict[str, float]:
    return {c.metric: c.delta for c in changes or []}


def table(data: dict[str, Any], changes: list[Change] | None = None) -> Table:
    deltas = _deltas(changes)
    result = Table(title=f"{data['scored']} scored of {data['articles']} articles · {data['model']} · "
                         f"prompts {data['prompt_hash']}")
    columns = ["section", "precision", "recall", "F1", "tp", "fp", "fn"] + (["ΔF1"] if changes else [])
    for column in columns:
        result.add_column(column, justify="left" if column == "section" else "right")
    for section in SECTIONS if data["scored"] else []:
        s = data[section]
        row = [section, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
               str(s["tp"]), str(s["fp"]), str(s["fn"])]
        if changes:
            row.append(f"{deltas[section + '.f1']:+.3f}")
        result.add_row(*row)
    result.caption = _caption(data) + (f" · Δ macro F1 {deltas['macro_f1']:+.3f}" if changes else "")
    return result


def markdown(data: dict[str, Any], changes: list[Change] | None = None, lines: list[str] | None = None,
             change: str | None = None) -> str:
    deltas = _deltas(changes)
    head = "| section | precision | recall | F1 |" + (" ΔF1 |" if changes else "")
    if not data["scored"]:
        return f"### summarize eval: not scored\n\n{data['articles']} articles, none with gold.\n"
    out = [f"### summarize eval: macro F1 {data['macro_f1']:.3f}"
           + (f" ({deltas['macro_f1']:+.3f})" if changes else ""), "",
           f"{data['scored']} scored of {data['articles']} articles, model `{data['model']}`, "
           f"prompts `{data['prompt_hash']}`, schema {data['schema_version']}", "",
           head, "|---|---|---|---|" + ("---|" if changes else "")]
    for section in SECTIONS:
        s = data[section]
        out.append(f"| {section} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |"
                   + (f" {deltas[section + '.f1']:+.3f} |" if changes else ""))
    out += ["", _caption(data).replace(" · ", ", ")]
    if change:
        out += ["", change[0].upper() + change[1:] + "."]
    if lines:
        out += ["", "<details><summary>Changed items</summary>", ""]
        out += [f"- {line}" for line in lines]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def describe_change(interval: Interval | None) -> str:
    """One line for people: the change, its interval, and how often resampling finds a gain."""
    if interval is None:
        return "no interval for the change: the baseline has no per-article counts; save it again with --save-baseline"
    return (f"macro F1 change {interval.value:+.3f}, 95% interval {interval.low:+.3f} to {interval.high:+.3f} "
            f"over the {interval.articles} articles both runs scored (a gain in {interval.above_zero:.0%} "
            "of resamples)")


def per_article_lines(data: dict[str, Any]) -> list[str]:
    """One line per scored article, worst macro F1 first, then each failure."""
    ranked = sorted(data["per_article"].items(), key=lambda item: (item[1]["macro_f1"], item[0]))
    lines = [f"{a['macro_f1']:.3f}  " + "  ".join(f"{s} {a['f1'][s]:.2f}" for s in SECTIONS) + f"  {case_id}"
             for case_id, a in ranked]
    return lines + [f"failed  {case_id}: {error}" for case_id, error in data["failures"].items()]
