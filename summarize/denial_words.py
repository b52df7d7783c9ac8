"""Whether a denial's words reject anything at all, checked in code.

The 1.5B model lists as denials sentences that deny nothing: someone excusing
another ("So, I will excuse him that"), a negation of a claim nobody made ("He did
not do so"), a headline. A denial rejects, disputes or calls false; a sentence and
a claim with none of those words cannot state one.
"""

from __future__ import annotations

import re

# What a denial is of: "rejected the claims", "dismissed those reports"
CLAIM = r"(?:claims?|allegations?|accusations?|charges?|reports?|account|suggestions?|rumou?rs?|findings|story|stories)"
_REJECTS = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ials?)|reject\w*|refut\w*|disput\w*|rebut\w*|contest(?:s|ed|ing)|"
    # "dismissed the allegations", "dismissed it as": not "dismissed its chief executive"
    r"dismiss(?:es|ed|ing)?(?=\s+as\b|\s+(?:(?:the|these|those|such|her|his|its|their|all|any|reports?\s+of)\s+)?"
    rf"(?:\w+\s+)?(?:{CLAIM}|criticism|concerns|idea|notion|it|them|this|that)\b)|"
    r"disavow\w*|repudiat\w*|false\w*|untrue|not true|baseless|unfounded|groundless|"
    r"a lie|lies|lied|lying|liars?|fabricat\w*|made[- ]up|nonsense|ridiculous|absurd\w*|fake|hoax\w*|smear\w*|"
    r"witch[- ]hunt|no truth|no basis|no evidence|innocen\w*|not guilty|nothing wrong|no wrongdoing|never|"
    r"categorical\w*|not the case|absolutely not|not accept\w*|"
    # the labelling guidelines' own words ("frivolous or a sham") and the lawyers' "meritless"
    r"frivolous|(?:a|an|the)\s+(?:\w+\s+)?sham|meritless|without merit|no merit)\b",
    re.IGNORECASE,
)


def rejects(text: str) -> bool:
    """Whether the text has a word of denial: "denied", "rejected", "untrue", "never"..."""
    return bool(_REJECTS.search(text))
