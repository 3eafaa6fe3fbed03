"""What a person sees on stderr during and after a run: the progress bar and the summary.

Both render `cleaner` objects (progress-hook calls, `RunStats`) and never touch
stdout, which carries data only.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console, Group
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from cleaner.stats import RunStats

#: Runs shorter than this never show a bar: a flash of progress is noise.
PROGRESS_DELAY_SECONDS = 1.0
#: Longest boilerplate line shown in the summary, in characters.
MAX_LINE_CHARS = 60


class RunProgress:
    """A `cleaner.api.ProgressHook` that draws a transient bar on a terminal's stderr.

    Nothing is drawn unless the console is a terminal, the run is not --quiet and
    it has lasted `delay` seconds; use it as a context manager so the bar is
    removed before the summary prints.
    """

    def __init__(self, console: Console, *, enabled: bool = True,
                 delay: float = PROGRESS_DELAY_SECONDS) -> None:
        self._enabled = enabled and console.is_terminal
        self._console = console
        self._delay = delay
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        if self._progress is None:
            if time.monotonic() - self._started < self._delay:
                return
            self._progress = Progress(
                TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(),
                console=self._console, transient=True, redirect_stdout=False,
                redirect_stderr=False,
            )
            self._progress.start()
        if phase not in self._tasks:
            self._tasks[phase] = self._progress.add_task(phase, total=total)
        self._progress.update(self._tasks[phase], completed=done, total=total)

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()


def summary_table(stats: RunStats, *, top: int = 5, by_rule: bool = False) -> Group:
    """The end-of-run summary: files, what was removed by kind (and rule), and the
    most widespread boilerplate lines with the number of documents each is in."""
    files = Table(title="Files", title_justify="left", show_header=False, box=None,
                  padding=(0, 1))
    files.add_column(justify="right")
    files.add_column()
    files.add_row(str(stats.files_read), "read")
    files.add_row(str(stats.files_cleaned), "cleaned")
    files.add_row(str(stats.files_unchanged), "unchanged")
    files.add_row(str(stats.files_skipped), "skipped")
    for reason, count in sorted(stats.skipped_reasons.items()):
        files.add_row(str(count), f"  [dim]skipped: {escape(reason)}[/]")
    parts = [files, _removed_table("Removed by kind", stats.lines_by_kind, stats.bytes_by_kind,
                                   stats)]
    if by_rule:
        parts.append(_removed_table("Removed by rule", stats.lines_by_rule, stats.bytes_by_rule,
                                    stats))
    recurring = stats.top_recurring(top)
    if recurring:
        table = Table(title="Top recurring boilerplate", title_justify="left", box=None,
                      padding=(0, 1))
        table.add_column("docs", justify="right")
        table.add_column("line")
        for text, docs, _removed in recurring:
            table.add_row(str(docs), escape(_shorten(text)))
        parts.append(table)
    return Group(*parts)


def _removed_table(title: str, lines: dict[str, int], sizes: dict[str, int],
                   stats: RunStats) -> Table:
    table = Table(title=title, title_justify="left", box=None, padding=(0, 1),
                  show_footer=bool(lines))
    table.add_column("", footer="total")
    table.add_column("lines", justify="right", footer=str(stats.lines_removed))
    table.add_column("bytes", justify="right", footer=_share(stats.bytes_removed, stats))
    for name, count in sorted(lines.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(name, str(count), str(sizes.get(name, 0)))
    if not lines:
        table.add_row("[dim]nothing[/]", "0", "0")
    return table


def _share(removed: int, stats: RunStats) -> str:
    if not stats.bytes_in:
        return str(removed)
    return f"{removed} ({100 * removed / stats.bytes_in:.0f}%)"


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"
