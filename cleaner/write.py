"""Write outputs so that nothing is ever lost: the old file or the new one, never half.

Data goes to a temp file in the destination folder (same filesystem, so ``os.replace``
is atomic), is fsynced, then renamed over the destination. Any exception, including
KeyboardInterrupt, removes the temp file and leaves the original untouched.

A new file (nothing to replace, as in a fresh -o folder) is written, on Linux, to an
unnamed temp file (O_TMPFILE) that is linked under its name once complete: no name is
drawn, no rename made, and a killed run leaves nothing behind. Where the filesystem
cannot, the named temp file and rename serve. Parent folders are made when a temp file
cannot be created for want of them, not asked after for every file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

__all__ = ["TEMP_PREFIX", "cleanup_stray_temp_files", "write_atomic", "write_if_changed"]

# Starts with "." so discovery never mistakes a leftover temp file for a document.
TEMP_PREFIX = ".newsclean-tmp-"
_NEW_FILE_MODE = 0o644  # the kernel applies the umask at creation
_TEMP_ATTEMPTS = 100
#: Unnamed temp files, linked into place through /proc (Linux only).
_UNNAMED = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits and owner.

    A symlink is written through (its target is replaced, the link stays), as editors
    do; replacing the link itself would silently detach it from the file. Parent folders
    are created. On failure the OSError propagates for the caller to report, and the
    original file is exactly as it was.
    """
    target, original = _existing(path)
    _replace(target, original, data, durable=durable)


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write only when the bytes differ, so unchanged files keep their mtime; True if written.

    Tools downstream (make, rsync, backups) key on mtime, and "nothing to change" must
    really change nothing. The size is compared first so big files are rarely read.
    """
    target, original = _existing(path)
    if original is not None and original.st_size == len(data):
        with contextlib.suppress(FileNotFoundError), open(target, "rb") as handle:
            if handle.read(len(data) + 1) == data:
                return False
    _replace(target, original, data, durable=durable)
    return True


def _existing(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to write (a symlink's target) and its status, None when it does not exist:
    one lstat for a plain path."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:  # NotADirectoryError (a file stands for a folder) is raised
        return path, None
    if not stat.S_ISLNK(info.st_mode):
        return path, info
    target = Path(os.path.realpath(path))
    try:
        return target, os.stat(target)
    except FileNotFoundError:
        return target, None


class _NotLinked(Exception):
    """An unnamed temp file could not be linked under its name for another reason than
    the name being taken (a sandbox's /proc, say)."""


def _replace(target: Path, original: os.stat_result | None, data: bytes, *,
             durable: bool) -> None:
    """`write_atomic` of a `target` whose status is `original` (None: a new file)."""
    try:
        _write_through_temp(target, original, data, durable=durable,
                            unnamed=original is None)
    except _NotLinked:
        # The named temp file and rename instead: it works wherever the folder is
        # writable, and a real failure (disk full) fails it too, and is reported from it.
        _write_through_temp(target, original, data, durable=durable, unnamed=False)


def _write_through_temp(target: Path, original: os.stat_result | None, data: bytes, *,
                        durable: bool, unnamed: bool) -> None:
    temp: Path | None = None
    try:
        fd, temp = _temp_in(target.parent, unnamed=unnamed)
        try:
            if original is not None:
                _copy_mode_and_owner(fd, temp, original)
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
            if temp is None:
                temp = _link_new(fd, target)
        finally:
            os.close(fd)
        if temp is not None:
            os.replace(temp, target)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise
    if durable:
        _fsync_folder(target.parent)


def _temp_in(folder: Path, *, unnamed: bool) -> tuple[int, Path | None]:
    """`_create_temp`, making the folder (and its parents) when it does not exist yet."""
    try:
        return _create_temp(folder, unnamed=unnamed)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return _create_temp(folder, unnamed=unnamed)


def _link_new(fd: int, target: Path) -> Path | None:
    """Give the unnamed file `fd` its name `target`, which did not exist; when it has
    appeared meanwhile, link it under a temp name instead and return that (to be renamed
    over the target, as a named temp file would be)."""
    # os.link calls linkat(2), which follows the /proc link to the file, only when it is
    # given a folder fd (the source path is absolute, so which one does not matter).
    source = f"/proc/self/fd/{fd}"
    for name in chain((target,), _temp_names(target.parent)):
        try:
            os.link(source, name, src_dir_fd=fd)
        except FileExistsError:
            continue
        except OSError as error:
            raise _NotLinked from error
        return None if name is target else name
    raise FileExistsError(f"{target.parent}: could not create a unique temp file")


def _temp_names(folder: Path) -> Iterator[Path]:
    """Fresh temp file names in `folder`, as many as are tried before giving up."""
    for _ in range(_TEMP_ATTEMPTS):
        yield folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"


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


def _create_temp(folder: Path, *, unnamed: bool = False) -> tuple[int, Path | None]:
    """Create an exclusive, new temp file in ``folder`` (mode 0o644 minus the umask); with
    `unnamed`, where the platform and filesystem allow, one without a name (path None)."""
    if unnamed and _UNNAMED:
        try:
            return os.open(folder, os.O_WRONLY | os.O_TMPFILE, _NEW_FILE_MODE), None
        except OSError as error:  # not supported here: a named one
            if isinstance(error, (FileNotFoundError, PermissionError)):
                raise
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for temp in _temp_names(folder):
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
