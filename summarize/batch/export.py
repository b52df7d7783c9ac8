"""Write a batch database out as JSONL, CSV or JSON: one record per article."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from summarize.batch.store import Store

FIELDS = ["id", "status", "error", "summary", "source", "url", "title", "published", "origin",
          "content_hash", "duplicate_of", "attempts", "model", "prompt_hash", "schema_version",
          "input_tokens", "output_tokens", "latency_s", "updated_at"]


def records(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.records():
        error = f"{row['error_class']}: {row['error_message']}" if row["error_class"] else None
        record = {name: row.get(name) for name in FIELDS}
        record["error"] = error
        record["summary"] = json.loads(row["summary"]) if row["summary"] else None
        yield record


def to_jsonl(store: Store) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(store))


def to_json(store: Store) -> str:
    return json.dumps(list(records(store)), ensure_ascii=False, indent=2) + "\n"


def to_csv(store: Store) -> str:
    """The summary column holds the summary's JSON text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for record in records(store):
        if record["summary"] is not None:
            record["summary"] = json.dumps(record["summary"], ensure_ascii=False)
        writer.writerow(record)
    return buffer.getvalue()


FORMATS = {"jsonl": to_jsonl, "json": to_json, "csv": to_csv}
