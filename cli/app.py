"""The `newsclean` command: one typer app, one module per command."""

from __future__ import annotations

import signal
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import typer

from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.parallel import default_jobs
from cli.clean import run_clean
from cli.console import EXIT_ERROR, EXIT_INTERRUPTED, Messages, UsageError

app = typer.Typer(
    name="newsclean",
    help="Strip recurring boilerplate (teasers, share/nav/footer lines, repeated titles) "
    "from scraped news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version() -> str:
    try:
        return version("newsclean")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {_version()}")
        raise typer.Exit()


@app.callback()
def root(
    _version_flag: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Strip recurring boilerplate from scraped news text."""


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show every removal.")]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option("--include", help="Glob of files to read in folders (repeatable).",
                 show_default="*.txt"),
]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Glob of files to skip.")]
KeepOpt = Annotated[
    list[str] | None,
    typer.Option("--keep", help="Regular expression: a matching line is never removed."),
]
DropOpt = Annotated[
    list[str] | None,
    typer.Option("--drop", help="Regular expression: a matching line is always removed."),
]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, show_default="all cores",
                 help="Processes for the per-document work; the output is the same for any N."),
]
EngineOpt = Annotated[
    str,
    typer.Option("--engine", help="local (this machine's cores) or dask (a Dask cluster; "
                 "pip install 'newsclean[dask]')."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS",
                 help="With --engine dask: a running scheduler (tcp://host:8786); "
                 "default: a local cluster of -j workers."),
]
GroupOpt = Annotated[
    bool,
    typer.Option("--group-by-folder",
                 help="Count recurrence within each first-level sub-folder (one per site)."),
]


def build_options(*, include: list[str] | None, exclude: list[str] | None,
                  keep: list[str] | None, drop: list[str] | None,
                  group_by_folder: bool) -> Options:
    """Flags over defaults (config files come in between, see cli/config.py)."""
    import re

    for pattern in [*(keep or []), *(drop or [])]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UsageError(f"bad regular expression {pattern!r}: {exc}") from None
    return Options(
        include=tuple(include) if include else DEFAULT_OPTIONS.include,
        exclude=tuple(exclude or ()),
        keep_patterns=tuple(keep or ()),
        drop_patterns=tuple(drop or ()),
        group_by_folder=group_by_folder,
    )


@app.command(
    epilog="Examples:\n\n"
    "  newsclean clean scraped/ -o clean/\n\n"
    "  newsclean clean scraped/ --in-place\n\n"
    "  newsclean clean page.txt > page.clean.txt\n\n"
    "  cat page.txt | newsclean clean -"
)
def clean(
    paths: Annotated[list[str], typer.Argument(help="Folders and files to clean; - for stdin.",
                                               show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write clean files into this folder.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i",
                                           help="Rewrite the files themselves.")] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix",
                           help="With --in-place: exit 1 when any file was changed.")] = False,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    keep: KeepOpt = None,
    drop: DropOpt = None,
    group_by_folder: GroupOpt = False,
    jobs: JobsOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Clean scraped news text: the whole input is one corpus, its recurring boilerplate
    is removed and each file's article body written out.

    With neither -o nor --in-place a single FILE (or -) is cleaned to stdout.
    """
    messages = Messages(quiet=quiet, verbose=verbose)
    code = _guarded(messages, lambda: run_clean(
        paths, output=output, in_place=in_place, exit_non_zero_on_fix=exit_non_zero_on_fix,
        options=build_options(include=include, exclude=exclude, keep=keep, drop=drop,
                              group_by_folder=group_by_folder),
        messages=messages, jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler))
    raise typer.Exit(code)


def _guarded(messages: Messages, run) -> int:
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


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        app()
    except BrokenPipeError:  # pragma: no cover - e.g. `newsclean clean f.txt | head`
        sys.stderr.close()
        sys.exit(0)
