"""An incremental cache of pass-1 fingerprints, kept at the corpus root.

`.newsclean_cache/fingerprints.sqlite3` (with a `.gitignore` of `*` beside it, as
ruff does) maps each file to its `DocumentFingerprint`, keyed by the file's stat
(size, mtime_ns, inode) and a hash of its bytes. A warm run stats every file and
re-reads only those whose stat changed; of those, a file whose bytes hash as
before (touched, checked out again, renamed) is not fingerprinted again.

The cache is a pure speed-up, never a source of truth:
- rows are tagged with a version key (newsclean's version and a hash of the source
  of every module that shapes a fingerprint); another key empties the cache;
- every blob carries a checksum and is decoded defensively; a row that fails is a
  miss; a file that is not a database is deleted and rebuilt; any SQLite error
  turns the cache off for the run, and the run goes on as if there were none;
- SQLite's WAL journal and a busy timeout let two runs share it: readers never
  block, writers take turns, each write is one transaction.

Fingerprints are stored with `marshal` (plain tuples of ints and strings), which
loads many times faster than pickle and cannot run code, checked by a BLAKE2
checksum before decoding: the same trust Python gives `__pycache__`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from cleaner.discover import SourceFile
from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
from cleaner.read import DEFAULT_MAX_BYTES, Skipped
from cleaner.version import VERSION

__all__ = ["CACHE_DIR", "FingerprintCache", "Stat", "cache_version", "fingerprint_checksum"]

CACHE_DIR = ".newsclean_cache"
DB_NAME = "fingerprints.sqlite3"
#: Bumped when the row layout or blob encoding below changes.
FORMAT = 2
#: Modules whose code decides what a fingerprint is; editing any of them (even
#: without a release, as on a development branch) invalidates the cache.
FINGERPRINT_MODULES = ("cleaner.read", "cleaner.normalise", "cleaner.segment", "cleaner.lexicon",
                       "cleaner.fingerprint", "cleaner.model", "cleaner.cache")
#: Seconds a writer waits for another run's transaction before giving up on caching.
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    raw_hash BLOB NOT NULL,
    skipped TEXT,
    blob BLOB,
    checksum BLOB
);
CREATE INDEX IF NOT EXISTS documents_raw_hash ON documents (raw_hash);
"""

#: What `prepare` returns: a fingerprint, or the reason the file was skipped.
Prepare = Callable[[SourceFile], "DocumentFingerprint | Skipped"]
#: A file's (size, mtime_ns, inode): what says it is unchanged since it was read.
Stat = tuple[int, int, int]
#: One file of `FingerprintCache.changes`: (file, fingerprint checksum, fingerprint,
#: skip reason, or None when unchanged from the checksum the caller knows; the stat
#: the file had when that fingerprint was taken, None if unknown).
Change = tuple[SourceFile, "bytes | None", "DocumentFingerprint | Skipped | None", "Stat | None"]
#: Paths per query when rows are looked up for some files only.
_QUERY_CHUNK = 500


def hash_module_sources(digest: hashlib.blake2b, names: Sequence[str]) -> None:
    """Feed the source files of the modules `names` into `digest`: a cache keyed on
    it goes stale when that code changes, even without a new release."""
    for name in names:
        module = importlib.import_module(name)
        with open(module.__file__ or "", "rb") as handle:
            digest.update(handle.read())


def cache_version() -> str:
    """newsclean's version plus a hash of the code that makes fingerprints."""
    digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=8)
    hash_module_sources(digest, FINGERPRINT_MODULES)
    return f"{VERSION}+{digest.hexdigest()}"


