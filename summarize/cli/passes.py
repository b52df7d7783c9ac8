"""`summarize passes`: the post-model passes in the order they run, and which run by default."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from summarize.compose.passes import PASSES, default_passes


def passes() -> None:
    """List the post-model passes, their kind and which run by default for which model."""
    embedded, other = set(default_passes(embedded=True)), set(default_passes(embedded=False))
    table = Table(title="post-model passes, in the order they run (choose with --passes)")
    for column in ("pass", "kind", "embedded model", "other endpoints", "what it does"):
        table.add_column(column)
    for step in PASSES:
        table.add_row(step.name, step.kind, "on" if step.name in embedded else "off",
                      "on" if step.name in other else "off", step.does)
    Console().print(table)
