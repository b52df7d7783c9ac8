"""Any OpenAI-compatible server that is already running: OpenAI, vLLM, Ollama, llama.cpp."""

from __future__ import annotations

from dataclasses import dataclass

from summarize.backends.base import Endpoint

OPENAI_BASE_URL = "https://api.openai.com/v1"


@dataclass
class RemoteBackend:
    base_url: str
    api_key: str
    model: str
    context_tokens: int = 32768
    parallel: int = 8

    def start(self) -> Endpoint:
        return Endpoint(
            base_url=self.base_url.rstrip("/"),
            api_key=self.api_key,
            model=self.model,
            backend="openai-compatible",
            context_tokens=self.context_tokens,
            parallel=self.parallel,
        )

    def warm(self, system_prompt: str) -> bool:
        """Nothing to do: a remote server manages its own prompt cache."""
        return False

    def close(self) -> None:
        return None
