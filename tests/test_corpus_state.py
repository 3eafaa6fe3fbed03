"""The corpus state (cleaner/corpus_state.py): a warm run through it decides every
file exactly as a full run over the whole corpus does, and a state that cannot
be trusted is rebuilt silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakecorpus import write_corpus

from cleaner import corpus_state, snapshot
from cleaner.api import Evidence, clean_files
from cleaner.cache import CACHE_DIR, FingerprintCache
from cleaner.discover import discover_files
from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.register import Register
from cleaner.register_evidence import RegisterRecorder

GROUPED = Options(group_by_folder=True)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write_corpus(root, docs=40, seed=3)
    return root


def outcomes(root: Path, *, cached: bool, options: Options = DEFAULT_OPTIONS,
             evidence: Evidence | None = None) -> list[tuple]:
    """Every file's decisions and text, through the cache and state or not at all."""
    files = discover_files([root])
    cache = FingerprintCache.open(root) if cached else None
    try:
        return [(o.source.relative.as_posix(), o.result.text, o.result.decisions)
                for o in clean_files(files, options, cache=cache, evidence=evidence)
                if o.result is not None]
    finally:
        if cache is not None:
            cache.close()


def snapshots(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("snapshot-*.bin"))


def edit(root: Path) -> None:
    """Edits, a removal, a rename, a copy and a new page, as between two commits."""
    pages = sorted(root.rglob("*.txt"))
    for page in pages[:6:2]:
        text = page.read_text().split("\n")
        text[4:4] = ["An editor added this line to the page after the scrape.", ""]
        page.write_text("\n".join(text))
    pages[7].unlink()
    pages[9].rename(pages[9].with_name("renamed.txt"))
    shutil.copy(pages[11], pages[11].with_name("copy-of-11.txt"))
    pages[13].write_text(pages[15].read_text())  # now a duplicate of another page
    (pages[1].parent / "new-page.txt").write_text(pages[2].read_text().replace("the", "a"))


def register_of(root: Path, options: Options = DEFAULT_OPTIONS) -> Register:
    """The register a clean of `root` would start."""
    recorder = RegisterRecorder()
    evidence = Evidence(Register(), inputs_are_raw=True)
    for _ in clean_files(discover_files([root]), options, evidence=evidence, recorder=recorder):
        pass
    return recorder.merged(Register(), "2024-01-01")


@pytest.fixture(params=[False, True], ids=["one-group", "by-folder"])
def options(request) -> Options:
    return GROUPED if request.param else DEFAULT_OPTIONS


@pytest.mark.parametrize("with_register", [False, True])
def test_warm_state_gives_the_full_run(corpus: Path, options: Options, with_register: bool,
                                       monkeypatch) -> None:
    monkeypatch.setattr(corpus_state, "REWRITE_AFTER", 10_000)  # keep the first state
    replayed: list[int] = []
    build = corpus_state.build_traced_model

    def spy(parts, options, evidence, previous):
        replayed.append(len(previous))
        return build(parts, options, evidence, previous)

    monkeypatch.setattr(corpus_state, "build_traced_model", spy)
    register = register_of(corpus, options)
    assert len(register) > 5
    evidence = Evidence(register) if with_register else None
    assert outcomes(corpus, cached=True, options=options, evidence=evidence) == \
        outcomes(corpus, cached=False, options=options, evidence=evidence)
    assert len(snapshots(corpus)) == 1
    written = snapshots(corpus)[0].stat().st_mtime_ns
    edit(corpus)
    for _ in range(2):  # the second warm run starts from the same (older) state
        assert outcomes(corpus, cached=True, options=options, evidence=evidence) == \
            outcomes(corpus, cached=False, options=options, evidence=evidence)
    assert snapshots(corpus)[0].stat().st_mtime_ns == written
    assert replayed[0] == 0 and all(replayed[1:]) and len(replayed) == 3


