"""Pass 1's spill: pass 2 reads back exactly what it would have prepared again."""

from __future__ import annotations

import tempfile

import pytest
from corpus import write_corpus

from cleaner.api import (
    _prepare_and_spill,
    _unpacked_document,
    clean_file,
    clean_files,
    corpus_model,
)
from cleaner.discover import discover_files
from cleaner.options import DEFAULT_OPTIONS
from cleaner.spill import Spill, SpillWriter, read_record, spill_folder


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return discover_files([write_corpus(tmp_path_factory.mktemp("corpus"), 12)])


@pytest.fixture
def spilled(monkeypatch) -> list[Spill]:
    """Every Spill a run makes, in order."""
    made: list[Spill] = []
    original = Spill.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Spill, "__init__", remember)
    return made


def spill_all(files, folder):
    """Pass 1's spilling of every file; the location of each."""
    spill = Spill(folder)
    with SpillWriter(folder) as writer:
        docs = [_prepare_and_spill(source, DEFAULT_OPTIONS, spill, writer) for source in files]
    return docs, [spill.locations[str(source.path)] for source in files]


def spilled_document(source, location):
    """What pass 2 takes from the spill for `source` (None: it prepares the file again)."""
    return _unpacked_document(source, DEFAULT_OPTIONS, read_record(location))


def test_spilled_document_equals_prepared(files):
    with spill_folder() as folder:
        docs, where = spill_all(files, folder)
        for source, doc, location in zip(files, docs, where, strict=True):
            assert spilled_document(source, location) == doc


def test_file_edited_after_spilling_is_prepared_again(tmp_path):
    files = discover_files([write_corpus(tmp_path / "corpus", 3)])
    with spill_folder() as folder:
        _, where = spill_all(files, folder)
        edited = files[0].path
        edited.write_text(edited.read_text(encoding="utf-8") + "A new last line.\n",
                          encoding="utf-8")
        assert spilled_document(files[0], where[0]) is None
        model = corpus_model(files)
        outcome = clean_file(files[0], model, DEFAULT_OPTIONS, spilled=where[0])
        assert outcome == clean_file(files[0], model, DEFAULT_OPTIONS)
        assert "A new last line." in outcome.result.text


def test_unreadable_spill_falls_back_to_preparing(files):
    model = corpus_model(files)
    direct = clean_file(files[0], model, DEFAULT_OPTIONS)
    missing = clean_file(files[0], model, DEFAULT_OPTIONS, spilled=("/nonexistent", 0, 10))
    assert missing == direct


@pytest.mark.parametrize("jobs", [1, 2])
def test_spill_folder_is_removed(files, jobs, monkeypatch, tmp_path, spilled):
    monkeypatch.setattr("cleaner.api.PASS1_CHUNK", 5)
    # A private temp dir: other newsclean runs on this machine spill into the shared one.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    outcomes = list(clean_files(files, jobs=jobs))
    assert len(outcomes) == len(files)
    assert len(spilled[0].locations) == len(files)  # every document came from the spill
    assert len(spilled) == 1 and str(spilled[0].folder).startswith(str(tmp_path))
    assert list((tmp_path / "tmp").iterdir()) == []


def test_cached_run_spills_what_it_prepares(tmp_path, spilled):
    """With the cache, pass 1 prepares (and spills) only changed files; unchanged ones
    are prepared by pass 2. Same text either way."""
    from cleaner.cache import FingerprintCache

    root = write_corpus(tmp_path / "corpus", 12)
    files = discover_files([root])
    cold = [o.result.text for o in clean_files(files, cache=FingerprintCache.open(root))]
    assert len(spilled[-1].locations) == len(files)
    warm = [o.result.text for o in clean_files(files, cache=FingerprintCache.open(root))]
    assert spilled[-1].locations == {}  # every file a cache hit
    assert warm == cold == [o.result.text for o in clean_files(files)]


def test_no_temporary_folder_means_no_spill_and_the_same_output(files, monkeypatch, tmp_path):
    expected = [o.result.text for o in clean_files(files)]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    assert [o.result.text for o in clean_files(files)] == expected


class _FullDisk:
    """A spill file on a disk that has just filled up."""

    def tell(self) -> int:
        return 0

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    def close(self) -> None:
        pass


def test_full_disk_while_spilling_stops_the_spill_not_the_run(files, monkeypatch, spilled):
    expected = [o.result.text for o in clean_files(files)]
    original = SpillWriter.__init__

    def full(self, folder):
        original(self, folder)
        self._file.close()
        self._file = _FullDisk()

    monkeypatch.setattr(SpillWriter, "__init__", full)
    assert [o.result.text for o in clean_files(files)] == expected
    assert spilled[-1].locations == {}
