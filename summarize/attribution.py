"""Whom a sentence attributes what it reports to: "the commission found that ...",
"Kehoe says ...", "..., said Sheriff Alan Pruitt", "according to Kehoe, ...".

A reported allegation is the claim of whoever the sentence reports it from. The 1.5B
model often fills an allegation's accusers with other actors its sentence names (the
accused's company, the outlet that quotes the claim), while the sentence itself says
whose claim it is. Only a name right at the verb counts: in "Whitfield will run the
campaign, the statement said" Whitfield says nothing.
"""

from __future__ import annotations

import re

from summarize.reported_events import AFTER_PREPOSITION
from summarize.wording import Named, hedged, mentions

# A verb of saying or finding, in the past or present
SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|found|finds|concluded|concludes|claimed|claims|claim|alleged|alleges|allege|"
    r"reported|reports|wrote|writes|stated|states|testified|argued|argues|argue|insisted|insists|maintained|"
    r"maintains|asserted|asserts|complained|complains|called|calls|described|describes)\b",
    re.IGNORECASE,
)
# What may stand between a subject and its verb of saying: an apposition (", 52,", ", chaired
# by the retired judge Hendrik Bosman,"), auxiliaries and adverbs, a time ("on Monday",
# "last week", "in a statement")
_APPOSITION = r"(?:\s*,[^,.;:\"\u201c\u201d]{1,80},)?"
_ADVERBIAL = (r"(?:has|have|had|also|again|first|then|later|earlier|previously|repeatedly|recently|reportedly|"
              r"separately|publicly|privately|officially|formally|initially|originally|subsequently|yesterday|"
              r"today|on\s+\w+|last\s+\w+|this\s+\w+|in\s+(?:a|an|its|his|her|their)\s+\w+(?:\s+\w+)?)")
_BETWEEN = re.compile(rf"{_APPOSITION}(?:\s+{_ADVERBIAL})*\s*,?\s*")
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_LEAD = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


# A name inside a phrase whose head is someone else: "A former business partner of
# candidate Gordon Ashdown says", "a lawyer for Keith Rowe said", "an aide to the
# governor writes": the partner, lawyer or aide speaks, not the name. The head is common
# words after an article; a comma ends the phrase ("the governor of Ohio, Ann Marsh, said").
_INSIDE_PHRASE = re.compile(
    r"\b(?i:a|an|the|one|two|three|several)\s+(?:[a-z][\w'\u2019-]*\s+){1,3}?(?i:of|for|to)\s+"
    r"(?:[\w.'\u2019-]+\s+){0,5}$"
)


def _right_before(sentence: str, at: int, actors: list[Named]) -> str | None:
    """The actor whose mention ends where only an apposition or adverbials stand before ``at``."""
    spans = [s for s in mentions(sentence[:at], actors)
             if _BETWEEN.fullmatch(sentence[s[1]: at]) and not AFTER_PREPOSITION.search(sentence, 0, s[0])
             and not _INSIDE_PHRASE.search(sentence, 0, s[0])]
    return max(spans, key=lambda s: s[1])[2] if spans else None


def _right_after(sentence: str, at: int, actors: list[Named]) -> str | None:
    """The actor named right after ``at`` ("said Sheriff Alan Pruitt"), "the" aside."""
    spans = [s for s in mentions(sentence[at:], actors) if _LEAD.fullmatch(sentence[at: at + s[0]])]
    return spans[0][2] if spans else None


def attributed_to(sentence: str, actors: list[Named]) -> list[str]:
    """The listed actors the sentence reports as saying or finding something, in order:
    the subject of a verb of saying ("the panel found", "Kehoe says", ", said Pruitt") or
    whoever follows "according to"; not where the verb is hedged ("may claim", "did not
    say")."""
    found: list[str] = []
    for match in SAYING.finditer(sentence):
        before = sentence[: match.start()]
        if hedged(before) or before.count("(") > before.count(")"):  # an aside in brackets
            continue
        who = _right_before(sentence, match.start(), actors)
        if who is None and re.search(r",\s*$", before):
            who = _right_after(sentence, match.end(), actors)
        if who is not None:
            found.append(who)
    for match in _ACCORDING.finditer(sentence):
        if (who := _right_after(sentence, match.end(), actors)) is not None:
            found.append(who)
    return list(dict.fromkeys(found))


# "he said", "She also insists", "His lawyer, Victor Brandt, told the court", "In a statement
# issued through her lawyer, she said": a pronoun, or someone the pronoun's owner has, saying
_PRONOUN_SPEAKS = re.compile(
    rf"\b(?P<who>he|she|it|they|(?P<owner>his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+)"
    rf"(?={_BETWEEN.pattern}(?:{SAYING.pattern}))",
    re.IGNORECASE,
)


def pronoun_speakers(sentence: str) -> list[str]:
    """The pronouns the sentence has saying something: "he", "she", "it", "they", or the
    owner's pronoun of someone speaking for them ("his" of "His lawyer ... said")."""
    found = []
    for match in _PRONOUN_SPEAKS.finditer(sentence):
        if not hedged(sentence[: match.start()]):
            found.append((match.group("owner") or match.group("who")).lower())
    return found
