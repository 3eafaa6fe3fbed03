"""`newsclean clean`: read scrapes, strip boilerplate, write clean article bodies."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from cleaner.api import Delivered, FileOutcome, clean_texts
from cleaner.discover import SourceFile, find_output_collisions
from cleaner.model import DocumentResult
from cleaner.options import Options
from cleaner.read import Decoded, Skipped, decode_bytes, read_document
from cleaner.report import document_record, render_diff, stats_report, to_json_line
from cleaner.stats import RunStats, stats_of_result, stats_of_skipped
from cleaner.write import write_atomic, write_if_changed
from cli.config import FlagOverrides, resolve_options
from cli.console import EXIT_CHANGES, EXIT_OK, Messages, UsageError
from cli.context import NO_REGISTER, RegisterUse, plan_jobs, registered, run_jobs
from cli.signals import interrupts_deferred
from cli.summary import RunProgress, summary_table

STDIN = "-"
FORMATS = ("text", "jsonl")


@dataclass
class RunTally:
    """The run's statistics and the files an in-place run rewrote."""

    stats: RunStats = field(default_factory=RunStats)
    changed_paths: list[str] = field(default_factory=list)
    #: Files --diff showed a diff for.
    would_change: int = 0


@dataclass
class OutputMode:
    """Where results go besides -o/--in-place: a diff or JSONL on stdout or a file."""

    diff: bool = False
    jsonl: bool = False
    jsonl_file: Path | None = None
    report: Path | None = None


def clean_stdin(options: Options, mode: OutputMode | None = None,
                messages: Messages | None = None) -> int:
    """`newsclean clean -`: one document from stdin to stdout (as text, a diff or JSONL)."""
    mode = mode or OutputMode()
    decoded = decode_bytes(sys.stdin.buffer.read())
    if not isinstance(decoded, Decoded):
        raise UsageError(f"-: {decoded}")
    (result,) = clean_texts([("-", decoded.text)], options)
    tally = RunTally(stats=stats_of_result(result))
    with open_jsonl(mode) as jsonl:
        if not _emit_data(result, STDIN, lambda: decoded.text, mode, jsonl, tally):
            sys.stdout.write(result.text)
    return _finish(tally, mode, messages)


