"""A file holding one value between runs: `.newsclean_cache/snapshot-<key>.bin`.

Used for the corpus state (cleaner/corpus_state.py). Like the fingerprint cache
it is a pure speed-up: the file names its format and the key of everything the
value depends on, carries a CRC of everything after its header, and is written
atomically (temporary file, then rename). A missing, foreign, stale, truncated or
damaged file reads as None and the caller rebuilds; any error writing it is ignored.

The value is `marshal`led plain data (tuples, dicts, ints, strings, bytes),
checked by the CRC before decoding: the trust the fingerprint cache gives its
blobs. Large byte strings (numeric arrays, packed line texts) go beside it as
sections, which a reader gets as views of the mapped file: loading a 10,000-
document state copies and allocates only the small value, not its 70 MB.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Bumped when the header or the payload layout changes.
SNAPSHOT_FORMAT = 2
MAGIC = b"NCSNAP\x00\x01"
# magic, format, key digest, crc32 of the rest, value length, number of sections
_HEADER = struct.Struct("<8sI16sIQI")
_LENGTH = struct.Struct("<Q")
#: Sections start at multiples of this (numeric arrays read in place).
_ALIGN = 8
PREFIX = "snapshot-"
SUFFIX = ".bin"


@dataclass(frozen=True, slots=True)
class Stored:
    """A snapshot as read: its value, and its sections as read-only views."""

    value: Any
    sections: tuple[memoryview, ...] = ()


def snapshot_path(folder: Path, key: bytes) -> Path:
    return folder / f"{PREFIX}{key.hex()}{SUFFIX}"


def _padding(length: int) -> int:
    return -length % _ALIGN


def read_snapshot(folder: Path, key: bytes) -> Stored | None:
    """The value (and sections) stored under `key` (16 bytes), or None if there is
    none to trust."""
    try:
        with open(snapshot_path(folder, key), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < _HEADER.size:
                return None
            data: memoryview = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):
        return None
    magic, fmt, stored_key, crc, value_length, count = _HEADER.unpack_from(data)
    if magic != MAGIC or fmt != SNAPSHOT_FORMAT or stored_key != key:
        return None
    rest = data[_HEADER.size:]
    table = _HEADER.size + count * _LENGTH.size
    if table > len(data) or zlib.crc32(rest) != crc:
        return None
    lengths = [_LENGTH.unpack_from(data, _HEADER.size + i * _LENGTH.size)[0]
               for i in range(count)]
    at = table + value_length
    if at > len(data):
        return None
    sections: list[memoryview] = []
    for length in lengths:
        at += _padding(at)
        if at + length > len(data):
            return None
        sections.append(data[at : at + length])
        at += length
    if at != len(data):
        return None
    try:
        value = marshal.loads(data[table : table + value_length])
    except (ValueError, TypeError, EOFError):
        return None
    return Stored(value, tuple(sections))


def write_snapshot(folder: Path, key: bytes, value: Any,
                   sections: Sequence[bytes | memoryview] = ()) -> bool:
    """Store `value` and its `sections` under `key`, atomically, and remove snapshots
    of other keys."""
    try:
        payload = marshal.dumps(value, 4)
    except ValueError:
        return False
    parts: list[bytes | memoryview] = [
        b"".join(_LENGTH.pack(len(section)) for section in sections), payload]
    at = _HEADER.size + len(sections) * _LENGTH.size + len(payload)
    for section in sections:
        parts.append(b"\x00" * _padding(at))
        at += _padding(at)
        parts.append(section)
        at += len(section)
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    header = _HEADER.pack(MAGIC, SNAPSHOT_FORMAT, key, crc, len(payload), len(sections))
    target = snapshot_path(folder, key)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-" + PREFIX, dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(header)
            for part in parts:
                handle.write(part)
        os.chmod(temporary, 0o644)  # as the fingerprint database (mkstemp makes it 0600)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    for old in folder.glob(f"{PREFIX}*{SUFFIX}"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
    return True
