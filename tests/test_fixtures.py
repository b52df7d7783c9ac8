"""The project's own labelled fixtures are well formed and cover what the issue lists."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarize.evaluation.dataset import load_cases
from tests.conftest import ROOT

FIXTURES = ROOT / "evals" / "fixtures"
CHECKER = ROOT.parent / "shared" / "benchmark" / "check_gold.py"


def test_every_fixture_is_labelled_and_its_evidence_is_verbatim() -> None:
    cases = load_cases([FIXTURES])
    assert len(cases) >= 16
    for case in cases:
        assert case.gold is not None, case.id
        text = case.text_path.read_text(encoding="utf-8")
        words = len(text.split())
        assert 60 <= words or case.id == "html-article", (case.id, words)  # short items are news too
        for section in ("allegations", "denials", "outcomes"):
            for item in case.gold[section]:
                assert item["evidence"], (case.id, item["id"])
                for quote in item["evidence"]:
                    assert quote in text, (case.id, item["id"], quote)


def test_fixtures_cover_the_required_situations() -> None:
    golds = {c.id: c.gold for c in load_cases([FIXTURES])}
    types = {o["type"] for g in golds.values() for o in g["outcomes"]}
    assert {"resignation", "charge", "lawsuit", "withdrawal", "fine", "settlement", "investigation",
            "appointment", "arrest", "ruling", "conviction", "acquittal", "sanction", "retraction"} <= types
    assert any(not g["allegations"] for g in golds.values())  # an article with no allegations
    assert any(d["denies"] is None for g in golds.values() for d in g["denials"])
    assert any(len(a["by"]) >= 3 for g in golds.values() for a in g["allegations"])  # several accusers
    text = (FIXTURES / "prompt-injection.txt").read_text()
    assert "Ignore previous instructions" in text
    assert (FIXTURES / "html-article.txt").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared/benchmark is not here")
def test_fixtures_pass_the_shared_checker() -> None:
    result = subprocess.run([sys.executable, str(CHECKER), str(FIXTURES)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "16 gold files OK" in result.stdout or "gold files OK" in result.stdout


def test_the_long_fixture_needs_several_requests_on_the_embedded_model() -> None:
    from summarize.backends.base import Endpoint
    from summarize.extraction import Extractor
    from summarize.pipeline import Pipeline
    from summarize.prompting import PromptSet
    from summarize.sources import read_article

    article = read_article(str(FIXTURES / "long-investigation.txt"))
    assert len(article.text.split()) > 6000  # ~1.3 tokens a word: past the 8,192-token context
    endpoint = Endpoint("http://127.0.0.1:9/v1", "k", "m", "embedded", context_tokens=8192, parallel=2)
    plan = Pipeline(Extractor(endpoint), PromptSet.load()).plan(article)
    assert len(plan.chunks) >= 2
    assert [s for chunk in plan.chunks for s in chunk] == plan.sentences  # every sentence once, in order
