import codecs
from pathlib import Path

import pytest

from summarize.errors import InputError
from summarize.sources import read_article


def test_reads_utf8_and_boms(tmp_path: Path) -> None:
    text = "Zoë said “no” — twice."
    for name, data in {
        "plain.txt": text.encode(),
        "bom8.txt": codecs.BOM_UTF8 + text.encode(),
        "bom16.txt": text.encode("utf-16"),
        "bom16be.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    }.items():
        (tmp_path / name).write_bytes(data)
        assert read_article(str(tmp_path / name)).text == text, name


def test_stdin() -> None:
    article = read_article("-", stdin="From stdin.".encode())
    assert article.name == "<stdin>" and article.text == "From stdin."


def test_html_becomes_article_text(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Minister quits</title></head><body><nav>Home | Sport</nav>"
        "<article><h1>Minister quits</h1><p>The minister resigned on Monday after a report "
        "that she misused public funds for private travel, officials said.</p>"
        "<p>She denied the claims and said she would clear her name in court.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    text = read_article(str(page)).text
    assert "The minister resigned on Monday" in text
    assert "<p>" not in text and "Copyright" not in text


def test_a_txt_file_holding_a_web_page_is_extracted(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><body><nav>Menu</nav><article><p>The council approved the "
                    "budget on Monday after a long debate about library funding and road repairs.</p>"
                    "</article></body></html>")
    text = read_article(str(page)).text
    assert "The council approved the budget" in text and "<p>" not in text and "Menu" not in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_text(""), "empty or only whitespace"),
        (lambda p: p.write_text("  \n\t \n"), "empty or only whitespace"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: p.write_bytes("café".encode("latin-1")), "not valid UTF-8"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "is a PDF, which summarize does not read"),
        (lambda p: p.write_bytes("The mayor resigned on Monday.".encode("utf-16-le")),
         "UTF-16 without a byte-order mark; accepted are UTF-8"),
    ],
)
def test_bad_input_names_the_file_and_the_fix(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    setup(path)
    with pytest.raises(InputError) as info:
        read_article(str(path))
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
