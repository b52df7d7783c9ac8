"""Named people and bodies the article quotes: "Comey said", "Kasowitz, Trump's lawyer, told".

The 1.5B model leaves out about a quarter of the actors an editor lists, and
many of those speak in the story: a spokesman who confirms, a lawyer who
denies, an official who accuses. Whoever a sentence names as the subject of a
verb of saying takes part in the story. Capitalised words alone would not do:
"Washington", "Twitter" and "Pennsylvania" are mentioned three times in one
article and are no actors, and "Sources said" names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from summarize.actors import NOT_NAMES
from summarize.segment import Sentence


@dataclass(frozen=True)
class Subject:
    """A name a sentence gives as the subject of a verb: of saying, or of an outcome."""

    name: str
    sentence: int  # the first sentence that names them so (quotes them, reports their outcome)
    person: bool  # named after a post ("Press Secretary Josh Earnest"), or later by surname alone


_SAYS = re.compile(
    r"\s*(?:,[^,.]{1,60},\s*|,\s+(?:which|who)\s+)?(?:has |had |have |also |later )?"
    r"(?:said|says|told|tells|denied|denies|refuted|disputed|accused|accuses|announced|confirmed|wrote|tweeted|"
    r"reported|alleged|claimed|argued|insisted|stated|responded|acknowledged|admitted)\b"
)
_CAPITALISED = r"[A-Z][\w’'.&-]*"
# A run of capitalised words, with "of" or "the" inside ("Department of Justice").
_NAME = re.compile(rf"\b{_CAPITALISED}(?:\s+(?:(?:of|the|for)\s+)*{_CAPITALISED})*")
# Words before a person's name that give their post, not their name:
# "White House Press Secretary Josh Earnest" is Josh Earnest.
_POSTS = re.compile(
    r"^.*\b(?:Secretary|Spokes(?:wo)?man|Spokesperson|Director|Chairman|Chairwoman|Chair|Attorney|Lawyer|"
    r"Counsel|Ambassador|Minister|Senator|Sen\.|Rep\.|Gov\.|Governor|President|Judge|Justice|Chief|Officer|"
    r"Adviser|Advisor|Manager|Gen\.|General|Lt\.|Col\.|Mayor|Councillor|Councilman|Leader|Speaker|Prosecutor|Commissioner|Sheriff|Inspector|Detective)\s+"
)


def _trim(name: str) -> tuple[str, bool]:
    """The name without leading function words or a post; and whether a post was cut."""
    name = re.sub(r"[’']s$", "", name.rstrip(".,"))
    words = name.split()
    while words and words[0].casefold().strip(".") in NOT_NAMES:
        words = words[1:]
    name = " ".join(words)
    post = _POSTS.match(name)
    if post and len(name[post.end():].split()) >= 2:
        rest = name[post.end():].split()
        # "Secretary of Homeland Security Jeh Johnson": the office runs on; the name is last.
        # "Mayor of Fairhaven" is an office with no name after it: nobody is named.
        if rest[0] in ("of", "for", "the"):
            rest = rest[-2:] if len(rest) > 2 else []
        return " ".join(rest), True
    return name, False


def _by_surname(name: str, sentences: list[Sentence]) -> bool:
    """Whether the article also writes the last word of a two-word name alone, as
    people are written ("Kasowitz said"); "White House" is never "House" alone."""
    words = name.split()
    if len(words) < 2 or any(w.islower() for w in words):  # "Bureau of Statistics" names a body
        return False
    pattern = re.compile(rf"(\S+\s+)?\b{re.escape(words[-1])}\b")
    return any(
        not (m.group(1) and m.group(1)[0].isupper())
        for s in sentences for m in pattern.finditer(s.text)
    )


# The verb put before its subject after a quote or a clause, as news writes it: '"...,"
# said Josh Rifkin, the group's counsel', '..., says the group's director, Carl Heidecker'
_SAID_BEFORE = re.compile(
    r"(?:,|[\"\u201d])\s*(?:said|says|added|wrote)\s+"
    r"(?:(?:the|a|an|his|her|their|its)\s+[^,.\"\u201c\u201d]{1,60}?,\s+)?$"  # "the group's director, "
)


def speakers(sentences: list[Sentence]) -> list[Subject]:
    """Names that are the subject of a verb of saying, in order of appearance: before the
    verb ("Comey said") or right after it ('"...," said Comey')."""
    return subjects(sentences, lambda sentence, name: bool(
        _SAYS.match(sentence.text, name.end()) or _SAID_BEFORE.search(sentence.text, 0, name.start())))


def subjects(sentences: list[Sentence], followed: Callable[[Sentence, re.Match[str]], bool]) -> list[Subject]:
    """Names that ``followed`` accepts as a subject (by the verb that comes next), in order
    of appearance.
    A one-word name counts only when the article also writes it mid-sentence: at a
    sentence's start any word is capitalised ("Diplomats said")."""
    mid_sentence = {m.group(0) for s in sentences for m in _NAME.finditer(s.text) if m.start() > 0}
    mid_words = {w.rstrip(".,") for name in mid_sentence for w in name.split()}
    found: dict[str, Subject] = {}
    for sentence in sentences:
        for match in _NAME.finditer(sentence.text):
            if not followed(sentence, match):
                continue
            name, after_post = _trim(match.group(0))
            if len(name) < 3 or name in found:
                continue
            # "The Kremlin said" names a body; "Diplomats said" names nobody
            if " " not in name and name not in mid_words and not match.group(0).startswith("The "):
                continue
            found[name] = Subject(name, sentence.number, after_post or _by_surname(name, sentences))
    return list(found.values())