def _output_dir_checks(paths: Sequence[str], output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: output exists and is not a folder")
    out = output.resolve()
    for p in paths:
        given = Path(p).resolve()
        if given == out:
            raise UsageError(f"{output}: output folder is an input folder; use --in-place "
                             "to rewrite the files themselves")


def _refuse_overwriting_inputs(files: Sequence[SourceFile], output: Path) -> None:
    """-o must never write over an input: `clean dir/a.txt -o dir` would otherwise
    rewrite a.txt in place without --in-place (the folder check cannot see it)."""
    real = _RealPaths()
    inputs = {real(str(file.path)) for file in files}
    for file in files:
        target = output / file.relative
        if real(str(target)) in inputs:
            raise UsageError(f"{target}: output would overwrite an input file; use --in-place "
                             "to rewrite the files themselves")


class _RealPaths:
    """`os.path.realpath`, resolving each folder once: a file that is not a symlink
    is its folder's real path joined with its name (one lstat, not one per component)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real_folder, name)


def output_mode(*, fmt: str, diff: bool, report: Path | None, output: Path | None,
                in_place: bool) -> tuple[OutputMode, Path | None]:
    """Check that the output flags fit together; returns the mode and the -o folder left."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
    jsonl_file = output if output is not None and output.suffix == ".jsonl" else None
    jsonl = fmt == "jsonl" or jsonl_file is not None
    if diff and (jsonl or output is not None or in_place):
        raise UsageError("--diff writes nothing and prints a diff; drop -o, --in-place "
                         "and --format jsonl")
    if jsonl and in_place:
        raise UsageError("--format jsonl writes to stdout or -o FILE.jsonl, not --in-place")
    if jsonl and output is not None and jsonl_file is None:
        raise UsageError(f"{output}: with --format jsonl, -o must name a .jsonl file")
    mode = OutputMode(diff=diff, jsonl=jsonl, jsonl_file=jsonl_file, report=report)
    return mode, None if jsonl_file is not None else output


def run_clean(paths: Sequence[str], *, output: Path | None, in_place: bool,
              exit_non_zero_on_fix: bool, flags: FlagOverrides, messages: Messages,
              mode: OutputMode | None = None, corpus: Path | None = None,
              use_cache: bool = True, jobs: int = 1, engine: str = "local",
              scheduler: str | None = None, register: RegisterUse | None = None) -> int:
    """Validate the request, clean the corpus and write the results; returns the exit code."""
    mode = mode or OutputMode()
    register = register or register_use(register_file=None, no_register=False,
                                        in_place=in_place, output=output, mode=mode)
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
        return clean_stdin(resolve_options(Path.cwd(), flags), mode, messages)
    to_stdout = output is None and not in_place and not mode.diff and not mode.jsonl
    if to_stdout and (len(paths) != 1 or Path(paths[0]).is_dir()):
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"{missing[0]}: does not exist")
        raise UsageError("cleaning a folder or several files needs -o OUTDIR or --in-place")
    if output is not None:
        _output_dir_checks(paths, output)
    corpus_jobs = plan_jobs(paths, flags=flags, corpus=corpus, messages=messages,
                            skip_dirs=[output] if output else [])
    collisions = find_output_collisions([file for job in corpus_jobs for file in job.judged])
    if output is not None and collisions:
        target, sources = collisions[0]
        raise UsageError(f"{target}: {len(sources)} inputs would be written here "
                         f"({', '.join(map(str, sources[:3]))})")
    if output is not None:
        _refuse_overwriting_inputs([file for job in corpus_jobs for file in job.judged], output)
    if engine == "dask":
        if mode.diff or mode.jsonl or len(corpus_jobs) != 1 or corpus_jobs[0].targets:
            raise UsageError("--engine dask cleans whole folders into -o OUTDIR or in place")
        (job,) = corpus_jobs
        return _run_dask(list(job.corpus), job.options, output=output, in_place=in_place,
                         jobs=jobs, scheduler=scheduler,
                         exit_non_zero_on_fix=exit_non_zero_on_fix, messages=messages,
                         register=register, root=job.root)
    tally = RunTally()
    write = written_to(output, in_place, messages)
    # Documents are written where they are cleaned (by the workers with -j N), except in a
    # run that adds to the register: this process then writes each file after the register
    # has noted it, so whatever stops the run, the register holds every file written (and
    # an interrupt waits for the file being written, cli/signals.py).
    with RunProgress(messages.console, enabled=not messages.quiet) as progress, \
            open_jsonl(mode) as jsonl, \
            closing(run_jobs(corpus_jobs, use_cache=use_cache, progress=progress, jobs=jobs,
                             register=register, warn=messages.warning,
                             deliver=None if register.update else write)) as outcomes:
        for outcome in outcomes:
            if write is not None and outcome.delivered is None:
                outcome = write(outcome)
            _handle(outcome, in_place=in_place, tally=tally, messages=messages, mode=mode,
                    jsonl=jsonl)
    code = _finish(tally, mode, messages)
    if exit_non_zero_on_fix and tally.changed_paths:
        return EXIT_CHANGES
    return code


def register_use(*, register_file: Path | None, no_register: bool, in_place: bool,
                 output: Path | None, mode: OutputMode) -> RegisterUse:
    """Which register a clean reads and whether it adds its removals (docs/register.md):
    in place always; -o OUTDIR only into an explicit --register FILE; previews never."""
    if no_register:
        if register_file is not None:
            raise UsageError("give either --register or --no-register, not both")
        return NO_REGISTER
    preview = mode.diff or mode.jsonl
    update = not preview and (in_place or (output is not None and register_file is not None))
    return RegisterUse(path=register_file, update=update, inputs_are_raw=not in_place)


def _finish(tally: RunTally, mode: OutputMode, messages: Messages | None) -> int:
    """Write the report, show the summary; exit 1 when --diff showed any change."""
    if mode.report is not None:
        report = json.dumps(stats_report(tally.stats), ensure_ascii=False, indent=2) + "\n"
        with interrupts_deferred():
            write_atomic(mode.report, report.encode("utf-8"))
    if messages is not None and not messages.quiet:
        messages.console.print(summary_table(tally.stats, by_rule=messages.verbose))
    return EXIT_CHANGES if mode.diff and tally.would_change else EXIT_OK


@contextmanager
def open_jsonl(mode: OutputMode) -> Iterator[TextIO | None]:
    """The stream JSONL records go to: stdout, or -o FILE.jsonl replaced atomically at
    the end (a failed run leaves the old file alone)."""
    if not mode.jsonl:
        yield None
    elif mode.jsonl_file is None:
        yield sys.stdout
    else:
        target = mode.jsonl_file
        folder = target.parent
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False,
                                         prefix=f".{target.name}.", suffix=".tmp") as handle:
            temp = Path(handle.name)
            try:
                yield handle
            except BaseException:
                handle.close()
                temp.unlink(missing_ok=True)
                raise
        os.replace(temp, target)


