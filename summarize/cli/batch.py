"""`summarize batch SOURCE... --db FILE`: many articles into a SQLite database, resumable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarize.batch.engine import Batch, BatchOptions, BatchResult
from summarize.batch.progress import LogReporter, QuietReporter
from summarize.cli import EXIT_INTERRUPTED, options
from summarize.config import ModelOptions
from summarize.errors import ConfigError, EXIT_SOME_FAILED, UsageError
from summarize.extraction import RequestOptions
from summarize.retries import RetryPolicy

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$")


def parse_duration(text: str) -> float:
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every {text!r} is not a duration; write e.g. 90s, 15m or 1h")
    return float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, None: 1}[match.group(2)]


def batch(
    sources: Annotated[Optional[list[str]], typer.Argument(
        metavar="SOURCE...", help="Folders, globs or files of articles (.txt, .md, .html), JSONL files, RSS/Atom feeds (file or URL).",
        show_default=False)] = None,
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="SQLite database for the results (created if missing).")] = Path("results.sqlite"),
    concurrency: Annotated[Optional[int], typer.Option(metavar="N", min=1, help="Requests in flight [embedded: its parallel slots; remote: 8].")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Try failed articles again (up to --max-attempts).")] = False,
    max_attempts: Annotated[int, typer.Option(metavar="N", min=1, help="Attempts per article across runs, with --retry-failed.")] = 3,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Use only the text feeds carry; never fetch article pages.")] = False,
    every: Annotated[Optional[str], typer.Option(metavar="DURATION", help="Watch mode: poll the sources this often (e.g. 15m) until stopped.")] = None,
    grace: Annotated[float, typer.Option(metavar="SECONDS", min=0, help="Seconds in-flight requests get to finish after Ctrl-C.")] = 5.0,
    retries: Annotated[int, typer.Option(metavar="N", min=1, help="Network attempts per request (429s not counted).")] = 4,
    emit_openai_batch: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Write pending articles as an OpenAI Batch API request file instead of summarising.")] = None,
    ingest_openai_batch: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Validate, ground and store an OpenAI Batch API results file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A progress line after every article, not a bar.")] = False,
    quiet: options.Quiet = False,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    api_key: options.ApiKey = None,
    model_path: options.ModelPath = None,
    prompts: options.Prompts = None,
    passes: options.Passes = None,
    questions: options.Questions = None,
    threads: options.Threads = None,
    context: options.Context = None,
    timeout: options.Timeout = 600.0,
) -> None:
    """Summarise many articles into a SQLite database; run it again to resume."""
    options.check_verbosity(verbose, quiet)
    if not sources and not ingest_openai_batch:
        raise UsageError("no SOURCE given; pass folders, files, JSONL files or feed URLs to summarise")
    model_options = ModelOptions(model=model, base_url=base_url, api_key=api_key, model_path=model_path,
                                 threads=threads, context=context, parallel=concurrency, passes=passes,
                                 questions=questions)
    batch_options = BatchOptions(
        sources=sources or [], db=db, retry_failed=retry_failed, max_attempts=max_attempts,
        fetch_pages=not no_fetch, grace_s=grace, every_s=parse_duration(every) if every else None,
    )
    if emit_openai_batch or ingest_openai_batch:
        if questions:
            raise UsageError("--questions needs a live endpoint (each question follows the summary's reply); "
                             "the Batch API gets one request a chunk, so drop --questions")
        from summarize.cli.openai_batch import run_openai_batch

        run_openai_batch(batch_options, model_options, prompts, emit_openai_batch, ingest_openai_batch)
        return
    request = RequestOptions(timeout_s=timeout, retry=RetryPolicy(attempts=retries))
    reporter = QuietReporter() if quiet else LogReporter(every_s=0) if verbose else None
    result = Batch(batch_options, model_options, prompts, request, reporter=reporter).run()
    _report(result, db, quiet)


def _report(result: BatchResult, db: Path, quiet: bool = False) -> None:
    intake = result.intake
    if not quiet:
        typer.echo(
            f"{result.done} done, {result.failed} failed this run; {intake.new} new, "
            f"{intake.duplicates} duplicates, {intake.already_done} already done, {intake.rejected} bad records, "
            f"{result.source_errors} unreadable sources; tokens {result.tokens_in} in / {result.tokens_out} out; "
            f"{result.left_failed} failed in the database; results in {db}"
        )
    if result.fatal is not None:
        raise result.fatal
    if result.interrupted:
        typer.echo("summarize: interrupted; run the same command again to finish", err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    if result.left_failed or result.source_errors:
        raise typer.Exit(EXIT_SOME_FAILED)
