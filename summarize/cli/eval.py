"""`summarize eval [FOLDER...]`: score the pipeline on labelled articles, gate on regressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from summarize.backends.weights import cache_dir
from summarize.cli import options
from summarize.backends.embedded import EmbeddedBackend
from summarize.config import ModelOptions, resolve_backend, resolve_passes
from summarize.errors import ConfigError
from summarize.draft import Draft
from summarize.evaluation.ablation import Drafts, ablate, set_name
from summarize.pipeline import Plan
from summarize.evaluation import baseline as baselines
from summarize.evaluation import history, html_report, report
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import predictions_from_folder, run_eval, run_oracle, save_predictions, score_run
from summarize.extraction import RequestOptions
from summarize.output import check_writable, write_atomic


def _history_table(db: Path) -> Table:
    """Fits 80 columns: figures are never cut, the folder and model names wrap."""
    table = Table(title=f"eval history ({db})", box=box.SIMPLE_HEAD, show_edge=False, padding=0)
    table.add_column("when", no_wrap=True)
    table.add_column("set", overflow="fold", max_width=18)
    table.add_column("model", overflow="fold", max_width=14)
    table.add_column("prompt", no_wrap=True)
    for column in ("n", "macro", "actor", "alleg", "denial", "outc"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in history.rows(db):
        sets = " ".join(Path(folder).name for folder in row["folders"].split())
        figures = [f"{row[key]:.3f}".lstrip("0") if row[key] is not None else "-"
                   for key in ("macro_f1", "actors_f1", "allegations_f1", "denials_f1", "outcomes_f1")]
        table.add_row(row["at"][5:16], sets, row["model"], row["prompt_hash"][:6], str(row["articles"]), *figures)
    return table


def eval_command(
    folders: Annotated[Optional[list[Path]], typer.Argument(metavar="FOLDER...", show_default=False, help="Folders of <id>.txt + <id>.gold.json [default: evals/fixtures].")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    markdown_out: Annotated[bool, typer.Option("--markdown", help="Print a Markdown report (fits a PR comment).")] = False,
    html_out: Annotated[Optional[Path], typer.Option("--html", metavar="FILE", help="Write a self-contained HTML report with evidence highlighted.")] = None,
    save_predictions_to: Annotated[Optional[Path], typer.Option("--save-predictions", metavar="DIR", help="Write each prediction as <id>.json in the gold shape.")] = None,
    predictions: Annotated[Optional[Path], typer.Option(metavar="DIR", help="Score predictions made elsewhere (<id>.json) instead of running a model.")] = None,
    ablate: Annotated[bool, typer.Option("--ablate", help="Score again with each post-model pass switched off in turn, on the model's replies and on the perfect reply, per folder.")] = False,
    oracle: Annotated[bool, typer.Option("--oracle", help="Score the perfect reply built from each gold file after the post-model layer; no model is run.")] = False,
    save_baseline: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Store this run's scores and per-article matches here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Compare with this stored baseline.")] = None,
    fail_under: Annotated[Optional[list[str]], typer.Option(metavar="METRIC=VALUE", help="Exit 12 if METRIC < VALUE, e.g. macro_f1=0.5 (repeatable).")] = None,
    max_drop: Annotated[Optional[float], typer.Option(metavar="F1", help="Exit 12 if macro F1 or grounding falls more than this below --baseline.")] = None,
    show_history: Annotated[bool, typer.Option("--history", help="Show the trend of earlier runs and exit.")] = False,
    history_db: Annotated[Optional[Path], typer.Option(metavar="FILE", help="SQLite history file [default: in the user cache folder].")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list each article's F1 per section, worst first, on stderr.")] = False,
    quiet: options.Quiet = False,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    api_key: options.ApiKey = None,
    model_path: options.ModelPath = None,
    prompts: options.Prompts = None,
    passes: options.Passes = None,
    questions: options.Questions = None,
    parallel: options.EvalParallel = None,
    timeout: options.Timeout = 600.0,
) -> None:
    """Score summaries against hand-labelled gold: per-section P/R/F1, macro F1, grounding."""
    options.check_verbosity(verbose, quiet)
    db = history_db or cache_dir() / "eval-history.sqlite"
    if show_history:
        if json_out:
            typer.echo(json.dumps(history.rows(db), indent=2))
        else:
            Console().print(_history_table(db))
        return
    if html_out is not None:
        check_writable(html_out, "--html")  # before the model: a bad path must not cost an hour of inference
    for threshold in fail_under or []:
        baselines.parse_threshold(threshold)  # a typo fails now, not after an hour of inference
    old = baselines.load_baseline(baseline) if baseline else None
    folders = folders or [Path("evals/fixtures")]
    cases = load_cases(folders)
    model_options = ModelOptions(model=model, base_url=base_url, api_key=api_key,
                                 model_path=model_path, parallel=parallel, passes=passes,
                                 questions=questions)
    chosen = resolve_passes(model_options, isinstance(resolve_backend(model_options), EmbeddedBackend))
    if ablate:
        if oracle or predictions is not None:
            raise ConfigError("--ablate runs the model and the oracle itself; drop --oracle and --predictions")
        _ablate(folders, model_options, prompts, timeout, chosen, json_out)
        return
    if oracle:
        run = run_oracle(cases, chosen)
    elif predictions is not None:
        run = score_run(predictions_from_folder(cases, predictions), model="external", prompt_hash="-")
    else:
        run = run_eval(cases, model_options, prompt_dir=prompts, request=RequestOptions(timeout_s=timeout))
    scores = run.as_dict()
    if scores["scored"]:  # the trend is of scores: a run with none adds no row
        history.append(db, scores, [str(f) for f in folders])
    if save_predictions_to is not None:
        save_predictions(run, save_predictions_to)
    if html_out is not None:
        write_atomic(html_out, html_report.render(run))
    if save_baseline is not None:
        baselines.save_baseline(scores, save_baseline)
    changes, lines = baselines.compare(scores, old) if old and scores["scored"] else (None, [])
    interval = baselines.macro_change(scores, old) if changes else None
    if json_out:
        payload = dict(scores)
        if changes:
            payload["changes"] = {c.metric: round(c.delta, 4) for c in changes}
            payload["macro_f1_change_interval"] = interval.as_dict(share_above_zero=True) if interval else None
            payload["changed_items"] = lines
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif markdown_out:
        typer.echo(report.markdown(scores, changes, lines, report.describe_change(interval) if changes else None),
                   nl=False)
    else:
        console = Console()
        console.print(report.table(scores, changes))
        if changes:
            console.print(f"  {report.describe_change(interval)}")
        for line in lines:
            console.print(f"  {line}")
    if verbose:
        for line in report.per_article_lines(scores):
            typer.echo(line, err=True)
    if html_out is not None and not quiet:
        typer.echo(f"wrote the HTML report of {len(run.results)} articles to {html_out}", err=True)
    baselines.gate(scores, fail_under or [], max_drop, old)


def _ablate(folders: list[Path], model_options: ModelOptions, prompts: Path | None, timeout: float,
            passes: list[str], json_out: bool) -> None:
    """Run the model once (replies come from the cache when they are there), then score
    each folder's replies and perfect replies with each pass off in turn."""
    sets = {set_name(folder): load_cases([folder]) for folder in folders}
    by_path = {str(case.text_path): case.id for cases in sets.values() for case in cases}
    drafts: Drafts = {}

    def keep(plan: Plan, replies: list[Draft]) -> None:
        drafts[by_path[plan.article.name]] = (plan, replies)

    run_eval([c for cases in sets.values() for c in cases], model_options, prompt_dir=prompts,
             request=RequestOptions(timeout_s=timeout), on_drafts=keep)
    full, rows = ablate(sets, drafts, passes)
    if json_out:
        typer.echo(json.dumps({"passes": passes, "macro_f1": full,
                               "without": {r.pass_name: {"kind": r.kind, **r.deltas} for r in rows}}, indent=2))
        return
    table = Table(title="what each pass adds to macro F1 (with it less without it)")
    table.add_column("pass")
    table.add_column("kind")
    for column in full:
        table.add_column(column, justify="right")
    table.add_row("all passes", "", *(f"{v:.3f}" for v in full.values()))
    for row in rows:
        table.add_row(row.pass_name, row.kind, *(f"{row.deltas[c]:+.3f}" for c in full))
    Console().print(table)
