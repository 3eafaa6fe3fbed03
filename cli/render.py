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
from rich.text import Text

from cleaner.model import Decision, DocumentResult, Match, Rule
from cleaner.options import Options
from cleaner.register_evidence import REGISTER_SOURCE

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


def explain_lines(result: DocumentResult, options: Options, *,
                  dropped_only: bool = False) -> list[Text]:
    """One line of output per document line, in fixed columns (number, keep/drop, kind,
    rule, documents, score, then the text, never wrapped, so it greps like `git blame`);
    under each recurring removal a dim line names the other documents and similarity."""
    decisions = [d for d in result.decisions if not (dropped_only and d.keep)]
    number_width = max(4, len(str(len(result.original_lines))))
    kind_width = max((len(str(d.kind)) for d in decisions), default=4)
    rule_width = max((len(why(d, options)) for d in decisions), default=4)
    rows = [Text(f"{'line':>{number_width}} verdict {'kind':<{kind_width}} "
                 f"{'rule':<{rule_width}} docs score  text", style="bold")]
    for decision in decisions:
        override = decision.rule in _OVERRIDES
        style = "bold magenta" if override else ("green" if decision.keep else "bold red")
        row = Text(f"{decision.line_index + 1:>{number_width}} ", style="dim")
        row.append(f"{'keep' if decision.keep else 'drop':<7} ", style=style)
        row.append(f"{decision.kind!s:<{kind_width}} ")
        row.append(f"{why(decision, options):<{rule_width}} ",
                   style="magenta" if override else "")
        docs = str(decision.doc_count) if decision.doc_count > 1 else ""
        score = f"{decision.score:.0f}" if decision.score else ""
        row.append(f"{docs:>4} {score:>5}  ")
        row.append(decision.text, style="" if decision.keep else "red")
        rows.append(row)
        # near-duplicate variants inside this document name it too: not "elsewhere"
        elsewhere = [m for m in decision.matches if m.document != result.name]
        if not decision.keep and elsewhere:
            indent = " " * (number_width + kind_width + rule_width + 23)
            rows.append(Text(indent) + _matches_text(elsewhere))
    return rows


def explain_header(result: DocumentResult, path: str, corpus: str, documents: int) -> Text:
    removed = len(result.removed)
    kept = len(result.decisions) - removed
    return Text.from_markup(
        f"[bold]{escape(path)}[/]: {kept} line(s) kept, [red]{removed} dropped[/] "
        f"[dim](corpus {escape(corpus)}, {documents} document(s))[/]")


def explain_view(result: DocumentResult, options: Options, *, path: str, corpus: str,
                 documents: int, dropped_only: bool = False) -> RenderableType:
    return Group(explain_header(result, path, corpus, documents), Text(""),
                 *explain_lines(result, options, dropped_only=dropped_only))


def _where(match: Match) -> str:
    """A document name, or for register evidence (documents cleaned earlier) the entry
    to look at with `newsclean register show ID`."""
    if match.document.startswith(REGISTER_SOURCE):
        return f"register entry {match.document.removeprefix(REGISTER_SOURCE)}"
    return match.document


def _matches_text(matches: Sequence[Match]) -> Text:
    shown = ", ".join(f"{_where(m)} ({m.score:.0f})" for m in matches[:MAX_MATCHES_SHOWN])
    more = len(matches) - MAX_MATCHES_SHOWN
    suffix = f" and {more} more" if more > 0 else ""
    return Text(f"↳ also in {shown}{suffix}", style="dim")
