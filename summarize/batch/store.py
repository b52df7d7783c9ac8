"""The batch results database: SQLite in WAL mode, one row per article id.

Every write is one transaction, so a crash or Ctrl-C leaves each row either
as it was or fully updated. Rows whose text duplicates another row's (same
content hash, another id) point at it with ``duplicate_of`` and mirror its
status and summary: the text is summarised once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.batch.items import Item, Problem
from summarize.errors import OutputError
from summarize.migrations import migrate
from summarize.schema import Summary

MIGRATIONS = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published TEXT,
        origin TEXT,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        duplicate_of TEXT REFERENCES articles(id),
        error_class TEXT,
        error_message TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        summary TEXT,
        model TEXT,
        prompt_hash TEXT,
        schema_version TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        latency_s REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_status ON articles(status);
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        sources TEXT NOT NULL,
        model TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        outcome TEXT
    )
    """,
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class Intake:
    """What adding a run's items did."""

    new: int = 0
    duplicates: int = 0  # same id seen again, or same text under another id
    already_done: int = 0
    requeued: int = 0  # failed rows given another attempt
    rejected: int = 0  # records that failed before any request (bad input)


@dataclass(frozen=True)
class Pending:
    id: str
    text: str
    attempts: int


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.parent.is_dir():
            raise OutputError(f"{path}: folder {path.parent} does not exist; create it or choose another database file")
        try:
            # Intake runs in a worker thread while the event loop waits; never two at once.
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            migrate(self.db, MIGRATIONS)
        except sqlite3.DatabaseError as exc:
            raise _store_error(path, exc) from None

    def close(self) -> None:
        self.db.close()

    # -- writing -------------------------------------------------------------

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Run the statements as one transaction; a failure leaves the file as it was."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self.db.execute(sql, params)
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:  # SQLite rolls back by itself on a full disk
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc) from None

    def needs(self, article_id: str, retry_failed: bool, max_attempts: int) -> bool:
        row = self._row(article_id)
        if row is None or row["status"] == "pending":
            return True
        return row["status"] == "failed" and retry_failed and row["attempts"] < max_attempts

    def add(self, entries: Iterator[Item | Problem], *, retry_failed: bool, max_attempts: int,
            intake: Intake, on_problem: Any = None) -> None:
        seen: set[str] = set()
        for entry in entries:
            if isinstance(entry, Problem):
                if on_problem is not None:
                    on_problem(entry)
                if entry.record is not None:
                    self._reject(entry, retry_failed, max_attempts, intake)
                continue
            if entry.id in seen:
                intake.duplicates += 1
                continue
            seen.add(entry.id)
            self._add_item(entry, retry_failed, max_attempts, intake)

    def _add_item(self, item: Item, retry_failed: bool, max_attempts: int, intake: Intake) -> None:
        row = self._row(item.id)
        now = _now()
        if row is None:
            original = self.db.execute(
                "SELECT id, status, error_class, error_message, summary, model, prompt_hash, schema_version "
                "FROM articles WHERE content_hash = ? AND duplicate_of IS NULL LIMIT 1",
                (item.content_hash,),
            ).fetchone()
            if original is not None:
                intake.duplicates += 1
            else:
                intake.new += 1
            mirror = original[1:] if original is not None else ("pending", None, None, None, None, None, None)
            self._write([(
                "INSERT INTO articles (id, source, url, title, published, origin, content_hash, text,"
                " duplicate_of, status, error_class, error_message, summary, model, prompt_hash,"
                " schema_version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (item.id, item.source, item.url, item.title, item.published, item.origin, item.content_hash,
                 item.text, original[0] if original is not None else None, *mirror, now, now),
            )])
        elif row["status"] == "done":
            intake.already_done += 1
        elif row["status"] == "failed" and not (retry_failed and row["attempts"] < max_attempts):
            return
        else:
            if row["status"] == "failed":
                intake.requeued += 1
            # a row first stored as failed input has no metadata yet: take the item's
            self._write([(
                "UPDATE articles SET status = 'pending', text = ?, content_hash = ?, updated_at = ?,"
                " url = coalesce(url, ?), title = coalesce(title, ?), published = coalesce(published, ?),"
                " origin = coalesce(origin, ?) WHERE id = ? AND duplicate_of IS NULL",
                (item.text, item.content_hash, now, item.url, item.title, item.published, item.origin, item.id),
            )])

    def _reject(self, problem: Problem, retry_failed: bool, max_attempts: int, intake: Intake) -> None:
        """A record that cannot be summarised is stored as failed, never skipped silently."""
        assert problem.record is not None
        row = self._row(problem.record)
        now = _now()
        intake.rejected += 1
        if row is None:
            self._write([(
                "INSERT INTO articles (id, source, content_hash, text, status, error_class, error_message,"
                " attempts, created_at, updated_at) VALUES (?, ?, '', '', 'failed', 'InputError', ?, 1, ?, ?)",
                (problem.record, problem.source, problem.message, now, now),
            )])
        elif row["status"] != "done":
            self._write([(
                "UPDATE articles SET status = 'failed', error_class = 'InputError', error_message = ?,"
                " attempts = attempts + 1, updated_at = ? WHERE id = ?",
                (problem.message, now, problem.record),
            )])

    def record_done(self, article_id: str, summary: Summary) -> None:
        p = summary.provenance
        values = (summary.model_dump_json(), p.model, p.prompt_hash, p.schema_version, p.input_tokens,
                  p.output_tokens, p.latency_s, _now())
        self._write([
            ("UPDATE articles SET status = 'done', error_class = NULL, error_message = NULL,"
             " attempts = attempts + 1, summary = ?, model = ?, prompt_hash = ?, schema_version = ?,"
             " input_tokens = ?, output_tokens = ?, latency_s = ?, updated_at = ? WHERE id = ?",
             (*values, article_id)),
            ("UPDATE articles SET status = 'done', error_class = NULL, error_message = NULL, summary = ?,"
             " model = ?, prompt_hash = ?, schema_version = ?, updated_at = ? WHERE duplicate_of = ?",
             (values[0], p.model, p.prompt_hash, p.schema_version, values[-1], article_id)),
        ])

    def record_failed(self, article_id: str, error_class: str, message: str) -> None:
        now = _now()
        self._write([
            ("UPDATE articles SET status = 'failed', error_class = ?, error_message = ?,"
             " attempts = attempts + 1, updated_at = ? WHERE id = ?", (error_class, message, now, article_id)),
            ("UPDATE articles SET status = 'failed', error_class = ?, error_message = ?, updated_at = ?"
             " WHERE duplicate_of = ?", (error_class, message, now, article_id)),
        ])

    def start_run(self, sources: list[str], model: str | None) -> int:
        """A new run; an earlier one left without an outcome was killed (kill -9, power loss)
        before it could say how it ended, and is marked so."""
        self._write([("UPDATE runs SET outcome = 'interrupted' WHERE outcome IS NULL", ()),
                     ("INSERT INTO runs (started_at, sources, model) VALUES (?, ?, ?)",
                      (_now(), "\n".join(sources), model))])
        return int(self.db.execute("SELECT max(id) FROM runs").fetchone()[0])

    def finish_run(self, run_id: int, done: int, failed: int, duplicates: int, outcome: str) -> None:
        self._write([("UPDATE runs SET finished_at = ?, done = ?, failed = ?, duplicates = ?, outcome = ?"
                      " WHERE id = ?", (_now(), done, failed, duplicates, outcome, run_id))])

    # -- reading -------------------------------------------------------------

    def _row(self, article_id: str) -> sqlite3.Row | None:
        cursor = self.db.execute("SELECT id, status, attempts FROM articles WHERE id = ?", (article_id,))
        cursor.row_factory = sqlite3.Row
        return cursor.fetchone()

    def pending(self) -> list[Pending]:
        rows = self.db.execute(
            "SELECT id, text, attempts FROM articles WHERE status = 'pending' AND duplicate_of IS NULL"
            " ORDER BY created_at, rowid"
        ).fetchall()
        return [Pending(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        counts = {"pending": 0, "done": 0, "failed": 0}
        for status, number in self.db.execute("SELECT status, count(*) FROM articles GROUP BY status"):
            counts[status] = number
        return counts

    def records(self) -> Iterator[dict[str, Any]]:
        cursor = self.db.execute("SELECT * FROM articles ORDER BY created_at, rowid")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> OutputError:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        hint = "the database is read-only; make it writable or choose another database file"
    elif "full" in message or "disk I/O" in message:
        hint = "the disk is full; free space and run the same command again to resume"
    elif "unable to open" in message:
        hint = "cannot create or open the file; check the folder's permissions or choose another database file"
    elif "not a database" in message or "malformed" in message:
        hint = "the file is not a summarize database; choose another database file"
    else:
        hint = "check the file and the disk"
    return OutputError(f"{path}: database error ({message}); {hint}")
