"""From the paths on the command line to corpus jobs: what is read, what is judged.

Given folders (and files next to them), the corpus is exactly what was given, as
always. Given only files (a pre-commit hook, `check FILE...`), each file is judged
inside the corpus it belongs to (see cleaner/corpus.py); files of several corpora
make several jobs. Every job reads its corpus through the fingerprint cache at the
corpus root unless caching is off, and counts the boilerplate register kept there
(`.newsclean/register.jsonl`) as evidence; runs that rewrite files in place add
their removals to it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cleaner.api import Deliver, Evidence, FileOutcome, ProgressHook, clean_files
from cleaner.cache import FingerprintCache
from cleaner.config import ConfigError
from cleaner.corpus import context_for, find_corpus_root
from cleaner.discover import DiscoveryError, SourceFile, discover_files
from cleaner.options import Options
from cleaner.register import REGISTER_PATH, load_register, update_register_file
from cleaner.register_evidence import RegisterRecorder
from cli.config import FlagOverrides, resolve_options
from cli.console import Messages, UsageError


@dataclass(frozen=True, slots=True)
class CorpusJob:
    """One corpus: the files read for context, and those judged (None: all of them)."""

    root: Path
    options: Options
    corpus: tuple[SourceFile, ...]
    targets: tuple[SourceFile, ...] | None = None

    @property
    def judged(self) -> tuple[SourceFile, ...]:
        return self.corpus if self.targets is None else self.targets


def plan_jobs(paths: Sequence[str], *, flags: FlagOverrides, corpus: Path | None,
              messages: Messages, skip_dirs: Sequence[Path] = ()) -> list[CorpusJob]:
    """The jobs for a command line; every problem is a UsageError."""
    given = [Path(p) for p in paths]
    for path in given:
        if not path.exists():
            raise UsageError(f"{path}: does not exist")
    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"{corpus}: --corpus must be a folder")
    if any(path.is_dir() for path in given):
        if corpus is not None:
            raise UsageError("--corpus applies to files given on their own, not to folders")
        root = next(path for path in given if path.is_dir())
        options = resolve_options(root, flags)
        try:
            files = discover_files(given, include=options.include, exclude=options.exclude,
                                   skip_dirs=skip_dirs)
        except DiscoveryError as exc:
            raise UsageError(str(exc)) from None
        return [CorpusJob(root, options, tuple(files))]
    by_root: dict[Path, list[Path]] = {}
    for path in given:
        try:
            by_root.setdefault(find_corpus_root(path, corpus), []).append(path)
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
    jobs = []
    for root, files in by_root.items():
        if not root.is_dir():
            raise UsageError(f"{root}: corpus folder does not exist")
        options = resolve_options(root, flags)
        try:
            context = context_for(root, files, include=options.include,
                                  exclude=options.exclude)
        except DiscoveryError as exc:
            raise UsageError(str(exc)) from None
        for path in context.outside:
            messages.warning(f"{path}: outside the corpus {root}; skipped")
        if context.targets:
            jobs.append(CorpusJob(root, options, context.corpus, context.targets))
    return jobs


@dataclass(frozen=True, slots=True)
class RegisterUse:
    """How a run uses the boilerplate register (cleaner/register.py).

    `path`: a register file given with --register, else each corpus's own at
    its root. `update`: add this run's removals (runs that rewrite files in
    place, or -o with an explicit --register). `inputs_are_raw`: the files are
    not rewritten, so they may be among the documents the register counts.
    """

    enabled: bool = True
    path: Path | None = None
    update: bool = False
    inputs_are_raw: bool = False

    def path_for(self, root: Path) -> Path:
        return self.path if self.path is not None else root / REGISTER_PATH


#: Read only: what check and explain use, so they predict an in-place clean.
READ_REGISTER = RegisterUse()
NO_REGISTER = RegisterUse(enabled=False)


def run_jobs(corpus_jobs: Sequence[CorpusJob], *, use_cache: bool = True,
             progress: ProgressHook | None = None, jobs: int = 1,
             register: RegisterUse = READ_REGISTER,
             warn: Callable[[str], None] = lambda message: None,
             deliver: Deliver | None = None) -> Iterator[FileOutcome]:
    """Every judged file's outcome, corpus by corpus, on `jobs` processes (each first
    through `deliver`, where it was decided: see `clean_files`).

    Close the iterator when done (`with contextlib.closing(...)`), also on errors:
    a register being updated is written then, with the evidence of the files
    cleaned so far.
    """
    for job in corpus_jobs:
        cache = FingerprintCache.open(job.root) if use_cache else None
        try:
            with registered(register, job.root, warn) as (evidence, recorder):
                yield from clean_files(job.corpus, job.options, targets=job.targets,
                                       cache=cache, progress=progress, jobs=jobs,
                                       evidence=evidence, recorder=recorder,
                                       deliver=deliver)
        finally:
            if cache is not None:
                cache.close()


@contextmanager
def registered(register: RegisterUse, root: Path, warn: Callable[[str], None]
               ) -> Iterator[tuple[Evidence | None, RegisterRecorder | None]]:
    """The register of the corpus at `root` as evidence, and a recorder when the run
    updates it: on leaving (also on errors and Ctrl-C), what the files cleaned so far
    taught is merged into the file on disk, under its lock."""
    path = register.path_for(root) if register.enabled else None
    if path is None:
        yield None, None
        return
    evidence = Evidence(load_register(path, warn), register.inputs_are_raw)
    recorder = RegisterRecorder(accumulate=not register.inputs_are_raw) if register.update \
        else None
    try:
        yield evidence, recorder
    finally:
        if recorder:
            today = datetime.date.today().isoformat()
            update_register_file(path, partial(recorder.merged, today=today), warn)


def read_register(register: Path | None, no_register: bool) -> RegisterUse:
    """check and explain read the register as an in-place clean would, never update it."""
    if register is not None and no_register:
        raise UsageError("give either --register or --no-register, not both")
    return NO_REGISTER if no_register else RegisterUse(path=register)