class FingerprintCache:
    """Fingerprints of the files under one corpus root, kept between runs."""

    def __init__(self, connection: sqlite3.Connection, folder: Path) -> None:
        self._db = connection
        self.folder = folder
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, root: Path, *, version_key: str | None = None) -> FingerprintCache | None:
        """Open (creating or rebuilding as needed) the cache of `root`; None if unusable.

        Never raises: a read-only corpus, a full disk or a locked database mean a run
        without the cache, which is slower and otherwise the same.
        """
        folder = root / CACHE_DIR
        key = version_key or cache_version()
        for _attempt in range(2):
            try:
                _make_folder(folder)
                return cls(_connect(folder / DB_NAME, key), folder)
            except sqlite3.DatabaseError:
                _remove_database(folder / DB_NAME)  # not a database (garbage): start over
            except (sqlite3.Error, OSError):
                return None
        return None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def fingerprints(self, files: Sequence[SourceFile],
                     prepare: Prepare) -> Iterator[DocumentFingerprint | Skipped]:
        """One fingerprint (or skip reason) per file, in order, computed only on a miss.

        New rows are written in one transaction after the last file is yielded.
        """
        for _, _, found, _ in self.changes(files, prepare, {}):
            assert found is not None  # nothing is known, so every file is looked up
            yield found

    def changes(self, files: Sequence[SourceFile], prepare: Prepare,
                known: Mapping[str, bytes], *, complete: bool = True) -> Iterator[Change]:
        """One change per file, in order: a file whose stat is as cached and whose
        fingerprint's checksum is `known[its document name]` is not decoded: its change
        is `(source, checksum, None, stat)`. Others come with their fingerprint (cached,
        or computed by `prepare` on a miss) or skip reason, and its checksum (None when
        skipped). Only the rows needed are read; new rows are written in one
        transaction after the last file is yielded.

        `complete`: `files` are every file of the corpus, so rows of files not among
        them are forgotten (their files are gone). Otherwise only the rows of `files`
        are read (a warm run that knows the others unchanged) and no row is forgotten.
        """
        paths: list[str] = []
        folders: dict[str, str] = {}
        for source in files:
            paths.append(source.real or real_path(source.path, folders))
        try:
            rows = self._briefs(None if complete else paths)
        except sqlite3.DatabaseError:
            self.close()
            _remove_database(self.folder / DB_NAME)
            for source in files:
                found = prepare(source)
                yield source, fingerprint_checksum(found), found, None
            return
        except sqlite3.Error:
            rows = {}
        updates: list[tuple] = []
        for source, key in zip(files, paths, strict=True):
            brief = rows.get(key)
            name = source.relative.as_posix()
            if brief is not None and brief[3] is not None and brief[3] == known.get(name):
                try:
                    info = os.stat(source.path)
                except OSError:
                    info = None
                if info is not None and tuple(brief[:3]) == (
                        info.st_size, info.st_mtime_ns, info.st_ino):
                    self.hits += 1
                    yield source, brief[3], None, tuple(brief[:3])
                    continue
            row = self._row(key) if brief is not None else None
            result, update, stat = self._lookup(source, key, row, prepare)
            if update is not None and _storable(key):
                updates.append(update)
            yield source, fingerprint_checksum(result), result, stat
        seen = set(paths)
        self._store(updates, [path for path in rows if path not in seen] if complete else [])

    def _briefs(self, paths: Sequence[str] | None) -> dict[str, tuple]:
        """path -> (size, mtime_ns, inode, checksum) of the rows of `paths` (None: all)."""
        query = "SELECT path, size, mtime_ns, inode, checksum FROM documents"
        if paths is None:
            return {row[0]: row[1:] for row in self._db.execute(query)}
        briefs: dict[str, tuple] = {}
        wanted = [path for path in paths if _storable(path)]
        for start in range(0, len(wanted), _QUERY_CHUNK):
            chunk = wanted[start : start + _QUERY_CHUNK]
            briefs.update((row[0], row[1:]) for row in self._db.execute(
                f"{query} WHERE path IN ({', '.join('?' * len(chunk))})", chunk))
        return briefs

    def _row(self, key: str) -> tuple | None:
        return self._first_row("path", key)

    def _first_row(self, column: str, value: object) -> tuple | None:
        """The first cached row whose `column` (path or raw_hash) is `value`."""
        try:
            return self._db.execute(
                "SELECT size, mtime_ns, inode, raw_hash, skipped, blob, checksum "
                f"FROM documents WHERE {column} = ? LIMIT 1", (value,)).fetchone()
        except sqlite3.Error:
            return None

    def _lookup(self, source: SourceFile, key: str, row: tuple | None, prepare: Prepare,
                ) -> tuple[DocumentFingerprint | Skipped, tuple | None, Stat | None]:
        """(fingerprint or skip reason, new row or None, the stat it was taken under)."""
        name = source.relative.as_posix()
        try:
            info = os.stat(source.path)
        except OSError:
            return prepare(source), None, None  # the reader reports why
        stat_key = (info.st_size, info.st_mtime_ns, info.st_ino)
        if row is not None and tuple(row[:3]) == stat_key:
            cached = _decode(name, str(source.path), row)
            if cached is not None:
                self.hits += 1
                return cached, None, stat_key
        raw_hash = _hash_file(source.path, info.st_size)
        if raw_hash is not None:
            same = row if row is not None and row[3] == raw_hash else self._by_hash(raw_hash)
            cached = _decode(name, str(source.path), same) if same is not None else None
            if cached is not None:
                self.hits += 1
                return cached, (key, *stat_key, raw_hash, *same[4:]), stat_key
        self.misses += 1
        result = prepare(source)
        if raw_hash is None:
            return result, None, None
        if isinstance(result, Skipped):
            return result, (key, *stat_key, raw_hash, result.reason, None, None), stat_key
        blob = marshal.dumps(_encode(result), 4)
        return result, (key, *stat_key, raw_hash, None, blob, _checksum(blob)), stat_key

    def _by_hash(self, raw_hash: bytes) -> tuple | None:
        return self._first_row("raw_hash", raw_hash)

    def _store(self, updates: list[tuple], gone: list[str]) -> None:
        """Write new rows and forget files that no longer exist; best effort."""
        gone = [path for path in gone if not os.path.exists(path)]
        if not updates and not gone:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", updates)
                self._db.executemany("DELETE FROM documents WHERE path = ?",
                                     [(path,) for path in gone])
        except sqlite3.Error:
            pass


