"""Normalise article text and split it into numbered sentences with exact offsets.

Sentence numbers are what the model cites, so every sentence maps to a span
[start, end) of the normalised text and the spans never overlap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width, bidi controls, BOM and Unicode tag characters: invisible to a
# reader, so nothing the model should see (they can hide injected text).
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\U000e0000-\U000e007f]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "mt", "ft", "approx", "est",
}
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and
# an opening quote, capital letter or digit.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s+[\"'\u2018\u201c(\[]?[A-Z0-9\u00c0-\u024f])")


@dataclass(frozen=True)
class Sentence:
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Normalised:
    text: str
    warnings: tuple[str, ...]


def normalise(raw: str) -> Normalised:
    """NFC, unified newlines, invisible and control characters removed (and reported)."""
    warnings: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    invisible = len(_INVISIBLE.findall(text))
    if invisible:
        warnings.append(f"removed {invisible} invisible character(s) from the article")
        text = _INVISIBLE.sub("", text)
    control = len(_CONTROL.findall(text))
    if control:
        warnings.append(f"removed {control} control character(s) from the article")
        text = _CONTROL.sub("", text)
    text = text.replace("\t", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return Normalised(text=text, warnings=tuple(warnings))


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at index ``dot`` ends an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split on line breaks and sentence-ending punctuation; offsets index ``text``."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        cursor = line.start()
        for match in _BOUNDARY.finditer(line.group()):
            end = line.start() + match.end()
            if _is_abbreviation(text, line.start() + match.start()) and match.group() == ".":
                continue
            _append(sentences, text, cursor, end)
            cursor = end
        _append(sentences, text, cursor, line.end())
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
