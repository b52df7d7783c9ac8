"""RSS and Atom sources, parsed with feedparser from a file or an http(s) URL.

An entry that carries only a teaser gets its article page fetched (unless
``fetch_pages`` is off) and the page's text extracted. A malformed feed that
still yields entries is a warning; one that yields none is an error for that
source only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import feedparser

from summarize.batch.fetch import FetchError, FetchLimits, fetch
from summarize.batch.items import Item, Problem, stable_id
from summarize.errors import InputError
from summarize.sources import MAX_BYTES, decode, fragment_to_text, html_to_text

TEASER_CHARS = 600  # less text than this in the feed and a link: fetch the page
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def looks_like_feed(path: Path) -> bool:
    if path.suffix.lower() in FEED_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).lstrip().lower()
    except OSError:
        return False
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def read_feed(
    source: str,
    *,
    fetch_pages: bool,
    needs: Callable[[str], bool],
    limits: FetchLimits | None = None,
) -> Iterator[Item | Problem]:
    """``needs(id)``: whether the entry still has to be summarised; pages of entries
    that do not are never fetched."""
    try:
        data = fetch(source, limits) if is_url(source) else _read_file(Path(source))
    except InputError as exc:
        yield Problem(source, str(exc), fatal=True)
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") or not parsed.get("version"):
        reason = str(parsed.get("bozo_exception") or "no RSS or Atom root element").splitlines()[0][:160]
        if not entries:
            yield Problem(source, f"{source}: not a readable RSS/Atom feed ({reason}); check the file or URL",
                          fatal=True)
            return
        yield Problem(source, f"{source}: malformed feed ({reason}); read {len(entries)} entries anyway")
    elif not entries:
        yield Problem(source, f"{source}: the feed has no entries")
    for position, entry in enumerate(entries, start=1):
        yield from _entry(entry, position, source, fetch_pages, needs, limits)


def _read_file(path: Path) -> bytes:
    if not path.is_file():
        raise InputError(f"{path}: no such feed file; check the path")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: over the {MAX_BYTES}-byte limit for a feed")
    return path.read_bytes()


def _entry(
    entry: Any, position: int, source: str, fetch_pages: bool,
    needs: Callable[[str], bool], limits: FetchLimits | None,
) -> Iterator[Item | Problem]:
    """The entry as an article: its page when the feed carries only a teaser, else (or
    when the page cannot be fetched, with a warning) the feed's own text."""
    title = (entry.get("title") or "").strip() or None
    link = (entry.get("link") or "").strip() or None
    body = ""
    if entry.get("content"):
        body = fragment_to_text(entry["content"][0].get("value") or "")
    if not body and entry.get("summary"):
        body = fragment_to_text(entry["summary"])
    text = _with_title(title, body)
    if not (text.strip() or entry.get("id") or link):
        yield Problem(source, f"{source} entry {position}: no text, id or link; nothing to summarise",
                      record=f"{source}#entry-{position}")
        return
    entry_id = stable_id(entry.get("id"), link, text=text)
    published = entry.get("published") or entry.get("updated")
    item = Item(id=entry_id, source=source, text=text, url=link, title=title, published=published)
    if len(body) >= TEASER_CHARS or not link or not fetch_pages or not needs(entry_id):
        if not body.strip():
            yield Problem(source, f"{source} entry {position} ({entry_id}): no text in the feed"
                          + ("" if fetch_pages else "; drop --no-fetch to fetch the page"), record=entry_id)
        else:
            yield item
        return
    try:
        page = html_to_text(decode(fetch(link, limits), link), link)
    except (FetchError, InputError) as exc:
        if body.strip():  # a short text is still the entry's text
            yield Problem(source, f"{source} entry {position}: page not fetched ({exc}); summarising the feed's "
                          f"{len(body)}-character text instead (--no-fetch skips fetching)")
            yield item
        else:
            yield Problem(source, f"{source} entry {position}: {exc}; the feed has no text of its own",
                          record=entry_id)
        return
    yield Item(id=entry_id, source=source, text=_with_title(title, page), url=link, title=title,
               published=published)


def _with_title(title: str | None, body: str) -> str:
    if title and body and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}"
    return body if body else ""

