"""Network retries (retries.py) against the fake server: what is retried, how long, how often."""

from __future__ import annotations

import asyncio
import time

import pytest

from summarize.backends.remote import RemoteBackend
from summarize.draft import Draft
from summarize.errors import EndpointError
from summarize.extraction import Extractor, RequestOptions
from summarize.retries import RetryPolicy, retry_after_seconds
from tests.fake_openai import FakeOpenAI, Script

MESSAGES = [{"role": "user", "content": "summarise"}]


def extract(fake: FakeOpenAI, **options):  # type: ignore[no-untyped-def]
    endpoint = RemoteBackend(base_url=fake.base_url, api_key="test-key", model="m").start()

    async def go():  # type: ignore[no-untyped-def]
        extractor = Extractor(endpoint, RequestOptions(**options))
        try:
            return await extractor.extract(MESSAGES, Draft)
        finally:
            await extractor.aclose()

    return asyncio.run(go())


FAST = RetryPolicy(attempts=4, base_delay_s=0.01, max_delay_s=0.05)


def test_server_errors_then_success(fake: FakeOpenAI) -> None:
    fake.error(500)
    fake.error(503)
    draft, usage = extract(fake, retry=FAST)
    assert draft.actors and len(fake.requests) == 3
    assert usage.requests == 1  # only answered requests carry tokens


def test_dropped_connection_then_success(fake: FakeOpenAI) -> None:
    fake.push(Script(drop=True))
    draft, _ = extract(fake, retry=FAST)
    assert draft.outcomes and len(fake.requests) == 2


def test_rate_limit_honours_retry_after(fake: FakeOpenAI) -> None:
    fake.error(429, headers={"retry-after": "1"})
    started = time.monotonic()
    extract(fake, retry=FAST)
    assert time.monotonic() - started >= 1.0
    assert len(fake.requests) == 2


def test_rate_limits_slow_down_but_do_not_use_up_attempts(fake: FakeOpenAI) -> None:
    for _ in range(4):
        fake.error(429, headers={"retry-after": "0.1"})
    draft, _ = extract(fake, retry=RetryPolicy(attempts=2, base_delay_s=0.01))
    assert draft.actors and len(fake.requests) == 5


def test_persistent_server_errors_stop_after_the_configured_attempts(fake: FakeOpenAI) -> None:
    fake.default = Script(status=500, body=b'{"error": {"message": "boom"}}')
    with pytest.raises(EndpointError) as info:
        extract(fake, retry=RetryPolicy(attempts=3, base_delay_s=0.01))
    assert len(fake.requests) == 3
    assert "after 3 attempt(s)" in str(info.value) and "HTTP 500" in str(info.value)


def test_stalled_response_hits_the_request_timeout(fake: FakeOpenAI) -> None:
    fake.default = Script(content="{}", delay_s=3)
    started = time.monotonic()
    with pytest.raises(EndpointError) as info:
        extract(fake, timeout_s=0.5, retry=RetryPolicy(attempts=2, base_delay_s=0.01))
    assert time.monotonic() - started < 5.5  # two 3 s stalls waited out would take 6 s
    assert "too slow" in str(info.value)


def test_total_deadline_stops_waiting(fake: FakeOpenAI) -> None:
    fake.default = Script(status=429, body=b"{}", headers={"retry-after": "30"})
    started = time.monotonic()
    with pytest.raises(EndpointError):
        extract(fake, retry=RetryPolicy(attempts=5, deadline_s=2))
    assert time.monotonic() - started < 15 and len(fake.requests) == 1  # not the 30 s asked for


def test_retry_after_forms() -> None:
    class Response:
        def __init__(self, headers: dict[str, str]) -> None:
            self.headers = headers

    assert retry_after_seconds(Response({"retry-after": "2"})) == 2
    assert retry_after_seconds(Response({"retry-after-ms": "1500"})) == 1.5
    assert retry_after_seconds(Response({})) is None
    assert retry_after_seconds(Response({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0
