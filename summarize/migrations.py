"""Versioned SQLite schemas: a list of migrations, applied in order, tracked by user_version."""

from __future__ import annotations

import sqlite3


def migrate(db: sqlite3.Connection, migrations: list[str]) -> None:
    """Bring ``db`` up to the last migration, each in its own transaction together with
    its version bump; a file from a newer summarize is refused."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise sqlite3.DatabaseError(
            f"schema version {version} is newer than this summarize knows ({len(migrations)}); "
            "upgrade summarize"
        )
    for number, migration in enumerate(migrations[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
