"""Predictions in the gold shape: from our Summary, and from files made elsewhere."""

from __future__ import annotations

from typing import Any

from summarize.actors import normalise_name, slug
from summarize.evaluation.dataset import GOLD_FORMAT
from summarize.schema import Summary


def from_summary(case_id: str, summary: Summary) -> dict[str, Any]:
    quotes = lambda item: [e.text for e in item.evidence]  # noqa: E731
    return {
        "format": GOLD_FORMAT,
        "id": case_id,
        "actors": [{"id": a.id, "name": a.name, "aliases": a.aliases, "kind": a.kind.value,
                    "roles": [a.role] if a.role else [], "optional": False} for a in summary.actors],
        "allegations": [{"id": x.id, "by": x.accusers, "against": x.accused, "claim": x.claim,
                         "evidence": quotes(x), "optional": False} for x in summary.allegations],
        "denials": [{"id": x.id, "by": x.deniers, "denies": x.denies, "claim": x.claim,
                     "evidence": quotes(x), "optional": False} for x in summary.denials],
        "outcomes": [{"id": x.id, "actors": x.actors, "type": x.type.value, "description": x.description,
                      "evidence": quotes(x), "optional": False} for x in summary.outcomes],
    }


def with_actor_ids(prediction: dict[str, Any]) -> dict[str, Any]:
    """Accept plain names where actor ids are expected, adding actors for unknown names."""
    actors = [dict(a) for a in prediction.get("actors", [])]
    for a in actors:
        a.setdefault("id", slug(a["name"]))
        a.setdefault("aliases", [])
    ids = {a["id"] for a in actors}
    by_name = {a["name"]: a["id"] for a in actors}

    def resolve(ref: str) -> str:
        if ref in ids:
            return ref
        key = normalise_name(ref)
        for name, actor_id in by_name.items():  # "Kowalczyk" for the listed "Marta Kowalczyk"
            other = normalise_name(name)
            if key and (f" {key} " in f" {other} " or f" {other} " in f" {key} "):
                return actor_id
        if ref not in by_name:
            new_id = slug(ref)
            actors.append({"id": new_id, "name": ref, "aliases": [], "kind": "other", "optional": False})
            ids.add(new_id)
            by_name[ref] = new_id
        return by_name[ref]

    out = dict(prediction, actors=actors)
    for section, keys in (("allegations", ("by", "against")), ("denials", ("by",)), ("outcomes", ("actors",))):
        items = []
        for n, item in enumerate(prediction.get(section, []), start=1):
            fixed = dict(item, **{k: [resolve(r) for r in item.get(k, [])] for k in keys})
            fixed.setdefault("id", f"{section[0].upper()}{n}")
            fixed.setdefault("evidence", [])
            items.append(fixed)
        out[section] = items
    return out
