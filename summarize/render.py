"""Present a Summary: rich panels and tables for people, Markdown for reports, JSON for tools."""

from __future__ import annotations

import json

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarize.schema import Allegation, Denial, Evidence, Outcome, Summary

_EVIDENCE_CHARS = 160


def names(summary: Summary, ids: list[str]) -> str:
    names = {a.id: a.name for a in summary.actors}
    return ", ".join(names.get(i, i) for i in ids) or "(unattributed)"


def item_label(summary: Summary, item: Allegation | Denial | Outcome) -> str:
    """One line for an item: who, what, in the actors' names."""
    if isinstance(item, Allegation):
        return f"{names(summary, item.accusers)} → {names(summary, item.accused)}: {item.claim}"
    if isinstance(item, Denial):
        return f"{names(summary, item.deniers)} deny {item.denies or 'an unlisted claim'}: {item.claim}"
    return f"{item.type.value} ({names(summary, item.actors)}): {item.description}"


def _quote(evidence: list[Evidence], limit: int = _EVIDENCE_CHARS) -> str:
    parts = []
    for e in evidence:
        text = e.text if len(e.text) <= limit else e.text[: limit - 1] + "…"
        parts.append(f"[{e.sentence}] “{text}”")
    return "\n".join(parts)


def _mark(item: Allegation | Denial | Outcome) -> str:
    if not item.grounded:
        return "NOT VERIFIED" + (f" ({', '.join(item.checks)})" if item.checks else "")
    return f"doubted: {', '.join(item.checks)}" if item.checks else "verified"


def notes(summary: Summary, verbose: bool = False, quiet: bool = False) -> list[str]:
    """What a reader should know beside the tables: warnings about the article always;
    what the code changed in the model's reply item by item with ``verbose``, else a count
    (nothing with ``quiet``)."""
    p = summary.provenance
    lines = [f"warning: {w}" for w in p.warnings]
    if quiet:
        return lines
    if verbose:
        lines += [f"{f.action}: {f.item}: {f.detail}" for f in p.findings]
    elif p.findings:
        count = len(p.findings)
        lines.append(f"{p.source}: {count} correction{'s' if count != 1 else ''} and checks of the model's reply; "
                     "-v lists them")
    return lines


def to_json(summary: Summary) -> str:
    return summary.model_dump_json(indent=2) + "\n"


def to_jsonl(summaries: list[Summary]) -> str:
    """One summary a line, whatever their number."""
    return "".join(json.dumps(s.model_dump(mode="json"), ensure_ascii=False) + "\n" for s in summaries)


def to_rich(summary: Summary) -> RenderableType:
    parts: list[RenderableType] = [Panel(summary.gist, title=f"Summary of {summary.provenance.source}")]
    actors = Table(title="Actors", box=box.SIMPLE_HEAD, expand=True)
    for column in ("id", "name", "kind", "role", "aliases"):
        actors.add_column(column)
    for a in summary.actors:
        actors.add_row(a.id, a.name, a.kind.value, a.role, ", ".join(a.aliases))
    parts.append(actors)
    sections = [
        ("Allegations", ("id", "accusers", "accused", "claim", "evidence", "check"),
         [(x.id, names(summary, x.accusers), names(summary, x.accused), x.claim, _quote(x.evidence), x)
          for x in summary.allegations]),
        ("Denials", ("id", "deniers", "denies", "claim", "evidence", "check"),
         [(x.id, names(summary, x.deniers), x.denies or "-", x.claim, _quote(x.evidence), x)
          for x in summary.denials]),
        ("Outcomes", ("id", "type", "actors", "description", "evidence", "check"),
         [(x.id, x.type.value, names(summary, x.actors), x.description, _quote(x.evidence), x)
          for x in summary.outcomes]),
    ]
    for title, columns, rows in sections:
        table = Table(title=title, box=box.SIMPLE_HEAD, expand=True, show_lines=True)
        for column in columns:
            table.add_column(column, overflow="fold")
        for *cells, item in rows:
            style = "green" if item.grounded and not item.checks else "bold red" if not item.grounded else "yellow"
            table.add_row(*cells, Text(_mark(item), style=style))
        if not rows:
            table.add_row(*(["none found"] + [""] * (len(columns) - 1)))
        parts.append(table)
    doubted = summary.doubted
    rows_doubted = [(x.id, "allegation", f"{names(summary, x.accusers)} → {names(summary, x.accused)}: {x.claim}",
                     _quote(x.evidence), ", ".join(x.checks)) for x in doubted.allegations]
    rows_doubted += [(x.id, "denial", f"{names(summary, x.deniers)}: {x.claim}", _quote(x.evidence),
                      ", ".join(x.checks)) for x in doubted.denials]
    rows_doubted += [(x.id, x.type.value, f"{names(summary, x.actors)}: {x.description}", _quote(x.evidence),
                      ", ".join(x.checks)) for x in doubted.outcomes]
    if rows_doubted:
        table = Table(title="Doubted: the model gave these, checks in code doubt them", box=box.SIMPLE_HEAD,
                      expand=True, show_lines=True, style="dim")
        for column in ("id", "kind", "item", "evidence", "failed checks"):
            table.add_column(column, overflow="fold")
        for row in rows_doubted:
            table.add_row(*row)
        parts.append(table)
    p = summary.provenance
    footer = (
        f"{p.model} ({p.backend}) · prompts {p.prompt_hash} · schema {p.schema_version} · "
        f"{p.input_tokens} in / {p.output_tokens} out tokens · {p.requests} request(s) · {p.latency_s:.1f} s"
    )
    parts.append(Text(footer, style="dim"))
    return Group(*parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(summaries: list[Summary]) -> str:
    out: list[str] = []
    for s in summaries:
        p = s.provenance
        out += [f"# Summary of {p.source}", "", s.gist, "", "## Actors", "",
                "| id | name | kind | role | aliases |", "|---|---|---|---|---|"]
        out += [f"| {a.id} | {_cell(a.name)} | {a.kind.value} | {_cell(a.role)} | {_cell(', '.join(a.aliases))} |"
                for a in s.actors]
        for title, items in (("Allegations", s.allegations), ("Denials", s.denials), ("Outcomes", s.outcomes)):
            out += ["", f"## {title}", ""]
            out += [f"- **{x.id}** {item_label(s, x)} ({_mark(x)})\n  > {_quote(x.evidence)}" for x in items] \
                or ["None found."]
        doubted = [*s.doubted.allegations, *s.doubted.denials, *s.doubted.outcomes]
        if doubted:
            out += ["", "## Doubted", "", "The model gave these; checks in code doubt them.", ""]
            out += [f"- **{x.id}** {getattr(x, 'claim', None) or getattr(x, 'description', '')} "
                    f"(failed: {', '.join(x.checks)})" for x in doubted]
        out += ["", f"<sub>{p.model} ({p.backend}), prompts {p.prompt_hash}, schema {p.schema_version}, "
                f"{p.input_tokens} in / {p.output_tokens} out tokens, {p.latency_s:.1f} s</sub>", ""]
        out += [f"> warning: {w}" for w in p.warnings]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
