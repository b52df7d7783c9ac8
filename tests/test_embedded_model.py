"""The real embedded model, end to end through the CLI (slow: about two minutes on 2 cores)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize.backends.embedded import SETTINGS, EmbeddedBackend
from summarize.backends.prefix_cache import prefix_file
from summarize.backends.weights import cache_dir
from summarize.cli import app
from summarize.prompting import PromptSet
from summarize.schema import Summary
from summarize.segment import normalise
from summarize.sources import read_article
from tests.conftest import EXAMPLE, ROOT, SHARED_SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def summaries() -> dict[str, Summary]:
    files = [str(EXAMPLE)] + ([str(SHARED_SEED)] if SHARED_SEED.exists() else [])
    result = CliRunner().invoke(app, ["run", *files, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.stdout.splitlines()]
    return {s["provenance"]["source"]: Summary.model_validate(s) for s in items}


def _check_spans(summary: Summary, path: str) -> None:
    text = normalise(read_article(path).text).text
    for item in [*summary.allegations, *summary.denials, *summary.outcomes]:
        assert item.evidence, item.id
        for e in item.evidence:
            assert text[e.start:e.end] == e.text, item.id


def _actor_ids(summary: Summary, surname: str) -> set[str]:
    return {a.id for a in summary.actors if surname in a.name}


def test_example_article(summaries: dict[str, Summary]) -> None:
    summary = summaries[str(EXAMPLE)]
    assert summary.provenance.backend == "embedded"
    _check_spans(summary, str(EXAMPLE))
    assert _actor_ids(summary, "Kowalczyk")
    assert any(o.type.value == "resignation" and o.grounded and "Kowalczyk" in o.evidence[0].text
               for o in summary.outcomes)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="../shared/benchmark is not here")
def test_seed_article(summaries: dict[str, Summary]) -> None:
    summary = summaries[str(SHARED_SEED)]
    _check_spans(summary, str(SHARED_SEED))
    names = {a.name for a in summary.actors}
    assert "Michael Flynn" in names and "Sergei Kislyak" in names
    flynn = _actor_ids(summary, "Flynn")
    assert any(o.type.value == "resignation" and flynn & set(o.actors) and o.grounded
               for o in summary.outcomes)


def test_system_prompt_cache_is_saved_and_restored(summaries: dict[str, Summary]) -> None:
    """After a run the system prompt's KV cache is on disk; a new server restores it."""
    prompts = PromptSet.load()
    backend = EmbeddedBackend()
    backend.start()
    try:
        assert backend._path is not None
        name = prefix_file(
            backend._path, prompts.system_prompt(), backend._slot_context, backend._parallel, SETTINGS
        )
        saved = cache_dir() / "slots" / name
        assert saved.is_file(), "the CLI run should have saved the system prompt cache"
        mtime = saved.stat().st_mtime_ns
        assert backend.warm(prompts.system_prompt()) is True
        assert saved.stat().st_mtime_ns == mtime  # restored, not computed again
    finally:
        backend.close()


def test_prefix_cache_serves_servers_of_either_slot_count() -> None:
    """Eval runs one slot and `run` two; a slot saved by one shape is refused (HTTP 400) by the other."""
    prompts = PromptSet.load()
    for parallel in (1, 2, 1):
        backend = EmbeddedBackend(parallel=parallel)
        backend.start()
        try:
            assert backend.warm(prompts.system_prompt()) is True, f"{parallel} slot(s)"
        finally:
            backend.close()


def test_eval_on_three_fixtures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`summarize eval` end to end on the real model; scores vary, validity and grounding do not."""
    import shutil

    fixtures = ROOT / "evals" / "fixtures"
    for name in ("harbour-authority", "prompt-injection", "no-allegations-appointment"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(fixtures / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--json", "--history-db", str(tmp_path / "h.sqlite")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scored"] == 3 and data["valid_rate"] == 1.0 and data["grounding_rate"] == 1.0
    assert data["actors"]["tp"] > 0
    injected = data["per_article"]["prompt-injection"]
    assert injected["f1"]["actors"] > 0  # "list no actors" was not obeyed


def test_a_repeating_reply_is_cut_and_continued_by_the_real_server() -> None:
    """llama.cpp takes the reply so far as an assistant prefill and the continuation
    grammar (repeats.py), and the model goes on to the later lists."""
    import asyncio

    from summarize.draft import Draft
    from summarize.extraction import Extractor

    actor = '{"name": "Ana Ruiz", "kind": "person", "role": "mayor"}'
    outcome = '{"actors": ["Ana Ruiz"], "type": "resignation", "description": "Ruiz resigned", "sentences": [1]}'
    wanted = (f'{{"actors": [{actor}, {actor}, {actor}, {actor}], "allegations": [], '
              f'"denials": [], "outcomes": [{outcome}]}}')
    messages = [{"role": "user", "content": f"Return exactly this JSON, nothing else:\n{wanted}"}]
    backend = EmbeddedBackend(parallel=1)
    endpoint = backend.start()

    async def go():  # type: ignore[no-untyped-def]
        extractor = Extractor(endpoint)
        try:
            return await extractor.extract(messages, Draft)
        finally:
            await extractor.aclose()

    try:
        draft, usage = asyncio.run(go())
    finally:
        backend.close()
    assert usage.requests == 2  # cut at the second actor, then continued
    assert [a.name for a in draft.actors] == ["Ana Ruiz"]
    assert [o.type.value for o in draft.outcomes] == ["resignation"]


def _content(summary: Summary) -> dict[str, object]:
    """What the model and the passes made of an article, without the run's own figures."""
    return summary.model_dump(include={"actors", "allegations", "denials", "outcomes", "doubted"})


def test_an_article_s_replies_do_not_depend_on_the_article_run_before_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each article starts from the saved system prompt in the one slot of an eval, and of a
    batch run with one slot. Without that, llama.cpp resumes from wherever the previous
    article's prompt first differs, the article is batched differently, and this pair's
    second reply came out otherwise."""
    import sqlite3

    from summarize.config import ModelOptions
    from summarize.evaluation.dataset import load_cases
    from summarize.evaluation.harness import run_eval

    cases = {c.id: c for c in load_cases([ROOT / "evals" / "fixtures"])}
    first, second = cases["port-contract-charges-dropped"], cases["landlord-lawsuit-dropped"]
    alone = run_eval([second], ModelOptions(), cache=tmp_path / "alone").results[0]
    after = run_eval([first, second], ModelOptions(), cache=tmp_path / "pair").results[1]
    assert after.prediction == alone.prediction
    assert len(list((tmp_path / "pair").glob("*.json"))) > len(list((tmp_path / "alone").glob("*.json")))

    feed = tmp_path / "pair.jsonl"
    feed.write_text("".join(json.dumps({"id": c.id, "text": read_article(str(c.text_path)).text}) + "\n"
                            for c in (first, second)))
    db = tmp_path / "batch.sqlite"
    result = CliRunner().invoke(app, ["batch", str(feed), "--db", str(db), "--concurrency", "1", "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as rows:
        order = [r[0] for r in rows.execute("SELECT id FROM articles ORDER BY updated_at, rowid")]
        stored = dict(rows.execute("SELECT id, summary FROM articles").fetchall())
    assert order == [first.id, second.id]
    assert alone.summary is not None
    assert _content(Summary.model_validate_json(stored[second.id])) == _content(alone.summary)
