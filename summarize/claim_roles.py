"""Who accuses whom, as the model's own claim words it: "The agency accused Brookfield
Water of hiding test results", "The Gazette reported that Kowalczyk approved ...".

The 1.5B model often writes a claim that names accuser and accused correctly and
then fills ``accusers`` and ``accused`` with other actors from its list (the
utility's chief as the accuser of the utility). Where the claim states the
accusation in so many words, its sentence structure is the better witness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.attribution import SAYING
from summarize.wording import Named, mentions

# "<accusers> accused <accused> of", "<accusers> reported / alleged / said that <accused> ..."
_ACCUSES = re.compile(
    r"^(?P<by>[^,;:]{2,80}?)\s+(?:has |have |had )?"
    # the target is a noun phrase: not "charges of obstructing ...; that case is set for"
    r"(?:(?P<direct>accused|accuses|charged|charges|sued|sues)\s+(?!(?:of|with|over|for|on|in)\b)"
    r"(?P<target>[^;:]{2,80}?)\s+(?:of|with|over|for)\b"
    r"|(?:reported|reports|alleged|alleges|claimed|claims|said|says|found|finds|told \w+)\s+(?:that\s+)?(?P<subject>.{2,80}))",
    re.IGNORECASE,
)


# "... said that she was groped by <actor>": the agent of a passive is who did it, unless
# the verb is itself one of accusing, reporting or sanctioning ("was accused by the paper")
_PASSIVE_BY = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?P<verb>\w+)\s+by\s+", re.IGNORECASE)
_NOT_DOING = re.compile(
    r"(?:accus|charg|su|critici[sz]|blam|investigat|report|told|ask|question|interview|clear|"
    r"nam|quot|fin|arrest|indict|convict|sentenc|fir|dismiss|suspend|sanction|condemn|denounc|deni|"
    r"reject|disput|contradict|support|endors|back|elect|appoint|hir)(?:e|ed|d)?$",
    re.IGNORECASE,
)


def _leading(words: str, actors: list[Named]) -> str | None:
    """The actor ``words`` open with ("the" aside), if any."""
    named = mentions(words, actors)
    return named[0][2] if named and words[: named[0][0]].strip().casefold() in ("", "the") else None


def _passive_agent(words: str, actors: list[Named]) -> str | None:
    """The actor right after "was <verb>ed by" in ``words``, when the verb is a deed."""
    for match in _PASSIVE_BY.finditer(words):
        if not _NOT_DOING.match(match.group("verb")) and (agent := _leading(words[match.end():], actors)):
            return agent
    return None


_PRONOUN = re.compile(r"(?:him|her|them|it|us|me|you|himself|herself|themselves|itself|each other|one another)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Roles:
    accusers: list[str]
    accused: list[str]
    # "accused the authority's board of ...": who is accused, in the claim's words, when
    # no listed actor is named there and the article writes those words
    accused_words: str | None = None


# the claim's opening actor did the act when the verb after it is a deed: not one of
# saying (attribution.SAYING), accusing or denying, not passive ("X was paid by ..."),
# not a modal or a negation
_NOT_A_DEED = re.compile(
    r"(?:is|was|were|are|been|being|be|has been|have been|had been|"
    r"accused|accuses|charged|charges|sued|sues|denied|denies|rejected|rejects|asked|asks|"
    r"flagged|flags|raised|raises|questioned|questions|criticized|criticised|criticizes|criticises|"
    r"blamed|blames|believes|believed|thinks|thought|"
    r"may|might|could|would|should|will|can|did not|does not|do not|has not|had not|was not)\b",
    re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?P<verb>[a-z][a-z-]+)\b")


def claim_doer(claim: str, actors: list[Named]) -> str | None:
    """The actor a claim opens with when a deed follows ("Westgate Falcons paid three
    players ...", "The mayor's office hid the records"): the one said to have done it."""
    words = claim.strip()
    named = mentions(words, actors)
    if not named or words[: named[0][0]].strip().casefold() not in ("", "the"):
        return None
    after = words[named[0][1]:]
    verb = _VERB_AFTER.match(after)
    if verb is None or _NOT_A_DEED.match(after.lstrip()) or _NOT_A_DEED.fullmatch(verb.group("verb")) \
            or SAYING.fullmatch(verb.group("verb")):
        return None
    return named[0][2]


def claim_roles(claim: str, actors: list[Named], text: str) -> Roles | None:
    """The actors the claim names before its verb of accusing and right after it,
    or None when the claim is not worded as an accusation by a named actor.
    ``text`` is the article, where the accused's own words must occur."""
    match = _ACCUSES.match(claim.strip())
    if not match:
        return None
    accusers = list(dict.fromkeys(a for _, _, a in mentions(match.group("by"), actors)))
    after = match.group("target") if match.group("direct") else match.group("subject")
    named_after = mentions(after, actors)
    if match.group("direct"):
        accused = [named_after[0][2]] if named_after else []
    else:
        # after "said that" the accused is the subject ("... said that the board ignored ..."),
        # or the agent of a passive deed ("... said she was groped by <actor>")
        subject = _leading(after, actors) or _passive_agent(after, actors)
        accused = [subject] if subject else []
    if not accusers:
        return None
    words = after.strip() if match.group("direct") and not named_after else None
    if words and (_PRONOUN.fullmatch(words) or not re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.I)):
        words = None
    return Roles(accusers, [a for a in accused if a not in accusers], words)
