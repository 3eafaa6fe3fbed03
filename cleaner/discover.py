"""Which files make up the corpus: a deterministic, loop-free walk that never leaves it.

The cleaner rewrites what this module returns, so it errs on the side of not including:
symlinked folders are not walked, symlinked files count only when their target lies in
one of the given folders, and hidden files/folders (.git, .newsclean, our own temp files)
are never picked up by a walk.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Characters that make an fnmatch glob more than plain text.
_MAGIC = re.compile(r"[*?\[]")

__all__ = ["DiscoveryError", "SourceFile", "discover_files", "find_output_collisions",
           "relative_name"]


class DiscoveryError(Exception):
    """A given path cannot be used; the message is ``PATH: what happened``."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input file and where its output goes.

    ``path`` is ``root / relative`` as the user spelled it (not resolved), so messages
    show familiar paths and in-place writes land where the user looks.
    """

    path: Path
    root: Path
    relative: Path
    #: The resolved path when discovery already knew it (the cache's key), else None.
    real: str | None = field(default=None, compare=False)
    #: ``relative`` with "/" separators (the document's name) when discovery already
    #: knew it, else None: formatting 10,000 paths again was a tenth of a warm check.
    posix: str | None = field(default=None, compare=False)


#: A file met while walking, before it is a `SourceFile`: (via a symlink, sort key,
#: resolved path, folder, folder relative to its root, name, root, relative path with
#: "/"). Plain tuples and
#: strings: a walk of 10,000 files built two `Path`s and two objects per file before
#: knowing which survive, most of a warm check's walk.
_Found = tuple[bool, tuple, str, Path, Path, str, Path, str]
_REAL, _FOLDER, _REL_FOLDER, _NAME, _ROOT, _POSIX = 2, 3, 4, 5, 6, 7


def discover_files(
    paths: Sequence[Path],
    *,
    include: Sequence[str] = ("*.txt",),
    exclude: Sequence[str] = (),
    skip_dirs: Sequence[Path] = (),
) -> list[SourceFile]:
    """Expand files and folders into the sorted, duplicate-free list of input files.

    A file given directly is always included, globs and links notwithstanding (the user
    named it); files found in folders must match an ``include`` glob and no ``exclude``
    glob. A glob without "/" matches the file name, one with "/" the path relative to its
    folder (fnmatch: "*" also crosses "/"). ``skip_dirs`` prune folders met while walking,
    not folders given directly. When the same file is reached twice the real file beats
    a symlink to it, then the smallest (root, relative) wins, so the result never depends
    on argument order.
    """
    for path in paths:
        try:
            path.stat()
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise DiscoveryError(f"{path}: does not exist") from exc
        except OSError as exc:
            raise DiscoveryError(f"{path}: {_describe(exc)}") from exc
    roots = [path for path in paths if path.is_dir()]
    real_roots = [os.path.realpath(root) for root in roots]
    pruned = {os.path.realpath(folder) for folder in skip_dirs}

    found: list[_Found | tuple[bool, tuple, str, SourceFile]] = []
    root_orders: dict[Path, tuple[str, ...] | Path] = {}
    for path in paths:
        if path.is_dir():
            root_order = root_orders.get(path)
            if root_order is None:
                root_order = root_orders[path] = path_order(path)
            found.extend(_walk(path, root_order, include, exclude, real_roots, pruned))
        else:
            real = os.path.realpath(path)
            file = SourceFile(path=path, root=path.parent, relative=Path(path.name), real=real)
            found.append((path.is_symlink(), source_order(file), real, file))

    # The real file beats a link to it, then the smallest (root, relative) wins.
    found.sort(key=_first_two)
    seen: set[str] = set()
    kept: list[_Found | tuple[bool, tuple, str, SourceFile]] = []
    for item in found:
        if item[_REAL] not in seen:
            seen.add(item[_REAL])
            kept.append(item)
    kept.sort(key=_second)
    return [_source_file(item) for item in kept]


def _first_two(item: tuple) -> tuple:
    return item[0], item[1]


def _second(item: tuple) -> tuple:
    return item[1]


def _source_file(item: _Found | tuple[bool, tuple, str, SourceFile]) -> SourceFile:
    """The `SourceFile` of a file found, made only for those kept."""
    if len(item) == 4:
        return item[3]  # type: ignore[return-value]  # a file given directly, made already
    return _WalkedFile.found(item)  # type: ignore[arg-type]


class _WalkedFile(SourceFile):
    """A `SourceFile` found by a walk, read from what the walk found (`_Found`) and its
    `path` and `relative` made when first asked for: a warm check reads 10,000 files'
    names and resolved paths and the `Path`s of a few, and making two per file (and
    setting five fields) was half of its walk. Equal to, hashed and pickled as the
    `SourceFile` it stands for."""

    __slots__ = ("_found", "_made_path", "_made_relative")

    def __new__(cls, *args: Any, **fields: Any) -> SourceFile:  # type: ignore[misc]
        """Made from fields (as `dataclasses.replace` does): a plain `SourceFile`."""
        return SourceFile(*args, **fields)

    @classmethod
    def found(cls, found: _Found) -> _WalkedFile:
        made = object.__new__(cls)
        object.__setattr__(made, "_found", found)
        return made

    def _made(self, slot: str, folder: int) -> Path:
        """The `Path` of the found file under its `folder` field, made once."""
        try:
            return object.__getattribute__(self, slot)
        except AttributeError:
            made = _child(self._found[folder], self._found[_NAME])
            object.__setattr__(self, slot, made)
            return made

    @property  # type: ignore[override]
    def path(self) -> Path:
        return self._made("_made_path", _FOLDER)

    @property  # type: ignore[override]
    def relative(self) -> Path:
        return self._made("_made_relative", _REL_FOLDER)

    @property  # type: ignore[override]
    def root(self) -> Path:
        return self._found[_ROOT]

    @property  # type: ignore[override]
    def real(self) -> str:
        return self._found[_REAL]

    @property  # type: ignore[override]
    def posix(self) -> str:
        return self._found[_POSIX]

    def plain(self) -> SourceFile:
        """The same file as a plain `SourceFile`."""
        return SourceFile(self.path, self.root, self.relative, self.real, self.posix)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (self.path, self.root, self.relative) == (other.path, other.root, other.relative)

    __hash__ = SourceFile.__hash__

    def __repr__(self) -> str:
        return repr(self.plain())

    def __reduce__(self) -> tuple:
        return SourceFile, (self.path, self.root, self.relative, self.real, self.posix)


def path_order(path: Path) -> tuple[str, ...] | Path:
    """A sort key ordering paths as `Path` comparison does: on POSIX its parts (tuples
    of strings compare in C; Path comparison cost a third of a 10,000-file walk)."""
    return path.parts if os.name == "posix" else path


def relative_name(source: SourceFile) -> str:
    """The file's path relative to its root, with "/" separators: its document name."""
    return source.posix if source.posix is not None else source.relative.as_posix()


