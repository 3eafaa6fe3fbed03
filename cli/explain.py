"""`newsclean explain FILE`: why each line of one document is kept or dropped.

Pass 1 runs over the whole corpus (recurrence is what makes boilerplate), pass 2
over FILE alone; the result is shown line by line (or as one JSON object).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console

from cleaner.api import clean_file_in_corpus
from cleaner.discover import SourceFile
from cleaner.options import Options
from cleaner.report import document_record
from cli.clean import resolve_sources
from cli.console import EXIT_OK, Messages, UsageError
from cli.render import explain_view
from cli.summary import RunProgress

EXPLAIN_FORMATS = ("text", "json")


def explain_corpus(file: Path, corpus: Path | None) -> Path:
    """The folder whose documents FILE is compared with: --corpus, else FILE's folder.

    Kept alone so corpus resolution (config `corpus root`, etc.) can replace it.
    """
    return corpus if corpus is not None else file.parent


def corpus_with_target(file: Path, corpus: Path,
                       options: Options) -> tuple[SourceFile, list[SourceFile]]:
    """The corpus's files and FILE's place in them (added when the globs or the
    folder leave it out, so it is always counted in pass 1)."""
    files = resolve_sources([str(corpus)], options)
    real = file.resolve()
    for source in files:
        if source.path.resolve() == real:
            return source, files
    target = SourceFile(path=file, root=file.parent, relative=Path(file.name))
    return target, [*files, target]


def run_explain(file: Path, *, corpus: Path | None, options: Options, messages: Messages,
                fmt: str = "text", dropped_only: bool = False,
                console: Console | None = None) -> int:
    if fmt not in EXPLAIN_FORMATS:
        raise UsageError(f"unknown --format {fmt!r} (choose from {', '.join(EXPLAIN_FORMATS)})")
    if not file.is_file():
        raise UsageError(f"{file}: {'is not a file' if file.exists() else 'does not exist'}")
    folder = explain_corpus(file, corpus)
    if not folder.is_dir():
        raise UsageError(f"{folder}: corpus is not a folder")
    target, files = corpus_with_target(file, folder, options)
    with RunProgress(messages.console, enabled=not messages.quiet) as progress:
        outcome = clean_file_in_corpus(target, files, options, progress=progress)
    if outcome.skipped is not None:
        raise UsageError(f"{file}: {outcome.skipped.reason}")
    result = outcome.result
    assert result is not None
    if fmt == "json":
        record = document_record(result, file.as_posix(), all_decisions=True)
        record["corpus"] = {"path": folder.as_posix(), "documents": len(files)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out = console or Console(highlight=False, soft_wrap=True)
    out.print(explain_view(result, options, path=file.as_posix(), corpus=folder.as_posix(),
                           documents=len(files), dropped_only=dropped_only))
    return EXIT_OK
