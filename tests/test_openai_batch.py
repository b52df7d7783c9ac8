"""The OpenAI Batch API round trip through files: emit requests, ingest results."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarize.batch.openai_batch import parse_custom_id
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
    assert sorted(line["custom_id"] for line in lines) == sorted(ids)
    first = lines[0]
    assert first["method"] == "POST" and first["url"] == "/v1/chat/completions"
    assert first["body"]["model"] == "gpt-4o-mini"
    assert first["body"]["response_format"]["json_schema"]["name"] == "Draft"
    assert "Kowalczyk" in first["body"]["messages"][-1]["content"]

    results = tmp_path / "results.jsonl"
    results.write_text("\n".join([
        result_line(ids[0], draft_json()),
        result_line(ids[1], json.dumps({**EXAMPLE_DRAFT, "actors": "not a list"})),  # fails the schema
        result_line(ids[2], status=500),
        result_line("unknown-id", draft_json()),
        "garbage",
    ]) + "\n", encoding="utf-8")
    ingested = runner.invoke(app, ["batch", "--db", str(db), "--ingest-openai-batch", str(results)])
    assert ingested.exit_code == 13, ingested.output
    assert "1 done, 2 failed, 1 skipped" in ingested.output
    statuses = check_invariants(db, ids)
    assert statuses == {ids[0]: "done", ids[1]: "failed", ids[2]: "failed"}
    by_id = {r["id"]: r for r in rows(db)}
    summary = json.loads(by_id[ids[0]]["summary"])
    assert summary["provenance"]["backend"] == "openai-batch" and summary["provenance"]["input_tokens"] == 900
    assert all(item["grounded"] for item in summary["allegations"])  # grounded against the stored text
    assert by_id[ids[1]]["error_class"] == "InvalidReplyError" and by_id[ids[2]]["error_class"] == "EndpointError"

    # Ingesting the same file again changes nothing that is done.
    again = runner.invoke(app, ["batch", "--db", str(db), "--ingest-openai-batch", str(results)])
    assert "0 done" in again.output and by_id[ids[0]]["summary"] == {r["id"]: r for r in rows(db)}[ids[0]]["summary"]


def test_custom_ids_of_chunks_round_trip() -> None:
    assert parse_custom_id("a#b") == ("a#b", 1, 1)
    assert parse_custom_id("feed:1#part-2-of-3") == ("feed:1", 2, 3)
