"""A self-contained HTML page: per article, the text with evidence highlighted, and the
matched, missed and spurious items side by side."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from summarize.errors import SummarizeError
from summarize.evaluation.harness import CaseResult, EvalRun
from summarize.evaluation.scoring import GAPS, SECTIONS, ArticleScore
from summarize.highlight import segments
from summarize.sources import read_article

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
.article{border-top:3px solid #444;margin-top:2.5em}
.text{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1em;max-height:28em;overflow:auto}
mark.gold{background:#cfe8ff}mark.pred{background:#ffe7a8}mark.both{background:#c8f0c0}
.cols{display:grid;grid-template-columns:1fr 1fr 1fr;gap:1em}
.cols div{border:1px solid #ddd;padding:.5em}.cols h4{margin:.2em 0}
.overview td:first-child{max-width:40em;overflow:hidden}
small{color:#555}
.matched h4{color:#1a7f37}.missed h4{color:#b35900}.spurious h4{color:#c62828}
li{margin:.3em 0}.legend mark{padding:0 .4em}
"""


def _item_label(section: str, item: dict[str, Any], names: dict[str, str]) -> str:
    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "(unattributed)"

    if section == "actors":
        return f"{item['name']} ({item.get('kind', '')})"
    if section == "allegations":
        return f"{who(item['by'])} → {who(item['against'])}: {item['claim']}"
    if section == "denials":
        return f"{who(item['by'])} deny {item.get('denies') or 'an unlisted claim'}: {item['claim']}"
    return f"{item['type']} ({who(item['actors'])}): {item.get('description', '')}"


def _highlight(text: str, gold_quotes: list[str], pred_quotes: list[str]) -> str:
    spans = [(start, start + len(quote), side)
             for side, quotes in (("gold", gold_quotes), ("pred", pred_quotes))
             for quote in quotes if quote and (start := text.find(quote)) >= 0]
    out = []
    for start, end, sides in segments(len(text), spans):
        chunk = html.escape(text[start:end])
        css = "both" if len(sides) == 2 else next(iter(sides), None)
        out.append(f'<mark class="{css}">{chunk}</mark>' if css else chunk)
    return "".join(out)


def _quotes(doc: dict[str, Any] | None) -> list[str]:
    return [q for s in SECTIONS[1:] for item in (doc or {}).get(s, []) for q in item.get("evidence", [])]


def anchor(case_id: str) -> str:
    return "a-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in case_id)


def _nearest(item: dict, others: list[dict], gap_of: Callable[[dict, dict], list[str]],
             taken: set[str]) -> tuple[dict | None, list[str]]:
    """The other side's item this one comes closest to matching, and what stands between:
    fewest failed criteria, an untaken item before a taken one."""
    best: tuple[int, bool, dict] | None = None
    best_gaps: list[str] = []
    for other in others:
        gaps = gap_of(item, other)
        key = (len(gaps), other["id"] in taken)
        if best is None or key < best[:2]:
            best, best_gaps = (*key, other), gaps
    return (best[2], best_gaps) if best is not None else (None, [])


def _why(section: str, item: dict, side: str, gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore,
         names: dict[str, dict[str, str]]) -> str:
    """For a missed gold item or a spurious prediction: its nearest counterpart and why
    they were not matched, in the scorer's own terms."""
    if section == "actors":
        return ""  # actors match by name alone: the name says why
    actors = dict(score.matches["actors"])
    allegations = dict(score.matches["allegations"])
    gaps_fn = GAPS[section]
    if side == "gold":
        taken = {p for p, _ in score.matches[section]}
        other, gaps = _nearest(item, pred.get(section, []), lambda g, p: gaps_fn(p, g, actors, allegations), taken)
        other_side, other_names = "prediction", names["pred"]
    else:
        taken = {g for _, g in score.matches[section]}
        other, gaps = _nearest(item, gold.get(section, []), lambda p, g: gaps_fn(p, g, actors, allegations), taken)
        other_side, other_names = "gold item", names["gold"]
    if other is None or len(gaps) > 1:  # near: all but one of the scorer's criteria met
        return f"no {other_side} comes close"
    label = html.escape(_item_label(section, other, other_names))
    if not gaps:
        return f"would match {other_side} {label}, which another item matched (one to one)"
    return f"nearest {other_side}: {label}; not matched: {html.escape('; '.join(gaps))}"


