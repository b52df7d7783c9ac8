"""Turn SOURCE arguments into items: folders and globs of article files, JSONL files, feeds.

Each source is read on its own: a bad source or record becomes a Problem and
the others go on.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterator
from pathlib import Path

from summarize.batch.feeds import is_url, looks_like_feed, read_feed
from summarize.batch.fetch import FetchLimits
from summarize.batch.items import Item, Problem, stable_id
from summarize.batch.jsonl import read_jsonl
from summarize.errors import InputError
from summarize.sources import HTML_SUFFIXES, read_article

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"} | HTML_SUFFIXES
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def collect(
    sources: list[str],
    *,
    fetch_pages: bool = True,
    needs: Callable[[str], bool] = lambda _id: True,
    limits: FetchLimits | None = None,
) -> Iterator[Item | Problem]:
    for source in sources:
        yield from _one(source, fetch_pages, needs, limits)


def _one(source: str, fetch_pages: bool, needs: Callable[[str], bool],
         limits: FetchLimits | None) -> Iterator[Item | Problem]:
    if is_url(source):
        yield from read_feed(source, fetch_pages=fetch_pages, needs=needs, limits=limits)
        return
    if glob.has_magic(source):
        matches = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matches:
            yield Problem(source, f"{source}: the pattern matches no files; check it", fatal=True)
        for path in matches:
            yield from _file(path, source, fetch_pages, needs, limits)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            yield Problem(source, f"{source}: no .txt, .md or .html files in the folder", fatal=True)
        for file in files:
            yield _article(file, source)
        return
    if not path.exists():
        yield Problem(source, f"{source}: no such file, folder or URL; check the path", fatal=True)
        return
    yield from _file(path, source, fetch_pages, needs, limits)


def _file(path: Path, source: str, fetch_pages: bool, needs: Callable[[str], bool],
          limits: FetchLimits | None) -> Iterator[Item | Problem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, source)
    elif suffix not in ARTICLE_SUFFIXES and looks_like_feed(path):
        yield from read_feed(str(path), fetch_pages=fetch_pages, needs=needs, limits=limits)
    else:
        yield _article(path, source)


def _article(path: Path, source: str) -> Item | Problem:
    """A file's resolved path is its URL, so its id stays put when its text is edited and
    whichever way its folder was spelled ("news/", "/abs/news", "./news")."""
    where = str(path.resolve())
    try:
        article = read_article(str(path))
    except InputError as exc:
        return Problem(source, str(exc), record=where)
    return Item(id=stable_id(where, text=article.text), source=source, text=article.text, url=where)
