"""Where messages go: stderr only, one line per problem, never a traceback.

stdout carries data alone (clean text, diffs, JSON); everything a person reads
goes through `Messages`, which respects --quiet, --verbose and NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from cleaner.model import Decision

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """The run cannot start; the message is shown as `newsclean: error: ...` (exit 2)."""


@dataclass
class Messages:
    quiet: bool = False
    verbose: bool = False
    _console: Console | None = field(default=None, init=False, repr=False)

    @property
    def console(self) -> Console:
        """The stderr console, made on first use: rich is not imported by a run that
        prints nothing (a quiet pre-commit check)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    def error(self, text: str) -> None:
        self.console.print(f"[bold red]newsclean: error:[/] {escape(text)}")

    def warning(self, text: str) -> None:
        if not self.quiet:
            self.console.print(f"[yellow]newsclean: warning:[/] {escape(text)}")

    def info(self, text: str) -> None:
        if not self.quiet:
            self.console.print(escape(text))

    @property
    def shows_details(self) -> bool:
        """Whether `detail` prints: callers skip formatting a line per removal otherwise."""
        return self.verbose and not self.quiet

    def detail(self, text: str) -> None:
        if self.shows_details:
            self.console.print(f"[dim]{escape(text)}[/]")

    def removed(self, path: Path, decisions: Iterable[Decision]) -> None:
        """With -v, each removed line of a file: where, by which rule, how it starts."""
        if self.shows_details:
            for decision in decisions:
                self.detail(f"{path}:{decision.line_index + 1}: {decision.rule}: "
                            f"{decision.text[:80]}")


def escape(text: str) -> str:
    """rich's markup escape, imported when something is printed."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def guarded(messages: Messages, run: Callable[[], int]) -> int:
    """Run a command body: usage and I/O errors become one line and exit 2, never a
    traceback; Ctrl-C and SIGTERM stop cleanly (writes are atomic, nothing is half done)."""
    try:
        return run()
    except UsageError as exc:
        messages.error(str(exc))
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        messages.error(f"{where}{exc.strerror or exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        messages.error("interrupted; files already written are complete, the rest untouched")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: still one line, the traceback on request
        messages.error(f"internal error: {type(exc).__name__}: {exc} "
                       "(run with --verbose for the traceback; please report it)")
        if messages.verbose:
            messages.console.print_exception()
        return EXIT_ERROR
