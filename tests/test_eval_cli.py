"""`summarize eval` with the fake OpenAI-compatible server, and on predictions made elsewhere."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.conftest import EXAMPLE_DRAFT, ROOT
from tests.fake_openai import FakeOpenAI, Script

runner = CliRunner()
FIXTURE = ROOT / "evals" / "fixtures" / "harbour-authority.gold.json"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Prediction cache and eval history of these tests stay in their temp folder."""
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "set"
    (data / "nested").mkdir(parents=True)
    shutil.copy(FIXTURE.with_name("harbour-authority.txt"), data / "nested" / "harbour-authority.txt")
    shutil.copy(FIXTURE, data / "nested" / "harbour-authority.gold.json")
    return data


def _eval(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["eval", *args], terminal_width=120)


def test_eval_scores_runs_and_caches(folder: Path, fake: FakeOpenAI, remote_args: list[str],
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    saved = tmp_path / "preds"
    result = _eval(str(folder), "--json", "--save-predictions", str(saved), *remote_args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # The fake reply (tests/conftest.py) finds 6 of 7 gold actors, both allegations,
    # both denials and all three outcomes.
    assert data["outcomes"]["f1"] == 1.0 and data["denials"]["f1"] == 1.0
    assert data["allegations"]["tp"] == 2 and data["actors"]["tp"] >= 6
    assert 0.9 < data["macro_f1"] <= 1.0 and data["grounding_rate"] == 1.0
    assert data["valid_rate"] == 1.0 and data["scored"] == 1 and len(fake.requests) == 1
    prediction = json.loads((saved / "harbour-authority.json").read_text())
    assert prediction["format"] == "summarize-gold/1" and prediction["outcomes"][0]["type"] == "resignation"

    again = _eval(str(folder), "--json", *remote_args)
    assert json.loads(again.stdout)["macro_f1"] == data["macro_f1"]
    assert len(fake.requests) == 1  # re-scored from the cache, no new request

    external = _eval(str(folder), "--json", "--predictions", str(saved))
    assert json.loads(external.stdout)["macro_f1"] == data["macro_f1"]


def test_a_change_after_the_model_is_rescored_from_the_replies(
        folder: Path, fake: FakeOpenAI, remote_args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import summarize.pipeline

    first = json.loads(_eval(str(folder), "--json", *remote_args).stdout)
    assert first["outcomes"]["tp"] == 3 and len(fake.requests) == 1
    composed = summarize.pipeline.compose

    def no_outcomes(*args, **kwargs):  # type: ignore[no-untyped-def]  # a (bad) new rule after the model
        result = composed(*args, **kwargs)
        result.outcomes = []
        return result

    monkeypatch.setattr(summarize.pipeline, "compose", no_outcomes)
    second = json.loads(_eval(str(folder), "--json", *remote_args).stdout)
    assert second["outcomes"]["tp"] == 0 and second["actors"] == first["actors"]
    assert len(fake.requests) == 1  # composed anew from the stored reply, no model call
    assert second["tokens_out"] == first["tokens_out"]  # the replayed reply's cost is reported


def test_a_change_to_what_is_sent_misses_the_replies(
        folder: Path, fake: FakeOpenAI, remote_args: list[str], tmp_path: Path) -> None:
    _eval(str(folder), "--json", *remote_args)
    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    (prompts / "user.j2").write_text((prompts / "user.j2").read_text() + "\nBe brief.\n")
    result = _eval(str(folder), "--json", "--prompts", str(prompts), *remote_args)
    assert result.exit_code == 0, result.output
    assert len(fake.requests) == 2


def test_predictions_may_use_plain_names(folder: Path, tmp_path: Path) -> None:
    preds = tmp_path / "names"
    preds.mkdir()
    (preds / "harbour-authority.json").write_text(json.dumps({
        "actors": [{"name": "Marta Kowalczyk"}],
        "allegations": [], "denials": [],
        "outcomes": [{"actors": ["Kowalczyk"], "type": "resignation", "description": "She resigned.",
                      "evidence": ["Marta Kowalczyk resigned on Tuesday"]}],
    }))
    data = json.loads(_eval(str(folder), "--json", "--predictions", str(preds)).stdout)
    assert data["outcomes"]["tp"] == 1 and data["outcomes"]["fn"] == 2
    assert data["actors"]["tp"] == 1 and data["allegations"]["recall"] == 0.0


def test_a_failing_article_is_reported_and_the_rest_scored(folder: Path, fake: FakeOpenAI, remote_args: list[str],
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    (folder / "unlabelled.txt").write_text("Short unlabelled article about nothing in particular.")
    fake.rule = lambda body: Script(content="never json") if "unlabelled" in json.dumps(body) else None
    result = _eval(str(folder), "--json", *remote_args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 2 and len(data["failures"]) == 1 and data["valid_rate"] == 0.5


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _eval(str(tmp_path / "nope"))
    assert result.exit_code == 3 and "no such folder" in result.stderr


def _write_predictions(folder: Path, target: Path, drop_outcomes: bool = False) -> Path:
    """The gold itself as a prediction set, optionally made worse."""
    target.mkdir()
    gold = json.loads((folder / "nested" / "harbour-authority.gold.json").read_text())
    if drop_outcomes:
        gold["outcomes"] = []
    (target / "harbour-authority.json").write_text(json.dumps(gold))
    return target


def test_regression_gate_on_a_worse_prediction_set(folder: Path, tmp_path: Path) -> None:
    good = _write_predictions(folder, tmp_path / "good")
    worse = _write_predictions(folder, tmp_path / "worse", drop_outcomes=True)
    base = tmp_path / "baselines" / "main.json"
    saved = _eval(str(folder), "--predictions", str(good), "--save-baseline", str(base), "--fail-under", "macro_f1=0.9")
    assert saved.exit_code == 0, saved.output
    assert json.loads(base.read_text())["macro_f1"] == 1.0

    same = _eval(str(folder), "--predictions", str(good), "--baseline", str(base), "--max-drop", "0.02")
    assert same.exit_code == 0

    dropped = _eval(str(folder), "--predictions", str(worse), "--baseline", str(base), "--max-drop", "0.02", "--json")
    assert dropped.exit_code == 12
    assert "macro_f1 dropped 0.2500" in dropped.stderr
    data = json.loads(dropped.stdout)
    assert data["changes"]["outcomes.f1"] == -1.0
    # one article: every resample is that article, so the change is sure and the interval a point
    assert data["macro_f1_change_interval"] == {"value": -0.25, "low": -0.25, "high": -0.25, "articles": 1,
                                                "share_above_zero": 0.0}
    assert data["macro_f1_interval"] == {"value": 0.75, "low": 0.75, "high": 0.75, "articles": 1}
    assert "harbour-authority: outcomes now missed: O1, O2, O3" in data["changed_items"]

    shown = _eval(str(folder), "--predictions", str(worse), "--baseline", str(base))
    assert "macro F1 change -0.250, 95% interval -0.250 to -0.250 over the 1 articles" in " ".join(shown.stdout.split())

    old = json.loads(base.read_text())
    for scores in old["per_article"].values():
        del scores["counts"]
    base.write_text(json.dumps(old))
    older = _eval(str(folder), "--predictions", str(worse), "--baseline", str(base), "--json")
    assert json.loads(older.stdout)["macro_f1_change_interval"] is None
    assert "no per-article counts" in _eval(str(folder), "--predictions", str(worse), "--baseline",
                                             str(base), "--markdown").stdout

    under = _eval(str(folder), "--predictions", str(worse), "--fail-under", "outcomes.recall=0.5")
    assert under.exit_code == 12 and "outcomes.recall 0.0000 < 0.5" in under.stderr


def test_markdown_report_and_history(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # rich sizes tables to the terminal
    good = _write_predictions(folder, tmp_path / "good")
    md = _eval(str(folder), "--predictions", str(good), "--markdown")
    assert md.exit_code == 0
    assert md.stdout.startswith("### summarize eval: macro F1 1.000")
    assert "| outcomes | 1.000 | 1.000 | 1.000 |" in md.stdout
    _eval(str(folder), "--predictions", str(good))
    shown = _eval("--history")
    assert shown.exit_code == 0 and shown.stdout.count("external") == 2


def test_a_misspelt_threshold_fails_before_any_work(folder: Path, fake: FakeOpenAI, remote_args: list[str]) -> None:
    result = _eval(str(folder), "--fail-under", "macro=0.5", *remote_args)
    assert result.exit_code == 5 and "METRIC=VALUE" in result.stderr
    assert fake.requests == []


def test_html_report_shows_evidence_and_item_columns(folder: Path, tmp_path: Path) -> None:
    worse = _write_predictions(folder, tmp_path / "worse", drop_outcomes=True)
    page = tmp_path / "report.html"
    result = _eval(str(folder), "--predictions", str(worse), "--html", str(page))
    assert result.exit_code == 0, result.output
    assert f"wrote the HTML report of 1 articles to {page}" in result.stderr
    content = page.read_text()
    assert content.startswith("<!DOCTYPE html>") and "<script" not in content
    assert '<mark class="gold">Marta Kowalczyk resigned on Tuesday' in content  # O1 not predicted
    assert '<mark class="both">The Gazette reported on March 3' in content
    assert content.count("missed (gold only)") == 4 and "spurious (prediction only)" in content
    assert "resignation (Marta Kowalczyk): Kowalczyk resigned as chief executive." in content


def test_html_report_lists_articles_worst_first_and_says_why_items_did_not_match(
        folder: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURE.with_name("harbour-authority.txt"), folder / "nested" / "second.txt")
    shutil.copy(FIXTURE, folder / "nested" / "second.gold.json")
    predictions = _write_predictions(folder, tmp_path / "preds")
    gold = json.loads(FIXTURE.read_text())
    gold["denials"][0]["denies"] = "A2"  # Kowalczyk's denial pointed at the board allegation
    gold["outcomes"][1]["type"] = "election"  # Osei elected, not appointed
    (predictions / "second.json").write_text(json.dumps(gold))
    page = tmp_path / "report.html"
    assert _eval(str(folder), "--predictions", str(predictions), "--html", str(page)).exit_code == 0
    content = page.read_text()

    overview = content[content.index('id="overview"'):content.index('class="legend"')]
    assert overview.index('href="#a-second"') < overview.index('href="#a-harbour-authority"')  # worst first
    assert 'id="a-second"' in content and 'id="a-harbour-authority"' in content
    assert "<td>0.67</td>" in overview and "<td>1.000</td>" in overview  # per-section and macro F1
    second = content[content.index('id="a-second"'):content.index('id="a-harbour-authority"')]
    assert "gold denies A1; this one denies A2, matched to A2" in second
    assert "not matched: type election, gold appointment" in second
    assert "not matched: type appointment, gold election" not in second
    # A matched item is written once (the gold wording is its tooltip, not a second line).
    matched = "resignation (Marta Kowalczyk): Kowalczyk resigned as chief executive.</li>"
    assert second.count(matched) == 1


def test_a_stored_reply_that_no_longer_validates_is_asked_again(tmp_path: Path) -> None:
    from summarize import reply_cache
    from summarize.draft import Draft

    key = reply_cache.reply_key({"model": "m"}, [{"role": "user", "content": "x"}], Draft, {})
    assert key != reply_cache.reply_key({"model": "m"}, [{"role": "user", "content": "y"}], Draft, {})
    (tmp_path / f"{key}.json").write_text(json.dumps({"reply": {"actors": "not a list"}, "cost": {}}))
    assert reply_cache.load(tmp_path, key, Draft) is None
    (tmp_path / f"{key}.json").write_text("{truncated")
    assert reply_cache.load(tmp_path, key, Draft) is None
    reply = {"actors": [], "allegations": [], "denials": [], "outcomes": []}
    (tmp_path / f"{key}.json").write_text(json.dumps({"reply": reply, "cost": {"input_tokens": 1}}))
    assert reply_cache.load(tmp_path, key, Draft) is None  # cost fields missing


def test_oracle_scores_the_perfect_reply_without_a_model(folder: Path) -> None:
    result = _eval(str(folder), "--oracle", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["model"] == "oracle" and data["scored"] == 1
    assert data["macro_f1"] >= 0.97


def test_ablate_scores_each_pass_off_from_one_model_run(folder: Path) -> None:
    # the model leaves out Osei's appointment, which sentence 10 reports in plain words
    draft = {**EXAMPLE_DRAFT, "outcomes": [o for o in EXAMPLE_DRAFT["outcomes"] if o["type"] != "appointment"]}
    fake = FakeOpenAI(default=Script(content=json.dumps(draft))).start()
    try:
        result = _eval(str(folder), "--ablate", "--passes", "all", "--json", "--base-url", fake.base_url,
                       "--model", "fake-model", "--api-key", "test-key")
    finally:
        fake.stop()
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["macro_f1"]) == {"set model", "set oracle"}
    assert set(data["without"]) == {"merge-names", "override-roles", "quoted-speakers", "event-subjects", "claim-roles",
                                    "sentence-roles", "outcome-types", "outcome-actors",
                                    "repeats", "same-event", "stated-accusations", "denial-wording", "link-denials",
                                    "stated-events", "doubt"}
    assert data["without"]["stated-events"]["set model"] > 0  # it adds the appointment back
    assert len(fake.requests) == 1  # one model run, every variant composed from it


def test_passes_named_wrong_is_a_configuration_error(folder: Path) -> None:
    result = _eval(str(folder), "--oracle", "--passes", "all,-no-such-pass")
    assert result.exit_code == 5
    assert "no pass '-no-such-pass'" in result.output


def test_a_set_without_gold_reports_nothing_as_perfect(tmp_path: Path, fake: FakeOpenAI,
                                                        remote_args: list[str]) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(FIXTURE.with_name("harbour-authority.txt"), bare / "a.txt")
    result = _eval(str(bare), "--json", *remote_args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scored"] == 0 and data["macro_f1"] is None and data["actors"] is None
    table = _eval(str(bare), *remote_args)
    assert "not scored: no gold files" in " ".join(table.stdout.split()) and "actors" not in table.stdout
    gated = _eval(str(bare), "--fail-under", "macro_f1=0.1", *remote_args)
    assert gated.exit_code == 12 and "no article was scored" in gated.output


def test_predictions_from_a_missing_folder_are_an_error(folder: Path, tmp_path: Path) -> None:
    result = _eval(str(folder), "--predictions", str(tmp_path / "typo"))
    assert result.exit_code == 14
    assert "typo: no such folder of predictions" in result.output


def test_missing_or_broken_predictions_are_named_not_scored_as_empty(folder: Path, tmp_path: Path) -> None:
    preds = tmp_path / "preds"
    preds.mkdir()
    result = _eval(str(folder), "--predictions", str(preds))
    assert result.exit_code == 14 and "harbour-authority.json missing" in result.output
    (preds / "harbour-authority.json").write_text("{not json")
    result = _eval(str(folder), "--predictions", str(preds))
    assert result.exit_code == 14 and "harbour-authority.json unreadable" in result.output


def test_an_unwritable_html_report_fails_before_the_model(folder: Path, fake: FakeOpenAI, remote_args: list[str],
                                                          tmp_path: Path) -> None:
    result = _eval(str(folder), "--html", str(tmp_path / "missing" / "report.html"), *remote_args)
    assert result.exit_code == 11 and "choose another --html" in result.stderr
    assert fake.requests == []


def test_history_fits_80_columns_names_the_set_and_speaks_json(folder: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    good = _write_predictions(folder, tmp_path / "good")
    worse = _write_predictions(folder, tmp_path / "worse", drop_outcomes=True)
    db = str(tmp_path / "h.sqlite")
    _eval(str(folder), "--predictions", str(good), "--history-db", db)
    _eval(str(folder), "--predictions", str(worse), "--history-db", db)
    monkeypatch.setenv("COLUMNS", "80")
    table = runner.invoke(app, ["eval", "--history", "--history-db", db], terminal_width=80)
    assert table.exit_code == 0
    rows = [line for line in table.stdout.splitlines() if line.startswith(time.strftime("%m-"))]
    assert len(rows) == 2 and all(len(line) <= 80 and "…" not in line for line in rows)
    assert rows[0].split()[2:] == ["set", "external", "-", "1", "1.000", "1.000", "1.000", "1.000", "1.000"]
    assert rows[1].split()[-5:] == [".750", "1.000", "1.000", "1.000", ".000"]
    shown = json.loads(_eval("--history", "--json", "--history-db", db).stdout)
    assert [r["macro_f1"] for r in shown] == [1.0, 0.75] and shown[0]["folders"] == str(folder)
