"""Outcomes and denials a sentence reports in so many words: "resigned", "was arrested",
"filed a lawsuit", "denied any wrongdoing".

A 1.5B model lists one or two outcomes per article where the text reports
three or four, and misses plain denials ("Trump has denied the charge"). A
second request for outcomes alone did worse, not better: without the full
shape the model typed nearly every outcome a resignation. The plainest reports
need no model: a verb of a known kind, not hedged by "would", "may",
"threatened to" or "not", after a named actor. compose.py adds what the model
left out and checks the deniers the model names against the cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.denial_words import CLAIM
from summarize.wording import BE as _BE
from summarize.schema import OutcomeType
from summarize.wording import PASSIVE, Named, hedged, mentions

_T = OutcomeType
# Only wordings that report the event itself as done or under way. Words that also
# name denials ("dismissed the claims") or threats ("sue") are left to the model.
_REPORTS: dict[OutcomeType, str] = {
    _T.resignation: r"resigned|resigns|stepped down|steps down|stepped aside|quit|quits",
    _T.dismissal: rf"{_BE} (?:fired|sacked|ousted|dismissed|let go)|fired (?:him|her|them)|"
                  r"(?<!\bthe )(?:sacked|ousted)|"  # not "the ousted chairman"
                  r"(?:fired|dismissed)(?= (?:its|his|her|their) )",  # not "dismissed the claims"
    _T.appointment: rf"{_BE} (?:appointed|named|nominated|sworn in)|appointed",
    _T.election: rf"{_BE} (?:re-?)?elected|won the (?:election|primary|seat)",
    _T.charge: rf"{_BE} (?:charged with|indicted)|indicted|(?:pressed|filed|brought) (?:the )?charges",
    _T.arrest: rf"{_BE} (?:arrested|detained)|arrested|detained",
    _T.lawsuit: r"filed (?:a |an |the )?(?:federal |civil |class[- ]action )?(?:lawsuit|suit|complaint|motion)|"
                r"(?:lawsuit|suit|class action) (?:was )?filed|filed suit|"
                rf"sued|{_BE} suing|brought (?:a |an )?(?:lawsuit|suit|class action)",
    _T.ruling: r"ruled|struck down|upheld|overturned|rejected (?:that|the) (?:argument|motion|request)",
    _T.conviction: r"convicted|found guilty|pleaded guilty",
    _T.acquittal: r"acquitted|found not guilty|cleared (?:\w+ )?of",
    _T.sentence: r"sentenced",
    _T.sanction: rf"{_BE} (?:suspended|banned|barred|sanctioned)|imposed sanctions|"
                 # "suspended Maret", "suspended his membership"; not "a suspended sentence"
                 r"(?<!\ba )(?<!\ban )suspended"
                 r"(?= (?:him|her|them|its|his|their|two|three|four|five|several|(?-i:[A-Z])))",
    _T.fine: rf"{_BE} fined|fined",
    _T.settlement: r"settled|agreed to settle|reached a settlement",
    _T.investigation: r"(?:opened|opening|launched|launching|began|started|reopened|reopening|announced|closed|closing|"
                      r"ordered|facing|faces) "
                      r"(?:an? |its |the )?"
                      r"(?:\w+ )?(?:investigation|inquiry|probe|review)|"
                      rf"investigated|{_BE} (?:investigating|under investigation)|"
                      # "the regulator said its investigation into the accident was continuing"
                      r"(?:its|their) (?:\w+ )?(?:investigation|inquiry|probe) (?:\w+ ){0,4}?"
                      r"(?:is|was|are|were|remains|remained) (?:continuing|ongoing|under way|underway|open)|"
                      r"(?:obtained|got|secured) a (?:search )?warrant",
    _T.apology: r"apologi[sz]ed",
    _T.retraction: r"retracted",
    _T.withdrawal: r"withdrew|withdrawn|pulled out of|dropped (?:the|her|his|its|their) (?:lawsuit|suit|bid|case|charges)|"
                   rf"{_BE} dropped",
}
DENIAL = "denial"
_DENIES = (
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )denied|denies|"  # not "was denied bail"
    rf"(?:rejected|dismissed|disputed|refuted) (?:the|that|this|these|those|any|all|such) (?:[\w.-]+ |[\w.-]+['\u2019]s ){{0,3}}{CLAIM}|"
    r"pleaded not guilty|"
    r"called (?:it|them|the \w+|the \w+ \w+) [\"\u201c']?(?:false|baseless|untrue|a lie|lies|fabricated|a fabrication|"
    r"a sham|frivolous|nonsense|fake)"
)
_COMPILED: dict[OutcomeType | str, re.Pattern[str]] = {
    kind: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for kind, pattern in [*_REPORTS.items(), (DENIAL, _DENIES)]
}


@dataclass(frozen=True)
class ReportedEvent:
    type: OutcomeType | str  # an outcome type, or DENIAL
    start: int  # where the reporting words begin in the sentence
    end: int


def reported_events(sentence: str) -> list[ReportedEvent]:
    """The outcome types a sentence reports as having happened, and DENIAL where it reports
    a denial ("Kowalczyk denied any wrongdoing"), in order of appearance."""
    found = []
    for kind, pattern in _COMPILED.items():
        for match in pattern.finditer(sentence):
            if not hedged(sentence[: match.start()]):
                found.append(ReportedEvent(kind, match.start(), match.end()))
                break
    return sorted(found, key=lambda event: event.start)


# Events done to someone, who is named after the words in the active voice ("fined
# Northgate Bank", "opened an inquiry into the coach"); the rest have no object.
_TRANSITIVE = {_T.dismissal, _T.appointment, _T.charge, _T.arrest, _T.lawsuit, _T.ruling, _T.sanction,
               _T.fine, _T.investigation, _T.conviction, _T.sentence, _T.acquittal}
# ... of which these happen to the one named after the verb, not to who does it
_DONE_TO = {_T.dismissal, _T.appointment, _T.charge, _T.arrest, _T.conviction, _T.sentence, _T.acquittal}
# "The Times and Gannett", "Stone and Republican vice presidential candidate Mike Pence":
# "and", then at most a few words of title.
_JOINED = re.compile(r",?\s+and\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:he|she|i|we)\b", re.IGNORECASE)
_IMPERSONAL = re.compile(r"\b(?:it|they)\b", re.IGNORECASE)


# A name after a preposition is no subject: "the port of Halvern has sued", "police in
# Kent County arrested".
AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|at|from|for|with|by|on|near|to|into|across|against|over)\s+(?:the\s+)?$", re.IGNORECASE)
# "was convicted", "had been sentenced": a form of "be" right before words that leave it out
_BE_BEFORE = re.compile(rf"\b{_BE}\s+$", re.IGNORECASE)


def _passive(sentence: str, event: ReportedEvent) -> bool:
    return bool(PASSIVE.match(sentence, event.start) or _BE_BEFORE.search(sentence, 0, event.start))


def done_to_object(sentence: str, event: ReportedEvent) -> bool:
    """Whether the event happens to whoever is named after its words ("the board
    appointed Samuel Osei"), not to its subject."""
    return event.type in _DONE_TO and not _passive(sentence, event)


def concerned(sentence: str, event: ReportedEvent, actors: list[Named]) -> list[str]:
    """Who the event concerns: the actor named last before its words ("Flynn resigned",
    "the FBI obtained a warrant"), with one joined to it by "and" ("The Times and Gannett
    filed a motion"), and in the active voice the actor named right after them ("fined
    Northgate Bank", "dismissed its chief executive, Marcus Hale"). A verb joined by
    "and" belongs to the sentence's first actor. The subject is left out when a pronoun
    that cannot be that actor stands between ("the group said she was arrested"; "the
    commission said it had opened an investigation" is kept): a guess there is often
    wrong. An event done to someone ("convicted", "appointed") in the active voice
    concerns only that someone ("the board appointed Samuel Osei": Osei, who is
    appointed, not the board), and no one unless that someone is named."""
    chosen = _subject(sentence, event, actors)
    if event.type in _TRANSITIVE and not _passive(sentence, event):
        done_to = _object(sentence, event, actors)
        if event.type in _DONE_TO:  # "the authority appointed Amina Yusuf": it happens to Yusuf
            return [done_to] if done_to is not None else []
        if done_to is not None and done_to not in chosen:
            chosen.append(done_to)
    return chosen


def _subject(sentence: str, event: ReportedEvent, actors: list[Named]) -> list[str]:
    """The actor named last before the event's words, and one joined to it by "and"."""
    person = {actor.id: actor.person for actor in actors}
    before = [span for span in mentions(sentence[: event.start], actors)
              if not AFTER_PREPOSITION.search(sentence, 0, span[0])]  # "Keith Rowe, of Leeds, was"
    if not before:
        return []
    if re.search(r"\band\s+$", sentence[: event.start]):  # "X retracted the report and apologised"
        before = before[:1]
    start, end, actor_id = max(before, key=lambda span: span[1])
    between = sentence[end: event.start]
    if (_PERSONAL if not person[actor_id] else _IMPERSONAL).search(between):
        return []
    chosen = [actor_id]
    earlier = [span for span in before if span[1] <= start and span[2] != actor_id]
    if earlier and _JOINED.fullmatch(sentence[earlier[-1][1]: start]):
        chosen.insert(0, earlier[-1][2])
    return chosen


# "its chief financial officer, Grace Liu": a description, then the name in apposition
APPOSITION = re.compile(r"\s*(?:its|his|her|their|the|a|an)\s+(?:[\w-]+\s+){0,3}[\w-]+,\s*", re.IGNORECASE)
# words that end the verb's object before a later actor: "convicted her and the board ..."
_OBJECT_ENDS = re.compile(r"[,.;:]|\b(?:him|her|them|it|us|me|and|or|but|who|which|that)\b", re.IGNORECASE)


def _object(sentence: str, event: ReportedEvent, actors: list[Named]) -> str | None:
    """The actor named right after the verb, within a few words or after a description
    in apposition."""
    after = sentence[event.end: event.end + 80]
    for first, _, other in mentions(after, actors)[:1]:
        lead = after[:first]
        if (len(lead.split()) <= 5 and not _OBJECT_ENDS.search(lead)) or APPOSITION.fullmatch(lead):
            return other
    return None
