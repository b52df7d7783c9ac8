"""Shared by the batch tests: generated articles, the fake server's per-article view, and
the invariants every batch run must keep."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from summarize.schema import Summary
from tests.conftest import EXAMPLE
from tests.fake_openai import FakeOpenAI

MARKER = re.compile(r"Reference ART-(\d{4})")


def write_articles(folder: Path, count: int) -> list[str]:
    """``count`` distinct article files; returns their ids (the paths)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = EXAMPLE.read_text(encoding="utf-8")
    ids = []
    for number in range(count):
        path = folder / f"art-{number:04d}.txt"
        path.write_text(f"{base}\nReference ART-{number:04d} in the harbour archive.\n", encoding="utf-8")
        ids.append(str(path.resolve()))
    return ids


def article_of(payload: dict) -> str | None:
    """The ART-NNNN marker of the article a chat request carries."""
    text = " ".join(m.get("content") or "" for m in payload.get("messages", []))
    match = MARKER.search(text)
    return match.group(1) if match else None


def requested(fake: FakeOpenAI, since: int = 0) -> Counter:
    return Counter(a for r in fake.requests[since:] if (a := article_of(r["body"])) is not None)


def rows(db: Path) -> list[dict]:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute("SELECT * FROM articles")]
    finally:
        connection.close()


def check_invariants(db: Path, ids: list[str]) -> dict[str, str]:
    """Every id once, as done or failed; done rows valid summaries; failed rows explained.
    Returns id -> status."""
    found = rows(db)
    assert sorted(r["id"] for r in found) == sorted(ids)  # each exactly once, nothing else
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    for row in found:
        assert row["status"] in {"done", "failed"}, row
        if row["status"] == "done":
            Summary.model_validate_json(row["summary"])
        else:
            assert row["error_class"] and row["error_message"], row
    return {r["id"]: r["status"] for r in found}


def marker_of(article_id: str) -> str:
    return re.search(r"art-(\d{4})", article_id).group(1)  # type: ignore[union-attr]


def draft_json() -> str:
    from tests.conftest import EXAMPLE_DRAFT

    return json.dumps(EXAMPLE_DRAFT)
