"""Batch throughput: the tool's own overhead and its concurrency, on the fake server;
then the embedded model at concurrency 1 and 2.

    python benchmarks/run_batch.py                 # fake-server parts (about a minute)
    python benchmarks/run_batch.py --embedded 10   # also 10 articles through the embedded model

The fake OpenAI-compatible server runs in its own process, so its work does not
count against the tool's. Each figure is the wall time of a whole
`summarize batch` command (start-up included) over freshly generated articles.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def serve(delay_s: float, queue: "multiprocessing.Queue[str]") -> None:
    from tests.conftest import EXAMPLE_DRAFT
    from tests.fake_openai import FakeOpenAI, Script

    fake = FakeOpenAI(default=Script(content=json.dumps(EXAMPLE_DRAFT), delay_s=delay_s)).start()
    fake._server.request_queue_size = 128  # noqa: SLF001 - many connections at once
    queue.put(fake.base_url)
    while True:
        time.sleep(3600)


def generate(folder: Path, count: int) -> None:
    from tests.batch_helpers import write_articles

    write_articles(folder, count)


def run_batch(folder: Path, db: Path, extra: list[str]) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize", "batch", str(folder), "--db", str(db), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, proc.stdout.strip()


def fake_run(tmp: Path, count: int, delay_s: float, concurrency: int) -> float:
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(delay_s, queue), daemon=True)
    server.start()
    try:
        url = queue.get(timeout=30)
        folder = tmp / f"fake-{delay_s}-{concurrency}"
        generate(folder, count)
        elapsed, out = run_batch(folder, tmp / f"fake-{delay_s}-{concurrency}.sqlite",
                                 ["--base-url", url, "--model", "fake", "--api-key", "sk-bench",
                                  "--concurrency", str(concurrency)])
        rate = count / elapsed
        print(f"fake server, {delay_s:g} s latency, concurrency {concurrency}: {count} articles in "
              f"{elapsed:.1f} s = {rate:.1f} articles/s  [{out.split(';')[0]}]", flush=True)
        return rate
    finally:
        server.terminate()


def embedded_run(tmp: Path, count: int, concurrency: int) -> float:
    from tests.conftest import EXAMPLE

    folder = tmp / f"embedded-{concurrency}"
    folder.mkdir()
    base = EXAMPLE.read_text(encoding="utf-8")
    for n in range(count):  # distinct texts, so nothing is a duplicate or a cache hit
        (folder / f"a{n:02d}.txt").write_text(f"{base}\nThe archive reference is {1000 + n}.\n", encoding="utf-8")
    elapsed, out = run_batch(folder, tmp / f"embedded-{concurrency}.sqlite", ["--concurrency", str(concurrency)])
    per_minute = count / elapsed * 60
    print(f"embedded model, concurrency {concurrency}: {count} articles in {elapsed:.0f} s = "
          f"{per_minute:.2f} articles/min  [{out.split(';')[0]}]", flush=True)
    return per_minute


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--embedded", type=int, default=0, help="articles for the embedded-model runs (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        overhead = fake_run(Path(tmp), args.articles, 0.0, 8)
        concurrent = fake_run(Path(tmp), args.articles, 1.0, 32)
        print(f"overhead: {overhead:.1f} articles/s (target >= 100); 1 s latency at concurrency 32: "
              f"{concurrent:.1f} articles/s = {concurrent / 32:.0%} of the ideal 32/s (target >= 80%)")
        if args.embedded:
            one = embedded_run(Path(tmp), args.embedded, 1)
            two = embedded_run(Path(tmp), args.embedded, 2)
            print(f"embedded: concurrency 2 / concurrency 1 = {two / one:.2f}x")


if __name__ == "__main__":
    main()