def test_register_changed_between_runs(corpus: Path) -> None:
    register = register_of(corpus)
    outcomes(corpus, cached=True)  # the state is traced without any register
    edit(corpus)
    for evidence in (Evidence(register), Evidence(register, inputs_are_raw=True), None):
        assert outcomes(corpus, cached=True, evidence=evidence) == \
            outcomes(corpus, cached=False, evidence=evidence)


def test_state_is_rewritten_after_many_changes(corpus: Path, monkeypatch) -> None:
    outcomes(corpus, cached=True)
    first = snapshots(corpus)[0].read_bytes()
    monkeypatch.setattr(corpus_state, "REWRITE_AFTER", 3)
    edit(corpus)
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert snapshots(corpus)[0].read_bytes() != first
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_damaged_state_is_rebuilt_silently(corpus: Path, damage: str) -> None:
    outcomes(corpus, cached=True)
    path = snapshots(corpus)[0]
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "garbage":
        data = bytearray(b"not a snapshot at all" * 10)
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    edit(corpus)
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert snapshot.read_snapshot(path.parent, bytes.fromhex(path.stem.split("-")[1])) is not None


def test_valid_file_that_is_not_a_state_is_ignored(corpus: Path) -> None:
    outcomes(corpus, cached=True)
    path = snapshots(corpus)[0]
    key = bytes.fromhex(path.stem.split("-")[1])
    assert snapshot.write_snapshot(path.parent, key, ("not", "a", "state"))
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert corpus_state.thaw(snapshot.read_snapshot(path.parent, key)) is not None


def test_other_version_or_options_use_another_state(corpus: Path, monkeypatch) -> None:
    outcomes(corpus, cached=True)
    before = snapshots(corpus)
    strict = Options(near_dup_min_score=DEFAULT_OPTIONS.near_dup_min_score + 5)
    assert outcomes(corpus, cached=True, options=strict) == \
        outcomes(corpus, cached=False, options=strict)
    after = snapshots(corpus)
    assert len(after) == 1 and after != before  # one state kept, for the latest key
    monkeypatch.setattr(corpus_state, "STATE_FORMAT", corpus_state.STATE_FORMAT + 1)
    assert corpus_state.state_key(strict) != bytes.fromhex(after[0].stem.split("-")[1])
    assert outcomes(corpus, cached=True, options=strict) == \
        outcomes(corpus, cached=False, options=strict)


def test_snapshot_of_another_format_or_key_reads_as_none(tmp_path: Path, monkeypatch) -> None:
    key = b"k" * 16
    assert snapshot.write_snapshot(tmp_path, key, {"a": 1})
    assert snapshot.read_snapshot(tmp_path, key) == snapshot.Stored({"a": 1})
    assert snapshot.read_snapshot(tmp_path, b"x" * 16) is None
    monkeypatch.setattr(snapshot, "SNAPSHOT_FORMAT", snapshot.SNAPSHOT_FORMAT + 1)
    assert snapshot.read_snapshot(tmp_path, key) is None
    assert not list(tmp_path.glob(".tmp-*"))


def test_unwritable_cache_folder_still_gives_the_full_run(corpus: Path, monkeypatch) -> None:
    monkeypatch.setattr(snapshot, "write_snapshot", lambda *args: False)
    monkeypatch.setattr(corpus_state, "write_snapshot", lambda *args: False)
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert snapshots(corpus) == []


def _index_fields(index) -> tuple:
    return (index._docs, index._norms, index._examples, index._contexts, index._labels,
            index._cluster_of, index._cluster_docs, index.documents, index._register_sources)


