"""`summarize run --format html`: the article page, rendered by a real headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.schema import Summary
from tests.conftest import EXAMPLE, EXAMPLE_DRAFT
from tests.fake_openai import FakeOpenAI, Script

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# A denial the article does not word as one: the passes keep it, listed apart as doubted.
DRAFT = {**EXAMPLE_DRAFT, "denials": [*EXAMPLE_DRAFT["denials"], {
    "deniers": ["Owen Reyes"], "denies": 2, "claim": "Reyes said the board knew", "sentences": [7]}]}


def _summarise(tmp_path: Path, fmt: str, out: Path | None = None) -> str:
    fake = FakeOpenAI(default=Script(content=json.dumps(DRAFT))).start()
    try:
        args = ["run", str(EXAMPLE), "--format", fmt, "--base-url", fake.base_url, "--model", "fake",
                "--api-key", "k", "--passes", "all", *(["-o", str(out)] if out else [])]
        result = runner.invoke(app, args)
    finally:
        fake.stop()
    assert result.exit_code == 0, result.output
    return result.stdout


class _Marks(HTMLParser):
    """The rendered DOM's highlights: (class, data-items, text) of each <mark> in the article."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[list[str]] = []
        self.mentions: list[str] = []
        self._open: list[str] = []
        self._in_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self._in_text = 1
        elif self._in_text and tag == "div":
            self._in_text += 1
        if self._in_text and tag == "mark":
            self.marks.append([a.get("class") or "", a.get("data-items") or "", ""])
        if self._in_text and tag == "span" and a.get("class") == "mention":
            self.mentions.append(a.get("data-actor") or "")
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in_text and tag == "div":
            self._in_text -= 1
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_text and "mark" in self._open and self.marks:
            self.marks[-1][2] += data


def _render(page: Path, tmp_path: Path) -> str:
    assert CHROMIUM, "the HTML view test needs Chromium: apt-get install chromium (Debian)"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    done = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-2000:]
    shot = tmp_path / "view.png"
    subprocess.run([CHROMIUM, *flags, "--window-size=1300,1000", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000  # a page was painted, not a blank
    return done.stdout


def test_the_page_highlights_each_item_evidence_in_a_browser(tmp_path: Path) -> None:
    summary = Summary.model_validate_json(_summarise(tmp_path, "json"))
    page = tmp_path / "view.html"
    assert _summarise(tmp_path, "html", page) == ""
    content = page.read_text()
    assert content.startswith("<!DOCTYPE html>") and "http" not in content.split("</head>")[0]  # self-contained

    parser = _Marks()
    parser.feed(_render(page, tmp_path))
    marked = {item: "" for _, ids, _ in parser.marks for item in ids.split()}
    for css, ids, text in parser.marks:
        for item in ids.split():
            marked[item] += text
    kept = [*summary.allegations, *summary.denials, *summary.outcomes]
    doubted = [*summary.doubted.denials]
    assert [d.id for d in doubted] == ["D3"] and kept
    for item in kept + doubted:
        for evidence in item.evidence:
            assert evidence.text.replace('"', "") in marked[item.id].replace('"', ""), item.id
    kinds = {ids: css for css, ids, _ in parser.marks}
    assert kinds["A1"] == "allegation" and kinds["D1"] == "denial" and kinds["O1"] == "outcome"
    assert kinds["D3"] == "flagged"  # the doubted denial is marked as such, not as a plain denial
    assert {"marta-kowalczyk", "owen-reyes", "denise-albright"} <= set(parser.mentions)
    assert 'id="item-D3"' in content and "doubted: no-denial-word" in content


def test_html_is_for_one_article(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(EXAMPLE), str(EXAMPLE), "--format", "html", "--base-url",
                                 "http://127.0.0.1:9", "--model", "m"])
    assert result.exit_code == 2 and "one article's page" in result.stderr


@pytest.mark.parametrize("chunk", ["<script>alert(1)</script>"])
def test_article_text_is_escaped(tmp_path: Path, chunk: str) -> None:
    from summarize.article_view import to_html

    summary = Summary.model_validate_json(_summarise(tmp_path, "json"))
    assert chunk not in to_html(summary, EXAMPLE.read_text() + chunk)
