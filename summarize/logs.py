"""Optional diagnostic logging (SUMMARIZE_LOG=debug|info|warning) to stderr, redacted;
without it, no library's log line reaches the terminal.

Libraries underneath (openai, httpx) log request details at debug level; every
record passes through ``redact`` before it is written, so keys never reach a log.
"""

from __future__ import annotations

import logging
import os
import sys

from summarize.errors import redact


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure(env: dict[str, str] | None = None) -> None:
    level_name = (env if env is not None else os.environ).get("SUMMARIZE_LOG", "").strip().upper()
    if not level_name:
        # Without this, Python prints libraries' warnings and errors (instructor's "API call
        # failed ...") beside our own one-line message; they are for SUMMARIZE_LOG only.
        logging.getLogger().handlers[:] = [logging.NullHandler()]
        return
    level = logging.getLevelName(level_name)
    if not isinstance(level, int):
        print(f"summarize: warning: SUMMARIZE_LOG={level_name.lower()!r} is not a level; "
              "use debug, info or warning", file=sys.stderr)
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
