"""`summarize batch --emit-openai-batch / --ingest-openai-batch`: the Batch API file round trip."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from summarize.batch.engine import Batch, BatchOptions
from summarize.batch.openai_batch import emit, ingest
from summarize.batch.store import Store
from summarize.config import DEFAULT_OPENAI_MODEL, ModelOptions
from summarize.errors import EXIT_SOME_FAILED, ConfigError
from summarize.backends.base import Endpoint
from summarize.extraction import Extractor
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet


def run_openai_batch(options: BatchOptions, model: ModelOptions, prompt_dir: Path | None,
                     emit_path: Path | None, ingest_path: Path | None) -> None:
    if emit_path and ingest_path:
        raise ConfigError("--emit-openai-batch and --ingest-openai-batch are two steps; pass one of them")
    # No request is sent from here: the endpoint only names the model and sizes the chunks.
    endpoint = Endpoint(base_url="https://api.openai.com/v1", api_key="unused",
                        model=model.model or DEFAULT_OPENAI_MODEL, backend="openai-batch",
                        context_tokens=model.context or 32768, parallel=1)
    pipeline = Pipeline(Extractor(endpoint), PromptSet.load(prompt_dir))
    store = Store(options.db)
    failed = 0
    try:
        if emit_path is not None:
            batch = Batch(options, model, prompt_dir)
            batch.take_in(store)
            intake = batch.result.intake
            count, problems = emit(store, pipeline, emit_path)
            failed = len(problems) + intake.rejected
            for problem in problems:
                print(f"summarize batch: error: {problem}", file=sys.stderr)
            typer.echo(f"{count} requests for {len(store.pending())} pending articles written to {emit_path}; "
                       f"{intake.already_done} already done; upload it to the Batch API, then "
                       f"--ingest-openai-batch RESULTS.jsonl")
        else:
            assert ingest_path is not None
            result = ingest(store, pipeline, ingest_path)
            for problem in result.problems or []:
                print(f"summarize batch: warning: {problem}", file=sys.stderr)
            failed = result.failed
            typer.echo(f"{result.done} done, {result.failed} failed, {result.skipped} skipped from {ingest_path}; "
                       f"{store.counts()['pending']} still pending; results in {options.db}")
    finally:
        store.close()
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)
