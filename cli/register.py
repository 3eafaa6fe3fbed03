"""`newsclean register list / show / forget`, and where a run finds its register.

The register (cleaner/register.py) lives at `<corpus root>/.newsclean/register.jsonl`;
`clean`, `check` and `explain` use the one at the root of the corpus they read
(cli/context.py). These commands find it from the folder given, upwards to the
repository root, or take it from --register.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from cleaner.register import REGISTER_PATH, Register, load_register, update_register_file
from cli.console import EXIT_OK, Messages, UsageError, guarded

register_app = typer.Typer(
    name="register",
    help="Look at and prune the boilerplate register (.newsclean/register.jsonl).",
    no_args_is_help=True,
)


def find_register(start: Path) -> Path | None:
    """The register of the corpus `start` lies in: at `start` (a corpus folder) or
    further up, as git finds `.git`, stopping at a repository root."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / REGISTER_PATH).is_file():
            return candidate / REGISTER_PATH
        if (candidate / ".git").exists():
            return None
    return None


def _load(register: Path | None, folder: Path, messages: Messages) -> tuple[Path, Register]:
    path = register if register is not None else find_register(folder)
    if path is None or not path.is_file():
        raise UsageError(f"{register or folder}: no register found "
                         f"(looked for {REGISTER_PATH} here and in parent folders)")
    return path, load_register(path, messages.warning)


RegisterOpt = Annotated[Path | None, typer.Option("--register", help="The register file.")]
FolderArg = Annotated[Path, typer.Argument(help="A folder of the corpus (default: here).")]


def _run(body: Callable[[Messages], int]) -> None:
    messages = Messages()
    raise typer.Exit(guarded(messages, lambda: body(messages)))


@register_app.command("list")
def list_entries(folder: FolderArg = Path("."), register: RegisterOpt = None) -> None:
    """One line per entry: id, documents, last seen, kind, rule, example text."""

    def body(messages: Messages) -> int:
        path, entries = _load(register, folder, messages)
        for entry in entries:
            text = entry.text if len(entry.text) <= 70 else entry.text[:69] + "…"
            sys.stdout.write(f"{entry.id}\t{entry.docs}\t{entry.last_seen}\t{entry.kind}\t"
                             f"{entry.rule}\t{text}\n")
        messages.info(f"{path}: {len(entries)} entries")
        return EXIT_OK

    _run(body)


@register_app.command("show")
def show(entry_id: Annotated[str, typer.Argument(help="Entry id (a unique prefix will do).")],
         folder: FolderArg = Path("."), register: RegisterOpt = None) -> None:
    """Print one entry in full, as JSON."""

    def body(messages: Messages) -> int:
        path, entries = _load(register, folder, messages)
        found = entries.find(entry_id)
        if len(found) != 1:
            raise UsageError(f"{path}: {'no' if not found else 'more than one'} entry "
                             f"with id {entry_id!r}")
        sys.stdout.write(json.dumps(json.loads(found[0].to_json()), ensure_ascii=False,
                                    indent=2) + "\n")
        return EXIT_OK

    _run(body)


@register_app.command("forget")
def forget(
    entry_ids: Annotated[list[str] | None, typer.Argument(help="Entry ids to remove.")] = None,
    unused_since: Annotated[str | None, typer.Option(
        "--unused-since", help="Remove entries not seen since this date (YYYY-MM-DD).")] = None,
    folder: Annotated[Path, typer.Option("--corpus", help="A folder of the corpus.")] = Path("."),
    register: RegisterOpt = None,
) -> None:
    """Remove entries: their lines are no longer removed on the register's evidence."""

    def body(messages: Messages) -> int:
        if not entry_ids and unused_since is None:
            raise UsageError("give entry ids or --unused-since DATE")
        if unused_since is not None:
            try:
                datetime.date.fromisoformat(unused_since)
            except ValueError:
                raise UsageError(f"--unused-since: {unused_since!r} is not YYYY-MM-DD") from None
        path, entries = _load(register, folder, messages)
        gone: list[str] = []
        for prefix in entry_ids or []:
            found = entries.find(prefix)
            if len(found) != 1:
                raise UsageError(f"{path}: {'no' if not found else 'more than one'} entry "
                                 f"with id {prefix!r}")
            gone.append(found[0].id)
        if unused_since is not None:
            gone.extend(entries.unused_since(unused_since))
        update_register_file(path, lambda current: current.without(gone), messages.warning)
        count = len(set(gone))
        messages.info(f"{path}: forgot {count} entr{'y' if count == 1 else 'ies'}")
        return EXIT_OK

    _run(body)
