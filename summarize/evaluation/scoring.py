"""Score one prediction against its gold, by the contract in shared/benchmark/README.md.

Both sides are gold-shaped dicts (``summarize-gold/1``): actors with ids, names
and aliases; allegations (by, against), denials (by, denies), outcomes
(actors, type), each with evidence quotes and an ``optional`` flag.

- Actors match one to one: exact normalised-name matches first (name or alias),
  then whole-word containment either way ("Flynn" ~ "Michael Flynn").
- An allegation matches when accusers overlap (an unattributed gold allegation
  accepts any) and accused overlap under the actor matching, and its claim or
  evidence overlaps the gold claim or evidence.
- A denial matches when a denier matches and, where the gold ``denies`` is set,
  the predicted denial points at the allegation matched to it.
- An outcome matches when an actor and the type match.
Optional gold items count neither way: a prediction matched to one is neither
a hit nor a false positive, and a missing one is no miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


SECTIONS = ("actors", "allegations", "denials", "outcomes")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "that", "this", "by",
    "as", "at", "from", "was", "were", "is", "are", "be", "been", "has", "had", "have", "his",
    "her", "its", "their", "he", "she", "it", "they", "said", "says", "about", "over", "after",
}
_MIN_SHARED_WORDS = 3  # content words two paraphrases must share to "overlap"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    counts: dict[str, Counts]
    quotes: int  # predicted evidence quotes
    grounded_quotes: int  # of those, found verbatim in the text
    matches: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (pred id, gold id)
    missed: dict[str, list[str]] = field(default_factory=dict)  # gold ids
    spurious: dict[str, list[str]] = field(default_factory=dict)  # pred ids

    @property
    def macro_f1(self) -> float:
        return sum(self.counts[s].f1 for s in SECTIONS) / len(SECTIONS)


# The contract's name normalisation (shared/benchmark/README.md), kept here and not taken
# from the product's actor handling: a change there must not move the metric that judges it.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "president", "vice", "sen", "senator", "rep", "gov",
    "governor", "gen", "general", "minister", "judge", "sir", "dame", "lord", "lady",
}
_NAME_WORD = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*", re.UNICODE)


def normalise_name(name: str) -> str:
    """Case-folded, punctuation, titles and a leading "the" removed: "Sen. Ann O’Neill"
    and "ann o'neill" are one name."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
    words = [w.strip(".'-") for w in _NAME_WORD.findall(text)]
    while words and (words[0] in _TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(w for w in words if w)


def normalise_text(text: str) -> str:
    """Whitespace folded and typographic quotes/dashes made plain, for quote checks."""
    text = unicodedata.normalize("NFKC", text)
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2}


def _overlaps(a: str, b: str) -> bool:
    wa, wb = _content_words(a), _content_words(b)
    shared = len(wa & wb)
    return shared >= _MIN_SHARED_WORDS or (shared > 0 and shared >= 0.5 * min(len(wa), len(wb)))


