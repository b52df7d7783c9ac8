"""``eval --ablate``: what each post-model pass is worth, on the model's replies and on
the perfect reply, set by set.

The replies are composed again with each optional pass switched off in turn; the
change in macro F1 against the full list says what the pass adds (positive) or
costs (negative). Nothing is asked of the model twice: its replies come from the
one run (or the reply cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarize.compose.passes import PASSES
from summarize.draft import Draft
from summarize.evaluation.dataset import Case
from summarize.evaluation.harness import oracle_drafts, recompose
from summarize.pipeline import Plan

Drafts = dict[str, tuple[Plan, list[Draft]]]


@dataclass(frozen=True)
class Row:
    pass_name: str
    kind: str
    deltas: dict[str, float]  # "<set> model" / "<set> oracle" -> macro F1 with the pass less without it


def _macro(cases: list[Case], drafts: Drafts, passes: list[str]) -> float:
    return recompose(cases, drafts, passes, model="ablation", prompt_hash="-").report.macro_f1


def ablate(sets: dict[str, list[Case]], model_drafts: Drafts, passes: list[str]) -> tuple[dict[str, float], list[Row]]:
    """The full list's macro F1 per column, and per pass what it adds: macro F1 with it
    less macro F1 without it (negative: the pass costs). Columns: each set's model
    replies and its oracle."""
    columns: dict[str, tuple[list[Case], Drafts]] = {}
    for name, cases in sets.items():
        columns[f"{name} model"] = (cases, model_drafts)
        columns[f"{name} oracle"] = (cases, oracle_drafts(cases))
    full = {column: _macro(cases, drafts, passes) for column, (cases, drafts) in columns.items()}
    rows = []
    for step in PASSES:
        if step.name not in passes or step.name in ("read-items", "ground"):
            continue
        without = [n for n in passes if n != step.name]
        rows.append(Row(step.name, step.kind, {
            column: round(full[column] - _macro(cases, drafts, without), 4)
            for column, (cases, drafts) in columns.items()
        }))
    return {k: round(v, 4) for k, v in full.items()}, rows


def set_name(folder: Path) -> str:
    return folder.resolve().name or str(folder)
