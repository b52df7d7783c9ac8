"""Validated model replies on disk, keyed by exactly what was sent.

The eval harness replays replies from here, so a change to what happens after
the model (composition, grounding, checks in code) is re-scored in seconds, and
any change to what is sent (prompts, segmentation, withheld sentences, the
response schema, the model or endpoint) misses the cache by construction.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarize.output import write_atomic

M = TypeVar("M", bound=BaseModel)

# Bump when the request changes in a way the fields below do not show
# (e.g. how a backend turns the schema into a grammar).
REQUEST_REVISION = 1
COST_FIELDS = ("input_tokens", "output_tokens", "requests", "seconds")


def reply_key(endpoint: dict[str, Any], messages: list[dict[str, str]], response_model: type[BaseModel],
              settings: dict[str, Any]) -> str:
    payload = {
        "endpoint": endpoint, "messages": messages, "schema": response_model.model_json_schema(),
        "settings": settings, "revision": REQUEST_REVISION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def load(folder: Path, key: str, response_model: type[M]) -> tuple[M, dict[str, Any]] | None:
    """The stored reply and its cost, or None (absent, unreadable or no longer valid)."""
    path = folder / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cost = {name: data["cost"][name] for name in COST_FIELDS}
        return response_model.model_validate(data["reply"]), cost
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None


def save(folder: Path, key: str, reply: BaseModel, cost: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{key}.json", json.dumps({"reply": reply.model_dump(mode="json"), "cost": cost}))
