"""The `summarize` command: one sub-command per module, errors turned into exit codes here."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from summarize.errors import SummarizeError, redact

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # a bug in summarize (EX_SOFTWARE)
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
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("SUMMARIZE_DEBUG"):
                raise
            print(f"summarize: internal error: {type(exc).__name__}: {redact(str(exc))[:300]}; "
                  "please report it (SUMMARIZE_DEBUG=1 shows the traceback)", file=sys.stderr)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def version_line() -> str:
    """The tool's version, its embedded model, and the llama.cpp build that serves it."""
    from summarize import __version__
    from summarize.backends.weights import MODEL_NAME

    try:
        import xllamacpp

        build = xllamacpp.BUILD_INFO
        engine = f"xllamacpp {xllamacpp.__version__} (llama.cpp build {build.get('build_number')}, {build.get('commit')})"
    except ImportError:
        engine = "xllamacpp not installed"
    return f"summarize {__version__} · embedded model {MODEL_NAME} (GGUF) · {engine}"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit(0)


def build_app() -> typer.Typer:
    from summarize.cli import batch as batch_command
    from summarize.cli.help import use_plain_help
    from summarize.cli import eval as eval_command
    from summarize.cli import export as export_command
    from summarize.cli import passes as passes_command
    from summarize.cli import run as run_command
    from summarize.cli import schema as schema_command

    use_plain_help()
    app = typer.Typer(
        name="summarize",
        help="Typed, grounded summaries of news articles: actors, allegations, denials, outcomes.",
        no_args_is_help=True,
        rich_markup_mode=None,  # help texts say "[env: …]" and "[default: …]"; rich markup would eat them
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
    )
    @app.callback()
    def main(
        version: bool = typer.Option(False, "--version", help="Show the version, the embedded model and the "
                                     "llama.cpp build, and exit.", callback=_show_version, is_eager=True),
    ) -> None:
        """Typed, grounded summaries of news articles: actors, allegations, denials, outcomes."""

    app.command("run")(reports_errors(run_command.run))
    app.command("schema")(reports_errors(schema_command.schema))
    app.command("eval")(reports_errors(eval_command.eval_command))
    app.command("batch")(reports_errors(batch_command.batch))
    app.command("export")(reports_errors(export_command.export))
    app.command("passes")(reports_errors(passes_command.passes))
    return app


app = build_app()


def entry() -> None:
    """Usage errors become one line too (typer would draw a multi-line panel)."""
    from summarize import logs

    logs.configure()
    try:
        code = app(prog_name="summarize", standalone_mode=False)
    except typer.TyperException as exc:  # click's UsageError and friends, vendored by typer
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]  # plain `summarize`: the help text
            sys.exit(2)
        command = exc.ctx.command_path if getattr(exc, "ctx", None) else "summarize"  # type: ignore[attr-defined]
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"summarize: error: {message.strip().rstrip('.')}; see '{command} --help'", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        print("summarize: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)
