"""The progress hook: cleaner reports both passes; the bar draws only on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from cli_corpus import write_corpus
from rich.console import Console

from cleaner.api import PHASE_CLEAN, PHASE_SCAN, clean_files
from cleaner.discover import discover_files
from cli.summary import RunProgress


def test_clean_files_reports_every_file_of_both_passes(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    files = discover_files([tmp_path])
    calls: list[tuple[str, int, int]] = []
    outcomes = list(clean_files(files, progress=lambda *call: calls.append(call)))
    assert len(outcomes) == 4
    assert calls == [(PHASE_SCAN, i, 4) for i in range(1, 5)] + [
        (PHASE_CLEAN, i, 4) for i in range(1, 5)]


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=60), buffer


def test_bar_draws_on_a_terminal_after_the_delay() -> None:
    console, buffer = _console(terminal=True)
    with RunProgress(console, delay=0) as progress:
        progress(PHASE_SCAN, 1, 2)
        progress(PHASE_SCAN, 2, 2)
    assert "scanning" in buffer.getvalue()


def test_no_bar_in_pipes_when_quiet_or_for_short_runs() -> None:
    for terminal, enabled, delay in [(False, True, 0), (True, False, 0), (True, True, 60)]:
        console, buffer = _console(terminal)
        with RunProgress(console, enabled=enabled, delay=delay) as progress:
            progress(PHASE_CLEAN, 1, 1)
        assert buffer.getvalue() == ""
