"""One article as a self-contained HTML page: the text with each item's evidence
highlighted in the colour of its kind and tagged with its id, actors with their
mentions, and every doubted or unverified item marked, beside the lists of items."""

from __future__ import annotations

import html
from dataclasses import dataclass

from summarize.highlight import segments
from summarize.render import item_label
from summarize.schema import Allegation, Denial, Outcome, Summary
from summarize.wording import Named, mentions

Item = Allegation | Denial | Outcome

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1.5em auto;max-width:1400px;color:#222;padding:0 1em}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em;align-items:start}
.text{white-space:pre-wrap;background:#fcfcfc;border:1px solid #ddd;padding:1em 1.2em}
mark{padding:1px 0;border-radius:2px}
mark.allegation{background:#ffd6d1}mark.denial{background:#d3e4ff}mark.outcome{background:#cdeec8}
mark.several{background:linear-gradient(#ffd6d1,#d3e4ff)}
mark.flagged{outline:2px dashed #b26a00;background:#fff1cc}
.mention{border-bottom:2px solid #7a5cc4}
sup.tag{font-size:70%;font-weight:600;color:#444;margin-left:1px}
.gist{font-size:1.1em;border-left:4px solid #888;padding-left:.8em}
.legend span{padding:1px 6px;margin-right:.6em}
li{margin:.35em 0}.status{font-size:85%;font-weight:600}
.ok{color:#1a7f37}.doubt{color:#b26a00}.bad{color:#c62828}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
small{color:#555}footer{margin-top:2em;color:#666;font-size:85%}
"""
_KINDS = {"A": "allegation", "D": "denial", "O": "outcome"}


@dataclass(frozen=True)
class _Shown:
    item: Item
    doubted: bool

    @property
    def kind(self) -> str:
        return _KINDS[self.item.id[0]]

    @property
    def flagged(self) -> bool:
        return self.doubted or bool(self.item.checks) or not self.item.grounded


def _items(summary: Summary) -> list[_Shown]:
    kept = [*summary.allegations, *summary.denials, *summary.outcomes]
    doubted = [*summary.doubted.allegations, *summary.doubted.denials, *summary.doubted.outcomes]
    return [_Shown(i, False) for i in kept] + [_Shown(i, True) for i in doubted]


def _status(shown: _Shown) -> str:
    item = shown.item
    if not item.grounded:
        return '<span class="status bad">not found in the text</span>'
    if shown.flagged:
        return f'<span class="status doubt">doubted: {html.escape(", ".join(item.checks))}</span>'
    return '<span class="status ok">verified</span>'


def _mention_spans(text: str, summary: Summary) -> list[tuple[int, int, str]]:
    """Each actor's mentions by name or alias, the longest form where two overlap."""
    named = [Named(a.id, [a.name, *a.aliases], a.kind.value == "person") for a in summary.actors]
    found = sorted(mentions(text, named) + mentions(text, named, possessive=True),
                   key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, actor in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, actor))
    return kept


def _article_html(text: str, summary: Summary, shown: list[_Shown],
                  mention_spans: list[tuple[int, int, str]]) -> str:
    by_id = {s.item.id: s for s in shown}
    spans = [(e.start, e.end, f"item:{s.item.id}") for s in shown for e in s.item.evidence]
    spans += [(start, end, f"actor:{actor}") for start, end, actor in mention_spans]
    span_ends = {(e.end, s.item.id) for s in shown for e in s.item.evidence}
    anchored: set[str] = set()
    out = []
    for start, end, labels in segments(len(text), spans):
        chunk = html.escape(text[start:end])
        actors = [label[6:] for label in labels if label.startswith("actor:")]
        if actors:
            chunk = f'<span class="mention" data-actor="{actors[0]}">{chunk}</span>'
        ids = sorted(label[5:] for label in labels if label.startswith("item:"))
        if ids:
            items = [by_id[i] for i in ids]
            kinds = {s.kind for s in items}
            css = "flagged" if any(s.flagged for s in items) else kinds.pop() if len(kinds) == 1 else "several"
            first = next((i for i in ids if i not in anchored), None)
            anchor = f' id="ev-{first}"' if first else ""
            anchored.update(ids)
            title = html.escape("; ".join(f"{s.item.id}: {item_label(summary, s.item)}" for s in items), quote=True)
            chunk = f'<mark class="{css}" data-items="{" ".join(ids)}" title="{title}"{anchor}>{chunk}</mark>'
        tags = "".join(f'<sup class="tag">{i}</sup>' for e_end, i in sorted(span_ends) if e_end == end)
        out.append(chunk + tags)
    return "".join(out)


def _item_lists(summary: Summary, shown: list[_Shown]) -> str:
    parts = []
    for kind, title in (("allegation", "Allegations"), ("denial", "Denials"), ("outcome", "Outcomes")):
        rows = [s for s in shown if s.kind == kind]
        items = "".join(
            f'<li id="item-{s.item.id}"><mark class="{"flagged" if s.flagged else kind}">{s.item.id}</mark> '
            f"{html.escape(item_label(summary, s.item))}"
            + (" <small>(listed apart as doubted)</small>" if s.doubted else "")
            + f"<br>{_status(s)}"
            + "".join(f' <a href="#ev-{s.item.id}">[{e.sentence}]</a>' for e in s.item.evidence[:1])
            + "</li>"
            for s in rows
        ) or "<li><i>none found</i></li>"
        parts.append(f"<h2>{title}</h2><ul>{items}</ul>")
    return "".join(parts)


def _actor_table(summary: Summary, text: str, mention_spans: list[tuple[int, int, str]]) -> str:
    rows = []
    for actor in summary.actors:
        forms = sorted({text[s:e] for s, e, a in mention_spans if a == actor.id})
        count = sum(1 for *_, a in mention_spans if a == actor.id)
        rows.append(f"<tr><td><span class='mention'>{html.escape(actor.name)}</span></td><td>{actor.kind.value}</td>"
                    f"<td>{html.escape(actor.role)}</td><td>{count}"
                    + (f" <small>({html.escape(', '.join(forms))})</small>" if forms else "") + "</td></tr>")
    return ("<h2>Actors</h2><table><tr><th>name</th><th>kind</th><th>role</th><th>mentions</th></tr>"
            + "".join(rows) + "</table>")


def to_html(summary: Summary, text: str) -> str:
    """The page for one summary; ``text`` is the normalised article its spans index."""
    shown = _items(summary)
    mention_spans = _mention_spans(text, summary)
    p = summary.provenance
    legend = ('<p class="legend"><mark class="allegation">allegation</mark> <mark class="denial">denial</mark> '
              '<mark class="outcome">outcome</mark> <span class="mention">actor mention</span> '
              '<mark class="flagged">doubted or not verified</mark> · hover a highlight for its items</p>')
    footer = (f"<footer>{html.escape(p.model)} ({p.backend}) · summarize {p.summarize_version} · prompts "
              f"{p.prompt_hash} · schema {p.schema_version} · {p.input_tokens} in / {p.output_tokens} out tokens · "
              f"{p.latency_s:.1f} s" + "".join(f"<br>warning: {html.escape(w)}" for w in p.warnings) + "</footer>")
    body = (f"<h1>Summary of {html.escape(p.source)}</h1><p class='gist'>{html.escape(summary.gist)}</p>{legend}"
            f"<div class='layout'><div class='text'>{_article_html(text, summary, shown, mention_spans)}</div>"
            f"<div>{_actor_table(summary, text, mention_spans)}{_item_lists(summary, shown)}</div></div>{footer}")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Summary of '
            f"{html.escape(p.source)}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n")
