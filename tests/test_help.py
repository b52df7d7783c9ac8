"""Help, verbosity and shell completion: what a user types before anything else."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.conftest import EXAMPLE, ROOT
from tests.fake_openai import FakeOpenAI, Script

runner = CliRunner()
COMMANDS = ["run", "eval", "batch", "export", "passes", "schema"]
JARGON = re.compile(r"<(?:list|int|float|str|path|bool)|\{\w+\}|x>=|x<=|range>")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_type_jargon(command: str) -> None:
    short = runner.invoke(app, [command, "-h"], terminal_width=100)
    assert short.exit_code == 0, short.output
    assert short.stdout == runner.invoke(app, [command, "--help"], terminal_width=100).stdout
    assert short.stdout.startswith(f"Usage: summarize {command} [OPTIONS]")
    assert not JARGON.findall(short.stdout), short.stdout


def test_usage_lines_name_what_to_give() -> None:
    usage = {c: runner.invoke(app, [c, "-h"]).stdout.splitlines()[0] for c in ("run", "eval", "batch", "export")}
    assert usage == {"run": "Usage: summarize run [OPTIONS] FILE...",
                     "eval": "Usage: summarize eval [OPTIONS] [FOLDER...]",
                     "batch": "Usage: summarize batch [OPTIONS] [SOURCE...]",
                     "export": "Usage: summarize export [OPTIONS] DB"}


def _complete(words: str, cword: int) -> list[str]:
    env = {**os.environ, "_SUMMARIZE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    done = subprocess.run([sys.executable, "-m", "summarize"], env=env, capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_completes_commands_options_and_choices() -> None:
    assert _complete("summarize ru", 1) == ["run"]
    assert "--format" in _complete("summarize run --fo", 2)
    assert _complete("summarize run --format ", 3) == ["text", "json", "jsonl", "markdown", "html"]
    env = {**os.environ, "_SUMMARIZE_COMPLETE": "source_bash"}
    script = subprocess.run([sys.executable, "-m", "summarize"], env=env, capture_output=True, text=True, timeout=60)
    assert "complete -o default -F _summarize_completion summarize" in script.stdout


def test_quiet_run_prints_no_notes_and_verbose_with_quiet_is_a_usage_error() -> None:
    from tests.conftest import EXAMPLE_DRAFT
    draft = {**EXAMPLE_DRAFT, "outcomes": EXAMPLE_DRAFT["outcomes"][:1]}  # an outcome the passes add back
    fake = FakeOpenAI(default=Script(content=json.dumps(draft))).start()
    try:
        args = ["--base-url", fake.base_url, "--model", "fake-model", "--api-key", "k", "--passes", "all"]
        loud = runner.invoke(app, ["run", str(EXAMPLE), *args])
        quiet = runner.invoke(app, ["run", str(EXAMPLE), "-q", *args])
        both = runner.invoke(app, ["run", str(EXAMPLE), "-q", "-v", *args])
    finally:
        fake.stop()
    assert loud.exit_code == quiet.exit_code == 0
    assert "corrections" in loud.stderr and quiet.stderr == ""
    assert quiet.stdout.splitlines()[:-1] == loud.stdout.splitlines()[:-1]  # all but the timing footer
    assert both.exit_code == 2 and "-v and -q" in both.stderr and len(fake.requests) == 2


def test_quiet_batch_prints_nothing_and_verbose_batch_a_line_per_article(
        fake: FakeOpenAI, remote_args: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.txt").write_text(EXAMPLE.read_text() + f"\nFiled as {name}.\n")
    quiet = runner.invoke(app, ["batch", str(folder), "--db", str(tmp_path / "q.sqlite"), "-q", *remote_args])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "" and quiet.stderr == ""
    loud = runner.invoke(app, ["batch", str(folder), "--db", str(tmp_path / "v.sqlite"), "-v", *remote_args])
    assert loud.exit_code == 0, loud.output
    assert len([line for line in loud.stderr.splitlines() if "summarize batch: progress: " in line]) == 2
    assert "2 done, 0 failed this run" in loud.stdout


def test_verbose_eval_lists_articles_worst_first(tmp_path: Path) -> None:
    import shutil

    folder, predictions = tmp_path / "set", tmp_path / "preds"
    folder.mkdir()
    predictions.mkdir()
    gold_file = ROOT / "evals" / "fixtures" / "harbour-authority.gold.json"
    for name in ("good", "worse"):
        shutil.copy(gold_file.with_name("harbour-authority.txt"), folder / f"{name}.txt")
        shutil.copy(gold_file, folder / f"{name}.gold.json")
        gold = json.loads(gold_file.read_text())
        if name == "worse":
            gold["outcomes"] = []
        (predictions / f"{name}.json").write_text(json.dumps(gold))
    result = runner.invoke(app, ["eval", str(folder), "--predictions", str(predictions), "-v",
                                 "--history-db", str(tmp_path / "h.sqlite")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("0.750  actors 1.00") and lines[0].endswith("worse")
    assert lines[1].startswith("1.000") and lines[1].endswith("good")
