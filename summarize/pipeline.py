"""load → normalise → segment → prompt → model → validate → ground → Summary.

An article too long for the model's context is split at sentence boundaries
into chunks that run concurrently (up to the endpoint's parallel slots) and
are merged into one summary.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from summarize import __version__
from summarize.compose import compose, merge_drafts
from summarize.compose.passes import default_passes, selected
from summarize.draft import Draft, SentenceReply, sentence_draft
from summarize.errors import ArticleTooLongError, ConfigError
from summarize.extraction import Extractor, Usage
from summarize.prompting import PromptSet
from summarize.questions import default_questions, uncited_accusations, uncited_outcomes
from summarize.schema import SCHEMA_VERSION, Provenance, Summary
from summarize.injection import suspects, withhold
from summarize.segment import Sentence, normalise, split_sentences
from summarize.sources import Article

MAX_CHUNKS = 24
_MARGIN_TOKENS = 64
_MIN_ARTICLE_TOKENS = 256


def estimate_tokens(text: str) -> int:
    """A deliberately high estimate: ~3.2 ASCII characters per token, 1 per other character."""
    other = 0 if text.isascii() else sum(1 for ch in text if ord(ch) >= 128)
    return int((len(text) - other) / 3.2) + other + 1


def chunk_sentences(sentences: list[Sentence], budget: int, name: str) -> list[list[Sentence]]:
    """Greedy split so each chunk's numbered sentences stay within ``budget`` tokens."""
    chunks: list[list[Sentence]] = [[]]
    used = 0
    for sentence in sentences:
        cost = estimate_tokens(sentence.text) + 4  # "[12] " and the newline
        if cost > budget:
            raise ArticleTooLongError(
                f"{name}: sentence {sentence.number} alone is ~{cost} tokens, over the "
                f"{budget}-token room per request; break the text into sentences or raise --context"
            )
        if used + cost > budget and chunks[-1]:
            chunks.append([])
            used = 0
        chunks[-1].append(sentence)
        used += cost
    if len(chunks) > MAX_CHUNKS:
        total = sum(estimate_tokens(s.text) + 4 for s in sentences)
        raise ArticleTooLongError(
            f"{name}: ~{total} tokens is over the limit of {MAX_CHUNKS} chunks of {budget} tokens; "
            "split the article or use a model with a larger context (--context)"
        )
    return chunks


@dataclass
class Pipeline:
    extractor: Extractor
    prompts: PromptSet
    passes: list[str] | None = None  # post-model passes; None: the endpoint's default
    on_drafts: Callable[[Plan, list[Draft]], None] | None = None  # sees each article's replies
    questions: int | None = None  # questions about single sentences per chunk; None: the endpoint's default

    def __post_init__(self) -> None:
        self._slots = asyncio.Semaphore(self.extractor.endpoint.parallel)
        self._room: int | None = None
        self._asks: int | None = None

    def _budget(self) -> int:
        """Tokens left for the article once instructions and the reply are accounted for."""
        if self._room is None:
            overhead = self.prompts.render([], part=1, parts=2)
            fixed = sum(estimate_tokens(m["content"]) + 8 for m in overhead)
            context = self.extractor.endpoint.context_tokens
            room = context - self.extractor.options.max_output_tokens - fixed - _MARGIN_TOKENS
            if room < _MIN_ARTICLE_TOKENS:
                raise ConfigError(
                    f"a context of {context} tokens leaves no room for the article after the instructions "
                    f"(~{fixed} tokens) and the reply ({self.extractor.options.max_output_tokens}); "
                    f"raise --context to at least {context - room + _MIN_ARTICLE_TOKENS}"
                )
            self._room = room
        return self._room

    def plan(self, article: Article) -> Plan:
        """Everything before the model: raises on input that cannot be summarised."""
        return plan_article(article, self._budget())

    def messages(self, plan: Plan) -> list[list[dict[str, str]]]:
        """The chat messages of each request the article needs, one per chunk."""
        parts = len(plan.chunks)
        return [self.prompts.render(chunk, part=i, parts=parts) for i, chunk in enumerate(plan.chunks, 1)]

    async def _draft(self, messages: list[dict[str, str]], started: list[float],
                     schema: type[Draft] | type[SentenceReply] = Draft) -> tuple[Draft, Usage]:
        async with self._slots:
            started.append(time.perf_counter())
            reply, usage = await self.extractor.extract(messages, schema)
            return (reply.as_draft() if isinstance(reply, SentenceReply) else reply), usage

    async def _chunk(self, chunk: list[Sentence], part: int, parts: int,
                     started: list[float]) -> list[tuple[Draft, Usage]]:
        """The chunk's summary, then one question about each sentence with a word of
        accusing, then about each sentence reporting an outcome, that no item of the
        summary cites (questions.py), one after another: each reuses the prefix the
        request before it left in the server's cache."""
        first = await self._draft(self.prompts.render(chunk, part=part, parts=parts), started)
        results = [first]
        asks = [(s, "allegations") for s in uncited_accusations(chunk, first[0], self._questions())]
        asks += [(s, "outcomes") for s in uncited_outcomes(chunk, first[0], self._questions())]
        for sentence, section in asks:
            messages = self.prompts.render(chunk, part=part, parts=parts, focus=sentence, section=section)
            results.append(await self._draft(messages, started, sentence_draft(sentence.number, section)))
        return results

    def _questions(self) -> int:
        if self._asks is None:
            wanted = self.questions if self.questions is not None else default_questions(
                self.extractor.endpoint.backend == "embedded")
            self._asks = wanted if wanted and self.prompts.asks_about_sentences() else 0
        return self._asks

    async def summarize(self, article: Article) -> Summary:
        plan = self.plan(article)
        started: list[float] = []  # when a slot was free: waiting for one is not latency
        parts = len(plan.chunks)
        per_chunk = await asyncio.gather(*(self._chunk(c, i, parts, started) for i, c in enumerate(plan.chunks, 1)))
        results = [r for chunk_results in per_chunk for r in chunk_results]
        usage = Usage()
        for _, part_usage in results:
            usage.add(part_usage)
        endpoint = self.extractor.endpoint
        drafts = [draft for draft, _ in results]
        if self.on_drafts is not None:
            self.on_drafts(plan, drafts)
        passes = self.passes if self.passes is not None else default_passes(endpoint.backend == "embedded")
        return finish(
            plan, drafts, usage,
            model=endpoint.model, backend=endpoint.backend, prompt_hash=self.prompts.hash,
            latency_s=time.perf_counter() - min(started) + usage.replayed_s, passes=passes,
        )