@pytest.mark.parametrize("seed", range(12))
def test_replayed_clustering_equals_a_fresh_one(tmp_path: Path, seed: int) -> None:
    """Any earlier trace, of any overlapping set of documents and register, replays
    to the clustering a fresh build makes."""
    import dataclasses
    import random

    from cleaner.api import prepare_document
    from cleaner.neardup import CorpusIndexBuilder
    from cleaner.register_evidence import feed_register

    root = tmp_path / "c"
    write_corpus(root, docs=60, seed=seed)
    rng = random.Random(seed)
    docs = [prepare_document(p.name, p.read_text()).fingerprint
            for p in sorted(root.rglob("*.txt"))]
    register = register_of(root)

    def builder(chosen, with_register: bool) -> CorpusIndexBuilder:
        built = CorpusIndexBuilder()
        for doc in chosen:
            built.add(doc)
        if with_register:
            feed_register({"": built}, register)
        return built

    score = DEFAULT_OPTIONS.near_dup_min_score
    before = builder(rng.sample(docs, rng.randint(10, 60)), rng.random() < 0.5)
    before.build(min_score=score)
    previous = before.trace
    for step in range(4):
        if step == 2:  # an earlier trace that does not say where its unions ended
            previous = dataclasses.replace(previous, roots=None)
        chosen = rng.sample(docs, rng.randint(10, 60))
        with_register = rng.random() < 0.5
        fresh_builder, replaying = builder(chosen, with_register), builder(chosen, with_register)
        fresh = fresh_builder.build(min_score=score)
        replayed = replaying.build(min_score=score, previous=previous)
        assert _index_fields(replayed) == _index_fields(fresh)
        mine, theirs = replaying.trace, fresh_builder.trace  # the next replay's input
        assert (mine.links, mine.unions, mine.roots) == (theirs.links, theirs.unions, theirs.roots)
        assert all((a == b).all() for a, b in zip(mine.buckets.pairs(), theirs.buckets.pairs(),
                                                  strict=True))
        previous = replaying.trace  # replays of replays, as warm runs in a row make


def test_replay_decides_again_a_bucket_whose_partition_changed() -> None:
    """A bucket that holds the same keys as before still decides otherwise when an
    earlier bucket no longer joins two of its keys: the taint must reach it.

    Before: bucket 10 joins a-d and d-c (d is like both), so in bucket 20 c meets a
    already in its cluster and stops, never compared with b. After d's page is
    gone, bucket 20 (same keys) must compare c with b, which is a near-duplicate.
    """
    from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
    from cleaner.neardup import CorpusIndexBuilder

    norms = {1: "a" * 100, 5: "a" * 50 + "c" * 50, 9: "c" * 100, 2: "c" * 90 + "b" * 10}
    sketches = {1: (10, 20), 5: (10,), 9: (10, 20), 2: (20,)}

    def builder(keys) -> CorpusIndexBuilder:
        built = CorpusIndexBuilder()
        for key in keys:
            line = LineFingerprint(0, 0, key, sketches[key], norms[key], (), 0)
            built.add(DocumentFingerprint(f"doc-{key}", f"hash-{key}", (line,)))
        return built

    before = builder([1, 2, 5, 9])
    assert before.build(min_score=50).cluster_key(2) == 2  # b alone before
    fresh = builder([1, 2, 9]).build(min_score=50)
    replayed = builder([1, 2, 9]).build(min_score=50, previous=before.trace)
    assert fresh.cluster_key(9) == fresh.cluster_key(2) == 2
    assert _index_fields(replayed) == _index_fields(fresh)


def age(root: Path, seconds: int = 3600) -> None:
    """Every file modified `seconds` ago: old enough for the state to keep its stat."""
    import os
    import time

    then = time.time_ns() - seconds * 1_000_000_000
    for page in root.rglob("*.txt"):
        os.utime(page, ns=(then, then))


@pytest.fixture
def looked_up(monkeypatch) -> list[tuple[int, bool]]:
    """(files, complete) of every call of the cache's `changes`."""
    calls: list[tuple[int, bool]] = []
    changes = FingerprintCache.changes

    def spy(self, files, prepare, known, *, complete=True):
        calls.append((len(files), complete))
        return changes(self, files, prepare, known, complete=complete)

    monkeypatch.setattr(FingerprintCache, "changes", spy)
    return calls


