"""Where messages go: stderr only, one line per problem, never a traceback.

stdout carries data alone (clean text, diffs, JSON); everything a person reads
goes through `Messages`, which respects --quiet, --verbose and NO_COLOR.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.markup import escape

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
    console: Console = field(
        default_factory=lambda: Console(stderr=True, highlight=False, soft_wrap=True)
    )

    def error(self, text: str) -> None:
        self.console.print(f"[bold red]newsclean: error:[/] {escape(text)}")

    def warning(self, text: str) -> None:
        if not self.quiet:
            self.console.print(f"[yellow]newsclean: warning:[/] {escape(text)}")

    def info(self, text: str) -> None:
        if not self.quiet:
            self.console.print(escape(text))

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            self.console.print(f"[dim]{escape(text)}[/]")