def source_order(source: SourceFile) -> tuple:
    """The order of input files: by (root, relative) path."""
    return path_order(source.root), path_order(source.relative)


def find_output_collisions(files: Sequence[SourceFile]) -> list[tuple[Path, list[Path]]]:
    """Inputs that would be written to the same output path, sorted by that path.

    Two files given directly from different folders with the same name are the usual
    cause; writing both would silently keep only the last.
    """
    by_output: defaultdict[Path, list[Path]] = defaultdict(list)
    for file in files:
        by_output[file.relative].append(file.path)
    return sorted((out, srcs) for out, srcs in by_output.items() if len(srcs) > 1)


def _walk(
    root: Path,
    root_order: tuple[str, ...] | Path,
    include: Sequence[str],
    exclude: Sequence[str],
    real_roots: Sequence[str],
    pruned: set[str],
) -> Iterator[_Found]:
    """Yield matching files under ``root`` in sorted order, without following folder links.

    Visited folders are tracked by (device, inode) as well, so even a bind-mount loop
    terminates.
    """
    visited: set[tuple[int, int]] = set()
    posix = os.name == "posix"
    # folder, its path relative to root (as text, as parts and as a Path)
    stack: list[tuple[Path, str, tuple[str, ...], Path]] = [(root, "", (), Path())]
    included, excluded = _matcher(include), _matcher(exclude)
    while stack:
        folder, rel_folder, rel_parts, rel_path = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in visited:
                continue
            visited.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            raise DiscoveryError(f"{folder}: cannot list folder ({_describe(exc)})") from exc
        subfolders: list[tuple[Path, str, tuple[str, ...], Path]] = []
        # An entry that is not a link resolves to its name inside the folder's real
        # path: one realpath per folder, not one per file.
        real_folder = os.path.join(os.path.realpath(folder), "")  # with its separator
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_folder}/{name}" if rel_folder else name
            if entry.is_dir(follow_symlinks=False):
                if real_folder + name not in pruned:
                    subfolders.append((_child(folder, name), rel, (*rel_parts, name),
                                       _child(rel_path, name)))
                continue
            if not included(rel, name) or excluded(rel, name):
                continue
            if entry.is_symlink():
                real = _symlinked_file_in_corpus(entry.path, real_roots)
                if real is None:
                    continue
                via_symlink = True
            elif entry.is_file(follow_symlinks=False):
                real = real_folder + name
                via_symlink = False
            else:
                continue  # FIFOs, sockets, devices: not documents
            # On POSIX a path's order is its parts' (see `path_order`).
            order = (*rel_parts, name) if posix else _child(rel_path, name)
            yield via_symlink, (root_order, order), real, folder, rel_path, name, root, rel
        stack.extend(reversed(subfolders))


