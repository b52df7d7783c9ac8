"""The README's exit-code table is the code's: every code it lists is raised by something,
and every error class's code is listed. Then a few commands are run to see each code."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from summarize import errors
from summarize.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, app
from tests.conftest import ROOT


def _table() -> dict[int, str]:
    section = (ROOT / "README.md").read_text().split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.M)}


def _codes_in_code() -> set[int]:
    classes = {c.exit_code for c in vars(errors).values()
               if isinstance(c, type) and issubclass(c, errors.SummarizeError) and c is not errors.SummarizeError}
    return classes | {errors.EXIT_SOME_FAILED, EXIT_INTERNAL, EXIT_INTERRUPTED, 0}


def test_the_readme_table_lists_exactly_the_codes_the_code_has() -> None:
    assert set(_table()) == _codes_in_code()


def test_each_kind_of_mistake_gets_the_code_the_table_gives_it(tmp_path: Path) -> None:
    runner = CliRunner()
    table = _table()

    def code(*args: str) -> int:
        return runner.invoke(app, list(args)).exit_code

    assert "usage" in table[code("run")] and "usage" in table[code("batch", "--db", str(tmp_path / "d.sqlite"))]
    assert "unreadable input" in table[code("run", str(tmp_path / "missing.txt"))]
    assert "configuration" in table[code("eval", "--oracle", "--fail-under", "bogus=1")]
    assert "output file" in table[code("run", str(ROOT / "examples" / "harbour-authority.txt"), "-o", str(tmp_path))]
    assert "--predictions" in table[code("eval", "--predictions", str(tmp_path / "none"))]
