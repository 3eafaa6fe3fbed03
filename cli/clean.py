"""`newsclean clean`: read scrapes, strip boilerplate, write clean article bodies."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.api import FileOutcome, clean_files, clean_texts
from cleaner.discover import DiscoveryError, SourceFile, discover_files, find_output_collisions
from cleaner.options import Options
from cleaner.read import Decoded, decode_bytes
from cleaner.write import write_if_changed
from cli.console import EXIT_CHANGES, EXIT_OK, Messages, UsageError

STDIN = "-"


@dataclass
class RunTally:
    """Counts for the end-of-run summary."""

    read: int = 0
    cleaned: int = 0
    unchanged: int = 0
    skipped: int = 0
    lines_removed: int = 0
    written: int = 0
    changed_paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.read} file(s) read: {self.cleaned} cleaned, {self.unchanged} unchanged, "
            f"{self.skipped} skipped; {self.lines_removed} line(s) removed"
        )


def resolve_sources(paths: Sequence[str], options: Options,
                    skip_dirs: Sequence[Path] = ()) -> list[SourceFile]:
    """Discover the corpus, turning every problem into a UsageError."""
    try:
        files = discover_files([Path(p) for p in paths], include=options.include,
                               exclude=options.exclude, skip_dirs=skip_dirs)
    except DiscoveryError as exc:
        raise UsageError(str(exc)) from None
    return files


def clean_stdin(options: Options) -> int:
    """`newsclean clean -`: one document from stdin to stdout."""
    decoded = decode_bytes(sys.stdin.buffer.read())
    if not isinstance(decoded, Decoded):
        raise UsageError(f"-: {decoded}")
    (result,) = clean_texts([("-", decoded.text)], options)
    sys.stdout.write(result.text)
    return EXIT_OK


def _output_dir_checks(paths: Sequence[str], output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: output exists and is not a folder")
    out = output.resolve()
    for p in paths:
        given = Path(p).resolve()
        if given == out:
            raise UsageError(f"{output}: output folder is an input folder; use --in-place "
                             "to rewrite the files themselves")


def run_clean(paths: Sequence[str], *, output: Path | None, in_place: bool,
              exit_non_zero_on_fix: bool, options: Options, messages: Messages,
              jobs: int = 1, engine: str = "local", scheduler: str | None = None) -> int:
    """Validate the request, clean the corpus and write the results; returns the exit code."""
    if not paths:
        raise UsageError("no PATH given (a folder, files, or - for stdin)")
    if output is not None and in_place:
        raise UsageError("give either -o/--output or --in-place, not both")
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: choose local or dask")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask" and output is None and not in_place:
        raise UsageError("--engine dask writes files: give -o OUTDIR or --in-place")
    if STDIN in paths:
        if len(paths) > 1 or output is not None or in_place:
            raise UsageError("- (stdin) must be the only PATH and writes to stdout")
        return clean_stdin(options)
    to_stdout = output is None and not in_place
    if to_stdout and (len(paths) != 1 or Path(paths[0]).is_dir()):
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"{missing[0]}: does not exist")
        raise UsageError("cleaning a folder or several files needs -o OUTDIR or --in-place")
    if output is not None:
        _output_dir_checks(paths, output)
    files = resolve_sources(paths, options, skip_dirs=[output] if output else [])
    collisions = find_output_collisions(files)
    if output is not None and collisions:
        target, sources = collisions[0]
        raise UsageError(f"{target}: {len(sources)} inputs would be written here "
                         f"({', '.join(map(str, sources[:3]))})")
    if engine == "dask":
        return _run_dask(files, options, output=output, in_place=in_place, jobs=jobs,
                         scheduler=scheduler, exit_non_zero_on_fix=exit_non_zero_on_fix,
                         messages=messages)
    tally = RunTally()
    for outcome in clean_files(files, options, jobs=jobs):
        _handle(outcome, output=output, in_place=in_place, tally=tally, messages=messages)
    messages.info(tally.summary())
    if exit_non_zero_on_fix and tally.changed_paths:
        return EXIT_CHANGES
    return EXIT_OK


def _run_dask(files: list[SourceFile], options: Options, *, output: Path | None,
              in_place: bool, jobs: int, scheduler: str | None, exit_non_zero_on_fix: bool,
              messages: Messages) -> int:
    """--engine dask: the workers read and write the files; counts come back."""
    from cleaner.dask_engine import EngineError, clean_files_dask, connect

    try:
        client, cluster = connect(scheduler, jobs)
    except EngineError as exc:
        raise UsageError(str(exc)) from None

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) == 0:
            messages.detail(f"{stage}: {done}/{total} partitions")

    try:
        run = clean_files_dask(files, options, client=client, output=output,
                               in_place=in_place, progress=progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report = run.report
    for path, reason in report.skipped:
        messages.warning(f"{path}: skipped: {reason}")
    tally = RunTally(read=report.read, cleaned=report.cleaned, unchanged=report.unchanged,
                     skipped=len(report.skipped), lines_removed=report.lines_removed,
                     written=report.written, changed_paths=report.changed_paths)
    messages.info(f"{tally.summary()} ({run.partitions} partitions on {run.workers} Dask "
                  f"workers)")
    if exit_non_zero_on_fix and tally.changed_paths:
        return EXIT_CHANGES
    return EXIT_OK


def _handle(outcome: FileOutcome, *, output: Path | None, in_place: bool, tally: RunTally,
            messages: Messages) -> None:
    source = outcome.source
    if outcome.skipped is not None:
        tally.skipped += 1
        messages.warning(f"{source.path}: skipped: {outcome.skipped.reason}")
        return
    result = outcome.result
    assert result is not None
    tally.read += 1
    tally.lines_removed += len(result.removed)
    if result.changed:
        tally.cleaned += 1
    else:
        tally.unchanged += 1
    for decision in result.removed:
        messages.detail(f"{source.path}:{decision.line_index + 1}: {decision.rule}: "
                        f"{decision.text[:80]}")
    data = result.text.encode("utf-8")
    if output is not None:
        # A new output folder holds no original to protect: no fsync per file.
        write_if_changed(output / source.relative, data, durable=False)
        tally.written += 1
    elif in_place:
        if write_if_changed(source.path, data):
            tally.changed_paths.append(str(source.path))
            messages.detail(f"{source.path}: rewritten")
    else:
        sys.stdout.write(result.text)
