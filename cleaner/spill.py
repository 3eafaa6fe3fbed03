"""Pass-1 preparations kept on disk for pass 2.

Segmenting and fingerprinting a document is most of pass 1's work, and pass 2
needs the same lines, blocks, roles and fingerprint again. Rather than hold a
corpus of them in memory (or prepare every document twice), pass 1 appends each
prepared document to a spill file in a private temporary folder and pass 2 reads
it back by (file, offset). The folder is removed when the run ends, however it
ends; a document that is not in the spill (a cache hit in pass 1) is prepared
again, with the same result.

Records are plain tuples written with `marshal`: fast to load, and the files are
this process's own, in a folder only its user can read.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO

from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
from cleaner.model import Block, Kind

#: Where a document's record is: (spill file, byte offset, size in bytes).
Location = tuple[str, int, int]

_KINDS: dict[str, Kind] = {kind.value: kind for kind in Kind}
#: A line fingerprint's fields in constructor order, read by one C-level getter.
_LINE_FIELDS = attrgetter("line_index", "role", "key", "sketch", "norm", "context", "label")
#: A kind's stored code: a dict lookup, as an enum's `.value` is a slow property.
_CODES: dict[Kind, str] = {kind: kind.value for kind in Kind}


@dataclass(slots=True)
class Spill:
    """A run's spill folder and where each spilled document is (by file path)."""

    folder: Path
    locations: dict[str, Location] = field(default_factory=dict)
    #: Paths pass 2 will decide; None for all (other documents are not spilled).
    wanted: frozenset[str] | None = None

    def wants(self, path: str) -> bool:
        return self.wanted is None or path in self.wanted


@contextlib.contextmanager
def spill_folder() -> Iterator[Path | None]:
    """A private temporary folder, removed on exit (also on errors and Ctrl-C); None
    when none can be made (pass 2 then prepares every document again)."""
    try:
        folder = tempfile.mkdtemp(prefix="newsclean-spill-")
    except OSError:
        yield None
        return
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class SpillWriter:
    """Appends records to one new file of a spill folder (one writer per process/task).

    The spill is only a speed-up: when its file cannot be made or written (a full
    temporary disk), the writer stops keeping records and `add` returns None."""

    def __init__(self, folder: Path) -> None:
        self.path = ""
        self._file: BinaryIO | None = None
        #: Bytes written so far: the next record's offset (no `tell()` syscall per record).
        self._offset = 0
        with contextlib.suppress(OSError):
            handle, self.path = tempfile.mkstemp(dir=folder, suffix=".spill")
            self._file = os.fdopen(handle, "wb")

    def add(self, record: tuple) -> Location | None:
        if self._file is None:
            return None
        # dumps + one read of the bytes back: marshal.load on a file reads piecemeal.
        data = marshal.dumps(record)
        try:
            self._file.write(data)
        except OSError:
            self.close()
            return None
        offset, self._offset = self._offset, self._offset + len(data)
        return self.path, offset, len(data)

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None

    def __enter__(self) -> SpillWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_record(location: Location) -> tuple | None:
    """The record at `location`, or None when it cannot be read (then prepare again)."""
    return read_records([location])[0]


def read_records(locations: Sequence[Location | None]) -> list[tuple | None]:
    """The records at `locations` (None where there is none or it cannot be read).

    Pass 2 asks for a chunk of documents at once: each spill file is opened once
    for the chunk, not once per document."""
    records: list[tuple | None] = [None] * len(locations)
    by_path: dict[str, list[int]] = {}
    for position, location in enumerate(locations):
        if location is not None:
            by_path.setdefault(location[0], []).append(position)
    for path, positions in by_path.items():
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            continue
        try:
            for position in positions:
                _, offset, size = locations[position]  # type: ignore[misc]
                with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                    records[position] = marshal.loads(_read_at(fd, size, offset))
        finally:
            os.close(fd)
    return records


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset` (pread where the platform has it)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, size)  # pragma: no cover


@lru_cache(maxsize=1024)
def _codes(kinds: tuple[Kind, ...]) -> tuple[str, ...]:
    """A block's kinds as stored (few distinct tuples recur on every page)."""
    return tuple(map(_CODES.__getitem__, kinds))


@lru_cache(maxsize=1024)
def _kinds(codes: tuple[str, ...]) -> tuple[Kind, ...]:
    """`_codes`' inverse."""
    return tuple(map(_KINDS.__getitem__, codes))


def pack(lines: tuple[str, ...], blocks: tuple[Block, ...], roles: Mapping[int, int],
         fingerprint: DocumentFingerprint) -> tuple:
    """A prepared document as plain tuples (its name and group are the caller's)."""
    return (
        lines,
        tuple([(block.index, block.start, len(block.lines), _codes(block.kinds))
               for block in blocks]),
        tuple(roles.items()),
        fingerprint.content_hash,
        tuple(map(_LINE_FIELDS, fingerprint.lines)),
    )


def unpack(name: str, record: tuple) -> tuple[tuple[str, ...], tuple[Block, ...],
                                              dict[int, int], DocumentFingerprint]:
    """`pack`'s inverse: lines, blocks, roles and fingerprint (named `name`)."""
    lines, blocks, roles, content_hash, prints = record
    return (
        lines,
        tuple([Block(index, start, lines[start : start + size], _kinds(tuple(kinds)))
               for index, start, size, kinds in blocks]),
        dict(roles),
        DocumentFingerprint(name, content_hash, tuple(starmap(LineFingerprint, prints))),
    )
