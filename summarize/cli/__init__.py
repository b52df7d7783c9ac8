"""The `summarize` command: one sub-command per module, errors turned into exit codes here."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from summarize.errors import SummarizeError, redact

EXIT_INTERRUPTED = 130
F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Every failure becomes one line on stderr and the error's exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SummarizeError as exc:
            print(f"summarize: error: {redact(str(exc))}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            print("summarize: interrupted; nothing was written", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def build_app() -> typer.Typer:
    from summarize.cli import eval as eval_command
    from summarize.cli import run as run_command
    from summarize.cli import schema as schema_command

    app = typer.Typer(
        name="summarize",
        help="Typed, grounded summaries of news articles: actors, allegations, denials, outcomes.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.command("run")(reports_errors(run_command.run))
    app.command("schema")(reports_errors(schema_command.schema))
    app.command("eval")(reports_errors(eval_command.eval_command))
    return app


app = build_app()


def entry() -> None:
    app(prog_name="summarize")