def test_files_with_the_states_stat_are_not_looked_up(corpus: Path, looked_up) -> None:
    age(corpus)
    outcomes(corpus, cached=True)  # writes the state, with every file's stat
    pages = sorted(corpus.rglob("*.txt"))
    for page in pages[:3]:
        page.write_text(page.read_text() + "\nA line added after the state was written.\n")
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert looked_up[-1] == (3, False)  # the three edited files, and no row forgotten


def test_stat_shortcut_notices_edits_that_keep_the_size(corpus: Path, looked_up) -> None:
    """Same size, new mtime; and same size and mtime in a new file (an editor's save
    by rename): the stat differs either way."""
    import os

    age(corpus)
    outcomes(corpus, cached=True)
    pages = sorted(corpus.rglob("*.txt"))
    text = pages[0].read_text()
    pages[0].write_text(text.replace("e", "a", 3))
    info = pages[2].stat()
    swapped = pages[2].read_text().replace("a", "o", 5)
    fresh = pages[2].with_name("fresh.tmp")
    fresh.write_text(swapped)
    os.utime(fresh, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(fresh, pages[2])
    assert pages[2].stat().st_size == info.st_size
    assert pages[2].stat().st_mtime_ns == info.st_mtime_ns
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert looked_up[-1] == (2, False)


def test_recently_modified_files_keep_no_stat(corpus: Path) -> None:
    """A file modified just before the state is written could change again in the same
    clock tick without its stat changing: the state does not vouch for it."""
    age(corpus)
    recent = sorted(corpus.rglob("*.txt"))[4]
    recent.write_text(recent.read_text() + "\nJust now.\n")
    outcomes(corpus, cached=True)
    cache = FingerprintCache.open(corpus)
    assert cache is not None
    try:
        groups = corpus_state.thaw(snapshot.read_snapshot(
            cache.folder, corpus_state.state_key(DEFAULT_OPTIONS)))
    finally:
        cache.close()
    assert groups is not None
    stats = {name for state in groups.values() for name in state.stats}
    files = {name for state in groups.values() for name in state.files}
    assert recent.relative_to(corpus).as_posix() in files - stats
    assert len(stats) == len(files) - 1


def test_a_removal_sends_every_file_through_the_cache(corpus: Path, looked_up) -> None:
    age(corpus)
    outcomes(corpus, cached=True)
    pages = sorted(corpus.rglob("*.txt"))
    pages[5].unlink()
    assert outcomes(corpus, cached=True) == outcomes(corpus, cached=False)
    assert looked_up[-1] == (len(pages) - 1, True)  # and the gone file's row is forgotten
    cache = FingerprintCache.open(corpus)
    assert cache is not None
    try:
        rows = [row[0] for row in cache._db.execute("SELECT path FROM documents")]
    finally:
        cache.close()
    assert len(rows) == len(pages) - 1


def test_snapshot_sections_read_back_as_views(tmp_path: Path) -> None:
    """Large byte strings beside the value come back as they were, each aligned for
    numpy; a damaged or missing byte anywhere makes the whole snapshot read as None."""
    import numpy as np

    key = b"s" * 16
    sections = [b"", b"abc", np.arange(5, dtype=np.int64).tobytes(), memoryview(b"xyz" * 3)]
    assert snapshot.write_snapshot(tmp_path, key, ("value", 1), sections)
    stored = snapshot.read_snapshot(tmp_path, key)
    assert stored is not None and stored.value == ("value", 1)
    assert [bytes(view) for view in stored.sections] == [bytes(raw) for raw in sections]
    assert np.frombuffer(stored.sections[2], dtype=np.int64).tolist() == [0, 1, 2, 3, 4]
    path = snapshot.snapshot_path(tmp_path, key)
    data = bytearray(path.read_bytes())
    for damaged in (data[:-1], data[:-3] + b"zzz", data + b"\x00"):
        path.write_bytes(bytes(damaged))
        assert snapshot.read_snapshot(tmp_path, key) is None
