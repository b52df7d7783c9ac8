"""Bounded HTTP GET for feeds and article pages: timeouts, a size cap, few redirects.

A page that never answers times out; an endless or huge one is cut at the cap
and refused, never read into memory whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from summarize.errors import InputError

MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "summarize/0.1 (+https://pypi.org/project/summarize)"


class FetchError(InputError):
    """A feed or page could not be fetched."""


@dataclass(frozen=True)
class FetchLimits:
    connect_s: float = 10.0
    read_s: float = 20.0  # per read; total time is bounded by total_s
    total_s: float = 60.0
    max_bytes: int = MAX_PAGE_BYTES


def fetch(url: str, limits: FetchLimits | None = None) -> bytes:
    """The body of ``url``; raises FetchError naming the URL and the cause."""
    import time

    limits = limits or FetchLimits()
    timeout = httpx.Timeout(limits.read_s, connect=limits.connect_s)
    started = time.monotonic()
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
            headers={"user-agent": USER_AGENT},
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}; check the address")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise FetchError(f"{url}: {declared} bytes is over the {limits.max_bytes}-byte cap")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(f"{url}: more than {limits.max_bytes} bytes; cut at the cap")
                if time.monotonic() - started > limits.total_s:
                    raise FetchError(f"{url}: still sending after {limits.total_s:.0f} s; gave up")
            return bytes(body)
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects; check the address") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out; the server did not answer in time") from None
    except httpx.InvalidURL:
        raise FetchError(f"{url}: not a valid URL") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {str(exc)[:200]}; check the address") from None