def _child(folder: Path, name: str) -> Path:
    """`folder / name` for a name from a folder listing (no "/", never "." or ".."),
    without parsing it again: pathlib's own walks use this constructor where this
    Python has it. Building two paths per file was half of a 10,000-file walk."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _symlinked_file_in_corpus(link: str, real_roots: Sequence[str]) -> str | None:
    """The link's real path if it is a regular file inside a given folder, else None.

    A link out of the corpus (``~/.ssh/id_rsa``, ``/etc/passwd``) must never be read or,
    worse, rewritten in place; a link to a folder is not walked at all.
    """
    real = os.path.realpath(link)
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return None
    except OSError:
        return None  # dangling link or unreadable target
    for real_root in real_roots:
        if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
            return real
    return None


def _matcher(globs: Sequence[str]) -> Callable[[str, str], bool]:
    """Whether a relative path matches any glob (fnmatch), the globs compiled once for
    a walk: a glob with "/" matches the relative path, one without the file name."""
    on_path = [re.compile(fnmatch.translate(os.path.normcase(g))).match
               for g in globs if "/" in g]
    # "*.txt": a suffix test, the same answer as the pattern for a name without "/"
    suffixes = tuple(os.path.normcase(g[1:]) for g in globs
                     if g.startswith("*") and not _MAGIC.search(g[1:]) and "/" not in g)
    on_name = [re.compile(fnmatch.translate(os.path.normcase(g))).match
               for g in globs if "/" not in g and not (
                   g.startswith("*") and not _MAGIC.search(g[1:]))]

    def matches(rel: str, name: str) -> bool:
        """`rel`: the relative path with "/" separators; `name`: its last part."""
        if suffixes or on_name:
            name = os.path.normcase(name)
            if suffixes and name.endswith(suffixes):
                return True
            if any(match(name) for match in on_name):
                return True
        if on_path:
            posix = os.path.normcase(rel)
            return any(match(posix) for match in on_path)
        return False
    return matches


def _describe(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or type(exc).__name__).lower()
