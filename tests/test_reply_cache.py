"""The reply cache (reply_cache.py) through Extractor against the fake server: what replays."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from summarize.backends.base import Endpoint
from summarize.backends.remote import RemoteBackend
from summarize.draft import Draft
from summarize.extraction import Extractor, RequestOptions
from tests.fake_openai import FakeOpenAI

MESSAGES = [{"role": "user", "content": "summarise"}]


def extract(endpoint: Endpoint, cache: Path) -> None:
    async def go() -> None:
        extractor = Extractor(endpoint, RequestOptions(reply_cache=cache))
        try:
            await extractor.extract(MESSAGES, Draft)
        finally:
            await extractor.aclose()

    asyncio.run(go())


def test_the_same_request_replays_and_other_server_settings_do_not(fake: FakeOpenAI, tmp_path: Path) -> None:
    """A server whose settings change the numerics (embedded.SETTINGS) makes other replies."""
    endpoint = RemoteBackend(base_url=fake.base_url, api_key="k", model="m").start()
    extract(endpoint, tmp_path)
    extract(endpoint, tmp_path)
    assert len(fake.requests) == 1
    extract(replace(endpoint, settings="flash_attn=0"), tmp_path)
    assert len(fake.requests) == 2
    extract(replace(endpoint, settings="flash_attn=0"), tmp_path)
    assert len(fake.requests) == 2
