"""cleaner.write: after any failure the old bytes are intact and no temp file remains."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import write
from cleaner.write import TEMP_PREFIX, cleanup_stray_temp_files, write_atomic, write_if_changed

OLD = "Köln: old story text.\nShare on Facebook\n".encode()
NEW = "Köln: old story text.\n".encode()


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Pin the umask so new-file modes are predictable, and restore it afterwards."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_writes_new_file_with_default_mode_and_parents(tmp_path: Path, umask: None) -> None:
    path = tmp_path / "out" / "deep" / "story.txt"
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert mode(path) == 0o644
    assert names(path.parent) == ["story.txt"]


def test_new_file_mode_respects_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.txt", NEW)
    finally:
        os.umask(previous)
    assert mode(tmp_path / "private.txt") == 0o600


@pytest.mark.parametrize("original_mode", [0o600, 0o640, 0o755, 0o444])
def test_replacing_keeps_permission_bits(tmp_path: Path, original_mode: int) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)
    path.chmod(original_mode)
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert mode(path) == original_mode
    assert names(tmp_path) == ["story.txt"]


def test_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(OLD)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink()
    assert target.read_bytes() == NEW
    assert names(tmp_path) == ["link.txt", "real.txt"]


def test_replace_failure_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)

    def refuse(*args: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(write.os, "replace", refuse)
    with pytest.raises(OSError, match="cross-device"):
        write_atomic(path, NEW)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["story.txt"]


def test_disk_full_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)
    real_write = os.write

    def half_then_full(fd: int, data: memoryview) -> int:
        if len(data) > 4:
            return real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write.os, "write", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, NEW)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["story.txt"]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_interrupt_keeps_original_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Ctrl-C (or a SIGTERM the CLI turns into KeyboardInterrupt) at any step."""
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)
    real = getattr(os, where)

    def interrupt(*args: object) -> object:
        if where == "write":
            real(args[0], bytes(args[1])[:3])  # a partial write really happened
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, NEW)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["story.txt"]


def test_directory_in_the_way_raises_and_cleans_up(tmp_path: Path) -> None:
    (tmp_path / "story.txt").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "story.txt", NEW)
    assert names(tmp_path) == ["story.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_raises_and_keeps_original(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_atomic(path, NEW)
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["story.txt"]


def test_write_if_changed_leaves_equal_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(NEW)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    inode = path.stat().st_ino
    assert write_if_changed(path, NEW) is False
    assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000
    assert path.stat().st_ino == inode


@pytest.mark.parametrize(
    "before", [None, OLD, b"X" * len(NEW)], ids=["missing", "longer", "same_size"]
)
def test_write_if_changed_writes_different_bytes(tmp_path: Path, before: bytes | None) -> None:
    path = tmp_path / "story.txt"
    if before is not None:
        path.write_bytes(before)
    assert write_if_changed(path, NEW) is True
    assert path.read_bytes() == NEW


def test_cleanup_removes_only_old_temp_files(tmp_path: Path) -> None:
    stale = [tmp_path / f"{TEMP_PREFIX}aaaa", tmp_path / "sub" / f"{TEMP_PREFIX}bbbb"]
    fresh = tmp_path / f"{TEMP_PREFIX}cccc"
    keep = tmp_path / "story.txt"
    for path in [*stale, fresh, keep]:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x")
    old = time.time() - 7200
    for path in [*stale, keep]:
        os.utime(path, (old, old))
    assert cleanup_stray_temp_files(tmp_path) == 2
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and keep.exists()


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=5000))
def test_any_bytes_round_trip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("rt")
    write_atomic(folder / "f.txt", b"previous")
    write_atomic(folder / "f.txt", data)
    assert (folder / "f.txt").read_bytes() == data
    assert names(folder) == ["f.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give files to another user")