def _contains(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "


def _forms(actor: dict[str, Any]) -> set[str]:
    return {f for f in (normalise_name(n) for n in [actor["name"], *actor.get("aliases", [])]) if f}


def match_actors(pred: list[dict], gold: list[dict]) -> dict[str, str]:
    """Predicted actor id → gold actor id, one to one, exact matches before containment."""
    pairs: dict[str, str] = {}
    used: set[str] = set()

    def run(test: Callable[[dict, dict], bool]) -> None:
        for p in pred:
            if p["id"] in pairs:
                continue
            for g in gold:
                if g["id"] not in used and test(p, g):
                    pairs[p["id"]] = g["id"]
                    used.add(g["id"])
                    break

    run(lambda p, g: normalise_name(p["name"]) in _forms(g))
    run(lambda p, g: any(
        _contains(pf, gf) or _contains(gf, pf)
        for pf in {normalise_name(p["name"])} for gf in _forms(g)
    ))
    return pairs


def _maps(pred_ids: list[str], gold_ids: list[str], actors: dict[str, str]) -> bool:
    return any(actors.get(p) in gold_ids for p in pred_ids)


def _match_items(
    pred: list[dict], gold: list[dict], same: Callable[[dict, dict], bool]
) -> dict[str, str]:
    """Maximum one-to-one matching (augmenting paths); required gold items are served first,
    so a prediction is never spent on an optional item that a required one needed."""
    edges = {g["id"]: [p["id"] for p in pred if same(p, g)] for g in gold}
    owner: dict[str, str] = {}  # pred id → gold id

    def augment(gold_id: str, seen: set[str]) -> bool:
        free = next((p for p in edges[gold_id] if p not in owner and p not in seen), None)
        if free is not None:  # take a free prediction before displacing any
            owner[free] = gold_id
            return True
        for pred_id in edges[gold_id]:
            if pred_id in seen:
                continue
            seen.add(pred_id)
            if augment(owner[pred_id], seen):
                owner[pred_id] = gold_id
                return True
        return False

    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        augment(g["id"], set())
    return owner


def _count(pred: list[dict], gold: list[dict], pairs: dict[str, str], score: ArticleScore, section: str) -> None:
    optional = {g["id"] for g in gold if g.get("optional")}
    matched_gold = set(pairs.values())
    counts = Counts(
        tp=sum(1 for g in pairs.values() if g not in optional),
        fp=sum(1 for p in pred if p["id"] not in pairs),
        fn=sum(1 for g in gold if g["id"] not in matched_gold and g["id"] not in optional),
    )
    score.counts[section] = counts
    score.matches[section] = sorted(pairs.items())
    score.missed[section] = [g["id"] for g in gold if g["id"] not in matched_gold and g["id"] not in optional]
    score.spurious[section] = [p["id"] for p in pred if p["id"] not in pairs]


def allegation_gaps(p: dict, g: dict, actors: dict[str, str], allegations: dict[str, str]) -> list[str]:
    """Why a predicted allegation does not match a gold one ([] when it does)."""
    gaps = []
    if g["by"] and not _maps(p["by"], g["by"], actors):  # unattributed gold: any accuser
        gaps.append("accusers differ")
    if g["against"] and not _maps(p["against"], g["against"], actors):
        gaps.append("accused differ")
    if not (_overlaps(p["claim"], g["claim"])
            or any(_overlaps(pe, ge) for pe in p.get("evidence", []) for ge in g.get("evidence", []))):
        gaps.append("neither claim nor evidence overlaps")
    return gaps


def denial_gaps(p: dict, g: dict, actors: dict[str, str], allegations: dict[str, str]) -> list[str]:
    """Why a predicted denial does not match a gold one ([] when it does)."""
    gaps = []
    if not _maps(p["by"], g["by"], actors):
        gaps.append("deniers differ")
    if g.get("denies") is not None and allegations.get(p.get("denies") or "") != g["denies"]:
        linked = p.get("denies")
        gaps.append(f"gold denies {g['denies']}; this one "
                    + (f"denies {linked}, matched to {allegations.get(linked) or 'no gold allegation'}"
                       if linked else "is linked to no allegation"))
    return gaps


def outcome_gaps(p: dict, g: dict, actors: dict[str, str], allegations: dict[str, str]) -> list[str]:
    """Why a predicted outcome does not match a gold one ([] when it does)."""
    gaps = []
    if p["type"] != g["type"]:
        gaps.append(f"type {p['type']}, gold {g['type']}")
    if not _maps(p["actors"], g["actors"], actors):
        gaps.append("actors differ")
    return gaps


GAPS: dict[str, Callable[[dict, dict, dict[str, str], dict[str, str]], list[str]]] = {
    "allegations": allegation_gaps, "denials": denial_gaps, "outcomes": outcome_gaps,
}


def _match_section(section: str, pred: dict[str, Any], gold: dict[str, Any], actors: dict[str, str],
                   allegations: dict[str, str]) -> dict[str, str]:
    gaps = GAPS[section]
    return _match_items(pred.get(section, []), gold.get(section, []),
                        lambda p, g: not gaps(p, g, actors, allegations))


def score_article(pred: dict[str, Any], gold: dict[str, Any], text: str) -> ArticleScore:
    score = ArticleScore(counts={}, quotes=0, grounded_quotes=0)
    actors = match_actors(pred.get("actors", []), gold.get("actors", []))
    _count(pred.get("actors", []), gold.get("actors", []), actors, score, "actors")
    allegations: dict[str, str] = {}
    for section in SECTIONS[1:]:  # denials read the allegations' matching: the order matters
        pairs = _match_section(section, pred, gold, actors, allegations)
        _count(pred.get(section, []), gold.get(section, []), pairs, score, section)
        if section == "allegations":
            allegations = pairs

    haystack = normalise_text(text)
    for section in SECTIONS[1:]:
        for item in pred.get(section, []):
            for quote in item.get("evidence", []):
                score.quotes += 1
                score.grounded_quotes += normalise_text(quote) in haystack
    return score


@dataclass
class Report:
    counts: dict[str, Counts]
    quotes: int
    grounded_quotes: int

    @property
    def macro_f1(self) -> float:
        return sum(self.counts[s].f1 for s in SECTIONS) / len(SECTIONS)

    @property
    def grounding_rate(self) -> float:
        return self.grounded_quotes / self.quotes if self.quotes else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "grounding_rate": round(self.grounding_rate, 4),
            **{s: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                   "tp": c.tp, "fp": c.fp, "fn": c.fn} for s, c in self.counts.items()},
        }


def aggregate(scores: list[ArticleScore]) -> Report:
    counts = {s: Counts() for s in SECTIONS}
    for score in scores:
        for section in SECTIONS:
            counts[section].add(score.counts[section])
    return Report(counts, sum(s.quotes for s in scores), sum(s.grounded_quotes for s in scores))
