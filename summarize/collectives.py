"""Unnamed groups that accuse: "a spate of female accusers emerged, claiming Trump had
...", "the women -- about a dozen now -- who have accused him of ...", "three former players
have come forward, alleging that the coach ...".

The labelling guidelines make such a group an actor (kind ``group``). The model lists
named actors; for an accusation by a group it drops the accusers or puts in whoever else
the sentence names (the polls that reported it), so the allegation's roles are wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.wording import hedged

_QUANTITY = (r"(?:a\s+(?:spate|number|group|string|series|handful|wave|dozen)\s+of|an\s+array\s+of|"
             r"dozens\s+of|scores\s+of|hundreds\s+of|several|numerous|many|some|two|three|four|five|six|"
             r"seven|eight|nine|ten|a\s+dozen|other|more|the)")
_PEOPLE = (r"(?:accusers|women|men|employees|workers|contractors|residents|parents|patients|players|"
           r"students|tenants|staff(?:ers)?|customers|victims|survivors|families|neighbou?rs|nurses|"
           r"teachers|pupils|athletes|gymnasts|investors|shareholders|whistleblowers|officials)")
# the quantity, up to two lower-case words ("female", "contract", "former"), the people
# (not "several Trump accusers": a name there is no group's)
_GROUP = re.compile(rf"\b{_QUANTITY}\s+(?P<name>(?:(?-i:[a-z])[\w-]*\s+){{0,2}}?{_PEOPLE})\b", re.IGNORECASE)
# what may stand between the group and its verb of accusing, then the verb
_ACCUSING = re.compile(
    r"\s*(?:--[^-]{0,40}--\s*|\([^)]{0,40}\)\s*)?,?\s*(?:who\s+|that\s+)?(?:have\s+|has\s+|had\s+)?"
    r"(?:(?:emerged|come\s+forward|came\s+forward|stepped\s+forward)\s*,?\s*)?"
    r"(?P<verb>claiming|alleging|accusing|accused|alleged?s?|claim(?:ed|s)?|said|say)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    name: str  # "female accusers": the people, without the quantity
    end: int  # where its verb of accusing ends: what it accuses comes after


def accusing_groups(sentence: str) -> list[Group]:
    """The unnamed groups a sentence has accusing (not "may claim", "no women said")."""
    found = []
    for match in _GROUP.finditer(sentence):
        verb = _ACCUSING.match(sentence, match.end())
        if verb and not hedged(sentence[: match.start()]) and not hedged(sentence[: verb.start("verb")]):
            name = match.group("name")
            found.append(Group(name=name[0].lower() + name[1:], end=verb.end()))
    return found
