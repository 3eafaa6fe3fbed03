"""A file holding one value between runs: `.newsclean_cache/snapshot-<key>.bin`.

Used for the corpus state (cleaner/corpus_state.py). Like the fingerprint cache
it is a pure speed-up: the file names its format and the key of everything the
value depends on, carries a CRC of its payload, and is written atomically
(temporary file, then rename). A missing, foreign, stale, truncated or damaged
file reads as None and the caller rebuilds; any error writing it is ignored.

The payload is `marshal`led plain data (tuples, dicts, ints, strings, bytes),
checked by its CRC before decoding: the trust the fingerprint cache gives its
blobs.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import tempfile
import zlib
from pathlib import Path
from typing import Any

#: Bumped when the header or the payload layout changes.
SNAPSHOT_FORMAT = 1
MAGIC = b"NCSNAP\x00\x01"
_HEADER = struct.Struct("<8sI16sIQ")  # magic, format, key digest, crc32, payload length
PREFIX = "snapshot-"
SUFFIX = ".bin"


def snapshot_path(folder: Path, key: bytes) -> Path:
    return folder / f"{PREFIX}{key.hex()}{SUFFIX}"


def read_snapshot(folder: Path, key: bytes) -> Any | None:
    """The value stored under `key` (16 bytes), or None if there is none to trust."""
    try:
        with open(snapshot_path(folder, key), "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, fmt, stored_key, crc, length = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size:]
    if (magic != MAGIC or fmt != SNAPSHOT_FORMAT or stored_key != key
            or length != len(payload) or zlib.crc32(payload) != crc):
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, TypeError, EOFError):
        return None


def write_snapshot(folder: Path, key: bytes, value: Any) -> bool:
    """Store `value` under `key`, atomically, and remove snapshots of other keys."""
    try:
        payload = marshal.dumps(value, 4)
    except ValueError:
        return False
    header = _HEADER.pack(MAGIC, SNAPSHOT_FORMAT, key, zlib.crc32(payload), len(payload))
    target = snapshot_path(folder, key)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-" + PREFIX, dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(header)
            handle.write(payload)
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
