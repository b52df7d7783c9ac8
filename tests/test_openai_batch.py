"""The OpenAI Batch API round trip through files: emit requests, ingest results."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import pytest

from summarize.batch.openai_batch import custom_id, parse_custom_id
from summarize.draft import PASSES
from summarize.cli import app
from tests.batch_helpers import check_invariants, draft_json, rows, write_articles
from tests.conftest import EXAMPLE_DRAFT

runner = CliRunner()


def result_line(custom_id: str, content: str | None = None, status: int = 200) -> str:
    body = {"id": "chatcmpl-x", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 900, "completion_tokens": 300, "total_tokens": 1200}}
    if status != 200:
        body = {"error": {"message": "server error", "type": "server_error"}}
    return json.dumps({"id": f"batch_req_{custom_id}", "custom_id": custom_id,
                       "response": {"status_code": status, "request_id": "r", "body": body}, "error": None})


def test_emit_then_ingest_stores_grounded_summaries_by_custom_id(tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "news", 3)
    db, requests = tmp_path / "r.sqlite", tmp_path / "requests.jsonl"
    emitted = runner.invoke(app, ["batch", str(tmp_path / "news"), "--db", str(db), "--model", "gpt-4o-mini",
                                  "--emit-openai-batch", str(requests)])
    assert emitted.exit_code == 0, emitted.output
    lines = [json.loads(line) for line in requests.read_text().splitlines()]
    assert sorted(line["custom_id"] for line in lines) == sorted(f"{i}#{p.name}" for i in ids for p in PASSES)
    first = lines[0]
    assert first["method"] == "POST" and first["url"] == "/v1/chat/completions"
    assert first["body"]["model"] == "gpt-4o-mini"
    assert first["body"]["response_format"]["json_schema"]["name"] == PASSES[0].model.__name__
    assert "Kowalczyk" in first["body"]["messages"][-1]["content"]

    results = tmp_path / "results.jsonl"
    bad = json.dumps({**EXAMPLE_DRAFT, "actors": "not a list"})  # fails the actors schema
    results.write_text("\n".join([
        *(result_line(f"{ids[0]}#{p.name}", draft_json()) for p in PASSES),
        *(result_line(f"{ids[1]}#{p.name}", bad) for p in PASSES),
        *(result_line(f"{ids[2]}#{p.name}", draft_json(), status=500 if p is PASSES[1] else 200) for p in PASSES),
        result_line(f"unknown-id#{PASSES[0].name}", draft_json()),
        "garbage",
    ]) + "\n", encoding="utf-8")
    ingested = runner.invoke(app, ["batch", "--db", str(db), "--ingest-openai-batch", str(results)])
    assert ingested.exit_code == 13, ingested.output
    assert "1 done, 2 failed, 1 skipped" in ingested.output
    statuses = check_invariants(db, ids)
    assert statuses == {ids[0]: "done", ids[1]: "failed", ids[2]: "failed"}
    by_id = {r["id"]: r for r in rows(db)}
    summary = json.loads(by_id[ids[0]]["summary"])
    assert summary["provenance"]["backend"] == "openai-batch"
    assert summary["provenance"]["input_tokens"] == 900 * len(PASSES)
    assert all(item["grounded"] for item in summary["allegations"])  # grounded against the stored text
    assert by_id[ids[1]]["error_class"] == "InvalidReplyError" and by_id[ids[2]]["error_class"] == "EndpointError"

    # Ingesting the same file again changes nothing that is done.
    again = runner.invoke(app, ["batch", "--db", str(db), "--ingest-openai-batch", str(results)])
    assert "0 done" in again.output and by_id[ids[0]]["summary"] == {r["id"]: r for r in rows(db)}[ids[0]]["summary"]


def test_custom_ids_round_trip() -> None:
    assert parse_custom_id(custom_id("a#b", 1, 1, "claims")) == ("a#b", 1, 1, "claims")
    assert parse_custom_id(custom_id("feed:1", 2, 3, "outcomes")) == ("feed:1", 2, 3, "outcomes")
    with pytest.raises(ValueError):
        parse_custom_id("a#part-1-of-2")  # no pass: not a request we wrote
