"""The bootstrap interval of macro F1 and of its change against a baseline."""

from __future__ import annotations

import pytest

from summarize.evaluation.resampling import article_counts, change_interval, macro_interval

PERFECT = {"actors": (2, 0, 0), "allegations": (1, 0, 0), "denials": (1, 0, 0), "outcomes": (1, 0, 0)}
EMPTY = {"actors": (2, 0, 0), "allegations": (0, 0, 1), "denials": (0, 0, 1), "outcomes": (0, 0, 1)}


def _run(pattern: str) -> dict:
    """One article per letter: P scored perfectly, E with only its actors found."""
    return {f"a{i}": PERFECT if kind == "P" else EMPTY for i, kind in enumerate(pattern)}


def test_a_run_scored_alike_everywhere_has_no_spread() -> None:
    interval = macro_interval(_run("PPPP"))
    assert interval is not None
    assert (interval.value, interval.low, interval.high, interval.articles) == (1.0, 1.0, 1.0, 4)


def test_the_interval_holds_the_value_and_widens_with_mixed_articles() -> None:
    interval = macro_interval(_run("PEPEPEPEPE"))
    assert interval is not None
    assert interval.low < interval.value < interval.high
    assert interval.value == pytest.approx((1.0 + 3 * (2 * 0.5 * 1.0 / 1.5)) / 4)  # events: P 1.0, R 0.5
    assert interval.as_dict() == macro_interval(_run("PEPEPEPEPE")).as_dict()  # fixed seed: reproducible


def test_a_change_on_every_article_is_a_gain_in_every_resample() -> None:
    before, now = _run("EEEEEE"), _run("PPPPPP")
    interval = change_interval(now, before)
    assert interval is not None
    assert interval.value == interval.low == interval.high == pytest.approx(0.75)
    assert interval.above_zero == 1.0
    assert change_interval(before, now).above_zero == 0.0  # and the other way round, a loss every time


def test_a_change_on_one_article_of_many_is_not_sure() -> None:
    before, now = _run("EEEEEEEEEE"), _run("PEEEEEEEEE")
    interval = change_interval(now, before)
    assert interval is not None
    assert interval.value > 0 and interval.low == 0.0 and 0.5 < interval.above_zero < 1.0


def test_only_the_articles_both_runs_scored_are_compared() -> None:
    before = {"a0": EMPTY, "a1": EMPTY}
    now = {"a1": PERFECT, "a2": PERFECT}
    interval = change_interval(now, before)
    assert interval is not None and interval.articles == 1
    assert change_interval({"x": PERFECT}, {"y": PERFECT}) is None
    assert macro_interval({}) is None


def test_counts_come_from_a_runs_per_article_scores_or_not_at_all() -> None:
    stored = {"a": {"macro_f1": 1.0, "counts": {s: list(c) for s, c in PERFECT.items()}}}
    assert article_counts(stored) == {"a": PERFECT}
    assert article_counts({"a": {"macro_f1": 1.0}}) is None  # a baseline saved before counts were kept
    assert article_counts({"a": {"counts": {"actors": [1, 0, 0]}}}) is None


def test_a_section_empty_on_both_sides_scores_as_the_eval_scores_it() -> None:
    """No gold denial and none predicted: the eval counts that section perfect, so must the interval."""
    quiet = {"actors": (2, 0, 0), "allegations": (1, 0, 0), "denials": (0, 0, 0), "outcomes": (1, 0, 0)}
    interval = macro_interval({"a": quiet, "b": quiet})
    assert interval is not None and interval.value == interval.low == 1.0
    stored = {"a": {"counts": {s: list(c) for s, c in quiet.items()}}}
    assert article_counts(stored) == {"a": quiet}
