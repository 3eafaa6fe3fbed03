"""`newsclean explain FILE`: why each line of one document is kept or dropped.

Pass 1 runs over the whole corpus (recurrence is what makes boilerplate), pass 2
over FILE alone; the result is shown line by line (or as one JSON object).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console

from cleaner.report import document_record
from cli.config import FlagOverrides
from cli.console import EXIT_OK, Messages, UsageError
from cli.context import READ_REGISTER, RegisterUse, plan_jobs, run_jobs
from cli.render import explain_view
from cli.summary import RunProgress

EXPLAIN_FORMATS = ("text", "json")


def run_explain(file: Path, *, corpus: Path | None, flags: FlagOverrides, messages: Messages,
                fmt: str = "text", dropped_only: bool = False, use_cache: bool = True,
                register: RegisterUse = READ_REGISTER, console: Console | None = None) -> int:
    """Judge FILE against its corpus (as `check` and the hook do) and show every line."""
    if fmt not in EXPLAIN_FORMATS:
        raise UsageError(f"unknown --format {fmt!r} (choose from {', '.join(EXPLAIN_FORMATS)})")
    if not file.is_file():
        raise UsageError(f"{file}: {'is not a file' if file.exists() else 'does not exist'}")
    jobs = plan_jobs([str(file)], flags=flags, corpus=corpus, messages=messages)
    if not jobs:
        raise UsageError(f"{file}: not part of any corpus")
    (job,) = jobs
    options, folder, documents = job.options, job.root, len(job.corpus)
    with RunProgress(messages.console, enabled=not messages.quiet) as progress:
        (outcome,) = run_jobs(jobs, use_cache=use_cache, progress=progress, register=register,
                              warn=messages.warning)
    if outcome.skipped is not None:
        raise UsageError(f"{file}: {outcome.skipped.reason}")
    result = outcome.result
    assert result is not None
    if fmt == "json":
        record = document_record(result, file.as_posix(), all_decisions=True)
        record["corpus"] = {"path": folder.as_posix(), "documents": documents}
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out = console or Console(highlight=False, soft_wrap=True)
    out.print(explain_view(result, options, path=file.as_posix(), corpus=folder.as_posix(),
                           documents=documents, dropped_only=dropped_only))
    return EXIT_OK
