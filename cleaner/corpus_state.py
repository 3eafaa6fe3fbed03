"""Pass 1 of a warm run without reading the corpus again: the corpus state.

A full pass 1 decodes every cached fingerprint, counts it into the group's
`CorpusIndexBuilder` and clusters every sketch bucket; for a pre-commit check of
a few edited files in a large corpus that is nearly all of the run. The corpus
state (`.newsclean_cache/snapshot-*.bin`, cleaner/snapshot.py) keeps, per group,
the builder's records (before any register evidence), which document each file
is, under the checksum of its fingerprint, and the trace of the last clustering.

A warm run stats every file; a file whose stat is the one the state took its
fingerprint under is unchanged, and only the others are looked up in the cache
(cleaner/cache.py `changes`), where a file whose stat and fingerprint are those
of the state is not decoded either. The builder forgets the
documents of files changed or gone, counts those changed or new, and builds with
the earlier trace, which re-decides only the buckets that may now decide
otherwise (neardup.py `_replay`). Register evidence is fed afresh every run, as
in a full run. The result is the one a full pass 1 gives (tests/test_corpus_state.py):
the builder's records equal a fresh builder's up to the numbering of documents,
which nothing in `build()` depends on.

The state is keyed by the fingerprint cache's version, the source of the modules
that shape it and the options it depends on; it is rewritten when missing or
after REWRITE_AFTER changed documents (a check leaves it alone otherwise, so a
hook run writes nothing big).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from cleaner.api import (
    PHASE_SCAN,
    CorpusModel,
    Evidence,
    ProgressHook,
    build_traced_model,
    document_name,
    group_of,
    spilling_fingerprinter,
)
from cleaner.cache import FingerprintCache, Stat, cache_version, hash_module_sources
from cleaner.discover import SourceFile
from cleaner.fingerprint import DocumentFingerprint
from cleaner.neardup import Buckets, ClusterTrace, CorpusIndexBuilder
from cleaner.options import Options
from cleaner.snapshot import Stored, read_snapshot, write_snapshot
from cleaner.spill import Spill

#: Documents changed since the state was written after which a run writes it again.
REWRITE_AFTER = 200
#: A stat whose mtime is this close to when the state is written is not kept (ns).
RACY_NS = 2_000_000_000
#: Bumped when the state's layout changes.
STATE_FORMAT = 5
#: Modules whose code shapes the state (besides those of the fingerprint cache).
STATE_MODULES = ("cleaner.neardup", "cleaner.norms", "cleaner.corpus_state", "cleaner.snapshot")


@dataclass(slots=True)
class GroupState:
    """One group's pass-1 records, the files they came from, and the last clustering."""

    builder: CorpusIndexBuilder = field(default_factory=CorpusIndexBuilder)
    #: document name -> (fingerprint checksum, document number in `builder`)
    files: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    trace: ClusterTrace | None = None
    #: document name -> the stat (size, mtime_ns, inode) its file had when the
    #: fingerprint under that checksum was taken: a file that still has it is unchanged.
    stats: dict[str, Stat] = field(default_factory=dict)

    def update(self, unchanged: set[str],
               added: Sequence[tuple[str, bytes, DocumentFingerprint]]) -> int:
        """Forget files not `unchanged`, count the `added` ones; returns how many
        documents changed."""
        gone = [name for name in self.files if name not in unchanged]
        numbers = {self.files[name][1] for name in gone}
        for name in gone:
            del self.files[name]
        left: defaultdict[int, list[str]] = defaultdict(list)  # names still carrying one
        if numbers:
            for name, (_, number) in self.files.items():
                if number in numbers:
                    left[number].append(name)
        dropped: set[int] = set()
        for number in numbers:
            if left[number]:
                self.builder.rename(number, min(left[number]))
            else:
                dropped.add(number)
        self.builder.drop_documents(dropped)
        for name, checksum, fingerprint in added:
            self.builder.add(fingerprint)
            self.files[name] = (checksum, self.builder.number_of(fingerprint.content_hash))
        return len(gone) + len(added)


