"""Typed errors; each carries the exit code the CLI returns for it.

Messages are one line, name the file or endpoint at fault, and say how to fix
it. Only the CLI turns them into output.
"""

from __future__ import annotations

import re

# API keys in the shapes providers use; servers echo them back in error texts.
_SECRET = re.compile(r"(sk-[A-Za-z0-9_\-*.]{4,}|Bearer\s+\S+)")


def redact(text: str, *secrets: str) -> str:
    """Mask anything that looks like an API key, and the given secrets, in ``text``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return _SECRET.sub("***", text)


class SummarizeError(Exception):
    exit_code = 1


class UsageError(SummarizeError):
    """The command line lacks what the command needs (as click's own usage errors)."""

    exit_code = 2


class InputError(SummarizeError):
    """The article could not be read: missing, empty, binary, undecodable."""

    exit_code = 3


class ArticleTooLongError(InputError):
    exit_code = 4


class ConfigError(SummarizeError):
    """Flags or environment do not describe a usable endpoint or prompt set."""

    exit_code = 5


class ModelUnavailableError(SummarizeError):
    """The embedded model's weights or runtime are missing or corrupt."""

    exit_code = 6


class EndpointError(SummarizeError):
    """The endpoint could not be reached or kept failing after retries."""

    exit_code = 7


class AuthError(EndpointError):
    """401/403: a wrong or missing key. Never retried."""

    exit_code = 8


class ModelRejectedError(EndpointError):
    """400/404 from the endpoint: unknown model name or a request it refuses."""

    exit_code = 9


class InvalidReplyError(SummarizeError):
    """The model's reply stayed invalid after the bounded re-asks."""

    exit_code = 10


class RegressionError(SummarizeError):
    """An eval fell below --fail-under or dropped more than --max-drop."""

    exit_code = 12


# `summarize batch` finished, but some articles or sources failed (see the database).
EXIT_SOME_FAILED = 13


class PredictionsError(InputError):
    """Predictions to score (eval --predictions) are missing or unreadable."""

    exit_code = 14


class OutputError(SummarizeError):
    """The result could not be written."""

    exit_code = 11