@dataclass(frozen=True)
class Plan:
    """An article made ready for the model: normalised text, sentences, request chunks."""

    article: Article
    text: str
    sentences: list[Sentence]
    chunks: list[list[Sentence]]
    withheld: frozenset[int]  # sentences kept from the model as suspected injections
    warnings: list[str]


def plan_article(article: Article, budget: int | None = None) -> Plan:
    """Normalise, number the sentences, withhold suspected injections and, given a token
    ``budget`` per request, split into chunks that hold the sentences as the model sees
    them (one chunk without a budget)."""
    cleaned = normalise(article.text)
    sentences = split_sentences(cleaned.text)
    withheld = frozenset(suspects(sentences))
    shown = withhold(sentences, set(withheld))
    chunks = chunk_sentences(shown, budget, article.name) if budget is not None else [shown]
    return Plan(article, cleaned.text, sentences, chunks, withheld, list(cleaned.warnings))


def finish(
    plan: Plan, drafts: list[Draft], usage: Usage, *, model: str, backend: str, prompt_hash: str,
    latency_s: float, passes: list[str] | None = None,
) -> Summary:
    """The typed, grounded summary from the model's drafts of each chunk.
    Shared by live runs and by results ingested from a batch API."""
    warnings = list(plan.warnings)
    if len(plan.chunks) > 1:
        warnings.append(f"article split into {len(plan.chunks)} chunks to fit the model's context")
    if plan.withheld:
        warnings.append(f"sentence(s) {sorted(plan.withheld)} look like instructions to AI systems; "
                        "withheld from the model")
    composition = compose(merge_drafts(drafts), plan.text, plan.sentences, plan.withheld, passes)
    return Summary(
        schema_version=SCHEMA_VERSION,
        gist=composition.gist,
        actors=composition.actors,
        allegations=composition.allegations,
        denials=composition.denials,
        outcomes=composition.outcomes,
        doubted=composition.doubted,
        provenance=Provenance(
            source=plan.article.name,
            summarize_version=__version__,
            model=model,
            backend=backend,
            prompt_hash=prompt_hash,
            schema_version=SCHEMA_VERSION,
            article_sha256=hashlib.sha256(plan.text.encode()).hexdigest(),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            requests=usage.requests,
            latency_s=round(latency_s, 3),
            warnings=warnings,
            findings=composition.findings,
            passes=[p.name for p in selected(passes)],
        ),
    )
