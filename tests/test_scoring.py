"""The scorer against hand-computed expectations, on a small gold written for the test."""

from __future__ import annotations

import copy

import pytest

from summarize.evaluation import scoring
from summarize.evaluation.scoring import aggregate, match_actors, score_article

TEXT = (
    "Mayor Jane Roe resigned on Monday. The Daily Ledger reported that Roe took bribes. "
    "Roe denied the report. Police chief Sam Obi was appointed acting mayor."
)
GOLD = {
    "format": "summarize-gold/1", "id": "t",
    "actors": [
        {"id": "roe", "name": "Jane Roe", "aliases": ["Roe", "Mayor Jane Roe"], "kind": "person", "roles": [], "optional": False},
        {"id": "ledger", "name": "The Daily Ledger", "aliases": [], "kind": "media", "roles": [], "optional": False},
        {"id": "obi", "name": "Sam Obi", "aliases": ["Obi"], "kind": "person", "roles": [], "optional": False},
        {"id": "police", "name": "Police", "aliases": [], "kind": "organisation", "roles": [], "optional": True},
    ],
    "allegations": [
        {"id": "A1", "by": ["ledger"], "against": ["roe"], "claim": "Roe took bribes.",
         "evidence": ["The Daily Ledger reported that Roe took bribes."], "optional": False},
    ],
    "denials": [
        {"id": "D1", "by": ["roe"], "denies": "A1", "claim": "Roe denied taking bribes.",
         "evidence": ["Roe denied the report."], "optional": False},
    ],
    "outcomes": [
        {"id": "O1", "actors": ["roe"], "type": "resignation", "description": "Roe resigned.",
         "evidence": ["Mayor Jane Roe resigned on Monday."], "optional": False},
        {"id": "O2", "actors": ["obi"], "type": "appointment", "description": "Obi was appointed acting mayor.",
         "evidence": ["Police chief Sam Obi was appointed acting mayor."], "optional": False},
    ],
}


def _pred(**changes):  # type: ignore[no-untyped-def]
    pred = copy.deepcopy(GOLD)
    for item in pred["actors"]:
        item["optional"] = False
    pred.update(changes)
    return pred


def test_gold_against_itself_scores_one() -> None:
    report = aggregate([score_article(_pred(), GOLD, TEXT)])
    assert report.macro_f1 == 1.0 and report.grounding_rate == 1.0


def test_an_empty_prediction_has_zero_recall() -> None:
    empty = {"actors": [], "allegations": [], "denials": [], "outcomes": []}
    report = aggregate([score_article(empty, GOLD, TEXT)])
    assert all(report.counts[s].recall == 0 for s in report.counts)
    assert report.counts["outcomes"].fn == 2 and report.counts["actors"].fn == 3  # optional not counted


def test_surname_matches_full_name_after_exact_matches() -> None:
    pred = [{"id": "p1", "name": "Jane"}, {"id": "p2", "name": "Obi"}, {"id": "p3", "name": "the Mayor Jane Roe"}]
    # Exact (name or alias, "the" dropped) pairs first: p3 takes Roe, so p1's containment finds nothing.
    assert match_actors(pred, GOLD["actors"]) == {"p3": "roe", "p2": "obi"}
    assert match_actors(pred[:1], GOLD["actors"]) == {"p1": "roe"}
    assert match_actors([{"id": "x", "name": "Michael Flynn"}],
                        [{"id": "f", "name": "Flynn", "aliases": []}]) == {"x": "f"}


def test_swapped_accuser_and_accused_is_a_miss() -> None:
    pred = _pred(allegations=[dict(GOLD["allegations"][0], by=["roe"], against=["ledger"])])
    counts = score_article(pred, GOLD, TEXT).counts["allegations"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_optional_gold_items_count_neither_way() -> None:
    with_optional = score_article(_pred(), GOLD, TEXT).counts["actors"]
    without = score_article(_pred(actors=_pred()["actors"][:3]), GOLD, TEXT).counts["actors"]
    assert (with_optional.tp, with_optional.fp, with_optional.fn) == (3, 0, 0)
    assert (without.tp, without.fp, without.fn) == (3, 0, 0)


def test_denial_pointing_at_the_wrong_allegation_is_a_miss() -> None:
    extra = {"id": "A2", "by": ["ledger"], "against": ["obi"], "claim": "Obi hid evidence of the bribes.",
             "evidence": [], "optional": False}
    pred = _pred(allegations=[*GOLD["allegations"], extra],
                 denials=[dict(GOLD["denials"][0], denies="A2")])
    counts = score_article(pred, GOLD, TEXT).counts["denials"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_outcome_needs_the_type_and_an_actor() -> None:
    pred = _pred(outcomes=[dict(GOLD["outcomes"][0], type="dismissal"), GOLD["outcomes"][1]])
    counts = score_article(pred, GOLD, TEXT).counts["outcomes"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)


def test_a_quote_not_in_the_text_lowers_grounding() -> None:
    pred = _pred(outcomes=[dict(GOLD["outcomes"][0], evidence=["Roe was fired by the council."]),
                           GOLD["outcomes"][1]])
    score = score_article(pred, GOLD, TEXT)
    assert (score.quotes, score.grounded_quotes) == (4, 3)
    # Typographic quotes and spacing differences do not count against a quote.
    curly = _pred(denials=[dict(GOLD["denials"][0], evidence=["Roe  denied the report."])])
    assert score_article(curly, GOLD, TEXT).grounded_quotes == 4


def test_micro_average_over_articles() -> None:
    good = score_article(_pred(), GOLD, TEXT)
    empty = score_article({"actors": [], "allegations": [], "denials": [], "outcomes": []}, GOLD, TEXT)
    counts = aggregate([good, empty]).counts["outcomes"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 2)
    assert counts.precision == 1.0 and counts.recall == 0.5


@pytest.mark.parametrize(("written", "normalised"), [
    ("Sen. Ann O\u2019Neill", "ann o'neill"),
    ("The Kremlin", "kremlin"),
    ("President Donald Trump", "donald trump"),
    ("Gen. Michael Flynn", "michael flynn"),
    ("FLYNN.", "flynn"),
])
def test_the_scorer_normalises_names_by_the_contract(written: str, normalised: str) -> None:
    assert scoring.normalise_name(written) == normalised


def test_the_scorer_does_not_use_the_products_name_handling() -> None:
    import summarize.evaluation.scoring as module
    assert "summarize.actors" not in {getattr(v, "__module__", "") for v in vars(module).values()}
