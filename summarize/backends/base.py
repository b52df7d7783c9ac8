"""The one narrow interface every backend offers: a running OpenAI-compatible endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Endpoint:
    """Where to send chat completions, and what the model there can take."""

    base_url: str
    api_key: str
    model: str
    backend: str  # "embedded" or "openai-compatible"
    context_tokens: int  # per request: prompt + completion
    parallel: int  # requests the endpoint serves at once
    # llama.cpp's server: a reply can be continued from an assistant prefill under an
    # llguidance grammar, so a reply that starts repeating itself is cut (repeats.py).
    continues_replies: bool = False
    # Server settings that change the model's replies (embedded.SETTINGS); part of the
    # reply cache's key, so replies made under other settings are not replayed.
    settings: str = ""


class Backend(Protocol):
    """Starts (or just describes) an endpoint; ``close`` frees what ``start`` took."""

    def start(self) -> Endpoint: ...

    def warm(self, system_prompt: str) -> bool:
        """Prepare for requests that all start with this system prompt; False if it did nothing."""
        ...

    def close(self) -> None: ...
