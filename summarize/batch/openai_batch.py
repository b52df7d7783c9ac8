"""The OpenAI Batch API format, both ways, for runs too big for one machine.

``emit`` writes one request line per pending article and pass
(``custom_id`` = ``<article id>#<pass>``, e.g. ``feed:42#claims``; a long
article split into chunks gets ``<id>#part-K-of-N#<pass>``).
``ingest`` reads the results file, validates each reply against the draft
schema, grounds it in the stored text exactly as a live run would, and stores
it by ``custom_id``. The same files work with vLLM's ``run_batch``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarize.batch.store import Store
from summarize.draft import PASSES, Pass, PassModel, combine
from summarize.errors import EndpointError, InputError, InvalidReplyError, SummarizeError
from summarize.extraction import Usage
from summarize.output import write_atomic
from summarize.pipeline import Pipeline, finish
from summarize.sources import Article

_PASS_NAMES = "|".join(p.name for p in PASSES)
_CUSTOM_ID = re.compile(rf"^(?P<id>.+?)(?:#part-(?P<k>\d+)-of-(?P<n>\d+))?#(?P<task>{_PASS_NAMES})$")
BACKEND = "openai-batch"


def response_format(model: type[PassModel]) -> dict[str, Any]:
    """What instructor's JSON_SCHEMA mode sends for a live request."""
    return {"type": "json_schema", "json_schema": {"name": model.__name__, "schema": model.model_json_schema()}}


def custom_id(article_id: str, part: int, parts: int, task: str) -> str:
    chunk = "" if parts == 1 else f"#part-{part}-of-{parts}"
    return f"{article_id}{chunk}#{task}"


def parse_custom_id(value: str) -> tuple[str, int, int, str]:
    """(article id, part, parts, pass); raises ValueError for an id we did not write."""
    match = _CUSTOM_ID.match(value)
    if match is None:
        raise ValueError(value)
    return match["id"], int(match["k"] or 1), int(match["n"] or 1), match["task"]


def emit(store: Store, pipeline: Pipeline, path: Path) -> tuple[int, list[str]]:
    """Write the requests of every pending article; returns (requests, problems)."""
    lines: list[str] = []
    problems: list[str] = []
    options = pipeline.extractor.options
    for row in store.pending():
        try:
            plan = pipeline.plan(Article(name=row.id, text=row.text))
        except SummarizeError as exc:
            store.record_failed(row.id, type(exc).__name__, str(exc))
            problems.append(str(exc))
            continue
        parts = len(plan.chunks)
        for part in range(1, parts + 1):
            for task in PASSES:
                lines.append(json.dumps({
                    "custom_id": custom_id(row.id, part, parts, task.name),
                    "method": "POST",
                    "url": "/v1/chat/completions",
                    "body": {
                        "model": pipeline.extractor.endpoint.model,
                        "messages": pipeline.messages(plan, part, task),
                        "response_format": response_format(task.model),
                        "max_tokens": options.max_output_tokens,
                        "temperature": options.temperature,
                    },
                }, ensure_ascii=False))
    write_atomic(path, "".join(line + "\n" for line in lines))
    return len(lines), problems


@dataclass
class Ingested:
    done: int = 0
    failed: int = 0
    skipped: int = 0  # already done, or not in the database
    problems: list[str] | None = None


def ingest(store: Store, pipeline: Pipeline, path: Path) -> Ingested:
    if not path.is_file():
        raise InputError(f"{path}: no such results file; pass the output file of the batch job")
    result = Ingested(problems=[])
    replies: dict[str, dict[tuple[int, str], Any]] = defaultdict(dict)
    expected: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                article_id, part, parts, task = parse_custom_id(str(record["custom_id"]))
            except (ValueError, KeyError, TypeError):
                result.problems.append(f"{path} line {number}: not a result of --emit-openai-batch "
                                       "(no custom_id of ours); skipped")
                continue
            replies[article_id][(part, task)] = record
            expected[article_id] = parts
    pending = {row.id: row for row in store.pending()}
    for article_id, parts in replies.items():
        row = pending.get(article_id)
        if row is None:
            result.skipped += 1
            result.problems.append(f"{article_id}: not pending in {store.path} (done already, or unknown); skipped")
            continue
        try:
            summary = _compose(pipeline, Article(name=article_id, text=row.text), parts, expected[article_id])
        except SummarizeError as exc:
            store.record_failed(article_id, type(exc).__name__, str(exc))
            result.failed += 1
            continue
        store.record_done(article_id, summary)
        result.done += 1
    return result


def _compose(pipeline: Pipeline, article: Article, replies: dict[tuple[int, str], Any], expected: int) -> Any:
    plan = pipeline.plan(article)
    needed = {(part, task.name) for part in range(1, len(plan.chunks) + 1) for task in PASSES}
    if len(plan.chunks) != expected or set(replies) != needed:
        raise InputError(f"{article.name}: the results hold {len(replies)} of the {len(needed)} requests the "
                         "article needs; emit and ingest with the same --context and prompts")
    drafts, usage, model = [], Usage(), "unknown"
    for part in range(1, expected + 1):
        parsed = {}
        for task in PASSES:
            reply, model = _reply(article.name, replies[(part, task.name)], task, usage, model)
            parsed[task.name] = reply
        drafts.append(combine(parsed))
    return finish(plan, drafts, usage, model=model, backend=BACKEND, prompt_hash=pipeline.prompts.hash,
                  latency_s=0.0)


def _reply(name: str, record: Any, task: Pass, usage: Usage, model: str) -> tuple[PassModel, str]:
    """One pass's validated reply from its result record."""
    response = record.get("response") or {}
    if record.get("error") or response.get("status_code") != 200:
        error = record.get("error") or response.get("body", {}).get("error") or {}
        raise EndpointError(f"{name}: the {task.name} request failed in the batch: {str(error)[:200]}")
    body = response.get("body") or {}
    usage.requests += 1
    usage.input_tokens += (body.get("usage") or {}).get("prompt_tokens") or 0
    usage.output_tokens += (body.get("usage") or {}).get("completion_tokens") or 0
    try:
        content = body["choices"][0]["message"]["content"]
        return task.model.model_validate_json(content), body.get("model") or model
    except (KeyError, IndexError, TypeError):
        raise InvalidReplyError(f"{name}: the {task.name} reply has no message content") from None
    except ValidationError as exc:
        raise InvalidReplyError(f"{name}: the {task.name} reply does not fit its schema "
                                f"({exc.errors()[0]['msg']})") from None
