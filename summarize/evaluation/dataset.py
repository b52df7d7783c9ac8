"""Find labelled articles (``<id>.txt`` + ``<id>.gold.json``, searched recursively)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.errors import InputError

GOLD_FORMAT = "summarize-gold/1"


@dataclass(frozen=True)
class Case:
    id: str
    text_path: Path
    gold: dict[str, Any] | None  # None: an unlabelled article, run but not scored


def load_cases(folders: list[Path]) -> list[Case]:
    cases: list[Case] = []
    for folder in folders:
        if not folder.exists():
            raise InputError(f"{folder}: no such folder; pass a folder of <id>.txt (+ <id>.gold.json) files")
        texts = [folder] if folder.is_file() else sorted(folder.rglob("*.txt"))
        for text_path in texts:
            gold_path = text_path.with_name(text_path.name[: -len(".txt")] + ".gold.json")
            gold = _read_gold(gold_path) if gold_path.exists() else None
            cases.append(Case(id=text_path.stem, text_path=text_path, gold=gold))
    if not cases:
        raise InputError(f"{', '.join(map(str, folders))}: no .txt articles found; check the folder")
    return cases


def _read_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not readable JSON ({exc}); fix or remove it") from None
    if gold.get("format") != GOLD_FORMAT:
        raise InputError(f"{path}: format is not {GOLD_FORMAT}; see shared/benchmark/README.md")
    return gold