def test_root_keeps_the_original_owner_and_setgid(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(OLD)
    os.chown(path, 1234, 5678)
    path.chmod(0o2640)  # chown clears setgid; it must come back
    write_atomic(path, NEW)
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 5678, 0o2640)


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed", "named"])
def test_new_file_interrupted_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             unnamed: bool) -> None:
    """A new file is under its name whole or not at all, with or without O_TMPFILE."""
    monkeypatch.setattr(write, "_UNNAMED", unnamed and write._UNNAMED)
    real = os.write

    def interrupt(fd: int, data: memoryview) -> int:
        real(fd, bytes(data)[:3])
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "write", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out" / "story.txt", NEW)
    assert names(tmp_path / "out") == []


@pytest.mark.skipif(not write._UNNAMED, reason="no O_TMPFILE here")
def test_unsupported_unnamed_temp_falls_back_to_a_named_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def no_tmpfile(path: object, flags: int, *args: object) -> int:
        if flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")
        return real(path, flags, *args)

    monkeypatch.setattr(write.os, "open", no_tmpfile)
    assert write_if_changed(tmp_path / "story.txt", NEW) is True
    assert (tmp_path / "story.txt").read_bytes() == NEW
    assert names(tmp_path) == ["story.txt"]


@pytest.mark.skipif(not write._UNNAMED, reason="no O_TMPFILE here")
def test_file_appearing_before_the_link_is_replaced(tmp_path: Path) -> None:
    """A file made under the name between the check and the link is replaced, as the
    rename of a named temp file would replace it."""
    path = tmp_path / "story.txt"
    fd, temp = write._create_temp(tmp_path, unnamed=True)
    assert temp is None
    try:
        os.write(fd, NEW)
        path.write_bytes(OLD)
        temp = write._link_new(fd, path)
    finally:
        os.close(fd)
    assert temp is not None and temp.name.startswith(TEMP_PREFIX)
    os.replace(temp, path)
    assert path.read_bytes() == NEW
    assert names(tmp_path) == ["story.txt"]


def test_symlink_to_missing_file_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "real.txt")
    assert write_if_changed(link, NEW) is True
    assert link.is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == NEW


@pytest.mark.skipif(not write._UNNAMED, reason="no O_TMPFILE here")
def test_unlinkable_unnamed_temp_falls_back_to_a_named_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the unnamed file cannot be linked through /proc (a sandbox mounting its own),
    the write is made again through a named temp file, not given up."""
    real = os.link

    def no_proc_link(source: str, *args: object, **kwargs: object) -> None:
        if str(source).startswith("/proc/"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", source)
        real(source, *args, **kwargs)

    monkeypatch.setattr(write.os, "link", no_proc_link)
    assert write_if_changed(tmp_path / "story.txt", NEW) is True
    assert (tmp_path / "story.txt").read_bytes() == NEW
    assert names(tmp_path) == ["story.txt"]


def test_file_standing_for_a_folder_names_the_path_asked_for(tmp_path: Path) -> None:
    """The error names the file the caller wanted written, not a temp file."""
    (tmp_path / "sub").write_bytes(OLD)
    with pytest.raises(NotADirectoryError) as raised:
        write_if_changed(tmp_path / "sub" / "story.txt", NEW)
    assert raised.value.filename == str(tmp_path / "sub" / "story.txt")
    assert names(tmp_path) == ["sub"]


@pytest.mark.skipif(not write._UNNAMED, reason="no O_TMPFILE here")
def test_unlinkable_after_the_name_was_taken_falls_back_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name taken meanwhile, and linking under a temp name failing too: the write is
    made again through a named temp file, which replaces the file that appeared."""
    real = os.link
    path = tmp_path / "story.txt"

    def taken_then_no_proc(source: str, target: object, **kwargs: object) -> None:
        if str(source).startswith("/proc/"):
            if Path(str(target)) == path:
                path.write_bytes(OLD)  # another process was first
                raise FileExistsError(errno.EEXIST, "File exists", str(target))
            raise OSError(errno.EXDEV, "Invalid cross-device link", source)
        real(source, target, **kwargs)

    monkeypatch.setattr(write.os, "link", taken_then_no_proc)
    assert write_if_changed(path, NEW) is True
    assert path.read_bytes() == NEW
    assert names(tmp_path) == ["story.txt"]