def _connect(path: Path, version_key: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.executescript(_SCHEMA)
        stored = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if stored is None or stored[0] != version_key:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM documents")
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)",
                               (version_key,))
            connection.execute("COMMIT")
        connection.isolation_level = "DEFERRED"
        # A quick look at the whole file: garbage inside pages shows up here.
        connection.execute("SELECT count(*) FROM documents").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def real_path(path: Path, folders: dict[str, str]) -> str:
    """`os.path.realpath(path)`, resolving each folder once (in `folders`, one run's):
    a file that is no link is where its folder's real path says."""
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(os.path.abspath(path))
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def _make_folder(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by newsclean.\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                       "# This file is a cache directory tag created by newsclean.\n",
                       encoding="utf-8")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def _hash_file(path: Path, size: int) -> bytes | None:
    if size > DEFAULT_MAX_BYTES:
        return None
    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as handle:
            digest.update(handle.read(DEFAULT_MAX_BYTES + 1))
    except OSError:
        return None
    return digest.digest()


def _storable(key: str) -> bool:
    """SQLite text is UTF-8: a file name that is not (Linux bytes decoded with
    surrogateescape, e.g. a Latin-1 "caf\\xe9.txt") cannot be a key, so its file is simply
    never cached. Binding it raised UnicodeEncodeError, a traceback, for the whole run."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def fingerprint_checksum(found: DocumentFingerprint | Skipped) -> bytes | None:
    """The checksum a fingerprint is stored under (None for a skipped file): equal
    checksums mean equal fingerprints, whatever the file's name."""
    if isinstance(found, Skipped):
        return None
    return _checksum(marshal.dumps(_encode(found), 4))


def _checksum(blob: bytes) -> bytes:
    return hashlib.blake2b(blob, digest_size=16).digest()


def _encode(fingerprint: DocumentFingerprint) -> tuple:
    return (fingerprint.content_hash,
            tuple((line.line_index, line.role, line.key, line.sketch, line.norm,
                   line.context, line.label) for line in fingerprint.lines))


def _decode(name: str, where: str, row: tuple) -> DocumentFingerprint | Skipped | None:
    """A cached row as a fingerprint named `name`; None when it cannot be trusted."""
    skipped, blob, checksum = row[-3:]
    if skipped is not None:
        return Skipped(where, skipped)
    if not isinstance(blob, bytes) or checksum != _checksum(blob):
        return None
    try:
        content_hash, lines = marshal.loads(blob)
        return DocumentFingerprint(name, content_hash,
                                   tuple(LineFingerprint(*line) for line in lines))
    except (ValueError, TypeError, EOFError):
        return None
