"""Which corpus a file belongs to, and the context it is judged against.

Recurring boilerplate is only visible across many pages, so a file given on its
own (a pre-commit hook hands over just the staged files) is judged against the
corpus it lives in: the `--corpus` folder if given, else the `corpus` setting of
the nearest settings file, else the root of its git repository, else its folder.
Judged inside that corpus, a file gets exactly the verdicts a run over the whole
corpus gives it: the same document name (its path relative to the corpus root),
the same group and the same pass-1 index, built from the files in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.config import find_config, load_config
from cleaner.discover import SourceFile, discover_files, relative_name, source_order

__all__ = ["CorpusContext", "context_for", "find_corpus_root", "git_root"]


@dataclass(frozen=True, slots=True)
class CorpusContext:
    """The files read for pass 1 (`corpus`, in discovery order) and the ones judged."""

    root: Path
    corpus: tuple[SourceFile, ...]
    targets: tuple[SourceFile, ...]
    #: Given files from outside `root` whose name a corpus file already has: not
    #: judged, the caller says so.
    outside: tuple[Path, ...] = ()


def git_root(path: Path) -> Path | None:
    """The working tree that holds `path` (a folder with a `.git` folder or file), if any.

    Found by looking for `.git` upwards rather than by running git: no subprocess on
    every hook call, and it works where git is not installed.
    """
    folder = path.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def find_corpus_root(file: Path, corpus: Path | None = None) -> Path:
    """The root of the corpus `file` is judged against (see the module docstring)."""
    if corpus is not None:
        return corpus.resolve()
    config_path = find_config(file.resolve().parent)
    if config_path is not None:
        configured = load_config(config_path).corpus
        if configured is not None:
            return configured
    return git_root(file) or file.resolve().parent


def context_for(root: Path, files: Sequence[Path], *, include: Sequence[str],
                exclude: Sequence[str] = ()) -> CorpusContext:
    """Walk the corpus at `root` (include/exclude globs apply) and place `files` in it.

    A given file the walk does not pick up (excluded by a glob, in a hidden folder, or
    outside `root`) still joins the corpus, since the user named it, as with
    `discover_files`.
    """
    root = root.resolve()
    walked = discover_files([root], include=include, exclude=exclude)
    # By document name: the same as by relative path, and no Path hashed per file.
    by_name = {relative_name(source): source for source in walked}
    targets: list[SourceFile] = []
    outside: list[Path] = []
    for path in files:
        real = Path(os.path.realpath(path))
        try:
            target = SourceFile(path=path, root=root, relative=real.relative_to(root),
                                real=str(real))
        except ValueError:
            # A file from elsewhere (a new scrape checked against --corpus) joins the
            # corpus under its own name, unless a corpus file already has that name.
            target = SourceFile(path=path, root=path.parent, relative=Path(path.name))
            if relative_name(target) in by_name:
                outside.append(path)
                continue
        targets.append(target)
        by_name.setdefault(relative_name(target), target)
    # The walk is in this order already; only files that joined it need sorting in.
    corpus = (walked if len(by_name) == len(walked)
              else sorted(by_name.values(), key=source_order))
    return CorpusContext(root, tuple(corpus), tuple(targets), tuple(outside))