def _section(section: str, gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore) -> str:
    names = {"gold": {a["id"]: a["name"] for a in gold.get("actors", [])},
             "pred": {a["id"]: a["name"] for a in pred.get("actors", [])}}
    gold_items = {i["id"]: i for i in gold.get(section, [])}
    pred_items = {i["id"]: i for i in pred.get(section, [])}
    c = score.counts[section]
    # A match is shown once, in the model's words; the gold wording is its tooltip. A match
    # to an optional gold item counts neither way, and says so.
    matched = [f'<li title="gold: {html.escape(_item_label(section, gold_items[g], names["gold"]))}">'
               f'{html.escape(_item_label(section, pred_items[p], names["pred"]))}'
               + (" <small>(optional in gold: not counted)</small>" if gold_items[g].get("optional") else "")
               + "</li>" for p, g in score.matches[section]]
    def unmatched(item: dict, side: str) -> str:
        why = _why(section, item, side, gold, pred, score, names)
        return (f"<li>{html.escape(_item_label(section, item, names[side]))}"
                + (f"<br><small>{why}</small>" if why else "") + "</li>")

    missed = [unmatched(gold_items[g], "gold") for g in score.missed[section]]
    spurious = [unmatched(pred_items[p], "pred") for p in score.spurious[section]]
    parts = [f"<h3>{section}: P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f} "
             f"<small>({c.tp} matched, {c.fn} missed, {c.fp} spurious)</small></h3><div class='cols'>"]
    for css, title, items in (("matched", "matched", matched), ("missed", "missed (gold only)", missed),
                              ("spurious", "spurious (prediction only)", spurious)):
        parts.append(f'<div class="{css}"><h4>{title}</h4><ul>{"".join(items) or "<li><i>none</i></li>"}</ul></div>')
    return "".join(parts) + "</div>"


def _macro(result: CaseResult) -> float | None:
    return result.score.macro_f1 if result.score is not None else None


def _article(result: CaseResult) -> str:
    gold, pred, score = result.case.gold or {}, result.prediction or {}, result.score
    try:
        text = read_article(str(result.case.text_path)).text
    except SummarizeError as exc:
        text = str(exc)
    macro = _macro(result)
    status = f"macro F1 {macro:.3f}" if macro is not None else "failed" if result.error else "not scored"
    parts = [f'<section class="article" id="{anchor(result.case.id)}"><h2>{html.escape(result.case.id)} '
             f'<small>{status} · <a href="#overview">overview</a></small></h2>']
    if result.error:
        parts.append(f"<p><b>failed:</b> {html.escape(result.error)}</p>")
    parts.append(f'<div class="text">{_highlight(text, _quotes(gold), _quotes(pred))}</div>')
    if score is None:
        return "".join(parts) + "<p>unlabelled: not scored</p></section>"
    parts += [_section(section, gold, pred, score) for section in SECTIONS]
    return "".join(parts) + "</section>"


def _worst_first(results: list[CaseResult]) -> list[CaseResult]:
    """Failures first, then the scored by rising macro F1, the unlabelled last."""
    def key(r: CaseResult) -> tuple[int, float, str]:
        macro = _macro(r)
        return (0 if r.error else 1 if macro is not None else 2, macro or 0.0, r.case.id)
    return sorted(results, key=key)


def _overview(results: list[CaseResult]) -> str:
    rows = []
    for r in results:
        link = f'<a href="#{anchor(r.case.id)}">{html.escape(r.case.id)}</a>'
        if r.score is None:
            cells = f'<td colspan="5">{"failed" if r.error else "not scored: no gold"}</td>'
        else:
            cells = "".join(f"<td>{r.score.counts[s].f1:.2f}</td>" for s in SECTIONS) + f"<td>{_macro(r):.3f}</td>"
        rows.append(f"<tr><td>{link}</td>{cells}</tr>")
    head = "".join(f"<th>{s}</th>" for s in SECTIONS)
    return (f'<h2 id="overview">Articles, worst first</h2><table class="overview"><tr><th>article</th>{head}'
            f"<th>macro F1</th></tr>{''.join(rows)}</table>")


def render(run: EvalRun) -> str:
    data = run.as_dict()

    def figure(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    rows = "".join(
        f"<tr><td>{s}</td><td>{figure(data[s] and data[s]['precision'])}</td>"
        f"<td>{figure(data[s] and data[s]['recall'])}</td><td>{figure(data[s] and data[s]['f1'])}</td>"
        f"<td>{data[s]['tp'] if data[s] else '-'}</td><td>{data[s]['fp'] if data[s] else '-'}</td>"
        f"<td>{data[s]['fn'] if data[s] else '-'}</td></tr>"
        for s in SECTIONS
    )
    head = (
        f"<h1>summarize eval: macro F1 {figure(data['macro_f1'])}</h1>"
        f"<p>{data['scored']} scored of {data['articles']} articles · model {html.escape(run.model)} · "
        f"prompts {html.escape(run.prompt_hash)} · grounding {figure(data['grounding_rate'])} · "
        f"valid {data['valid_rate']:.3f}</p>"
        f"<table><tr><th>section</th><th>precision</th><th>recall</th><th>F1</th><th>tp</th><th>fp</th>"
        f"<th>fn</th></tr>{rows}</table>"
    )
    legend = ('<p class="legend">evidence: <mark class="gold">gold</mark> <mark class="pred">predicted</mark> '
              '<mark class="both">both</mark> · hover a matched item for the gold wording</p>')
    ordered = _worst_first(run.results)
    body = head + _overview(ordered) + legend + "".join(_article(r) for r in ordered)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>summarize eval</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>\n")
