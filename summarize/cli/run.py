"""`summarize run FILE...`: summarise articles and print or write the result."""

from __future__ import annotations

import io
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from summarize.config import ModelOptions
from summarize.extraction import RequestOptions
from summarize.output import write_atomic
from summarize.render import to_json, to_markdown, to_rich
from summarize.runner import summarize_articles
from summarize.schema import Summary
from summarize.sources import read_article


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def run(
    files: Annotated[list[str], typer.Argument(help="Article files (.txt, .md, .html), or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text (tables), json or markdown.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[Optional[str], typer.Option(help="Model name at the endpoint [env: SUMMARIZE_MODEL].")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible endpoint [env: SUMMARIZE_BASE_URL, OPENAI_BASE_URL].")] = None,
    api_key: Annotated[Optional[str], typer.Option(help="API key [env: SUMMARIZE_API_KEY, OPENAI_API_KEY].", show_default=False)] = None,
    model_path: Annotated[Optional[Path], typer.Option(help="Run this local GGUF file in-process instead of the default model.")] = None,
    prompts: Annotated[Optional[Path], typer.Option(help="Folder with system.j2 and user.j2 to use instead of the built-in prompts.")] = None,
    threads: Annotated[Optional[int], typer.Option(min=1, help="Embedded model: CPU threads [default: all cores].")] = None,
    context: Annotated[Optional[int], typer.Option(min=512, help="Tokens per request the model can take [embedded: 8192].")] = None,
    parallel: Annotated[Optional[int], typer.Option(min=1, help="Requests in flight at once [embedded: 2].")] = None,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds before one request times out.")] = 600.0,
) -> None:
    """Summarise news articles: actors, allegations, denials and outcomes, each with evidence."""
    stdin = sys.stdin.buffer.read() if "-" in files else None
    articles = [read_article(name, stdin=stdin) for name in files]
    summaries: list[Summary] = summarize_articles(  # type: ignore[assignment]
        articles,
        ModelOptions(model=model, base_url=base_url, api_key=api_key, model_path=model_path,
                     threads=threads, context=context, parallel=parallel),
        prompt_dir=prompts,
        request=RequestOptions(timeout_s=timeout),
    )
    if format is Format.json:
        content = to_json(summaries)
    elif format is Format.markdown:
        content = to_markdown(summaries)
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
