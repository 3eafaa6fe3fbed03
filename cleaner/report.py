"""Machine-readable renderings of results: JSON records, the run report, unified diffs.

Pure functions over `DocumentResult` and `RunStats` so every command (`clean`,
`check`, `explain`) renders them the same way; the CLI only decides where they go.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from cleaner.model import Decision, DocumentResult
from cleaner.stats import RunStats

#: Bumped when a field of the JSON records or the report changes meaning.
SCHEMA_VERSION = 1


def decision_record(decision: Decision) -> dict[str, Any]:
    """One line's verdict as JSON: `line` is 1-based in the normalised document."""
    return {
        "line": decision.line_index + 1,
        "text": decision.text,
        "keep": decision.keep,
        "kind": str(decision.kind),
        "rule": str(decision.rule),
        "score": round(decision.score, 1),
        "doc_count": decision.doc_count,
        "matches": [{"document": m.document, "score": round(m.score, 1)}
                    for m in decision.matches],
        "detail": decision.detail,
    }


def document_record(result: DocumentResult, path: str,
                    *, all_decisions: bool = False) -> dict[str, Any]:
    """The JSONL object of one document: path, clean text and the removed lines
    (every decision, kept ones too, with `all_decisions`)."""
    record: dict[str, Any] = {
        "path": path,
        "changed": result.changed,
        "text": result.text,
        "removed": [decision_record(d) for d in result.removed],
    }
    if all_decisions:
        record["decisions"] = [decision_record(d) for d in result.decisions]
    return record


def to_json_line(record: dict[str, Any]) -> str:
    """A record as one line of JSONL (UTF-8 kept readable, keys in a stable order)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def stats_report(stats: RunStats, *, top: int = 20) -> dict[str, Any]:
    """The `--report FILE.json` object: the same numbers the summary table shows."""
    return {
        "schema": SCHEMA_VERSION,
        "files": {
            "read": stats.files_read,
            "cleaned": stats.files_cleaned,
            "unchanged": stats.files_unchanged,
            "skipped": stats.files_skipped,
            "skipped_reasons": dict(sorted(stats.skipped_reasons.items())),
        },
        "lines": {"in": stats.lines_in, "removed": stats.lines_removed},
        "bytes": {"in": stats.bytes_in, "removed": stats.bytes_removed},
        "removed_by_kind": {
            kind: {"lines": lines, "bytes": stats.bytes_by_kind[kind]}
            for kind, lines in sorted(stats.lines_by_kind.items())
        },
        "removed_by_rule": {
            rule: {"lines": lines, "bytes": stats.bytes_by_rule[rule]}
            for rule, lines in sorted(stats.lines_by_rule.items())
        },
        "top_recurring": [
            {"text": text, "documents": docs, "removed_from": removed}
            for text, docs, removed in stats.top_recurring(top)
        ],
    }


def render_diff(result: DocumentResult, original_text: str, path: str) -> str:
    """A unified diff from the file as read to the clean text ("" when they are equal).

    `original_text` is the decoded file, line endings included, so a diff also shows
    whitespace-only normalisation that writing the file would apply. Both headers
    name `path` (as ruff does), so `patch -p0` applies the diff where it was made.
    """
    before = original_text.removeprefix("\ufeff").splitlines(keepends=True)
    after = result.text.splitlines(keepends=True)
    lines = list(difflib.unified_diff(before, after, path, path))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)