def state_key(options: Options) -> bytes:
    """What the state depends on: fingerprints (the cache's version), the code that
    builds it, and the options `build()` and grouping read."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{STATE_FORMAT}|{cache_version()}|{options.near_dup_min_score!r}|"
                  f"{options.group_by_folder!r}".encode())
    hash_module_sources(digest, STATE_MODULES)
    return digest.digest()


def freeze(groups: dict[str, GroupState]) -> tuple[tuple, list[bytes | memoryview]]:
    """The state as plain data and its large byte strings, stored as sections (the
    data names them by number): read back as views of the file, not copied."""
    sections: list[bytes | memoryview] = []

    def put(raw: bytes | memoryview) -> int:
        sections.append(raw)
        return len(sections) - 1

    value = []
    for group, state in sorted(groups.items()):
        names, seen, *arrays, norms = state.builder.to_plain()
        plain = (names, seen, *(put(raw) for raw in arrays), tuple(put(raw) for raw in norms))
        trace = _plain_trace(state.trace)
        if trace is not None:
            links, sketches, sizes, keys, unions, roots = trace
            trace = (links, put(sketches), put(sizes), put(keys), put(unions),
                     None if roots is None else put(roots))
        value.append((group, plain, state.files, trace, state.stats))
    return tuple(value), sections


def _plain_trace(trace: ClusterTrace | None) -> tuple | None:
    if trace is None:
        return None
    buckets = trace.buckets
    roots = None if trace.roots is None else np.asarray(trace.roots, np.int64).tobytes()
    # The unions as an (n, 3) array: 20,000 tuples unmarshalled were a warm check's 25 ms.
    unions = np.asarray(trace.unions, np.int64).reshape(-1, 3).tobytes()
    return (trace.links, buckets.sketches.astype(np.int64).tobytes(),
            buckets.sizes.astype(np.int64).tobytes(), buckets.keys.astype(np.int64).tobytes(),
            unions, roots)


def _trace(plain: tuple | None, section: Callable[[object], memoryview]) -> ClusterTrace | None:
    if plain is None:
        return None
    links, sketches, sizes, keys, raw_unions, raw_roots = plain
    buckets = Buckets(*(np.frombuffer(section(at), dtype=np.int64)
                        for at in (sketches, sizes, keys)))
    unions = np.frombuffer(section(raw_unions), dtype=np.int64)
    if len(unions) % 3:
        raise ValueError("not a trace")
    unions = unions.reshape(-1, 3)
    roots = (None if raw_roots is None
             else tuple(np.frombuffer(section(raw_roots), dtype=np.int64).tolist()))
    if not (isinstance(links, tuple)
            and len(buckets.sketches) == len(buckets.sizes)
            and int(buckets.sizes.sum()) == len(buckets.keys)
            and (roots is None or len(roots) == len(links) + len(unions))):
        raise ValueError("not a trace")
    return ClusterTrace(links, buckets, unions, roots)


def thaw(stored: Stored | None) -> dict[str, GroupState] | None:
    """The groups of a stored state; None if it is not one (then rebuilt)."""
    if stored is None:
        return None
    sections = stored.sections

    def section(at: object) -> memoryview:
        if not isinstance(at, int) or not 0 <= at < len(sections):
            raise ValueError("no such section")
        return sections[at]

    try:
        groups: dict[str, GroupState] = {}
        for group, plain, files, trace, stats in stored.value:
            if not (isinstance(group, str) and isinstance(files, dict)
                    and isinstance(stats, dict)):
                return None
            names, seen, *arrays, norms = plain
            plain = (names, seen, *(section(at) for at in arrays),
                     tuple(section(at) for at in norms))
            groups[group] = GroupState(CorpusIndexBuilder.from_plain(plain), files,
                                       _trace(trace, section), stats)
        return groups
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def warm_corpus_model(files: Sequence[SourceFile], options: Options, cache: FingerprintCache,
                      *, progress: ProgressHook | None = None,
                      evidence: Evidence | None = None,
                      spill: Spill | None = None) -> CorpusModel:
    """Pass 1 through the cache and the corpus state: the model a full pass 1 builds.

    Files that changed are prepared and, with a `spill`, kept in it for pass 2;
    unchanged files are not read at all (pass 2 prepares those it decides)."""
    key = state_key(options)
    names = [document_name(source) for source in files]
    # Two roots holding the same relative name cannot share one state keyed by name:
    # such runs build from the cache alone and leave the state as it is.
    unique = len(set(names)) == len(names)
    stored = thaw(read_snapshot(cache.folder, key)) if unique else None
    groups = stored if stored is not None else {}

    unchanged: defaultdict[str, set[str]] = defaultdict(set)
    added: defaultdict[str, list[tuple[str, bytes, DocumentFingerprint]]] = defaultdict(list)
    stats: dict[str, Stat] = {}  # of the files read through the cache
    pending = _stat_unchanged(files, names, groups, options, unchanged)
    known = _checksums(groups, pending, options)
    done = len(files) - len(pending)
    if progress is not None and done:
        progress(PHASE_SCAN, done, len(files))
    with spilling_fingerprinter(options, spill) as fingerprint:
        for source, checksum, found, stat in cache.changes(
                pending, fingerprint, known, complete=len(pending) == len(files)):
            done += 1
            if progress is not None:
                progress(PHASE_SCAN, done, len(files))
            group = group_of(source, options)
            name = document_name(source)
            if stat is not None:
                stats[name] = stat
            if found is None:
                unchanged[group].add(name)
            elif isinstance(found, DocumentFingerprint) and checksum is not None:
                added[group].append((name, checksum, found))
    changed = 0
    current: dict[str, GroupState] = {}
    for group in sorted(groups.keys() | added.keys() | unchanged.keys()):
        state = groups.get(group, GroupState())
        changed += state.update(unchanged.get(group, set()), added.get(group, ()))
        if state.files:
            current[group] = state
        else:
            changed += 1  # a group gone
    model, built = build_traced_model({group: state.builder for group, state in current.items()},
                                       options, evidence,
                                       {group: state.trace for group, state in current.items()
                                        if state.trace is not None})
    if unique and (stored is None or changed >= REWRITE_AFTER):
        for group, state in current.items():
            state.trace = built[group].trace if group in built else None
            state.stats = trusted_stats(state, stats, time.time_ns())
        write_snapshot(cache.folder, key, *freeze(current))
    return model


def trusted_stats(state: GroupState, fresh: dict[str, Stat], now_ns: int) -> dict[str, Stat]:
    """The stats the state keeps for its files: this run's, else the earlier ones, but
    none modified less than RACY_NS before `now_ns`: an edit in the same clock tick
    as the read that fingerprinted it would keep size, mtime and inode (git's "racily
    clean" entries). Such files go through the cache next time."""
    kept: dict[str, Stat] = {}
    for name in state.files:
        stat = fresh.get(name, state.stats.get(name))
        if stat is not None and stat[1] < now_ns - RACY_NS:
            kept[name] = stat
    return kept


def _checksums(groups: dict[str, GroupState], files: Sequence[SourceFile],
               options: Options) -> dict[str, bytes]:
    """document name -> the checksum the state has its fingerprint under, for `files`
    (a warm check's few, not the corpus)."""
    known: dict[str, bytes] = {}
    for source in files:
        state = groups.get(group_of(source, options))
        name = document_name(source)
        found = state.files.get(name) if state is not None else None
        if found is not None:
            known[name] = found[0]
    return known


def _stat_unchanged(files: Sequence[SourceFile], names: Sequence[str],
                    groups: dict[str, GroupState], options: Options,
                    unchanged: defaultdict[str, set[str]]) -> Sequence[SourceFile]:
    """The files to look up in the cache; those whose stat is the one the state took
    their fingerprint under are added to `unchanged` instead (a stat each, no query).

    Only when every file of the state is still there: a removal sends every file
    through the cache, which then forgets the rows of files gone."""
    known = {name: stat for state in groups.values() for name, stat in state.stats.items()}
    if not known or len(known) > len(names) or not known.keys() <= set(names):
        return files
    pending: list[SourceFile] = []
    same: list[SourceFile] = []
    stat_of = os.stat
    for source, name in zip(files, names, strict=True):
        stat = known.get(name)
        if stat is not None:
            try:  # the resolved path discovery already has: no Path to format
                info = stat_of(source.real or source.path)
            except OSError:
                pending.append(source)
                continue
            if (info.st_size, info.st_mtime_ns, info.st_ino) == stat:
                same.append(source)
                continue
        pending.append(source)
    if options.group_by_folder:
        for source in same:
            unchanged[group_of(source, options)].add(document_name(source))
    else:
        unchanged[""].update(map(document_name, same))
    return pending
