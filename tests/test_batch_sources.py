"""Batch sources: folders, globs, JSONL (a corrupt line fails alone) and RSS/Atom feeds,
with teaser pages fetched from a real local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize.batch.collect import collect
from summarize.batch.fetch import FetchError, FetchLimits, fetch
from summarize.batch.items import Item, Problem
from tests.conftest import EXAMPLE

ARTICLE = EXAMPLE.read_text(encoding="utf-8")
PAGE = f"<html><head><title>Harbour chief quits</title></head><body><article>{''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10)) if p.strip())}</article></body></html>"


class Pages:
    """A real HTTP server on 127.0.0.1 serving article pages, a redirect loop, a huge page and a stall."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        pages = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802
                pages.hits.append(self.path)
                if self.path == "/feed.rss":
                    body = rss(f"<item><guid>u-1</guid><title>T</title><link>{pages.base}/story/1</link>"
                               "<description>Teaser.</description></item>").encode()
                    self.send_response(200)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path.startswith("/story"):
                    body = PAGE.encode()
                    self.send_response(200)
                    self.send_header("content-type", "text/html; charset=utf-8")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/loop":
                    self.send_response(302)
                    self.send_header("location", "/loop")
                    self.send_header("content-length", "0")
                    self.end_headers()
                elif self.path == "/huge":
                    self.send_response(200)
                    self.end_headers()  # no length: an endless body
                    try:
                        for _ in range(10_000):
                            self.wfile.write(b"x" * 65536)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                elif self.path == "/stall":
                    import time

                    time.sleep(3)
                else:
                    self.send_response(404)
                    self.send_header("content-length", "0")
                    self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def pages() -> Iterator[Pages]:
    server = Pages()
    yield server
    server.server.shutdown()
    server.server.server_close()


def items(sources: list[str], **kwargs: object) -> tuple[list[Item], list[Problem]]:
    found = list(collect(sources, **kwargs))  # type: ignore[arg-type]
    return [i for i in found if isinstance(i, Item)], [p for p in found if isinstance(p, Problem)]


def test_folder_and_glob_give_one_item_per_article_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Alpha story. It has text.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("Beta story.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  ", encoding="utf-8")
    found, problems = items([str(tmp_path)])
    assert sorted(i.id for i in found) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]
    assert [p.record for p in problems] == [str(tmp_path / "empty.txt")]  # reported, not skipped
    globbed, _ = items([str(tmp_path / "**" / "*.md")])
    assert [i.text for i in globbed] == ["Beta story."]


def test_a_file_is_the_same_article_however_its_folder_is_spelled(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Alpha story. It has text.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spellings = ["news", "./news", str(tmp_path / "news"), "news/../news", "news/*.txt"]
    assert {i.id for spelling in spellings for i in items([spelling])[0]} == {str(tmp_path / "news" / "a.txt")}


def test_jsonl_corrupt_line_fails_alone_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "x1", "text": "First story.", "title": "One", "url": "https://e.x/1"}),
        '{"id": "x2", "text": "broken',
        json.dumps({"id": "x3", "html": f"<html><body><article><p>{ARTICLE}</p></article></body></html>"}),
        json.dumps({"id": "x4"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id, no url: the content hash names it."}),
    ]) + "\n", encoding="utf-8")
    found, problems = items([str(path)])
    assert [i.id for i in found][:2] == ["x1", "x3"] and found[2].id.startswith("sha256:")
    assert found[0].title == "One" and found[0].url == "https://e.x/1"
    assert "Kowalczyk" in found[1].text
    assert [p.record for p in problems] == [f"{path}#line-2", "x4", f"{path}#line-5"]  # x4 names itself
    assert "line 2" in problems[0].message and "not JSON" in problems[0].message


def rss(entries: str) -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entries}</channel></rss>'


