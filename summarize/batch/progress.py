"""Batch progress: a rich bar on a terminal, plain periodic log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class Reporter(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, ok: bool, tokens_in: int, tokens_out: int) -> None: ...
    def stop(self) -> None: ...


class Tally:
    """Counts of one processing round."""

    def __init__(self) -> None:
        self.total = self.done = self.failed = self.tokens_in = self.tokens_out = 0
        self.started = time.monotonic()

    def add(self, ok: bool, tokens_in: int, tokens_out: int) -> None:
        self.done += ok
        self.failed += not ok
        self.tokens_in += tokens_in
        self.tokens_out += tokens_out

    @property
    def finished(self) -> int:
        return self.done + self.failed

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.finished / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        rate = self.rate()
        if not rate:
            return "?"
        seconds = int((self.total - self.finished) / rate)
        return f"{seconds // 60}m{seconds % 60:02d}s"


class LogReporter:
    """One line every ``every_s`` seconds and at the end: for logs and cron mail."""

    def __init__(self, stream: TextIO | None = None, every_s: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.tally = Tally()
        self._last = 0.0

    def start(self, total: int) -> None:
        self.tally = Tally()
        self.tally.total = total
        self._last = time.monotonic()
        self._line("starting")

    def advance(self, ok: bool, tokens_in: int, tokens_out: int) -> None:
        self.tally.add(ok, tokens_in, tokens_out)
        if time.monotonic() - self._last >= self.every_s:
            self._last = time.monotonic()
            self._line("progress")

    def stop(self) -> None:
        self._line("finished")

    def _line(self, what: str) -> None:
        t = self.tally
        print(f"summarize batch: {what}: {t.finished}/{t.total} ({t.done} done, {t.failed} failed), "
              f"{t.rate() * 60:.1f} articles/min, ETA {t.eta()}, tokens {t.tokens_in} in / {t.tokens_out} out",
              file=self.stream, flush=True)


class QuietReporter:
    """Nothing: for -q, where the exit code and the database tell the outcome."""

    def start(self, total: int) -> None: ...
    def advance(self, ok: bool, tokens_in: int, tokens_out: int) -> None: ...
    def stop(self) -> None: ...


class BarReporter:
    def __init__(self, console: Console | None = None) -> None:
        self.progress = Progress(
            TextColumn("[bold]summarising"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"), TimeRemainingColumn(),
            console=console or Console(stderr=True), transient=False,
        )
        self.tally = Tally()
        self._task = None

    def start(self, total: int) -> None:
        self.tally = Tally()
        self.tally.total = total
        self._task = self.progress.add_task("batch", total=total, status="")
        self.progress.start()

    def advance(self, ok: bool, tokens_in: int, tokens_out: int) -> None:
        self.tally.add(ok, tokens_in, tokens_out)
        t = self.tally
        status = (f"{t.done} done · {t.failed} failed · {t.rate() * 60:.1f}/min · "
                  f"{t.tokens_in + t.tokens_out:,} tokens")
        self.progress.update(self._task, advance=1, status=status)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.progress.stop()


def reporter_for(stream: TextIO | None = None) -> Reporter:
    stream = stream or sys.stderr
    return BarReporter() if stream.isatty() else LogReporter(stream)
