"""Library log lines reach the terminal only under SUMMARIZE_LOG."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    return subprocess.run([sys.executable, "-m", "summarize", "run", str(EXAMPLE), "--base-url", url,
                           "--model", "m", "--timeout", "1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=base | {"SUMMARIZE_CACHE_DIR": str(tmp_path)} | env)


def test_an_unreachable_endpoint_is_one_line_of_our_own(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 7
    assert result.stderr.splitlines() == [next(line for line in result.stderr.splitlines())]
    assert result.stderr.startswith("summarize: error: ") and "is the server running?" in result.stderr


def test_library_logs_come_with_summarize_log(tmp_path: Path) -> None:
    result = _run(tmp_path, SUMMARIZE_LOG="warning")
    assert result.returncode == 7 and len(result.stderr.splitlines()) > 1
