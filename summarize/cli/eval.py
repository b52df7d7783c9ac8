"""`summarize eval [FOLDER...]`: score the pipeline on labelled articles, gate on regressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from summarize.backends.weights import cache_dir
from summarize.cli import options
from summarize.config import ModelOptions
from summarize.evaluation import baseline as baselines
from summarize.evaluation import history, html_report, report
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import predictions_from_folder, run_eval, save_predictions, score_run
from summarize.extraction import RequestOptions
from summarize.output import write_atomic


def _history_table(db: Path) -> Table:
    table = Table(title=f"eval history ({db})")
    for column in ("when", "model", "prompts", "n", "macro", "ground", "actors", "alleg", "denial", "outc"):
        table.add_column(column, no_wrap=True)
    for row in history.rows(db):
        at, _folders, *rest = row
        table.add_row(at, *[f"{v:.3f}" if isinstance(v, float) else str(v) for v in rest])
    return table


def eval_command(
    folders: Annotated[Optional[list[Path]], typer.Argument(help="Folders of <id>.txt + <id>.gold.json [default: evals/fixtures].")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    markdown_out: Annotated[bool, typer.Option("--markdown", help="Print a Markdown report (fits a PR comment).")] = False,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML report with evidence highlighted.")] = None,
    save_predictions_to: Annotated[Optional[Path], typer.Option("--save-predictions", help="Write each prediction as <id>.json in the gold shape.")] = None,
    predictions: Annotated[Optional[Path], typer.Option(help="Score predictions made elsewhere (<id>.json) instead of running a model.")] = None,
    save_baseline: Annotated[Optional[Path], typer.Option(help="Store this run's scores and per-article matches here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(help="Compare with this stored baseline.")] = None,
    fail_under: Annotated[Optional[list[str]], typer.Option(help="Exit 12 if METRIC < VALUE, e.g. macro_f1=0.5 (repeatable).")] = None,
    max_drop: Annotated[Optional[float], typer.Option(help="Exit 12 if macro F1 or grounding falls more than this below --baseline.")] = None,
    show_history: Annotated[bool, typer.Option("--history", help="Show the trend of earlier runs and exit.")] = False,
    history_db: Annotated[Optional[Path], typer.Option(help="SQLite history file [default: in the user cache folder].")] = None,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    api_key: options.ApiKey = None,
    model_path: options.ModelPath = None,
    prompts: options.Prompts = None,
    parallel: options.EvalParallel = None,
    timeout: options.Timeout = 600.0,
) -> None:
    """Score summaries against hand-labelled gold: per-section P/R/F1, macro F1, grounding."""
    db = history_db or cache_dir() / "eval-history.sqlite"
    if show_history:
        Console().print(_history_table(db))
        return
    for threshold in fail_under or []:
        baselines.parse_threshold(threshold)  # a typo fails now, not after an hour of inference
    old = baselines.load_baseline(baseline) if baseline else None
    folders = folders or [Path("evals/fixtures")]
    cases = load_cases(folders)
    if predictions is not None:
        run = score_run(predictions_from_folder(cases, predictions), model="external", prompt_hash="-")
    else:
        run = run_eval(cases, ModelOptions(model=model, base_url=base_url, api_key=api_key,
                                           model_path=model_path, parallel=parallel),
                       prompt_dir=prompts, request=RequestOptions(timeout_s=timeout))
    scores = run.as_dict()
    history.append(db, scores, [str(f) for f in folders])
    if save_predictions_to is not None:
        save_predictions(run, save_predictions_to)
    if html_out is not None:
        write_atomic(html_out, html_report.render(run))
    if save_baseline is not None:
        baselines.save_baseline(scores, save_baseline)
    changes, lines = baselines.compare(scores, old) if old else (None, [])
    if json_out:
        payload = dict(scores)
        if changes:
            payload["changes"] = {c.metric: round(c.delta, 4) for c in changes}
            payload["changed_items"] = lines
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif markdown_out:
        typer.echo(report.markdown(scores, changes, lines), nl=False)
    else:
        console = Console()
        console.print(report.table(scores, changes))
        for line in lines:
            console.print(f"  {line}")
    baselines.gate(scores, fail_under or [], max_drop, old)
