"""`summarize run FILE...`: summarise articles and print or write the result."""

from __future__ import annotations

import io
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from summarize.cli import options
from summarize.config import ModelOptions
from summarize.extraction import RequestOptions
from summarize.output import check_writable, write_atomic
from summarize.errors import UsageError
from summarize.article_view import to_html
from summarize.segment import normalise
from summarize.render import notes, to_json, to_jsonl, to_markdown, to_rich
from summarize.runner import summarize_articles
from summarize.schema import Summary
from summarize.sources import read_article


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"


def run(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Article files (.txt, .md, .html), or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", help="text (tables), json (one article), jsonl (one summary a line), markdown, or html (one article: a page with the evidence highlighted).")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")] = None,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    api_key: options.ApiKey = None,
    model_path: options.ModelPath = None,
    prompts: options.Prompts = None,
    passes: options.Passes = None,
    questions: options.Questions = None,
    threads: options.Threads = None,
    context: options.Context = None,
    parallel: options.Parallel = None,
    timeout: options.Timeout = 600.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List each correction and check of the model's reply.")] = False,
    quiet: options.Quiet = False,
) -> None:
    """Summarise news articles: actors, allegations, denials and outcomes, each with evidence."""
    if output is not None:
        check_writable(output)  # before the model: a bad -o must not cost minutes of inference
    options.check_verbosity(verbose, quiet)
    if format is Format.json and len(files) > 1:
        raise UsageError(f"--format json writes one summary; for {len(files)} articles use --format jsonl "
                         "(one summary a line)")
    if format is Format.html and len(files) > 1:
        raise UsageError(f"--format html writes one article's page; run once per article for {len(files)} articles")
    stdin = sys.stdin.buffer.read() if "-" in files else None
    articles = [read_article(name, stdin=stdin) for name in files]
    summaries: list[Summary] = summarize_articles(  # type: ignore[assignment]
        articles,
        ModelOptions(model=model, base_url=base_url, api_key=api_key, model_path=model_path,
                     threads=threads, context=context, parallel=parallel, passes=passes,
                     questions=questions),
        prompt_dir=prompts,
        request=RequestOptions(timeout_s=timeout),
    )
    for summary in summaries:  # on stderr: stdout holds the summary alone
        for line in notes(summary, verbose, quiet):
            typer.echo(line, err=True)
    if format is Format.json:
        content = to_json(summaries[0])
    elif format is Format.jsonl:
        content = to_jsonl(summaries)
    elif format is Format.markdown:
        content = to_markdown(summaries)
    elif format is Format.html:
        content = to_html(summaries[0], normalise(articles[0].text).text)
    else:
        # Writing to a file: render off-screen at a fixed width, then export the text.
        console = Console(record=True, width=120, file=io.StringIO()) if output else Console()
        for summary in summaries:
            console.print(to_rich(summary))
        if output is None:
            return
        content = console.export_text()
    if output is not None:
        write_atomic(output, content)
    else:
        typer.echo(content, nl=False)
