"""Human renderings of one document's decisions (for `explain`, reusable by `check`).

Every line of the document with its verdict, rule, score and recurrence; for
removed near-duplicates, where else the line occurs; for user overrides, the
pattern that decided. Colour comes from rich, so NO_COLOR and pipes are honoured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cleaner.model import Decision, DocumentResult, Rule
from cleaner.options import Options

#: Other documents listed under a recurring line.
MAX_MATCHES_SHOWN = 3

_OVERRIDES = {Rule.USER_KEEP: "--keep", Rule.USER_DROP: "--drop"}


def override_pattern(decision: Decision, options: Options) -> str | None:
    """The user pattern that decided this line, when a --keep/--drop override did."""
    flag = _OVERRIDES.get(decision.rule)
    if flag is None:
        return None
    patterns = options.keep_patterns if decision.rule is Rule.USER_KEEP else options.drop_patterns
    for pattern in patterns:
        if re.search(pattern, decision.text):
            return f"{flag} {pattern!r}"
    return flag


def why(decision: Decision, options: Options) -> str:
    """The rule in words a person can check: rule, its detail, the deciding override."""
    parts = [str(decision.rule)]
    override = override_pattern(decision, options)
    if override:
        parts.append(f"override {override}")
    elif decision.detail:
        parts.append(decision.detail)
    return ": ".join(parts)


def explain_table(result: DocumentResult, options: Options, *,
                  dropped_only: bool = False) -> Table:
    """One row per line: number, keep/drop, kind, rule, docs, score, text; a dim row
    under each recurring removal names the other documents and their similarity."""
    by_line = {d.line_index: d for d in result.decisions}
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("line", justify="right", style="dim", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("rule", no_wrap=True, max_width=36)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    for index in range(len(result.original_lines)):
        decision = by_line.get(index)
        if decision is None or (dropped_only and decision.keep):
            continue
        table.add_row(*_row(decision, options))
        if not decision.keep and decision.matches:
            table.add_row("", "", "", "", "", "", _matches_text(decision.matches))
    return table


def explain_header(result: DocumentResult, path: str, corpus: str, documents: int) -> Text:
    removed = len(result.removed)
    kept = len(result.decisions) - removed
    return Text.from_markup(
        f"[bold]{escape(path)}[/]: {kept} line(s) kept, [red]{removed} dropped[/] "
        f"[dim](corpus {escape(corpus)}, {documents} document(s))[/]")


def explain_view(result: DocumentResult, options: Options, *, path: str, corpus: str,
                 documents: int, dropped_only: bool = False) -> RenderableType:
    return Group(explain_header(result, path, corpus, documents), Text(""),
                 explain_table(result, options, dropped_only=dropped_only))


def _row(decision: Decision, options: Options) -> tuple[Text | str, ...]:
    override = decision.rule in _OVERRIDES
    if decision.keep:
        verdict = Text("keep", style="bold magenta" if override else "green")
        text = Text(decision.text)
    else:
        verdict = Text("drop", style="bold magenta" if override else "bold red")
        text = Text(decision.text, style="red")
    rule = Text(why(decision, options), style="magenta" if override else "")
    docs = str(decision.doc_count) if decision.doc_count > 1 else ""
    score = f"{decision.score:.0f}" if decision.score else ""
    return (str(decision.line_index + 1), verdict, str(decision.kind), rule, docs, score, text)


def _matches_text(matches: Sequence) -> Text:
    shown = ", ".join(f"{m.document} ({m.score:.0f})" for m in matches[:MAX_MATCHES_SHOWN])
    more = len(matches) - MAX_MATCHES_SHOWN
    suffix = f" and {more} more" if more > 0 else ""
    return Text(f"↳ also in {shown}{suffix}", style="dim")
