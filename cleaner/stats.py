"""Run statistics as mergeable counters.

One `RunStats` per document (or per worker) and `sum(..., RunStats())` for the run:
every field is a count that adds, except `appeared_in`, the corpus-wide document
count of a recurring line, which is the same number wherever it is seen and so
merges by max. The summary table and `--report FILE.json` render the same object.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleaner.model import DocumentResult, Kind, Rule
from cleaner.read import Skipped

#: A removed line counts as recurring boilerplate when it occurs in at least this
#: many documents (itself included): once elsewhere is already a repetition.
MIN_DOCS_RECURRING = 2


@dataclass(slots=True)
class RunStats:
    """What a run read, changed and removed; `a + b` merges two runs."""

    files_read: int = 0
    files_cleaned: int = 0
    files_unchanged: int = 0
    files_skipped: int = 0
    #: Skip reason -> files (reasons are the one-line texts read.py gives).
    skipped_reasons: Counter[str] = field(default_factory=Counter)
    lines_in: int = 0
    lines_removed: int = 0
    bytes_in: int = 0
    bytes_removed: int = 0
    #: Kind / rule value -> removed lines and removed UTF-8 bytes (newline included).
    lines_by_kind: Counter[str] = field(default_factory=Counter)
    bytes_by_kind: Counter[str] = field(default_factory=Counter)
    lines_by_rule: Counter[str] = field(default_factory=Counter)
    bytes_by_rule: Counter[str] = field(default_factory=Counter)
    #: Recurring removed line -> documents of this run it was removed from.
    removed_from: Counter[str] = field(default_factory=Counter)
    #: Recurring removed line -> documents of the corpus it appears in (merged by max).
    appeared_in: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: RunStats) -> RunStats:
        if not isinstance(other, RunStats):
            return NotImplemented
        appeared = dict(self.appeared_in)
        for text, docs in other.appeared_in.items():
            appeared[text] = max(docs, appeared.get(text, 0))
        return RunStats(
            files_read=self.files_read + other.files_read,
            files_cleaned=self.files_cleaned + other.files_cleaned,
            files_unchanged=self.files_unchanged + other.files_unchanged,
            files_skipped=self.files_skipped + other.files_skipped,
            skipped_reasons=self.skipped_reasons + other.skipped_reasons,
            lines_in=self.lines_in + other.lines_in,
            lines_removed=self.lines_removed + other.lines_removed,
            bytes_in=self.bytes_in + other.bytes_in,
            bytes_removed=self.bytes_removed + other.bytes_removed,
            lines_by_kind=self.lines_by_kind + other.lines_by_kind,
            bytes_by_kind=self.bytes_by_kind + other.bytes_by_kind,
            lines_by_rule=self.lines_by_rule + other.lines_by_rule,
            bytes_by_rule=self.bytes_by_rule + other.bytes_by_rule,
            removed_from=self.removed_from + other.removed_from,
            appeared_in=appeared,
        )

    def __iadd__(self, other: RunStats) -> RunStats:
        """Merge `other` into this one in place: a run's tally grows by one document at
        a time, and `a + b` copies every counter (quadratic over a corpus)."""
        if not isinstance(other, RunStats):
            return NotImplemented
        self.files_read += other.files_read
        self.files_cleaned += other.files_cleaned
        self.files_unchanged += other.files_unchanged
        self.files_skipped += other.files_skipped
        self.lines_in += other.lines_in
        self.lines_removed += other.lines_removed
        self.bytes_in += other.bytes_in
        self.bytes_removed += other.bytes_removed
        # Counts are positive, so update() keeps the keys and order `+` would give.
        self.skipped_reasons.update(other.skipped_reasons)
        self.lines_by_kind.update(other.lines_by_kind)
        self.bytes_by_kind.update(other.bytes_by_kind)
        self.lines_by_rule.update(other.lines_by_rule)
        self.bytes_by_rule.update(other.bytes_by_rule)
        self.removed_from.update(other.removed_from)
        appeared = self.appeared_in
        for text, docs in other.appeared_in.items():
            appeared[text] = max(docs, appeared.get(text, 0))
        return self

    def __radd__(self, other: object) -> RunStats:
        """Let `sum(stats)` start from 0."""
        if other == 0:
            return self
        return NotImplemented

    def top_recurring(self, n: int = 5) -> list[tuple[str, int, int]]:
        """The `n` most widespread recurring lines: (text, documents appeared in, removed
        from), widest first, ties by text so the order never depends on input order."""
        rows = [(text, self.appeared_in.get(text, 0), removed)
                for text, removed in self.removed_from.items()]
        rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
        return rows[:n]


#: Kind and rule -> its value (`str()` of it): a dict look-up, as an enum's `.value` is a
#: slow property and every removed line asks for two.
_VALUES: dict[Kind | Rule, str] = {member: member.value for member in (*Kind, *Rule)}


def stats_of_result(result: DocumentResult) -> RunStats:
    """The statistics of one cleaned document."""
    lines = result.original_lines
    stats = RunStats(files_read=1, lines_in=len(lines) - lines.count(""))
    # Every line's bytes and newline: the lines joined by newlines, plus the last one.
    joined = "\n".join(lines)
    stats.bytes_in = (len(joined) if joined.isascii() else len(joined.encode("utf-8"))) + 1 \
        if lines else 0
    if result.changed:
        stats.files_cleaned = 1
    else:
        stats.files_unchanged = 1
    for decision in result.removed:
        size = _size(decision.text)
        stats.lines_removed += 1
        stats.bytes_removed += size
        kind, rule = _VALUES[decision.kind], _VALUES[decision.rule]
        stats.lines_by_kind[kind] += 1
        stats.bytes_by_kind[kind] += size
        stats.lines_by_rule[rule] += 1
        stats.bytes_by_rule[rule] += size
        if decision.doc_count >= MIN_DOCS_RECURRING:
            text = decision.text.strip()
            if text not in stats.removed_from:  # a document counts once per line
                stats.removed_from[text] = 1
                stats.appeared_in[text] = decision.doc_count
    return stats


def stats_of_skipped(skipped: Skipped) -> RunStats:
    """The statistics of one file that was not read."""
    return RunStats(files_skipped=1, skipped_reasons=Counter({skipped.reason: 1}))


def _size(line: str) -> int:
    """UTF-8 bytes of a line with its newline (an ASCII line's length, without encoding)."""
    return (len(line) if line.isascii() else len(line.encode("utf-8"))) + 1
