"""The batch fault matrix, on the fake OpenAI-compatible server: whatever fails, every
article ends in the store exactly once as done or failed, and no done article is
requested again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.batch_helpers import check_invariants, article_of, draft_json, marker_of, requested, rows, write_articles
from tests.fake_openai import FakeOpenAI, Script

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def batch(fake: FakeOpenAI, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args, "--base-url", fake.base_url, "--model", "fake-model",
                               "--api-key", "sk-test-key"])


def test_folder_run_then_resume_requests_nothing(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 6)
    db = tmp_path / "r.sqlite"
    first = batch(fake, str(tmp_path / "news"), "--db", str(db), "--concurrency", "3")
    assert first.exit_code == 0, first.output
    assert set(check_invariants(db, ids).values()) == {"done"}
    assert all(n == 1 for n in requested(fake).values()) and len(requested(fake)) == 6
    before = len(fake.requests)
    again = batch(fake, str(tmp_path / "news"), "--db", str(db))
    assert again.exit_code == 0 and len(fake.requests) == before
    assert "6 already done" in again.output


def test_duplicates_are_summarised_once_and_counted(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 2)
    copy = tmp_path / "news" / "copy.txt"
    copy.write_bytes(Path(ids[0]).read_bytes())
    jsonl = tmp_path / "more.jsonl"
    text = Path(ids[1]).read_text(encoding="utf-8")
    jsonl.write_text(json.dumps({"id": "j1", "text": text}) + "\n" + json.dumps({"id": "j1", "text": "Other."}) + "\n",
                     encoding="utf-8")
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(tmp_path / "news"), str(jsonl), "--db", str(db))
    assert result.exit_code == 0, result.output
    statuses = check_invariants(db, [*ids, str(copy), "j1"])
    assert set(statuses.values()) == {"done"}
    assert sorted(requested(fake).values()) == [1, 1]  # two distinct texts, two requests
    assert "3 duplicates" in result.output
    copies = {r["id"]: r for r in rows(db)}
    assert copies[str(copy)]["duplicate_of"] == ids[0] and copies["j1"]["duplicate_of"] == ids[1]


def per_article(fake: FakeOpenAI, marker: str, script: Script) -> None:
    fake.rule = lambda payload: script if article_of(payload) == marker else None


def test_connection_errors_then_success(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 3)
    fake.push(Script(drop=True))
    fake.push(Script(drop=True))
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(tmp_path / "news"), "--db", str(db), "--concurrency", "1")
    assert result.exit_code == 0, result.output
    assert set(check_invariants(db, ids).values()) == {"done"}


def test_rate_limits_slow_the_batch_and_fail_nothing(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 4)
    for _ in range(6):
        fake.error(429, headers={"retry-after": "0.3"})
    db = tmp_path / "r.sqlite"
    started = time.monotonic()
    result = batch(fake, str(tmp_path / "news"), "--db", str(db), "--concurrency", "2", "--retries", "2")
    assert result.exit_code == 0, result.output
    assert set(check_invariants(db, ids).values()) == {"done"}
    assert time.monotonic() - started >= 0.6  # it waited as asked rather than failing


def test_persistent_500s_fail_one_article_and_the_rest_go_on(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 4)
    per_article(fake, "0002", Script(status=500, body=b'{"error": {"message": "boom"}}'))
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(tmp_path / "news"), "--db", str(db), "--retries", "3")
    assert result.exit_code == 13, result.output
    statuses = check_invariants(db, ids)
    assert statuses[ids[2]] == "failed" and [s for s in statuses.values()].count("done") == 3
    assert requested(fake)["0002"] == 3
    failed = next(r for r in rows(db) if r["status"] == "failed")
    assert failed["error_class"] == "EndpointError" and "HTTP 500" in failed["error_message"]
    # --retry-failed tries it again (bounded), never the done ones
    fake.rule = None
    before = requested(fake)
    retried = batch(fake, str(tmp_path / "news"), "--db", str(db), "--retry-failed")
    assert retried.exit_code == 0, retried.output
    assert requested(fake) - before == {"0002": 1}


def test_retry_failed_is_bounded_by_max_attempts(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 1)
    fake.default = Script(status=500, body=b"{}")
    db = tmp_path / "r.sqlite"
    for _ in range(3):
        batch(fake, str(tmp_path / "news"), "--db", str(db), "--retries", "1", "--retry-failed",
              "--max-attempts", "2")
    assert requested(fake)["0000"] == 2 and rows(db)[0]["attempts"] == 2
    check_invariants(db, ids)


def test_bad_key_stops_the_batch_at_once_with_one_message(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 8)
    fake.default = Script(status=401, body=b'{"error": {"message": "Incorrect API key sk-test-key"}}')
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(tmp_path / "news"), "--db", str(db), "--concurrency", "2")
    assert result.exit_code == 8, result.output
    assert result.output.count("refused the API key") == 1 and "sk-test-key" not in result.output
    assert len(fake.requests) <= 2  # the ones already in flight, nothing after
    assert all(r["status"] == "pending" for r in rows(db))  # nothing marked failed for a bad key
    fake.default = Script(content=draft_json())
    assert batch(fake, str(tmp_path / "news"), "--db", str(db)).exit_code == 0
    assert set(check_invariants(db, ids).values()) == {"done"}


def test_invalid_json_replies_fail_the_article_after_reasks(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 3)
    per_article(fake, "0001", Script(content="{not json"))
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(tmp_path / "news"), "--db", str(db))
    assert result.exit_code == 13
    statuses = check_invariants(db, ids)
    assert statuses[ids[1]] == "failed"
    assert next(r for r in rows(db) if r["status"] == "failed")["error_class"] == "InvalidReplyError"


def test_stalled_response_hits_the_deadline(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 2)
    per_article(fake, "0000", Script(content=draft_json(), delay_s=5))
    db = tmp_path / "r.sqlite"
    started = time.monotonic()
    result = batch(fake, str(tmp_path / "news"), "--db", str(db), "--timeout", "1", "--retries", "2")
    # Bounds far from the broken behaviour (two 5 s stalls), not a speed claim: load must not flake it.
    assert result.exit_code == 13 and time.monotonic() - started < 9
    statuses = check_invariants(db, ids)
    assert statuses == {ids[0]: "failed", ids[1]: "done"}


def test_bad_records_and_sources_are_stored_or_reported_and_the_rest_go_on(fake: FakeOpenAI, tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": "ok", "text": "Marta Kowalczyk resigned on Monday."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "r.sqlite"
    result = batch(fake, str(jsonl), str(tmp_path / "missing-folder"), "--db", str(db))
    assert result.exit_code == 13
    assert "line 2" in result.output and "missing-folder" in result.output
    statuses = check_invariants(db, ["ok", f"{jsonl}#line-2"])
    assert statuses == {"ok": "done", f"{jsonl}#line-2": "failed"}


def test_export_writes_one_record_per_article(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 3)
    per_article(fake, "0001", Script(content="[]"))
    db = tmp_path / "r.sqlite"
    batch(fake, str(tmp_path / "news"), "--db", str(db))
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["export", str(db), "--format", "jsonl", "-o", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(ids)
    by_id = {r["id"]: r for r in records}
    assert by_id[ids[1]]["status"] == "failed" and by_id[ids[1]]["summary"] is None and by_id[ids[1]]["error"]
    assert by_id[ids[0]]["summary"]["actors"] and by_id[ids[0]]["error"] is None
    as_csv = runner.invoke(app, ["export", str(db), "--format", "csv"])
    import csv
    import io

    assert sorted(r["id"] for r in csv.DictReader(io.StringIO(as_csv.stdout))) == sorted(ids)
    as_json = runner.invoke(app, ["export", str(db), "--format", "json"])
    assert len(json.loads(as_json.stdout)) == 3
    missing = runner.invoke(app, ["export", str(tmp_path / "nope.sqlite")])
    assert missing.exit_code == 3 and "no such database" in missing.output


# -- real subprocesses: interrupts, kill -9, a full disk, a read-only database ----------


def start_batch(fake: FakeOpenAI, folder: Path, db: Path, *extra: str, preexec=None) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "summarize", "batch", str(folder), "--db", str(db), "--base-url", fake.base_url,
         "--model", "fake-model", "--api-key", "sk-test-key", *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec,
    )


def wait_for_done(db: Path, count: int, proc: subprocess.Popen, limit_s: float = 60) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if db.exists():
            try:
                if sum(r["status"] == "done" for r in rows(db)) >= count:
                    return
            except Exception:  # noqa: BLE001 - the file may be mid-creation
                pass
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the batch made no progress")


@pytest.mark.parametrize("how", ["sigint", "kill9"])
def test_interrupted_subprocess_resumes_without_losing_or_repeating(fake: FakeOpenAI, tmp_path: Path, how: str) -> None:
    ids = write_articles(tmp_path / "news", 30)
    fake.default = Script(content=draft_json(), delay_s=0.2)
    db = tmp_path / "r.sqlite"
    proc = start_batch(fake, tmp_path / "news", db, "--concurrency", "2")
    wait_for_done(db, 5, proc)
    if how == "sigint":
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err
    else:
        proc.kill()
        proc.communicate(timeout=10)
    done_before = {marker_of(r["id"]) for r in rows(db) if r["status"] == "done"}
    assert all(r["status"] in {"done", "pending"} for r in rows(db))  # consistent: no half rows
    assert 5 <= len(done_before) < 30
    seen = len(fake.requests)
    fake.default = Script(content=draft_json())
    resume = start_batch(fake, tmp_path / "news", db, "--concurrency", "2")
    out, err = resume.communicate(timeout=60)
    assert resume.returncode == 0, err
    assert set(check_invariants(db, ids).values()) == {"done"}
    again = requested(fake, since=seen)
    assert not (set(again) & done_before)  # no done article was requested again
    assert sum(again.values()) == 30 - len(done_before)
    connection = sqlite3.connect(db)
    outcomes = [r[0] for r in connection.execute("SELECT outcome FROM runs ORDER BY id")]
    connection.close()
    assert outcomes == ["interrupted", "finished"]  # a killed run is marked when the next one opens


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_disk_full_stops_with_a_clear_error_and_earlier_rows_intact(fake: FakeOpenAI, tmp_path: Path) -> None:
    first_ids = write_articles(tmp_path / "news", 3)
    db = tmp_path / "r.sqlite"
    assert batch(fake, str(tmp_path / "news"), "--db", str(db)).exit_code == 0
    write_articles(tmp_path / "news", 40)
    size = max(p.stat().st_size for p in tmp_path.glob("r.sqlite*"))
    proc = start_batch(fake, tmp_path / "news", db, preexec=_limit_file_size(size + 16384))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 11, err
    assert "Traceback" not in err and "database error" in err and "free space" in err
    statuses = {r["id"]: r["status"] for r in rows(db)}
    assert all(statuses[i] == "done" for i in first_ids)
    assert all(s in {"done", "pending"} for s in statuses.values())


def test_read_only_database_is_a_clear_error(fake: FakeOpenAI, tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 2)
    db = tmp_path / "r.sqlite"
    assert batch(fake, str(tmp_path / "news"), "--db", str(db)).exit_code == 0
    write_articles(tmp_path / "news", 4)
    files = [str(p) for p in tmp_path.glob("r.sqlite*")]
    # Root writes through file modes: make the files immutable instead.
    lock, unlock = (["chattr", "+i", *files], ["chattr", "-i", *files]) if os.geteuid() == 0 else (None, None)
    if lock:
        subprocess.run(lock, check=True)
    else:
        for path in files:
            os.chmod(path, 0o444)
    try:
        proc = start_batch(fake, tmp_path / "news", db)
        _, err = proc.communicate(timeout=60)
    finally:
        if unlock:
            subprocess.run(unlock, check=True)
    assert proc.returncode == 11, err
    assert "Traceback" not in err and "read-only" in err
    assert {r["id"]: r["status"] for r in rows(db)} == {i: "done" for i in ids}


def test_watch_mode_summarises_only_new_entries_until_stopped(fake: FakeOpenAI, tmp_path: Path) -> None:
    text = Path(write_articles(tmp_path / "src", 2)[0]).read_text(encoding="utf-8")
    feed = tmp_path / "feed.rss"

    def write_feed(count: int) -> None:
        items = "".join(f"<item><guid>g{n}</guid><title>Story {n}</title><description><![CDATA["
                        f"{text.replace('ART-0000', f'ART-{n:04d}')}]]></description></item>" for n in range(count))
        feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>',
                        encoding="utf-8")

    write_feed(2)
    db = tmp_path / "r.sqlite"
    proc = start_batch(fake, feed, db, "--every", "1s")
    wait_for_done(db, 2, proc)
    write_feed(3)
    wait_for_done(db, 3, proc)
    time.sleep(1.5)  # at least one more poll, with nothing new
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert set(check_invariants(db, ["g0", "g1", "g2"]).values()) == {"done"}
    assert sorted(requested(fake).values()) == [1, 1, 1]
