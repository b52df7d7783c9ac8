"""JSONL sources: one article per line (id, text or html, optional title, url, published, source).

A corrupt line fails alone, reported with its line number; the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from summarize.batch.items import Item, Problem, stable_id
from summarize.errors import InputError
from summarize.sources import html_to_text

MAX_LINE_BYTES = 20 * 1024 * 1024
_OPTIONAL = ("title", "url", "published", "source")


class _RecordError(InputError):
    """A line with an id whose article cannot be read."""

    def __init__(self, message: str, record_id: str) -> None:
        super().__init__(message)
        self.record_id = record_id


def read_jsonl(path: Path, source: str) -> Iterator[Item | Problem]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Problem(source, f"{path}: cannot be read ({exc.strerror}); check the path", fatal=True)
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield _item(raw, path, source, number)
            except _RecordError as exc:  # the line names its article: the failure is stored under it
                yield Problem(source, str(exc), record=exc.record_id)
            except InputError as exc:
                yield Problem(source, str(exc), record=f"{path}#line-{number}")


def _item(raw: bytes, path: Path, source: str, number: int) -> Item:
    where = f"{path} line {number}"
    if len(raw) > MAX_LINE_BYTES:
        raise InputError(f"{where}: {len(raw)} bytes is over the {MAX_LINE_BYTES}-byte limit")
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start}); re-encode the file") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno}); fix or remove the line") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with id and text, got {type(record).__name__}")
    fields = {}
    for key in ("id", "text", "html", *_OPTIONAL):
        value = record.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(f"{where}: field {key!r} must be a string")
        fields[key] = str(value) if value is not None else None
    if fields["text"] and fields["text"].strip():
        text = fields["text"]
    elif fields["html"] and fields["html"].strip():
        text = html_to_text(fields["html"], where)
    else:
        message = f"{where}: no article text; give a non-empty \"text\" or \"html\" field"
        if fields["id"] and fields["id"].strip():
            raise _RecordError(message, fields["id"].strip())
        raise InputError(message)
    return Item(
        id=stable_id(fields["id"], fields["url"], text=text), source=source, text=text,
        url=fields["url"], title=fields["title"], published=fields["published"], origin=fields["source"],
    )
