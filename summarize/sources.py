"""Read one article from a file or stdin into plain text, or fail with an InputError.

Every failure names the file and how to fix it; nothing here talks to a model.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
MIN_HTML_WORDS = 5  # fewer extracted words is page furniture ("Menu"), not an article
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Article:
    name: str  # the path as given, or "<stdin>"
    text: str  # plain article text (HTML already extracted)


def read_article(name: str, stdin: bytes | None = None) -> Article:
    """Read ``name`` ("-" for stdin) into an Article."""
    if name == "-":
        data = stdin if stdin is not None else sys.stdin.buffer.read()
        label = "<stdin>"
        is_html = _looks_like_html(data)
    else:
        path = Path(name)
        label = name
        data = _read_bytes(path)
        # A saved web page is HTML whatever its name says ("story.txt" from a browser).
        is_html = path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(data)
    text = decode(data, label)
    if is_html:
        text = html_to_text(text, label)
    if not text.strip():
        raise InputError(f"{label}: the article is empty or only whitespace; pass a file with text")
    return Article(name=label, text=text)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; pass the article files inside it")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit; pass one article per file"
            )
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check the file") from None


def decode(data: bytes, label: str) -> str:
    """UTF-8/16/32 with a BOM, else strict UTF-8; binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(label, exc) from None
    if data.startswith(b"%PDF-"):
        raise InputError(f"{label}: is a PDF, which summarize does not read; extract its text first "
                         "(e.g. pdftotext) and pass the .txt")
    if b"\x00" in data[:8192]:
        if _utf16_without_bom(data):
            raise InputError(f"{label}: looks like UTF-16 without a byte-order mark; accepted are UTF-8, and "
                             "UTF-8/16/32 with a BOM: convert it, e.g. iconv -f utf-16le -t utf-8")
        raise InputError(f"{label}: looks like a binary file, not text; pass a .txt, .md or .html article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(label, exc) from None


def _utf16_without_bom(data: bytes) -> bool:
    """Text in UTF-16 has a NUL in every other byte where it is ASCII."""
    sample = data[:4096]
    for offset in (0, 1):
        zeros = sample[1 - offset::2]
        if len(zeros) > 8 and zeros.count(0) > 0.9 * len(zeros) and 0 not in sample[offset::2][:64]:
            return True
    return False


def _undecodable(label: str, exc: UnicodeDecodeError) -> InputError:
    return InputError(
        f"{label}: not valid UTF-8 (byte {exc.start}); convert it first, e.g. "
        f"iconv -f latin1 -t utf-8"
    )


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def html_to_text(html: str, label: str) -> str:
    """Main article text of an HTML page (title first), via trafilatura. Hidden elements
    and comments are dropped first: text a reader cannot see never reaches the model."""
    import trafilatura

    extracted = trafilatura.extract(
        drop_hidden(html), include_comments=False, include_tables=False, favor_precision=True, with_metadata=False
    )
    if not extracted or len(extracted.split()) < MIN_HTML_WORDS:
        raise InputError(f"{label}: no article text found in the HTML; save the page as text instead")
    title = _html_title(html)
    if title and not extracted.startswith(title):
        extracted = f"{title}\n\n{extracted}"
    return extracted


def _html_title(html: str) -> str:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return (meta.title or "").strip() if meta else ""


_HIDDEN_TAGS = ("script", "style", "template", "noscript", "iframe", "object", "svg")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
               "article", "header", "footer"}


def fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment (a feed entry's body): scripts, comments and hidden
    elements dropped, one line per block. Plain text passes through unchanged."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter()):
        if element is root or element.getparent() is None:
            continue
        if not isinstance(element.tag, str) or element.tag in _HIDDEN_TAGS or _is_hidden(element):
            element.drop_tree()
    lines: list[str] = []
    current: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start" and element.text and isinstance(element.tag, str):
            current.append(element.text)
        if event == "end":
            if element.tag in _BLOCK_TAGS and current:
                lines.append("".join(current))
                current = []
            if element.tail and element is not root:
                current.append(element.tail)
    if current:
        lines.append("".join(current))
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def drop_hidden(html: str) -> str:
    """The page without comments, scripts and elements hidden by attribute or inline style."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return html
    for element in list(root.iter()):
        if element.getparent() is None:
            continue
        if not isinstance(element.tag, str) or element.tag in ("script", "template", "noscript") or _is_hidden(element):
            element.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


def _is_hidden(element: object) -> bool:
    get = getattr(element, "get", None)
    if get is None:
        return False
    style = (get("style") or "").replace(" ", "").lower()
    return (get("hidden") is not None or get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)
