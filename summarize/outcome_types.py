"""Check an outcome's type against the words of its evidence, in code.

A small model tends to give every outcome the same type (the one its prompt
showed last). Each type has words without which a sentence cannot report it:
no "resign", "step down" or "quit", no resignation. When the evidence has none
of the type's words but those of exactly one other type, the outcome is
re-typed; when it has none at all, or has them only hedged ("agreed to commission
a review"), it is flagged (and doubted). ``other`` is never checked. The words are
the common ones of news for each type, not a list of what the model gets right:
a right outcome in words missing here is doubted, so the list errs on the wide side.

Only the types the prompt's shape shows (``SHAPE_TYPES``) are flagged for want of words:
those are the ones the model copies (on the shared benchmark 24 of its 37 outcomes typed
"resignation", where the gold has 4 of 45). A type the model chose apart from the shape is
kept when no type's words are there: the flag cost a perfect reply its outcomes worded
without a listed word ("was moved out of his role", "left the group") and caught few of
the model's (8 on the shared set and fixtures, 3 of them right).
"""

from __future__ import annotations

import re

from summarize.reported_events import reported_events
from summarize.wording import hedged
from summarize.schema import OutcomeType

_CUES: dict[OutcomeType, str] = {
    OutcomeType.resignation: r"resign|step(?:s|ped|ping)? (?:down|aside)|quit|stood (?:down|aside)|stands? (?:down|aside)|"
                             r"\bretire[sd]? (?:from|as|at)|retirement|(?:left|leave|leaves|leaving) (?:his|her|their|the|its) (?:post|job|role|position|seat)",
    OutcomeType.dismissal: r"fired|dismiss|sacked|ousted|removed|firing|let go|terminat|axed|demot|expelled|"
                           r"stripped of|relieved of|ended (?:\w+ ){0,2}contract|contract (?:\w+ ){0,2}(?:ended|terminated)|"
                           r"(?:moved|reassigned) to|parted ways",
    OutcomeType.appointment: r"appoint|named|nominat|tapped|sworn in|installed as|chosen as|hired|reinstat|promot|"
                             r"succeed|replac|take over|takes over|took over|will (?:lead|run|head)|interim|"
                             r"\bacting (?:\w+ )?(?:adviser|director|chief|head|chair\w*|president|minister|manager|secretary)|"
                             r"joined (?:the|its) board",
    OutcomeType.election: r"\b(?:re-?)?elected\b|won (?:the|a) (?:seat|election|vote|primary|race)|wins? (?:the|a) (?:seat|election|primary)|defeated",
    OutcomeType.charge: r"charg|indict|prosecut",
    OutcomeType.arrest: r"arrest|detain|taken into custody|in custody",
    OutcomeType.lawsuit: r"\bsu(?:e|ed|es|ing)\b|lawsuit|\bsuit\b|litigation|filed (?:a |papers|a motion|a complaint)|motion to|"
                         r"lodged|complaint (?:was )?(?:filed|lodged)|legal action|petition|class[- ]action",
    OutcomeType.ruling: r"\brul(?:ed|ing|es)\b|judge|court|struck down|upheld|overturn|verdict|ordered|quash|set aside|"
                        r"injunction|blocked|threw out|thrown out|tossed",
    OutcomeType.conviction: r"convict|found guilty|pleaded guilty",
    OutcomeType.acquittal: r"acquit|found not guilty|cleared|exonerat",
    OutcomeType.sentence: r"sentenc|jailed|prison term|imprison",
    OutcomeType.sanction: r"sanction|suspen[ds]|deregist|\bfr(?:eez|oze)|\bbann?ed\b|barred|embargo|on (?:\w+ )?leave|docked|stripped|annul|revok|"
                          r"disqualif|relieved (?:[\w,]+ ){0,6}?of|censur|reprimand|expelled",
    OutcomeType.fine: r"\bfine[sd]?\b|penalt",
    OutcomeType.settlement: r"settle|agreed to pay|(?:conciliation|consent|plea) (?:agreement|deal|decree|order)",
    OutcomeType.investigation: r"investigat|probe|inquir|inquest|audit|warrant|subpoena|look(?:ing)? into|review|examin|assess|"
                               r"scrutin|hearing",
    OutcomeType.apology: r"apolog|\bsorry\b|regret",
    OutcomeType.retraction: r"retract|correction|withdr[ae]w (?:the|its|his|her) (?:story|report|claim|article)|"
                            r"(?:pulled|took down|taken down|removed) (?:the|its|a) (?:story|report|segment|article|post)",
    OutcomeType.withdrawal: r"withdr[ae]w|pull(?:ed|s)? out|rescind|dropp?(?:ed|s)? (?:the|her|his|its|their|out)|(?:was|were|been|be) dropped|revok|no longer (?:support|endorse|defend)|cancel|"
                            r"(?:stopped|halted|ceased) (?:airing|running|broadcasting|showing|carrying)|pulled|abandon",
}
_COMPILED = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _CUES.items()}

# The outcome types of the shape in prompts/system.j2 (a test holds the two together)
SHAPE_TYPES = frozenset({OutcomeType.resignation, OutcomeType.investigation})


def _states(kind: OutcomeType, evidence: str) -> bool:
    """Whether the evidence has the type's words other than as a threat, a prospect or a
    denial ("threats to sue", "would face espionage charges", "has not resigned")."""
    return any(not hedged(evidence[: m.start()]) for m in _COMPILED[kind].finditer(evidence))


def supported_type(claimed: OutcomeType, evidence: str) -> OutcomeType | None:
    """The type the evidence supports: the claimed one if its words are there or the
    reader of reported events takes the evidence as that event ("opened a review"), else
    the only type whose words are, else None."""
    if claimed is OutcomeType.other or _states(claimed, evidence) or claimed in {e.type for e in reported_events(evidence)}:
        return claimed
    if _COMPILED[claimed].search(evidence):
        return None  # its words are there, hedged: another type's words do not make it that type
    matches = [kind for kind in _COMPILED if _states(kind, evidence)]
    return matches[0] if len(matches) == 1 else None
