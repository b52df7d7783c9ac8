"""A canary API key never leaks: not to stdout, stderr, debug logs, the batch database,
exports or eval reports, whatever fails, even when the server echoes the key back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch_helpers import write_articles
from tests.conftest import EXAMPLE
from tests.fake_openai import FakeOpenAI, Script

ROOT = Path(__file__).resolve().parent.parent
CANARY = "sk-test-CANARY-4f9c2e7d1b"


def echo(status: int) -> Script:
    body = f'{{"error": {{"message": "Incorrect API key provided: {CANARY}. Bearer {CANARY}"}}}}'.encode()
    return Script(status=status, body=body)


FAULTS = {
    "401": echo(401),
    "404": echo(404),
    "500": echo(500),
    "invalid-reply": Script(content=f"not json {CANARY}"),
    "schema-reply": Script(content=f'{{"actors": "{CANARY}"}}'),
    "stall": Script(content="{}", delay_s=3),
}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    env |= {"SUMMARIZE_LOG": "debug", "OPENAI_LOG": "debug", "SUMMARIZE_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_canary_key_appears_nowhere(fake: FakeOpenAI, tmp_path: Path, fault: str) -> None:
    fake.default = FAULTS[fault]
    key = ["--base-url", fake.base_url, "--model", "fake-model", "--api-key", CANARY, "--timeout", "1"]
    news = tmp_path / "news"
    write_articles(news, 2)
    db = tmp_path / "r.sqlite"
    evals = tmp_path / "evals"
    evals.mkdir()
    (evals / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    runs = [
        cli("run", str(EXAMPLE), "--format", "json", *key, cwd=tmp_path),
        cli("batch", str(news), "--db", str(db), "--retries", "2", *key, cwd=tmp_path),
        cli("export", str(db), "--format", "json", "-o", str(tmp_path / "export.json"), cwd=tmp_path),
        cli("eval", str(evals), "--json", "--markdown", "--html", str(tmp_path / "report.html"), *key, cwd=tmp_path),
    ]
    assert runs[0].returncode != 0 and runs[1].returncode != 0  # every fault is a failure
    assert any("DEBUG" in r.stderr for r in runs)  # debug logging really was on
    assert "summarize: error:" in runs[0].stderr  # the one-line error (debug logs may hold library tracebacks)
    for result in runs:
        assert CANARY not in result.stdout and CANARY not in result.stderr
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path
