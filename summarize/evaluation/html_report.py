"""A self-contained HTML page: per article, the text with evidence highlighted, and the
matched, missed and spurious items side by side."""

from __future__ import annotations

import html
from typing import Any

from summarize.errors import SummarizeError
from summarize.evaluation.harness import CaseResult, EvalRun
from summarize.evaluation.scoring import SECTIONS
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
    marks = [0] * len(text)  # bit 1: gold evidence, bit 2: predicted evidence
    for bit, quotes in ((1, gold_quotes), (2, pred_quotes)):
        for quote in quotes:
            start = text.find(quote)
            if quote and start >= 0:
                for i in range(start, start + len(quote)):
                    marks[i] |= bit
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        chunk = html.escape(text[i:j])
        css = {1: "gold", 2: "pred", 3: "both"}.get(marks[i])
        out.append(f'<mark class="{css}">{chunk}</mark>' if css else chunk)
        i = j
    return "".join(out)


def _quotes(doc: dict[str, Any] | None) -> list[str]:
    return [q for s in SECTIONS[1:] for item in (doc or {}).get(s, []) for q in item.get("evidence", [])]


def _article(result: CaseResult) -> str:
    gold, pred, score = result.case.gold or {}, result.prediction or {}, result.score
    try:
        text = read_article(str(result.case.text_path)).text
    except SummarizeError as exc:
        text = str(exc)
    parts = [f'<section class="article"><h2>{html.escape(result.case.id)}</h2>']
    if result.error:
        parts.append(f"<p><b>failed:</b> {html.escape(result.error)}</p>")
    parts.append(f'<div class="text">{_highlight(text, _quotes(gold), _quotes(pred))}</div>')
    if score is None:
        return "".join(parts) + "<p>unlabelled: not scored</p></section>"
    gold_names = {a["id"]: a["name"] for a in gold.get("actors", [])}
    pred_names = {a["id"]: a["name"] for a in pred.get("actors", [])}
    for section in SECTIONS:
        gold_items = {i["id"]: i for i in gold.get(section, [])}
        pred_items = {i["id"]: i for i in pred.get(section, [])}
        c = score.counts[section]
        parts.append(f"<h3>{section}: P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f}</h3><div class='cols'>")
        matched = [f"{html.escape(_item_label(section, pred_items[p], pred_names))}<br><small>≈ gold: "
                   f"{html.escape(_item_label(section, gold_items[g], gold_names))}</small>"
                   for p, g in score.matches[section]]
        missed = [html.escape(_item_label(section, gold_items[g], gold_names)) for g in score.missed[section]]
        spurious = [html.escape(_item_label(section, pred_items[p], pred_names)) for p in score.spurious[section]]
        for css, title, items in (("matched", "matched", matched), ("missed", "missed (gold only)", missed),
                                  ("spurious", "spurious (prediction only)", spurious)):
            body = "".join(f"<li>{x}</li>" for x in items) or "<li><i>none</i></li>"
            parts.append(f'<div class="{css}"><h4>{title}</h4><ul>{body}</ul></div>')
        parts.append("</div>")
    return "".join(parts) + "</section>"


def render(run: EvalRun) -> str:
    data = run.as_dict()
    rows = "".join(
        f"<tr><td>{s}</td><td>{data[s]['precision']:.3f}</td><td>{data[s]['recall']:.3f}</td>"
        f"<td>{data[s]['f1']:.3f}</td><td>{data[s]['tp']}</td><td>{data[s]['fp']}</td><td>{data[s]['fn']}</td></tr>"
        for s in SECTIONS
    )
    head = (
        f"<h1>summarize eval: macro F1 {data['macro_f1']:.3f}</h1>"
        f"<p>{data['scored']} scored of {data['articles']} articles · model {html.escape(run.model)} · "
        f"prompts {html.escape(run.prompt_hash)} · grounding {data['grounding_rate']:.3f} · "
        f"valid {data['valid_rate']:.3f}</p>"
        f"<table><tr><th>section</th><th>precision</th><th>recall</th><th>F1</th><th>tp</th><th>fp</th>"
        f"<th>fn</th></tr>{rows}</table>"
        '<p class="legend">evidence: <mark class="gold">gold</mark> <mark class="pred">predicted</mark> '
        '<mark class="both">both</mark></p>'
    )
    body = head + "".join(_article(r) for r in run.results)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>summarize eval</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>\n")
