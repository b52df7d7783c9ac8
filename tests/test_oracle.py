"""The post-model layer keeps a perfect reply: `summarize eval --oracle` as a CI gate.

Each gold file becomes the reply a perfect model would give (oracle.py) and goes
through every pass that runs on the embedded model by default. What the passes
lose of it is a loss the tool inflicts itself.
"""

from pathlib import Path

import pytest

from summarize.compose import passes as pass_list
from summarize.compose.passes import VERIFY, Pass, default_passes, pass_names
from summarize.compose.state import Composition
from summarize.evaluation.dataset import load_cases
from summarize.evaluation.harness import run_oracle
from summarize.evaluation.oracle import cited_sentences
from summarize.segment import split_sentences
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "benchmark"
SETS = [pytest.param(ROOT / "evals" / "fixtures", id="fixtures"),
        pytest.param(SHARED, id="shared", marks=pytest.mark.skipif(not SHARED.exists(), reason="no ../shared"))]
GATE, SECTION_GATE = 0.97, 0.95


@pytest.mark.parametrize("folder", SETS)
def test_the_default_passes_keep_a_perfect_reply(folder: Path) -> None:
    report = run_oracle(load_cases([folder]), default_passes(embedded=True)).report
    assert report.macro_f1 >= GATE
    assert {s: c.f1 for s, c in report.counts.items() if c.f1 < SECTION_GATE} == {}


@pytest.mark.parametrize("folder", SETS)
def test_the_verifying_passes_keep_a_perfect_reply_whole(folder: Path) -> None:
    assert run_oracle(load_cases([folder]), pass_names(VERIFY)).report.macro_f1 >= 0.99


def _drop_flagged(c: Composition) -> None:
    """What the layer used to do: leave out every item a check doubted."""
    for item in c.items:
        if item.checks:
            item.removed = True


def test_a_pass_that_deletes_doubted_items_fails_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    deleting = Pass("drop-flagged", _drop_flagged, VERIFY, "leaves out what a check doubted")
    monkeypatch.setattr(pass_list, "PASSES", [*pass_list.PASSES, deleting])
    report = run_oracle(load_cases([ROOT / "evals" / "fixtures"]), [*default_passes(True), "drop-flagged"]).report
    assert report.macro_f1 < GATE


def test_the_perfect_reply_cites_the_sentences_holding_each_quote() -> None:
    text = "Ann Lee resigned. The board thanked her.\nShe denied it, the paper said. Nothing more."
    sentences = split_sentences(text)
    assert cited_sentences(["The board thanked her"], text, sentences) == [2]
    assert cited_sentences(["thanked  her.\nShe denied"], text, sentences) == [2, 3]  # whitespace differs
    assert cited_sentences(["Ann Lee resigned", "Nothing more"], text, sentences) == [1, 4]
