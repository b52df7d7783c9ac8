"""One article of a batch, with the metadata its source gave, and per-source problems."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """An article to summarise. ``id`` is stable across runs: the JSONL id, else the
    feed GUID, else the URL (a file's path counts as its URL), else the content hash."""

    id: str
    source: str  # the SOURCE argument it came from
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    origin: str | None = None  # the JSONL "source" field (the publisher)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """Hash of the text with whitespace collapsed, so re-wrapped copies count as duplicates."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def stable_id(*candidates: str | None, text: str) -> str:
    for candidate in candidates:
        if candidate and candidate.strip():
            return candidate.strip()
    return "sha256:" + content_hash(text)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one source or one record of it; the others go on.
    ``fatal`` problems mean the source gave nothing at all."""

    source: str
    message: str
    fatal: bool = False
    record: str | None = None  # id or "line N" of the record at fault, if any
