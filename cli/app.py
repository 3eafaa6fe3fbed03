"""The `newsclean` entry point: a quick path for the pre-commit check, else the typer app.

A hook run is `newsclean check [-q] [-v] [--no-cache] [--no-register] FILE...`.
Through typer, building the command line alone costs a quarter of a second (typer
coerces every parameter through pydantic); that is a quarter of the hook's budget.
`quick_check` runs exactly those command lines itself, with the same meaning, and
leaves everything else (any other option, --help, a path starting with "-") to
typer (cli/commands.py), which `app` names lazily for the tests' CliRunner.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from cli.signals import install_interrupt_handlers

#: The flags `quick_check` understands, by the keyword they set.
_QUICK_FLAGS = {"--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose",
                "--no-cache": "no_cache", "--no-register": "no_register"}


def parse_quick_check(argv: Sequence[str]) -> tuple[list[str], dict[str, bool]] | None:
    """(paths, flags) of a plain `check` command line, or None when typer must parse it."""
    if not argv or argv[0] != "check":
        return None
    paths: list[str] = []
    flags = dict.fromkeys(_QUICK_FLAGS.values(), False)
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
        elif arg in _QUICK_FLAGS:
            flags[_QUICK_FLAGS[arg]] = True
        elif arg.startswith("-"):
            return None
        else:
            paths.append(arg)
    return (paths, flags) if paths and "-" not in paths else None


def quick_check(argv: Sequence[str]) -> int | None:
    """The exit code of a plain `check` command line run without typer, or None."""
    parsed = parse_quick_check(argv)
    if parsed is None:
        return None
    paths, flags = parsed
    # numpy's BLAS starts a thread per core when imported, busy for a while, and a check
    # does no linear algebra: on a 2-core machine that thread took a core's worth of a
    # hook's tenth of a second. A user's own setting stands.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from cli.check import run_check
    from cli.console import Messages, guarded
    from cli.context import read_register

    messages = Messages(quiet=flags["quiet"], verbose=flags["verbose"])
    return guarded(messages, lambda: run_check(
        paths, flags={}, messages=messages, use_cache=not flags["no_cache"],
        register=read_register(None, flags["no_register"])))


def _utf8_stdout() -> None:
    """Data on stdout (clean text, diffs, JSONL) is UTF-8 whatever the locale says:
    under LANG=C or PYTHONIOENCODING=ascii the text layer raised UnicodeEncodeError,
    a traceback, on the first non-ASCII character."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")


def main() -> None:
    """Console-script entry point."""
    install_interrupt_handlers()
    _utf8_stdout()
    try:
        code = quick_check(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            # All said and nothing left open: tearing the interpreter down (numpy and
            # every module, object by object) was 60 ms of the hook's second.
            os._exit(code)
        from cli.commands import app

        app()
    except BrokenPipeError:  # pragma: no cover - e.g. `newsclean clean f.txt | head`
        sys.stderr.close()
        sys.exit(0)


def __getattr__(name: str) -> Any:
    """`from cli.app import app`: the typer app, imported when asked for."""
    if name == "app":
        from cli.commands import app

        return app
    raise AttributeError(name)
