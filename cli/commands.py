"""The `newsclean` typer app: one module per command (the entry point is cli/app.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cleaner.version import VERSION
from cli.console import Messages, guarded
from cli.register import register_app

if TYPE_CHECKING:
    from cli.context import RegisterUse


def read_register(register: Path | None, no_register: bool) -> RegisterUse:
    """check and explain read the register as an in-place clean would, never update it."""
    from cli.context import read_register as read

    return read(register, no_register)

# Each command imports what it runs when it runs: `--version`, `--help` and a
# command's start do not pay for the others (or for the pipeline, when not needed).

app = typer.Typer(
    name="newsclean",
    help="Strip recurring boilerplate (teasers, share/nav/footer lines, repeated titles) "
    "from scraped news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {VERSION}")
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
    bool | None,
    typer.Option("--group-by-folder/--no-group-by-folder",
                 help="Count recurrence within each first-level sub-folder (one per site).",
                 show_default=False),
]
CorpusOpt = Annotated[
    Path | None,
    typer.Option("--corpus", help="Judge the given files against this corpus folder "
                 "[default: the `corpus` setting, else the git repository, else their folder]."),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the fingerprint cache "
                       "(.newsclean_cache/ at the corpus root)."),
]
RegisterOpt = Annotated[
    Path | None,
    typer.Option("--register", metavar="FILE",
                 help="The boilerplate register to use [default: .newsclean/register.jsonl "
                 "at the corpus root]. In-place runs add their removals to it; with -o, "
                 "giving it records the run there (to seed a corpus repo)."),
]
NoRegisterOpt = Annotated[
    bool, typer.Option("--no-register", help="Neither read nor update a boilerplate register."),
]


@app.command(
    epilog="Examples:\n\n"
    "  newsclean clean scraped/ -o clean/\n\n"
    "  newsclean clean scraped/ --in-place\n\n"
    "  newsclean clean page.txt > page.clean.txt\n\n"
    "  cat page.txt | newsclean clean -\n\n"
    "  newsclean clean scraped/ --diff | less\n\n"
    "  newsclean clean scraped/ --format jsonl > clean.jsonl\n\n"
    "  newsclean clean scraped/ -o clean.jsonl --report stats.json"
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
    group_by_folder: GroupOpt = None,
    corpus: CorpusOpt = None,
    no_cache: NoCacheOpt = False,
    register: RegisterOpt = None,
    no_register: NoRegisterOpt = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print a unified diff of what would change and write nothing; "
        "exit 1 when any file would change.")] = False,
    fmt: Annotated[str, typer.Option(
        "--format", help="Output format: [b]text[/] (clean files) or [b]jsonl[/] (one JSON "
        "object per document, on stdout or into -o FILE.jsonl).")] = "text",
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write the run's statistics to this JSON file.")] = None,
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
    from cleaner.parallel import default_jobs
    from cli.clean import output_mode, register_use, run_clean
    from cli.config import flag_overrides

    messages = Messages(quiet=quiet, verbose=verbose)

    def run() -> int:
        mode, out = output_mode(fmt=fmt, diff=diff, report=report, output=output,
                                in_place=in_place)
        use = register_use(register_file=register, no_register=no_register,
                           in_place=in_place, output=out, mode=mode)
        return run_clean(
            paths, output=out, in_place=in_place, exit_non_zero_on_fix=exit_non_zero_on_fix,
            flags=flag_overrides(include=include, exclude=exclude, keep=keep, drop=drop,
                                 group_by_folder=group_by_folder),
            messages=messages, mode=mode, corpus=corpus, use_cache=not no_cache,
            jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler, register=use)

    raise typer.Exit(guarded(messages, run))


@app.command(
    epilog="Examples:\n\n"
    "  newsclean check scraped/\n\n"
    "  newsclean check new/page.txt --corpus scraped/"
)
def check(
    paths: Annotated[list[str], typer.Argument(help="Folders and files to check.",
                                               show_default=False)],
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    keep: KeepOpt = None,
    drop: DropOpt = None,
    group_by_folder: GroupOpt = None,
    corpus: CorpusOpt = None,
    no_cache: NoCacheOpt = False,
    register: RegisterOpt = None,
    no_register: NoRegisterOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Report the files `clean` would change, changing nothing: exit 1 if any, else 0.

    Files given on their own are judged against their corpus, as in `clean`.
    """
    from cli.check import run_check
    from cli.config import flag_overrides

    messages = Messages(quiet=quiet, verbose=verbose)
    code = guarded(messages, lambda: run_check(
        paths, flags=flag_overrides(include=include, exclude=exclude, keep=keep, drop=drop,
                                    group_by_folder=group_by_folder),
        messages=messages, corpus=corpus, use_cache=not no_cache,
        register=read_register(register, no_register)))
    raise typer.Exit(code)


@app.command(
    epilog="Examples:\n\n"
    "  newsclean explain scraped/page-17.txt\n\n"
    "  newsclean explain page.txt --corpus scraped/ --dropped\n\n"
    "  newsclean explain page.txt --keep '^Photo:' --format json | jq '.decisions[]'"
)
def explain(
    file: Annotated[Path, typer.Argument(help="The document to explain.", show_default=False)],
    corpus: CorpusOpt = None,
    dropped: Annotated[bool, typer.Option("--dropped", help="Show only dropped lines.")] = False,
    fmt: Annotated[str, typer.Option(
        "--format", help="[b]text[/] (coloured lines) or [b]json[/] (every decision).")] = "text",
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    keep: KeepOpt = None,
    drop: DropOpt = None,
    group_by_folder: GroupOpt = None,
    no_cache: NoCacheOpt = False,
    register: RegisterOpt = None,
    no_register: NoRegisterOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Show why each line of FILE is kept or dropped.

    Each line's verdict, rule (or the --keep/--drop pattern that decided), documents, score.

    A removed near-duplicate also names the other files that carry it, with similarity,
    or the register entry that stands for documents cleaned earlier.
    """
    from cli.config import flag_overrides
    from cli.explain import run_explain

    messages = Messages(quiet=quiet, verbose=verbose)
    raise typer.Exit(guarded(messages, lambda: run_explain(
        file, corpus=corpus, fmt=fmt, dropped_only=dropped, messages=messages,
        use_cache=not no_cache, register=read_register(register, no_register),
        flags=flag_overrides(include=include, exclude=exclude, keep=keep, drop=drop,
                             group_by_folder=group_by_folder))))


app.add_typer(register_app)
