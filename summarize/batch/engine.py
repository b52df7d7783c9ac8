"""Run a batch: take sources into the store, summarise what is pending, record each result.

Each article's result is committed as soon as it lands, so an interrupt or a
crash loses at most the requests in flight. The first Ctrl-C (or SIGTERM)
stops taking new work and gives in-flight requests ``grace_s`` seconds; a
second one, or the grace running out, cancels them. Cancelled articles stay
``pending`` and the next run picks them up.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from summarize.backends.base import Backend
from summarize.batch.collect import collect
from summarize.batch.items import Problem
from summarize.batch.progress import Reporter, reporter_for
from summarize.batch.store import Intake, Pending, Store
from summarize.config import ModelOptions, resolve_backend, resolve_passes, resolve_questions
from summarize.errors import AuthError, OutputError, SummarizeError, redact
from summarize.extraction import Extractor, RequestOptions
from summarize.pipeline import Pipeline
from summarize.prompting import PromptSet
from summarize.runner import SlotReset
from summarize.sources import Article


@dataclass(frozen=True)
class BatchOptions:
    sources: list[str]
    db: Path
    retry_failed: bool = False
    max_attempts: int = 3
    fetch_pages: bool = True
    grace_s: float = 5.0
    every_s: float | None = None  # watch mode: poll the sources this often


@dataclass
class BatchResult:
    done: int = 0
    failed: int = 0
    intake: Intake = field(default_factory=Intake)
    source_errors: int = 0  # sources that gave nothing at all
    interrupted: bool = False
    fatal: SummarizeError | None = None  # stopped the whole batch (bad key, database error)
    tokens_in: int = 0
    tokens_out: int = 0
    left_failed: int = 0  # rows in the database still failed at the end


def _say(message: str) -> None:
    print(f"summarize batch: {redact(message)}", file=sys.stderr, flush=True)


class Batch:
    def __init__(
        self,
        options: BatchOptions,
        model: ModelOptions,
        prompt_dir: Path | None = None,
        request: RequestOptions | None = None,
        reporter: Reporter | None = None,
    ) -> None:
        self.options = options
        self.model = model
        self.prompts = PromptSet.load(prompt_dir)
        self.request = request
        self.reporter = reporter or reporter_for()
        self.result = BatchResult()
        self._backend: Backend | None = None
        self._pipeline: Pipeline | None = None
        self._reset: SlotReset | None = None
        self._stop = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []

    # -- the whole run -------------------------------------------------------

    def run(self) -> BatchResult:
        resolve_backend(self.model)  # a bad flag fails before anything is read or written
        store = Store(self.options.db)
        run_id = store.start_run(self.options.sources, self.model.model)
        try:
            asyncio.run(self._cycles(store))
        except KeyboardInterrupt:
            self.result.interrupted = True
        finally:
            if self._backend is not None:
                self._backend.close()
            outcome = ("interrupted" if self.result.interrupted else
                       f"stopped: {type(self.result.fatal).__name__}" if self.result.fatal else "finished")
            try:
                store.finish_run(run_id, self.result.done, self.result.failed,
                                 self.result.intake.duplicates, outcome)
                self.result.left_failed = store.counts()["failed"]
            except OutputError:
                pass  # the database is what failed; the error is reported already
            store.close()
        return self.result

    async def _cycles(self, store: Store) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._on_signal)
        try:
            while True:
                await asyncio.to_thread(self.take_in, store)
                if self._stop.is_set():
                    break
                pending = store.pending()
                if pending:
                    await self._process(store, pending)
                if self._stop.is_set() or self.result.fatal or self.options.every_s is None:
                    break
                _say(f"waiting {self.options.every_s:.0f} s before polling the sources again (Ctrl-C stops)")
                try:
                    await asyncio.wait_for(self._stop.wait(), self.options.every_s)
                except TimeoutError:
                    continue
                break
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            if self._pipeline is not None:
                await self._pipeline.extractor.aclose()

    def _on_signal(self) -> None:
        if self._stop.is_set():
            _say("second interrupt: cancelling the requests in flight")
            self._cancel()
            return
        # Stopping an idle watch loop is its normal end, not an interruption.
        self.result.interrupted = bool(self._workers) or self.options.every_s is None
        self._stop.set()
        if self._workers:
            _say(f"interrupted: finishing the requests in flight (up to {self.options.grace_s:.0f} s; "
                 "Ctrl-C again to cancel them); run the same command to resume")

    def _cancel(self) -> None:
        for task in self._workers:
            task.cancel()

    # -- taking sources in ---------------------------------------------------

    def take_in(self, store: Store) -> None:
        """Read the sources into the store: new articles pending, bad records failed."""
        def needs(article_id: str) -> bool:
            return store.needs(article_id, self.options.retry_failed, self.options.max_attempts)

        def on_problem(problem: Problem) -> None:
            if problem.fatal:
                self.result.source_errors += 1
            _say(("error: " if problem.fatal or problem.record else "warning: ") + problem.message)

        entries = collect(self.options.sources, fetch_pages=self.options.fetch_pages, needs=needs)
        store.add(_until(entries, self._stop.is_set), retry_failed=self.options.retry_failed,
                  max_attempts=self.options.max_attempts, intake=self.result.intake, on_problem=on_problem)

    # -- summarising ---------------------------------------------------------

    async def _ensure_pipeline(self) -> Pipeline:
        if self._pipeline is None:
            backend = resolve_backend(self.model)
            endpoint = await asyncio.to_thread(backend.start)
            self._backend = backend
            embedded = endpoint.backend == "embedded"
            self._pipeline = Pipeline(Extractor(endpoint, self.request), self.prompts,
                                      passes=resolve_passes(self.model, embedded),
                                      questions=resolve_questions(self.model, embedded))
            self._reset = SlotReset.for_endpoint(backend, endpoint, self.prompts.system_prompt())
            await asyncio.to_thread(self._reset.start)
        return self._pipeline

    async def _process(self, store: Store, pending: list[Pending]) -> None:
        pipeline = await self._ensure_pipeline()
        if self._stop.is_set():
            return
        queue = iter(pending)
        self.reporter.start(len(pending))

        async def worker() -> None:
            for row in queue:  # one shared iterator: each row goes to one worker
                if self._stop.is_set():
                    return
                await self._one(store, pipeline, row)

        self._workers = [asyncio.create_task(worker()) for _ in range(pipeline.extractor.endpoint.parallel)]
        everything = asyncio.gather(*self._workers, return_exceptions=True)
        stopped = asyncio.create_task(self._stop.wait())
        try:
            await asyncio.wait([everything, stopped], return_when=asyncio.FIRST_COMPLETED)
            if not everything.done():
                if self.result.fatal is None:
                    await asyncio.wait([everything], timeout=self.options.grace_s)
                self._cancel()
            await everything
        finally:
            stopped.cancel()
            self._workers = []
            self.reporter.stop()

    async def _one(self, store: Store, pipeline: Pipeline, row: Pending) -> None:
        try:
            if self._reset is not None:
                await asyncio.to_thread(self._reset.before_article)
            summary = await pipeline.summarize(Article(name=row.id, text=row.text))
        except AuthError as exc:
            self._fail_all(exc)  # every other request would be refused too
            return
        except SummarizeError as exc:
            outcome: tuple[str, str] | None = (type(exc).__name__, redact(str(exc)))
            summary = None
        except Exception as exc:  # noqa: BLE001 - a bug must fail one article, not the batch
            outcome, summary = ("InternalError", redact(f"{type(exc).__name__}: {exc}")[:500]), None
        try:
            if summary is not None:
                store.record_done(row.id, summary)
                p = summary.provenance
                self._count(True, p.input_tokens, p.output_tokens)
            else:
                assert outcome is not None
                store.record_failed(row.id, *outcome)
                self._count(False, 0, 0)
        except OutputError as exc:
            self._fail_all(exc)

    def _count(self, ok: bool, tokens_in: int, tokens_out: int) -> None:
        self.result.done += ok
        self.result.failed += not ok
        self.result.tokens_in += tokens_in
        self.result.tokens_out += tokens_out
        self.reporter.advance(ok, tokens_in, tokens_out)

    def _fail_all(self, exc: SummarizeError) -> None:
        if self.result.fatal is None:
            self.result.fatal = exc
            self._stop.set()
            self._cancel()


def _until(entries, stop: Callable[[], bool]):  # type: ignore[no-untyped-def]
    for entry in entries:
        if stop():
            return
        yield entry
