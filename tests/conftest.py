from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_openai import FakeOpenAI, Script

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-authority.txt"
SHARED_SEED = ROOT.parent / "shared" / "benchmark" / "seed" / "flynn-resigns.txt"

# A reply a good model could give for examples/harbour-authority.txt (sentence
# numbers follow summarize.segment on that file).
EXAMPLE_DRAFT = {
    "actors": [
        {"name": "Marta Kowalczyk", "kind": "person", "role": "harbour authority chief executive"},
        {"name": "Port Ellery Gazette", "kind": "media", "role": "newspaper"},
        {"name": "Owen Reyes", "kind": "person", "role": "city councillor"},
        {"name": "Denise Albright", "kind": "person", "role": "board chair"},
        {"name": "Samuel Osei", "kind": "person", "role": "interim chief executive"},
        {"name": "Ethics Commission", "kind": "government", "role": "state ethics regulator"},
    ],
    "allegations": [
        {"accusers": ["Gazette"], "accused": ["Kowalczyk"],
         "claim": "Kowalczyk approved a contract for her brother's company without a tender.",
         "sentences": [4]},
        {"accusers": ["Owen Reyes"], "accused": ["the authority's board"],
         "claim": "The board ignored warnings about the contract.", "sentences": [6]},
    ],
    "denials": [
        {"deniers": ["Marta Kowalczyk"], "denies": 1, "claim": "Kowalczyk denied wrongdoing.",
         "sentences": [5]},
        {"deniers": ["Denise Albright"], "denies": 2, "claim": "Albright said the board was never told.",
         "sentences": [8, 9]},
    ],
    "outcomes": [
        {"actors": ["Marta Kowalczyk"], "type": "resignation",
         "description": "Kowalczyk resigned as chief executive.", "sentences": [3]},
        {"actors": ["Samuel Osei"], "type": "appointment",
         "description": "Osei was appointed interim chief executive.", "sentences": [10]},
        {"actors": ["Ethics Commission"], "type": "investigation",
         "description": "The Ethics Commission opened an investigation.", "sentences": [11]},
    ],
}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never see the developer's keys or endpoints, and use their own cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZE_API_KEY", "SUMMARIZE_BASE_URL",
                 "SUMMARIZE_MODEL", "SUMMARIZE_MODEL_PATH", "SUMMARIZE_CONTEXT", "SUMMARIZE_PARALLEL",
                 "SUMMARIZE_THREADS", "SUMMARIZE_PASSES", "SUMMARIZE_QUESTIONS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(default=Script(content=json.dumps(EXAMPLE_DRAFT))).start()
    yield server
    server.stop()


@pytest.fixture
def remote_args(fake: FakeOpenAI) -> list[str]:
    return ["--base-url", fake.base_url, "--model", "fake-model", "--api-key", "test-key"]
