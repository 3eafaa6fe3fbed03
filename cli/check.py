"""`newsclean check`: say which files `clean` would change, changing nothing.

For CI and the `newsclean-check` pre-commit hook: exit 0 when every file is
clean, 1 when any would change, 2 when the check could not run. A file would
change when its cleaned bytes differ from its bytes, so a file that only needs
normalising (line endings, trailing spaces, encoding) counts too. One line per
such file on stdout, `path: would remove N lines (rules)`; the summary on stderr.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.api import FileOutcome
from cleaner.parallel import fewer_collections
from cli.config import FlagOverrides
from cli.console import EXIT_CHANGES, EXIT_OK, Messages, UsageError
from cli.context import READ_REGISTER, CorpusJob, RegisterUse, plan_jobs, run_jobs


@dataclass
class CheckTally:
    """Counts for the summary line."""

    checked: int = 0
    would_change: int = 0
    skipped: int = 0
    lines: int = 0
    rules: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        clean = self.checked - self.would_change
        text = (f"{self.checked} file(s) checked: {self.would_change} would be cleaned, "
                f"{clean} already clean")
        if self.skipped:
            text += f", {self.skipped} skipped"
        if self.lines:
            text += f"; {self.lines} line(s) would be removed"
        return text


def describe_change(outcome: FileOutcome, original: bytes) -> str | None:
    """The report line for one file, or None when cleaning would leave it as it is.

    The single place that says what a check found per file: `--diff` and JSON
    output hang off here.
    """
    result = outcome.result
    assert result is not None
    if result.text.encode("utf-8") == original:
        return None
    if not result.removed:
        return f"{outcome.source.path}: would normalise (whitespace, line endings or encoding)"
    rules = Counter(str(decision.rule) for decision in result.removed)
    listed = ", ".join(rule for rule, _ in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])))
    count = len(result.removed)
    return f"{outcome.source.path}: would remove {count} line{'s' * (count != 1)} ({listed})"


def run_check(paths: Sequence[str], *, flags: FlagOverrides, messages: Messages,
              corpus: Path | None = None, use_cache: bool = True,
              register: RegisterUse = READ_REGISTER) -> int:
    """Check the files (or folders) and report; returns the exit code."""
    if not paths:
        raise UsageError("no PATH given (folders or files to check)")
    if "-" in paths:
        raise UsageError("check reads files, not stdin; use `newsclean clean -`")
    tally = CheckTally()
    # The walk of the corpus allocates as much as a pass: collect as rarely from its start.
    with fewer_collections():
        _check_jobs(plan_jobs(paths, flags=flags, corpus=corpus, messages=messages),
                    tally, messages, use_cache=use_cache, register=register)
    messages.info(tally.summary())
    return EXIT_CHANGES if tally.would_change else EXIT_OK


def _check_jobs(jobs: Sequence[CorpusJob], tally: CheckTally, messages: Messages, *,
                use_cache: bool, register: RegisterUse) -> None:
    """Report each judged file of the jobs and count it in `tally`."""
    outcomes = closing(run_jobs(jobs, use_cache=use_cache, register=register,
                                warn=messages.warning))
    with outcomes as judged:  # an error or ^C mid-way still closes the spill and the cache
        for outcome in judged:
            _report(outcome, tally, messages)


def _report(outcome: FileOutcome, tally: CheckTally, messages: Messages) -> None:
    """Print the change `outcome` would make (and its removals with -v), and count it."""
    if outcome.skipped is not None:
        tally.skipped += 1
        messages.warning(f"{outcome.source.path}: skipped: {outcome.skipped.reason}")
        return
    tally.checked += 1
    line = describe_change(outcome, outcome.source.path.read_bytes())
    if line is None:
        return
    assert outcome.result is not None
    tally.would_change += 1
    tally.lines += len(outcome.result.removed)
    tally.rules.update(str(d.rule) for d in outcome.result.removed)
    print(line, flush=True)
    messages.removed(outcome.source.path, outcome.result.removed)
