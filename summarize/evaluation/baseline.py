"""Baselines: store a run's scores, compare a new run with one, and gate on regressions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.errors import ConfigError, InputError, RegressionError
from summarize.evaluation.resampling import Interval, article_counts, change_interval
from summarize.evaluation.scoring import SECTIONS
from summarize.output import write_atomic

METRICS = ("macro_f1", "grounding_rate", *(f"{s}.{m}" for s in SECTIONS for m in ("precision", "recall", "f1")))


def metric(scores: dict[str, Any], name: str) -> float:
    section, _, field = name.partition(".")
    value = scores[section][field] if field else scores[section]
    return float(value)


def save_baseline(scores: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(scores, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        metric(data, "macro_f1")
        return data
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a baseline file ({exc}); make one with --save-baseline") from None


@dataclass(frozen=True)
class Change:
    metric: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


def compare(scores: dict[str, Any], baseline: dict[str, Any]) -> tuple[list[Change], list[str]]:
    """Every metric's change, and one line per article item that changed."""
    changes = [Change(m, metric(baseline, m), metric(scores, m)) for m in METRICS]
    lines: list[str] = []
    old_articles = baseline.get("per_article", {})
    for article, now in sorted(scores.get("per_article", {}).items()):
        before = old_articles.get(article)
        if before is None:
            lines.append(f"{article}: new article")
            continue
        for section in SECTIONS:
            for kind in ("missed", "spurious"):
                gained = sorted(set(now[kind][section]) - set(before[kind][section]))
                fixed = sorted(set(before[kind][section]) - set(now[kind][section]))
                if gained:
                    lines.append(f"{article}: {section} now {kind}: {', '.join(gained)}")
                if fixed:
                    lines.append(f"{article}: {section} no longer {kind}: {', '.join(fixed)}")
    return changes, lines


def macro_change(scores: dict[str, Any], baseline: dict[str, Any]) -> Interval | None:
    """The change of macro F1 with its paired 95% interval over the articles both runs
    scored; None when the baseline holds no per-article counts (saved by an older
    version: save it again) or they share no article."""
    now = article_counts(scores.get("per_article", {}))
    before = article_counts(baseline.get("per_article", {}))
    return change_interval(now, before) if now is not None and before is not None else None


def parse_threshold(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or name not in METRICS:
        raise ConfigError(f"--fail-under {text!r}: use METRIC=VALUE with METRIC one of {', '.join(METRICS)}")
    try:
        return name, float(value)
    except ValueError:
        raise ConfigError(f"--fail-under {text!r}: {value!r} is not a number") from None


def gate(scores: dict[str, Any], fail_under: list[str], max_drop: float | None,
         baseline: dict[str, Any] | None) -> None:
    """Raise RegressionError naming every threshold the run falls below."""
    problems = []
    if fail_under and not scores.get("scored"):
        problems.append("no article was scored (no gold files, or every article failed)")
    for name, floor in map(parse_threshold, fail_under) if scores.get("scored") else []:
        if metric(scores, name) < floor:
            problems.append(f"{name} {metric(scores, name):.4f} < {floor}")
    if max_drop is not None:
        if baseline is None:
            raise ConfigError("--max-drop compares with a baseline; pass --baseline FILE")
        for change in compare(scores, baseline)[0]:
            if change.metric in ("macro_f1", "grounding_rate") and -change.delta > max_drop:
                problems.append(f"{change.metric} dropped {-change.delta:.4f} (> {max_drop}) "
                                f"from {change.before:.4f} to {change.after:.4f}")
    if problems:
        raise RegressionError("quality gate failed: " + "; ".join(problems))
