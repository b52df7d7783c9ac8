"""`summarize eval [FOLDER...]`: score the pipeline on labelled articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from summarize.config import ModelOptions
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import EvalRun, predictions_from_folder, run_eval, save_predictions, score_run
from summarize.evaluation.scoring import SECTIONS
from summarize.extraction import RequestOptions


def _table(run: EvalRun) -> Table:
    data = run.as_dict()
    table = Table(title=f"{data['scored']} scored of {data['articles']} articles · {run.model} · prompts {run.prompt_hash}")
    for column in ("section", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "section" else "left")
    for section in SECTIONS:
        s = data[section]
        table.add_row(section, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["fp"]), str(s["fn"]))
    table.caption = (
        f"macro F1 {data['macro_f1']:.3f} · grounding {data['grounding_rate']:.3f} · valid {data['valid_rate']:.3f}"
        f" · p50 {data['latency_p50_s']} s · p95 {data['latency_p95_s']} s"
        f" · tokens {data['tokens_in']} in / {data['tokens_out']} out · failures {len(data['failures'])}"
    )
    return table


def eval_command(
    folders: Annotated[Optional[list[Path]], typer.Argument(help="Folders of <id>.txt + <id>.gold.json [default: evals/fixtures].")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    save_predictions_to: Annotated[Optional[Path], typer.Option("--save-predictions", help="Write each prediction as <id>.json in the gold shape.")] = None,
    predictions: Annotated[Optional[Path], typer.Option(help="Score predictions made elsewhere (<id>.json) instead of running a model.")] = None,
    model: Annotated[Optional[str], typer.Option(help="Model name at the endpoint [env: SUMMARIZE_MODEL].")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible endpoint [env: SUMMARIZE_BASE_URL, OPENAI_BASE_URL].")] = None,
    api_key: Annotated[Optional[str], typer.Option(help="API key [env: SUMMARIZE_API_KEY, OPENAI_API_KEY].", show_default=False)] = None,
    model_path: Annotated[Optional[Path], typer.Option(help="Run this local GGUF file in-process.")] = None,
    prompts: Annotated[Optional[Path], typer.Option(help="Prompt folder to evaluate.")] = None,
    parallel: Annotated[Optional[int], typer.Option(min=1, help="Requests in flight at once.")] = None,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds before one request times out.")] = 600.0,
) -> None:
    """Score summaries against hand-labelled gold: per-section P/R/F1, macro F1, grounding."""
    cases = load_cases(folders or [Path("evals/fixtures")])
    if predictions is not None:
        run = score_run(predictions_from_folder(cases, predictions), model="external", prompt_hash="-")
    else:
        run = run_eval(cases, ModelOptions(model=model, base_url=base_url, api_key=api_key,
                                           model_path=model_path, parallel=parallel),
                       prompt_dir=prompts, request=RequestOptions(timeout_s=timeout))
    if save_predictions_to is not None:
        save_predictions(run, save_predictions_to)
    if json_out:
        typer.echo(json.dumps(run.as_dict(), indent=2, ensure_ascii=False))
    else:
        Console().print(_table(run))