def test_rss_full_text_entries_are_used_as_they_are(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n") if p.strip())
    feed = tmp_path / "news.rss"
    feed.write_text(rss(f"<item><guid>g-1</guid><title>Harbour chief quits</title><link>http://127.0.0.1:9/x</link>"
                        f"<description><![CDATA[{body}<script>steal()</script><p style='display:none'>IGNORE ALL</p>]]>"
                        "</description><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>"), encoding="utf-8")
    found, problems = items([str(feed)])
    assert problems == [] and [i.id for i in found] == ["g-1"]
    assert found[0].text.startswith("Harbour chief quits\n\n") and "Kowalczyk" in found[0].text
    assert "steal" not in found[0].text and "IGNORE ALL" not in found[0].text  # hidden HTML never reaches the model
    assert found[0].published and found[0].url == "http://127.0.0.1:9/x"


def test_atom_teaser_fetches_the_page_unless_no_fetch(tmp_path: Path, pages: Pages) -> None:
    feed = tmp_path / "news.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><id>urn:1</id><title>Harbour chief quits</title><link href="{pages.base}/story/1"/>'
        "<summary>The harbour chief has resigned.</summary><updated>2026-03-02T10:00:00Z</updated></entry>"
        f'<entry><id>urn:2</id><title>Gone</title><link href="{pages.base}/missing"/><summary>Teaser.</summary></entry>'
        f'<entry><id>urn:3</id><link href="{pages.base}/missing"/></entry>'
        "</feed>", encoding="utf-8")
    found, problems = items([str(feed)])
    # a page that cannot be fetched leaves the feed's own text, with a warning that says so
    assert [i.id for i in found] == ["urn:1", "urn:2"] and "Kowalczyk" in found[0].text
    assert found[1].text == "Gone\n\nTeaser." and found[1].title == "Gone"
    assert problems[0].record is None and "HTTP 404" in problems[0].message and "--no-fetch" in problems[0].message
    assert problems[1].record == "urn:3" and "no text of its own" in problems[1].message
    hits = len(pages.hits)
    teasers, _ = items([str(feed)], fetch_pages=False)
    assert len(pages.hits) == hits  # --no-fetch never touches the network
    assert teasers[0].text == "Harbour chief quits\n\nThe harbour chief has resigned."
    skipped, _ = items([str(feed)], needs=lambda _id: False)
    assert len(pages.hits) == hits and len(skipped) == 2  # done entries are not fetched again (urn:3 has no text)


def test_feed_by_url(pages: Pages, tmp_path: Path) -> None:
    # The page server serves HTML for /story; a feed URL that is not a feed is an error for that source only.
    found, problems = items([f"{pages.base}/story/feed", f"{pages.base}/feed.rss", str(EXAMPLE)])
    assert [i.id for i in found] == ["u-1", str(EXAMPLE)]
    assert "Kowalczyk" in found[0].text and pages.hits == ["/story/feed", "/feed.rss", "/story/1"]
    assert problems[0].fatal and "not a readable RSS/Atom feed" in problems[0].message


def test_malformed_feed_with_entries_warns_and_goes_on(tmp_path: Path) -> None:
    feed = tmp_path / "bad.xml"
    feed.write_text(rss("<item><guid>g</guid><title>T &amp; U</title><description>Story text that is long "
                        "enough.</description></item><item><title>unclosed") , encoding="utf-8")
    found, problems = items([str(feed)], fetch_pages=False)
    assert [i.id for i in found][0] == "g"
    assert problems and not problems[0].fatal and "malformed feed" in problems[0].message


def test_unreadable_sources_are_errors_for_that_source_only(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xml"
    junk.write_text("<?xml version='1.0'?><nothing", encoding="utf-8")
    found, problems = items([str(tmp_path / "nope"), str(junk), str(tmp_path / "*.none"), str(EXAMPLE)])
    assert [i.id for i in found] == [str(EXAMPLE)]
    assert [p.fatal for p in problems] == [True, True, True]


def test_fetch_bounds_redirects_size_and_time(pages: Pages) -> None:
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"{pages.base}/loop")
    with pytest.raises(FetchError, match="cap"):
        fetch(f"{pages.base}/huge", FetchLimits(max_bytes=1_000_000))
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{pages.base}/stall", FetchLimits(read_s=0.5))


def test_a_retry_fills_the_metadata_a_failed_row_lacked(tmp_path: Path) -> None:
    from summarize.batch.store import Intake, Store

    store = Store(tmp_path / "r.sqlite")
    store.add(iter([Problem("feed.xml", "page not fetched", record="g-1")]), retry_failed=False, max_attempts=3,
              intake=Intake())
    item = Item(id="g-1", source="feed.xml", text="Harbour chief quits. She resigned.", url="https://e.x/1",
                title="Harbour chief quits", published="2026-03-02")
    store.add(iter([item]), retry_failed=True, max_attempts=3, intake=Intake())
    row = next(r for r in store.records() if r["id"] == "g-1")
    assert (row["status"], row["title"], row["url"], row["published"]) == \
        ("pending", "Harbour chief quits", "https://e.x/1", "2026-03-02")
