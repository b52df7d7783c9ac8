"""Every eval run appended to a SQLite history, so `summarize eval --history` shows the trend."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from summarize.evaluation.scoring import SECTIONS
from summarize.migrations import migrate

MIGRATIONS = [
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        folders TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_hash TEXT NOT NULL,
        schema_version TEXT NOT NULL,
        articles INTEGER NOT NULL,
        macro_f1 REAL NOT NULL,
        grounding_rate REAL NOT NULL,
        actors_f1 REAL, allegations_f1 REAL, denials_f1 REAL, outcomes_f1 REAL
    )""",
]


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    migrate(db, MIGRATIONS)
    return db


def append(path: Path, scores: dict[str, Any], folders: list[str]) -> None:
    db = _connect(path)
    with db:
        db.execute(
            "INSERT INTO runs (at, folders, model, prompt_hash, schema_version, articles, macro_f1,"
            " grounding_rate, actors_f1, allegations_f1, denials_f1, outcomes_f1)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (time.strftime("%Y-%m-%d %H:%M:%S"), " ".join(folders), scores["model"], scores["prompt_hash"],
             scores["schema_version"], scores["articles"], scores["macro_f1"], scores["grounding_rate"],
             *(scores[s]["f1"] for s in SECTIONS)),
        )
    db.close()


COLUMNS = ("at", "folders", "model", "prompt_hash", "articles", "macro_f1", "grounding_rate",
           "actors_f1", "allegations_f1", "denials_f1", "outcomes_f1")


def rows(path: Path, limit: int = 30) -> list[dict[str, Any]]:
    """The last ``limit`` runs, oldest first, as dicts keyed by COLUMNS."""
    if not path.exists():
        return []
    db = _connect(path)
    result = db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM runs ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    db.close()
    return [dict(zip(COLUMNS, row)) for row in result[::-1]]
