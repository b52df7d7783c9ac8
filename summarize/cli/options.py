"""Command-line options shared by the commands that talk to a model (run, eval)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from summarize.errors import UsageError

Model = Annotated[Optional[str], typer.Option(metavar="NAME", help="Model name at the endpoint [env: SUMMARIZE_MODEL].")]
BaseUrl = Annotated[Optional[str], typer.Option(metavar="URL", help="OpenAI-compatible endpoint [env: SUMMARIZE_BASE_URL, OPENAI_BASE_URL].")]
ApiKey = Annotated[Optional[str], typer.Option(metavar="KEY", help="API key [env: SUMMARIZE_API_KEY, OPENAI_API_KEY].", show_default=False)]
ModelPath = Annotated[Optional[Path], typer.Option(metavar="FILE", help="Run this local GGUF file in-process instead of the default model.")]
Prompts = Annotated[Optional[Path], typer.Option(metavar="DIR", help="Folder with system.j2 and user.j2 to use instead of the built-in prompts.")]
Threads = Annotated[Optional[int], typer.Option(metavar="N", min=1, help="Embedded model: CPU threads [default: all cores].")]
Context = Annotated[Optional[int], typer.Option(metavar="TOKENS", min=512, help="Tokens per request the model can take [embedded: 8192].")]
Parallel = Annotated[Optional[int], typer.Option(metavar="N", min=1, help="Requests in flight at once [embedded: 2].")]
EvalParallel = Annotated[Optional[int], typer.Option("--parallel", metavar="N", min=1, help="Requests in flight at once [embedded: 1, so a prompt always gets the same reply; remote: 8].")]
Timeout = Annotated[float, typer.Option(metavar="SECONDS", min=1, help="Seconds before one request times out.")]
Passes = Annotated[Optional[str], typer.Option(metavar="PASSES", help="Post-model passes: default, all, verify, or names, -NAME to leave one out (summarize passes lists them) [env: SUMMARIZE_PASSES; default: all on the embedded model, verify elsewhere].")]
Questions = Annotated[Optional[int], typer.Option(metavar="N", min=0, help="After the summary, ask about at most N sentences a chunk that have a word of accusing and that no item cites, one request each; 0: one request a chunk [env: SUMMARIZE_QUESTIONS; default: 6 on the embedded model, 0 elsewhere].")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only warnings and errors on stderr.")]


def check_verbosity(verbose: bool, quiet: bool) -> None:
    if verbose and quiet:
        raise UsageError("-v and -q ask for opposite things; give one")
