"""One structured request to an endpoint: instructor re-asks on top, network retries below.

On an endpoint that can continue a reply (the embedded llama.cpp server) the request
is streamed and cut where the reply starts repeating itself (repeats.py).

Counts every request's tokens, re-asks included, so provenance is honest.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import instructor
from instructor.core import IncompleteOutputException, InstructorRetryException
import openai
from pydantic import BaseModel

from summarize import reply_cache
from summarize.backends.base import Endpoint
from summarize.errors import InvalidReplyError, ModelRejectedError, SummarizeError
from summarize.repeats import complete_without_repeats
from summarize.retries import RateGate, RetryPolicy, call_with_retries

M = TypeVar("M", bound=BaseModel)


def _check_models_once() -> None:
    """instructor walks the response model's whole class tree for async validators on
    every request: a fifth of the batch's own CPU time. Our models never change at run
    time, so one check per model is enough. Skipped if instructor's internals move."""
    try:
        from instructor.v2.validation import async_validators
    except ImportError:
        return
    original = async_validators.reject_async_validators
    if getattr(original, "_summarize_cached", False):
        return
    checked: set[int] = set()

    def reject_async_validators(response_model: Any) -> None:
        if id(response_model) not in checked:
            original(response_model)  # raises for a model with async validators
            checked.add(id(response_model))

    reject_async_validators._summarize_cached = True  # type: ignore[attr-defined]
    async_validators.reject_async_validators = reject_async_validators


_check_models_once()


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    requests: int = 0
    replayed_s: float = 0.0  # time the replies taken from a reply cache took when made

    def add(self, other: Usage) -> None:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.requests += other.requests
        self.replayed_s += other.replayed_s


_current_usage: ContextVar[Usage] = ContextVar("summarize_usage")


@dataclass(frozen=True)
class RequestOptions:
    max_output_tokens: int = 1536
    reasks: int = 2  # extra attempts after an invalid reply
    timeout_s: float = 600.0
    temperature: float = 0.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    reply_cache: Path | None = None  # replay validated replies from here (reply_cache.py)


class Extractor:
    """Sends chat messages to one endpoint and returns a validated ``response_model``."""

    def __init__(self, endpoint: Endpoint, options: RequestOptions | None = None) -> None:
        self.endpoint = endpoint
        self.options = options or RequestOptions()
        self._client = openai.AsyncOpenAI(
            base_url=endpoint.base_url,
            api_key=endpoint.api_key,
            max_retries=0,  # retries.py is the only retry layer for the network
            timeout=self.options.timeout_s,
        )
        where = endpoint.base_url
        gate = RateGate()

        async def create(**kwargs: Any) -> Any:
            cut = endpoint.continues_replies and _json_schema(kwargs)

            async def once() -> Any:
                if cut:
                    return await complete_without_repeats(self._client, kwargs)
                return await self._client.chat.completions.create(**kwargs), None

            response, repeats = await call_with_retries(
                once, policy=self.options.retry, where=where, model=endpoint.model, gate=gate
            )
            _count(response, _current_usage.get(), repeats.requests if repeats else 1)
            refusal = getattr(response.choices[0].message, "refusal", None) if response.choices else None
            if refusal:
                raise ModelRejectedError(f"{where}: the model refused: {refusal[:200]}")
            return response

        self._instructor = instructor.AsyncInstructor(
            client=self._client,
            create=instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA),
            mode=instructor.Mode.JSON_SCHEMA,
        )

    async def extract(self, messages: list[dict[str, str]], response_model: type[M]) -> tuple[M, Usage]:
        folder = self.options.reply_cache
        if folder is None:
            return await self._extract(messages, response_model)
        key = reply_cache.reply_key(self._identity(), messages, response_model, {
            "max_tokens": self.options.max_output_tokens, "temperature": self.options.temperature,
            "reasks": self.options.reasks, **({"repeats": "cut"} if self.endpoint.continues_replies else {})})
        stored = reply_cache.load(folder, key, response_model)
        if stored is not None:
            reply, cost = stored
            return reply, Usage(cost["input_tokens"], cost["output_tokens"], cost["requests"],
                                replayed_s=cost["seconds"])
        started = time.perf_counter()
        reply, usage = await self._extract(messages, response_model)
        reply_cache.save(folder, key, reply, {**asdict(usage), "seconds": round(time.perf_counter() - started, 3)})
        return reply, usage

    def _identity(self) -> dict[str, str]:
        """What names the model behind the endpoint (the embedded server's port does not)."""
        identity = {"backend": self.endpoint.backend, "model": self.endpoint.model}
        if self.endpoint.backend != "embedded":
            identity["base_url"] = self.endpoint.base_url
        if self.endpoint.settings:
            identity["settings"] = self.endpoint.settings
        return identity

    async def _extract(self, messages: list[dict[str, str]], response_model: type[M]) -> tuple[M, Usage]:
        usage = Usage()
        _current_usage.set(usage)  # per task, so concurrent extracts count apart
        try:
            result = await self._instructor.create(
                model=self.endpoint.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=response_model,
                max_retries=self.options.reasks,
                max_tokens=self.options.max_output_tokens,
                temperature=self.options.temperature,
            )
        except SummarizeError:
            raise
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, SummarizeError):
                raise cause from None
            raise InvalidReplyError(
                f"{self.endpoint.model} gave no valid summary after {exc.n_attempts} attempt(s) "
                f"({usage.input_tokens} input + {usage.output_tokens} output tokens spent): "
                f"{_first_line(cause or exc)}; try a larger model with --model/--base-url"
            ) from None
        except IncompleteOutputException:
            raise InvalidReplyError(
                f"{self.endpoint.model} ran past {self.options.max_output_tokens} output tokens "
                f"({usage.input_tokens} input + {usage.output_tokens} output tokens spent); "
                "try a larger model with --model/--base-url"
            ) from None
        return result, usage

    async def aclose(self) -> None:
        await self._client.close()


def _json_schema(kwargs: dict[str, Any]) -> bool:
    response_format = kwargs.get("response_format")
    return isinstance(response_format, dict) and response_format.get("type") == "json_schema"


def _count(response: Any, usage: Usage, requests: int = 1) -> None:
    usage.requests += requests
    if response.usage is not None:
        usage.input_tokens += response.usage.prompt_tokens or 0
        usage.output_tokens += response.usage.completion_tokens or 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
