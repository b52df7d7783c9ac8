"""The naive one-call approach the issues compare against: one JSON-schema request with a
plain system prompt and the article as it comes, no delimiting, no grounding."""

from __future__ import annotations

import json
import time
from typing import Any

from pydantic import BaseModel


class NaiveItem(BaseModel):
    by: list[str]
    against: list[str]
    claim: str
    evidence: str


class NaiveOutcome(BaseModel):
    actors: list[str]
    type: str
    description: str
    evidence: str


class NaiveSummary(BaseModel):
    actors: list[str]
    allegations: list[NaiveItem]
    denials: list[NaiveItem]
    outcomes: list[NaiveOutcome]
    gist: str


NAIVE_SYSTEM = (
    "Extract the actors, allegations (who accuses whom of what), denials and outcomes "
    "(resignations, appointments, charges, rulings...) of this news article as JSON, "
    "each with a quote from the article as evidence."
)


def raw_call(server: Any, messages: list[dict[str, str]], model: type[BaseModel], max_tokens: int = 1536,
             temperature: float = 0.0) -> dict[str, Any]:
    """One request straight into an xllamacpp server object; the reply's JSON, usage and
    llama.cpp's own timings."""
    request = {
        "messages": messages,
        "response_format": {"type": "json_schema",
                            "json_schema": {"name": model.__name__, "schema": model.model_json_schema()}},
        "max_tokens": max_tokens,
        "temperature": temperature,
    }
    started = time.perf_counter()
    result = server.handle_chat_completions(request)
    content = result["choices"][0]["message"]["content"] if result.get("choices") else ""
    try:
        parsed = json.loads(content)
    except (TypeError, json.JSONDecodeError):
        parsed = None
    usage = result.get("usage") or {}  # none when the server refused the request (too long)
    return {
        "wall_s": time.perf_counter() - started,
        "prompt_tokens": usage.get("prompt_tokens", 0),
        "generated_tokens": usage.get("completion_tokens", 0),
        "error": result.get("error"),
        "reply": parsed,
        "timings": result.get("timings", {}),
    }


def naive_messages(article_text: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": NAIVE_SYSTEM}, {"role": "user", "content": article_text}]
