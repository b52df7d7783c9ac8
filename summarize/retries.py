"""Network retries, in this one place: 408/409/429/5xx and connection errors.

Honours Retry-After, backs off exponentially otherwise, and never runs past a
total deadline. 400/401/403/404 are never retried and become typed errors.
Schema re-asks are a separate layer (instructor, in extraction.py).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import openai

from summarize.errors import AuthError, EndpointError, ModelRejectedError, redact

T = TypeVar("T")
RETRYABLE_STATUS = {408, 409, 429} | set(range(500, 600))


class RateGate:
    """Shared by all requests to one endpoint: a 429 with Retry-After holds every
    request back, so a rate limit slows the whole batch instead of failing articles."""

    def __init__(self) -> None:
        self._not_before = 0.0

    def hold(self, seconds: float) -> None:
        self._not_before = max(self._not_before, time.monotonic() + seconds)

    async def wait(self, sleep: Callable[[float], Awaitable[Any]]) -> None:
        while (delay := self._not_before - time.monotonic()) > 0:
            await sleep(delay)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries per request, the first included
    deadline_s: float = 900.0  # total time for one request, retries and waits included
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0


def retry_after_seconds(response: Any) -> float | None:
    """Seconds the server asks us to wait (Retry-After: seconds or HTTP date)."""
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    kind = f"HTTP {status}" if status else type(exc).__name__
    message = getattr(exc, "message", None) or str(exc)
    return redact(f"{kind}: {message}")[:300]


def classify(exc: Exception, where: str, model: str) -> Exception | None:
    """The typed error for a non-retryable failure, or None if it may be retried."""
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return AuthError(
            f"{where} refused the API key ({_describe(exc)}); check --api-key or OPENAI_API_KEY"
        )
    if isinstance(exc, openai.NotFoundError):
        return ModelRejectedError(
            f"{where} does not serve model {model!r} ({_describe(exc)}); "
            "check --model against the server's model list"
        )
    if isinstance(exc, openai.APIStatusError) and exc.status_code not in RETRYABLE_STATUS:
        return ModelRejectedError(
            f"{where} rejected the request ({_describe(exc)}); check --model and the server"
        )
    if isinstance(exc, (openai.APIConnectionError, openai.APIStatusError)):
        return None
    return exc


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    where: str,
    model: str,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    gate: RateGate | None = None,
) -> T:
    """429s do not use up attempts (only the deadline bounds them); other failures do."""
    started = time.monotonic()
    last: Exception | None = None
    attempt = tries = 0
    while attempt < policy.attempts:
        tries += 1
        if gate is not None:
            await gate.wait(sleep)
        try:
            return await call()
        except Exception as exc:  # noqa: BLE001 - classified just below
            fatal = classify(exc, where, model)
            if fatal is not None:
                raise fatal from None
            last = exc
        rate_limited = getattr(last, "status_code", None) == 429
        if not rate_limited:
            attempt += 1
        if attempt == policy.attempts:
            break
        wait = retry_after_seconds(getattr(last, "response", None))
        if wait is not None and rate_limited and gate is not None:
            gate.hold(wait)
        if wait is None:
            wait = min(policy.max_delay_s, policy.base_delay_s * 2 ** min(tries - 1, 16))
            wait *= 0.5 + random.random() / 2
        remaining = policy.deadline_s - (time.monotonic() - started)
        if wait >= remaining:
            break
        await sleep(wait)
    assert last is not None
    if isinstance(last, openai.APIConnectionError) and not isinstance(last, openai.APITimeoutError):
        hint = "is the server running? check --base-url"
    elif isinstance(last, openai.APITimeoutError):
        hint = "the server is too slow; raise --timeout or check it"
    else:
        hint = "try again later or check the server"
    raise EndpointError(
        f"{where} failed after {tries} attempt(s) ({_describe(last)}); {hint}"
    ) from None
