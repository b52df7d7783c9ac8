"""How far a macro F1, or its change against a baseline, could move by the luck of which
articles were labelled: a bootstrap over articles.

On 29 articles a lever that changes one allegation in one article moves macro F1 by
about 0.01, so a change of a few hundredths can be noise. Resampling the articles
(with replacement) and scoring each sample as the eval does (each section's F1 from
its pooled counts, then their mean) gives a 95% interval. For a change, both runs are
resampled with the same articles (a paired bootstrap), so an article that is hard for
both does not widen the interval. The seed is fixed: the same runs always give the
same interval.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarize.evaluation.scoring import SECTIONS, Counts

SAMPLES = 2000
_SEED = 0

# Per article: section -> (tp, fp, fn)
ArticleCounts = Mapping[str, Sequence[int]]


@dataclass(frozen=True)
class Interval:
    value: float  # on all the articles
    low: float  # 2.5th percentile of the resampled values
    high: float  # 97.5th percentile
    articles: int
    above_zero: float  # share of samples above zero (of a change: how often it is a gain)

    def as_dict(self, share_above_zero: bool = False) -> dict[str, Any]:
        """For JSON; with the share of resamples above zero where it means something (a change)."""
        shown = {"value": round(self.value, 4), "low": round(self.low, 4), "high": round(self.high, 4),
                 "articles": self.articles}
        return shown | ({"share_above_zero": round(self.above_zero, 4)} if share_above_zero else {})


def article_counts(per_article: Mapping[str, Any]) -> dict[str, ArticleCounts] | None:
    """The per-section counts of each article of a run's ``per_article``; None when any
    article lacks them (a baseline saved before they were stored)."""
    found = {}
    for article, scores in per_article.items():
        counts = scores.get("counts")
        if not isinstance(counts, Mapping) or any(section not in counts for section in SECTIONS):
            return None
        found[article] = {section: tuple(counts[section]) for section in SECTIONS}
    return found


def _macro(runs: Sequence[ArticleCounts]) -> float:
    """Macro F1 of the pooled counts, as ``scoring.Report`` computes it."""
    pooled = {section: Counts() for section in SECTIONS}
    for run in runs:
        for section in SECTIONS:
            pooled[section].add(Counts(*run[section]))
    return sum(counts.f1 for counts in pooled.values()) / len(SECTIONS)


def _interval(statistic, articles: list[str], samples: int) -> Interval:  # type: ignore[no-untyped-def]
    rng = random.Random(_SEED)
    values = sorted(statistic([rng.choice(articles) for _ in articles]) for _ in range(samples))
    return Interval(value=statistic(articles), low=values[int(0.025 * samples)],
                    high=values[min(samples - 1, int(0.975 * samples))], articles=len(articles),
                    above_zero=sum(v > 0 for v in values) / samples)


def macro_interval(counts: Mapping[str, ArticleCounts], samples: int = SAMPLES) -> Interval | None:
    """The run's macro F1 with its 95% interval; None with no article."""
    articles = sorted(counts)
    if not articles:
        return None
    return _interval(lambda sample: _macro([counts[a] for a in sample]), articles, samples)


def change_interval(now: Mapping[str, ArticleCounts], before: Mapping[str, ArticleCounts],
                    samples: int = SAMPLES) -> Interval | None:
    """The change of macro F1 from ``before`` to ``now`` on the articles both scored, with
    its paired 95% interval; None when they share no article."""
    articles = sorted(set(now) & set(before))
    if not articles:
        return None

    def change(sample: list[str]) -> float:
        return _macro([now[a] for a in sample]) - _macro([before[a] for a in sample])

    return _interval(change, articles, samples)