def _emit_data(result: DocumentResult, path: str, original: Callable[[], str],
               mode: OutputMode, jsonl: TextIO | None, tally: RunTally) -> bool:
    """Print a diff or a JSONL record when the mode asks for one; False otherwise."""
    if mode.diff:
        diff = render_diff(result, original(), path)
        if diff:
            tally.would_change += 1
            sys.stdout.write(diff)
        return True
    if jsonl is not None:
        jsonl.write(to_json_line(document_record(result, path)))
        return True
    return False


def _original_text(path: Path) -> str:
    decoded = read_document(path)
    if isinstance(decoded, Skipped):  # changed between the passes
        raise UsageError(f"{path}: {decoded.reason}")
    return decoded.text


def _run_dask(files: list[SourceFile], options: Options, *, output: Path | None,
              in_place: bool, jobs: int, scheduler: str | None, exit_non_zero_on_fix: bool,
              messages: Messages, register: RegisterUse, root: Path) -> int:
    """--engine dask: the workers read and write the files; counts (and the register's
    notes) come back."""
    from cleaner.dask_engine import EngineError, clean_files_dask, connect

    try:
        client, cluster = connect(scheduler, jobs)
    except EngineError as exc:
        raise UsageError(str(exc)) from None

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) == 0:
            messages.detail(f"{stage}: {done}/{total} partitions")

    try:
        with registered(register, root, messages.warning) as (evidence, recorder):
            run = clean_files_dask(files, options, client=client, output=output,
                                   in_place=in_place, progress=progress, evidence=evidence,
                                   recorder=recorder)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report = run.report
    for path, reason in report.skipped:
        messages.warning(f"{path}: skipped: {reason}")
    messages.info(
        f"{report.read} file(s) read: {report.cleaned} cleaned, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped; {report.lines_removed} line(s) removed "
        f"({run.partitions} partitions on {run.workers} Dask workers)")
    if exit_non_zero_on_fix and report.changed_paths:
        return EXIT_CHANGES
    return EXIT_OK


def _handle(outcome: FileOutcome, *, in_place: bool, tally: RunTally, messages: Messages,
            mode: OutputMode, jsonl: TextIO | None) -> None:
    source = outcome.source
    if outcome.skipped is not None:
        tally.stats += stats_of_skipped(outcome.skipped)
        messages.warning(f"{source.path}: skipped: {outcome.skipped.reason}")
        return
    delivered = outcome.delivered
    if delivered is not None:  # -o / --in-place: written where it was cleaned
        tally.stats += delivered.stats
        messages.removed(source.path, delivered.removed)
        if in_place and delivered.written:
            tally.changed_paths.append(str(source.path))
            messages.detail(f"{source.path}: rewritten")
        return
    result = outcome.result
    assert result is not None
    tally.stats += stats_of_result(result)
    messages.removed(source.path, result.removed)
    if not _emit_data(result, source.path.as_posix(), lambda: _original_text(source.path),
                      mode, jsonl, tally):
        sys.stdout.write(result.text)


def written_to(output: Path | None, in_place: bool, messages: Messages) -> WriteOutcome | None:
    """What writes each cleaned document to the -o folder or over its file, or None when
    results go to stdout (text, a diff, JSONL)."""
    if output is None and not in_place:
        return None
    return WriteOutcome(output, details=messages.shows_details)


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    """Write a cleaned document into the `output` folder, or over its own file when that is
    None (in place), in the process that cleaned it: with -j N the workers write, and only
    the document's statistics (and with `details` its removed lines) travel back.

    In place, a file is rewritten when its bytes change: removed lines, or normalisation
    alone (UTF-8, LF endings, no trailing spaces), which `check` reports as a change too.
    """

    output: Path | None
    details: bool = False

    def __call__(self, outcome: FileOutcome) -> FileOutcome:
        result = outcome.result
        if result is None:
            return outcome
        data = result.text.encode("utf-8")
        with interrupts_deferred():
            if self.output is not None:
                # A new output folder holds no original to protect: no fsync per file.
                written = write_if_changed(self.output / outcome.source.relative, data,
                                           durable=False)
            else:
                written = write_if_changed(outcome.source.path, data)
        removed = result.removed if self.details else ()
        return replace(outcome, result=None,
                       delivered=Delivered(stats_of_result(result), written, removed))
