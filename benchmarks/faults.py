"""Faults, measured: F fault types x P positions on a 1,000-article feed, each a real
`summarize batch` subprocess against the fake server (resumed where the fault stops
the run), then the store checked. Prints one line per run and a total:

    python benchmarks/faults.py [--articles 1000] [--concurrency 8]

lost = ids not in the store as done or failed; duplicates = articles summarised
(stored) more than once; re-requested = articles requested again after an
interrupt (at most the concurrency); wasted tokens = tokens of requests whose
result was not kept.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.batch_helpers import MARKER  # noqa: E402
from tests.conftest import EXAMPLE, EXAMPLE_DRAFT  # noqa: E402
from tests.fake_openai import FakeOpenAI, Script  # noqa: E402

GOOD = Script(content=json.dumps(EXAMPLE_DRAFT))
SERVER_FAULTS = {
    "dropped connections": lambda: Script(drop=True),
    "429 retry-after": lambda: Script(status=429, body=b"{}", headers={"retry-after": "0.2"}),
    "500 burst": lambda: Script(status=500, body=b'{"error": {"message": "boom"}}'),
    "invalid JSON": lambda: Script(content="{not json"),
    "stalled response": lambda: Script(content=json.dumps(EXAMPLE_DRAFT), delay_s=4),
    "401 bad key": lambda: Script(status=401, body=b'{"error": {"message": "bad key"}}'),
}
PROCESS_FAULTS = ("SIGINT", "kill -9")
BURST = 12  # requests a server fault lasts


def write_feed(path: Path, count: int) -> list[str]:
    base = EXAMPLE.read_text(encoding="utf-8")
    items = []
    for n in range(count):
        text = f"{base}\nReference ART-{n:04d} in the harbour archive."
        items.append(f"<item><guid>g{n:04d}</guid><title>Story {n}</title><description><![CDATA[{text}]]>"
                     "</description></item>")
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{"".join(items)}'
                    "</channel></rss>", encoding="utf-8")
    return [f"g{n:04d}" for n in range(count)]


class Faulty(FakeOpenAI):
    """The fake server, failing requests number [start, start + BURST) with a scripted fault."""

    def __init__(self, fault: str | None, start: int) -> None:
        super().__init__(default=GOOD)
        self.fault, self.start_at, self.served = fault, start, 0
        self.counter_lock = threading.Lock()
        self.answered_tokens = 0  # usage of every completion the fake sent, valid or not
        self.rule = self._pick

    def _pick(self, payload: dict) -> Script | None:
        with self.counter_lock:
            self.served += 1
            number = self.served
        script = GOOD
        if self.fault in SERVER_FAULTS and self.start_at <= number < self.start_at + BURST:
            script = SERVER_FAULTS[self.fault]()
        if script.body is None and not script.drop:
            with self.counter_lock:  # tokens as the fake reports them in "usage"
                self.answered_tokens += 100 + 10 + len(script.content or "") // 4
        return script


def batch(url: str, feed: Path, db: Path, concurrency: int, key: str = "sk-bench") -> subprocess.Popen:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "summarize", "batch", str(feed), "--db", str(db), "--base-url", url, "--model", "m",
         "--api-key", key, "--concurrency", str(concurrency), "--timeout", "2", "--retries", "3", "--retry-failed"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def done_count(db: Path) -> int:
    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM articles WHERE status = 'done'").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def one_run(tmp: Path, feed: Path, ids: list[str], fault: str, position: float, concurrency: int) -> dict:
    db = tmp / f"{fault.replace(' ', '_')}-{position}.sqlite"
    start = int(len(ids) * position)
    fake = Faulty(fault, start).start()
    runs = 0
    requests_at_interrupt: Counter = Counter()
    try:
        proc = batch(fake.base_url, feed, db, concurrency)
        runs += 1
        if fault in PROCESS_FAULTS:
            while done_count(db) < start and proc.poll() is None:
                time.sleep(0.02)
            proc.send_signal(signal.SIGINT if fault == "SIGINT" else signal.SIGKILL)
            proc.wait(timeout=60)
            requests_at_interrupt = Counter(_article(r) for r in fake.requests)
        else:
            proc.wait(timeout=600)
        # Resume until every article is done or failed for good (what a user or cron would do).
        while runs < 4 and done_count(db) < len(ids):
            runs += 1
            batch(fake.base_url, feed, db, concurrency).wait(timeout=600)
        requested = Counter(_article(r) for r in fake.requests)
    finally:
        fake.stop()
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, status, input_tokens, output_tokens FROM articles").fetchall()
    connection.close()
    settled = {r[0] for r in rows if r[1] in ("done", "failed")}
    kept_tokens = sum((r[2] or 0) + (r[3] or 0) for r in rows if r[1] == "done")
    spent_tokens = fake.answered_tokens
    done_before = {a for a, n in requests_at_interrupt.items()}
    return {
        "fault": fault, "position": position, "runs": runs,
        "lost": len(set(ids) - settled), "duplicates": len(rows) - len({r[0] for r in rows}),
        "re_requested": sum(1 for a, n in requested.items() if n > 1 and a in done_before) if fault in PROCESS_FAULTS else 0,
        "wasted_tokens": max(0, spent_tokens - kept_tokens),
        "failed": sum(r[1] == "failed" for r in rows),
    }


def _article(request: dict) -> str | None:
    text = " ".join(m.get("content") or "" for m in request["body"].get("messages", []))
    match = MARKER.search(text)
    return match.group(1) if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--positions", default="0.1,0.5,0.9")
    args = parser.parse_args()
    positions = [float(p) for p in args.positions.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        feed = tmp / "feed.rss"
        ids = write_feed(feed, args.articles)
        for fault in [*SERVER_FAULTS, *PROCESS_FAULTS]:
            for position in positions:
                started = time.monotonic()
                row = one_run(tmp, feed, ids, fault, position, args.concurrency)
                results.append(row)
                print(f"{fault:20s} at {position:.0%}: runs {row['runs']}, lost {row['lost']}, duplicates "
                      f"{row['duplicates']}, re-requested {row['re_requested']}, failed {row['failed']}, "
                      f"wasted tokens {row['wasted_tokens']} ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"\n{len(results)} runs ({len(SERVER_FAULTS) + len(PROCESS_FAULTS)} faults x {len(positions)} positions) "
          f"over {args.articles} articles: lost {sum(r['lost'] for r in results)}, duplicates "
          f"{sum(r['duplicates'] for r in results)}, re-requested after an interrupt at most "
          f"{max(r['re_requested'] for r in results)} (concurrency {args.concurrency}), wasted tokens "
          f"{sum(r['wasted_tokens'] for r in results)}")


if __name__ == "__main__":
    main()
