"""Write outputs so that nothing is ever lost: the old file or the new one, never half.

Data goes to a temp file in the destination folder (same filesystem, so ``os.replace``
is atomic), is fsynced, then renamed over the destination. Any exception, including
KeyboardInterrupt, removes the temp file and leaves the original untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from pathlib import Path

__all__ = ["TEMP_PREFIX", "cleanup_stray_temp_files", "write_atomic", "write_if_changed"]

# Starts with "." so discovery never mistakes a leftover temp file for a document.
TEMP_PREFIX = ".newsclean-tmp-"
_NEW_FILE_MODE = 0o644  # the kernel applies the umask at creation
_TEMP_ATTEMPTS = 100


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits and owner.

    A symlink is written through (its target is replaced, the link stays), as editors
    do; replacing the link itself would silently detach it from the file. Parent folders
    are created. On failure the OSError propagates for the caller to report, and the
    original file is exactly as it was.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        original: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        original = None
    temp: Path | None = None
    try:
        fd, temp = _create_temp(target.parent)
        try:
            if original is not None:
                _copy_mode_and_owner(fd, temp, original)
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise
    if durable:
        _fsync_folder(target.parent)


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write only when the bytes differ, so unchanged files keep their mtime; True if written.

    Tools downstream (make, rsync, backups) key on mtime, and "nothing to change" must
    really change nothing. The size is compared first so big files are rarely read.
    """
    try:
        if os.stat(path).st_size == len(data):
            with open(path, "rb") as handle:
                if handle.read(len(data) + 1) == data:
                    return False
    except FileNotFoundError:
        pass
    write_atomic(path, data, durable=durable)
    return True


def cleanup_stray_temp_files(folder: Path, *, older_than_seconds: float = 3600.0) -> int:
    """Remove temp files left by a killed run (SIGKILL, power loss); return how many.

    Only files older than ``older_than_seconds`` go, so a concurrent run writing into the
    same tree keeps its in-flight temp files. Symlinked folders are not followed.
    """
    cutoff = time.time() - older_than_seconds
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            if not name.startswith(TEMP_PREFIX):
                continue
            candidate = os.path.join(dirpath, name)
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(candidate)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(candidate)
                    removed += 1
    return removed


def _create_temp(folder: Path) -> tuple[int, Path]:
    """Create an exclusive, new temp file in ``folder`` (mode 0o644 minus the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_ATTEMPTS):
        temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        try:
            return os.open(temp, flags, _NEW_FILE_MODE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: could not create a unique temp file")


def _copy_mode_and_owner(fd: int, temp: Path, original: os.stat_result) -> None:
    """Give the temp file the original's owner (if we may) and mode, before any data.

    Running as root must not turn a user's files into root's. chown first: it clears
    setuid/setgid bits, which the chmod then restores.
    """
    if hasattr(os, "fchown") and (original.st_uid, original.st_gid) != (
        os.geteuid(),
        os.getegid(),
    ):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, original.st_uid, original.st_gid)
    mode = stat.S_IMODE(original.st_mode)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows
        os.chmod(temp, mode)


def _write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked (signals, pipes, big buffers); loop until done."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. Best effort: the data is already safe on disk,
    and some platforms and filesystems cannot fsync a directory."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
