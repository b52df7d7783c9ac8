"""Resolve which model endpoint to use, in one documented order.

For each setting: the command-line flag, then ``SUMMARIZE_*``, then ``OPENAI_*``,
then the embedded default. A base URL or an API key selects a remote
endpoint; with neither, the embedded model runs in-process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from summarize.backends.base import Backend
from summarize.backends.embedded import EmbeddedBackend
from summarize.backends.remote import OPENAI_BASE_URL, RemoteBackend
from summarize.compose.passes import default_passes, parse_passes
from summarize.errors import ConfigError
from summarize.questions import default_questions

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class ModelOptions:
    """What the user asked for, straight from flags (None = not given)."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    model_path: Path | None = None
    threads: int | None = None
    context: int | None = None
    parallel: int | None = None
    passes: str | None = None  # post-model passes: "default", "all", "verify" or names (compose/passes.py)
    questions: int | None = None  # questions about single sentences per chunk (questions.py)


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _env_int(env: Mapping[str, str], name: str, minimum: int = 1) -> int | None:
    raw = env.get(name)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number; set it to e.g. 2") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
    return value


def resolve_backend(options: ModelOptions, env: Mapping[str, str] | None = None) -> Backend:
    env = os.environ if env is None else env
    model_path = options.model_path or (Path(p) if (p := env.get("SUMMARIZE_MODEL_PATH")) else None)
    base_url = _first(options.base_url, env.get("SUMMARIZE_BASE_URL"), env.get("OPENAI_BASE_URL"))
    api_key = _first(options.api_key, env.get("SUMMARIZE_API_KEY"), env.get("OPENAI_API_KEY"))
    model = _first(options.model, env.get("SUMMARIZE_MODEL"))
    context = options.context or _env_int(env, "SUMMARIZE_CONTEXT")
    parallel = options.parallel or _env_int(env, "SUMMARIZE_PARALLEL")

    if model_path is not None:
        if base_url:
            raise ConfigError("--model-path runs a local file; drop --base-url (or SUMMARIZE_BASE_URL)")
        if not model_path.is_file():
            raise ConfigError(f"{model_path}: no such model file; pass an existing .gguf file")
        return _embedded(options, env, model_path, context, parallel)
    if base_url or api_key:
        if not base_url:
            base_url = OPENAI_BASE_URL
            model = model or DEFAULT_OPENAI_MODEL
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"base URL {base_url!r} must start with http:// or https://")
        if not model:
            raise ConfigError(
                f"no model name for {base_url}; pass --model NAME or set SUMMARIZE_MODEL"
            )
        return RemoteBackend(
            base_url=base_url,
            api_key=api_key or "unused",  # local servers take any key; the client needs one
            model=model,
            context_tokens=context or 32768,
            parallel=parallel or 8,
        )
    if model and model not in {"embedded", "default"}:
        raise ConfigError(
            f"model {model!r} needs an endpoint; pass --base-url URL (or set SUMMARIZE_BASE_URL), "
            "or drop --model to use the embedded model"
        )
    return _embedded(options, env, None, context, parallel)


def reproducible(options: ModelOptions, env: Mapping[str, str] | None = None) -> ModelOptions:
    """One slot for the embedded model unless the user chose a number: with two, llama.cpp
    decodes two articles in one batch and a greedy reply depends on its batch-mate (one
    article lost 9 actors between identical runs). Evals need the same reply for the same
    prompt; on 2 cores one slot was no slower over a whole eval set (598 s for the shared set)."""
    env = os.environ if env is None else env
    if options.parallel is not None or env.get("SUMMARIZE_PARALLEL"):
        return options
    if isinstance(resolve_backend(options, env), EmbeddedBackend):
        return replace(options, parallel=1)
    return options


def _embedded(
    options: ModelOptions,
    env: Mapping[str, str],
    model_path: Path | None,
    context: int | None,
    parallel: int | None,
) -> EmbeddedBackend:
    return EmbeddedBackend(
        model_path=model_path,
        threads=options.threads or _env_int(env, "SUMMARIZE_THREADS"),
        slot_context=context,
        parallel=parallel,
    )


def resolve_passes(options: ModelOptions, embedded: bool, env: Mapping[str, str] | None = None) -> list[str]:
    """The post-model passes to run: --passes, else SUMMARIZE_PASSES, else the model's
    default (every pass on the embedded model, the verifying ones elsewhere)."""
    env = os.environ if env is None else env
    spec = _first(options.passes, env.get("SUMMARIZE_PASSES"))
    return parse_passes(spec, embedded) if spec else default_passes(embedded)


def resolve_questions(options: ModelOptions, embedded: bool, env: Mapping[str, str] | None = None) -> int:
    """Questions about single sentences per chunk: --questions, else SUMMARIZE_QUESTIONS,
    else the model's default (some on the embedded model, none on a billed endpoint)."""
    env = os.environ if env is None else env
    if options.questions is not None:
        return options.questions
    chosen = _env_int(env, "SUMMARIZE_QUESTIONS", minimum=0)
    return chosen if chosen is not None else default_questions(embedded)
