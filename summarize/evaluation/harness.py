"""Run the pipeline over labelled cases and score them.

Model replies are replayed from an on-disk cache keyed by exactly what was sent
(reply_cache.py): a run interrupted half-way resumes where it stopped, and a
change after the model (composition, grounding) is re-scored without it.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

from summarize.backends.weights import cache_dir
from summarize.config import ModelOptions, reproducible, resolve_backend
from summarize.errors import PredictionsError, SummarizeError
from summarize.evaluation.dataset import Case
from summarize.evaluation.oracle import oracle_draft
from summarize.evaluation.predictions import from_summary, with_actor_ids
from summarize.evaluation.resampling import article_counts, macro_interval
from summarize.evaluation.scoring import ArticleScore, Report, aggregate, score_article
from summarize.extraction import RequestOptions, Usage
from summarize.output import write_atomic
from summarize.draft import Draft
from summarize.pipeline import Plan, finish, plan_article
from summarize.prompting import PromptSet
from summarize.runner import summarize_articles
from summarize.schema import SCHEMA_VERSION, Summary
from summarize.sources import read_article


@dataclass
class CaseResult:
    case: Case
    prediction: dict[str, Any] | None
    summary: Summary | None = None
    error: str | None = None
    score: ArticleScore | None = None


@dataclass
class EvalRun:
    results: list[CaseResult]
    report: Report
    model: str
    prompt_hash: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        summaries = [r.summary for r in self.results if r.summary is not None]
        latencies = sorted(s.provenance.latency_s for s in summaries)
        scored = sum(r.score is not None for r in self.results)
        metrics = self.report.as_dict()
        per_article = self._per_article()
        interval = macro_interval(article_counts(per_article) or {}) if scored else None
        if not scored:  # nothing was compared with gold: no figure may look perfect
            metrics = {key: None for key in metrics}
        return {
            **metrics,
            "articles": len(self.results),
            "scored": scored,
            "valid_rate": round(sum(r.prediction is not None for r in self.results) / len(self.results), 4),
            "failures": {r.case.id: r.error for r in self.results if r.error},
            "latency_p50_s": round(statistics.median(latencies), 2) if latencies else None,
            "latency_p95_s": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2)
            if latencies else None,
            "tokens_in": sum(s.provenance.input_tokens for s in summaries),
            "tokens_out": sum(s.provenance.output_tokens for s in summaries),
            "model": self.model,
            "prompt_hash": self.prompt_hash,
            "schema_version": SCHEMA_VERSION,
            "macro_f1_interval": interval.as_dict() if interval else None,  # resampling.py
            "per_article": per_article,
        }

    def _per_article(self) -> dict[str, Any]:
        return {
            r.case.id: {
                "macro_f1": round(r.score.macro_f1, 4),
                "f1": {s: round(c.f1, 4) for s, c in r.score.counts.items()},
                "counts": {s: [c.tp, c.fp, c.fn] for s, c in r.score.counts.items()},
                "missed": r.score.missed,
                "spurious": r.score.spurious,
            }
            for r in self.results if r.score is not None
        }


def _model_label(options: ModelOptions) -> str:
    backend = resolve_backend(options)
    return getattr(backend, "model", None) or str(getattr(backend, "model_path", None) or "embedded-default")


def run_eval(
    cases: list[Case],
    options: ModelOptions,
    prompt_dir: Path | None = None,
    request: RequestOptions | None = None,
    cache: Path | None = None,
    on_drafts: Callable[[Plan, list[Draft]], None] | None = None,
) -> EvalRun:
    prompts = PromptSet.load(prompt_dir)
    request = dataclasses.replace(request or RequestOptions(), reply_cache=cache or cache_dir() / "replies")
    results: dict[str, CaseResult] = {}

    def keep(index: int, outcome: Summary | SummarizeError) -> None:
        case = cases[index]
        if isinstance(outcome, SummarizeError):
            results[case.id] = CaseResult(case, None, error=str(outcome))
        else:
            results[case.id] = CaseResult(case, from_summary(case.id, outcome), outcome)

    articles = [read_article(str(case.text_path)) for case in cases]
    summarize_articles(articles, reproducible(options), prompt_dir, request, keep_going=True, on_result=keep,
                       on_drafts=on_drafts)
    return score_run([results[c.id] for c in cases], _model_label(options), prompts.hash)


def oracle_drafts(cases: list[Case]) -> dict[str, tuple[Plan, list[Draft]]]:
    """The perfect reply of each labelled case (oracle.py), with its article's plan."""
    drafts = {}
    for case in cases:
        if case.gold is not None:
            plan = plan_article(read_article(str(case.text_path)))
            drafts[case.id] = (plan, [oracle_draft(case.gold, plan.text, plan.sentences)])
    return drafts


def recompose(cases: list[Case], drafts: dict[str, tuple[Plan, list[Draft]]], passes: list[str] | None,
              model: str, prompt_hash: str) -> EvalRun:
    """Score replies already in hand after the given post-model passes: no model runs."""
    results = []
    for case in cases:
        if case.id not in drafts:
            results.append(CaseResult(case, None, error="no reply to compose"))
            continue
        plan, replies = drafts[case.id]
        summary = finish(plan, replies, Usage(), model=model, backend=model, prompt_hash=prompt_hash,
                         latency_s=0.0, passes=passes)
        results.append(CaseResult(case, from_summary(case.id, summary), summary))
    return score_run(results, model=model, prompt_hash=prompt_hash)


def run_oracle(cases: list[Case], passes: list[str] | None = None) -> EvalRun:
    """Score the perfect reply of each labelled case after the post-model passes: the
    ceiling of that layer, apart from the model's own errors."""
    return recompose(cases, oracle_drafts(cases), passes, model="oracle", prompt_hash="-")


def predictions_from_folder(cases: list[Case], folder: Path) -> list[CaseResult]:
    """Predictions made elsewhere: ``<id>.json`` in the gold shape (names allowed for ids).
    A missing folder, or a labelled article without a readable prediction, is an error:
    scoring it as empty would report the scorer's typo as the model's miss."""
    if not folder.is_dir():
        raise PredictionsError(f"{folder}: no such folder of predictions; pass the folder --save-predictions wrote")
    results, problems = [], []
    for case in cases:
        path = folder / f"{case.id}.json"
        try:
            results.append(CaseResult(case, with_actor_ids(json.loads(path.read_text(encoding="utf-8")))))
        except FileNotFoundError:
            problems.append(f"{path.name} missing")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(f"{path.name} unreadable ({str(exc)[:80]})")
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise PredictionsError(f"{folder}: {len(problems)} of {len(cases)} predictions cannot be scored: {shown}; "
                               "write one <id>.json per article")
    return results


def score_run(results: list[CaseResult], model: str, prompt_hash: str) -> EvalRun:
    empty = {"actors": [], "allegations": [], "denials": [], "outcomes": []}
    scores = []
    for result in results:
        if result.case.gold is None:
            continue
        text = result.case.text_path.read_text(encoding="utf-8")
        result.score = score_article(result.prediction or empty, result.case.gold, text)
        scores.append(result.score)
    return EvalRun(results, aggregate(scores), model, prompt_hash)


def save_predictions(run: EvalRun, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for result in run.results:
        if result.prediction is not None:
            write_atomic(folder / f"{result.case.id}.json",
                         json.dumps(result.prediction, indent=2, ensure_ascii=False) + "\n")
