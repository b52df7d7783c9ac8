"""Help text without type jargon.

typer's plain help (no rich markup) prints an argument as ``files <list[str]>`` and
its usage as ``{files}...``. Every argument and option here has a metavar that says
what to give (FILE..., N, SECONDS), so an argument's help shows its metavar alone and
the usage line reads ``summarize run [OPTIONS] FILE...``; a bound reads "at least 1",
not "x>=1".
"""

from __future__ import annotations

from typing import Any

from typer import core


def _no_type(self: core.TyperArgument, ctx: Any) -> None:
    return None


def _usage_name(self: core.TyperArgument) -> str:
    name = self.display_name_raw
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if self.required else f"[{name}]"


def _range_words(self: core.TyperOption) -> str | None:
    """"at least 1" where click writes "x>=1"."""
    low, high = getattr(self, "min", None), getattr(self, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else None


def use_plain_help() -> None:
    core.TyperArgument.display_type_rich = _no_type  # type: ignore[method-assign, assignment]
    core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
    core.TyperOption._get_number_range_help_str = _range_words  # type: ignore[method-assign]
