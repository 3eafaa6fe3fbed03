"""The fingerprint cache: a pure speed-up that is never trusted blindly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakecorpus import write_corpus

from cleaner.api import _prepare_file, clean_files, collect_fingerprints
from cleaner.cache import CACHE_DIR, DB_NAME, FingerprintCache
from cleaner.discover import discover_files
from cleaner.options import DEFAULT_OPTIONS, Options


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write_corpus(root, docs=12, seed=3)
    return root


def fingerprints(root: Path, cache: FingerprintCache | None, options: Options = DEFAULT_OPTIONS):
    files = discover_files([root], include=options.include)
    return list(collect_fingerprints(files, options, cache))


def outputs(root: Path, cache: FingerprintCache | None, options: Options = DEFAULT_OPTIONS):
    files = discover_files([root], include=options.include)
    return {o.source.relative.as_posix(): o.result.text
            for o in clean_files(files, options, cache=cache)}


def run(root: Path, options: Options = DEFAULT_OPTIONS, version_key: str = "v1"):
    """One cached pass 1: (fingerprints, hits, misses)."""
    cache = FingerprintCache.open(root, version_key=version_key)
    assert cache is not None
    try:
        found = fingerprints(root, cache, options)
        return found, cache.hits, cache.misses
    finally:
        cache.close()


def test_warm_run_reads_nothing_and_gives_the_same_fingerprints(corpus: Path) -> None:
    cold, hits, misses = run(corpus)
    assert (hits, misses) == (0, 12)
    warm, hits, misses = run(corpus)
    assert (hits, misses) == (12, 0)
    assert warm == cold == fingerprints(corpus, None)
    assert (corpus / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_edited_file_is_read_again(corpus: Path) -> None:
    run(corpus)
    page = sorted(corpus.rglob("*.txt"))[4]
    page.write_text(page.read_text() + "\nA late correction was appended here.\n")
    found, hits, misses = run(corpus)
    assert (hits, misses) == (11, 1)
    assert found == fingerprints(corpus, None)


def test_touched_or_renamed_file_is_recognised_by_its_bytes(corpus: Path) -> None:
    run(corpus)
    pages = sorted(corpus.rglob("*.txt"))
    os.utime(pages[0], ns=(1, 1))
    pages[1].rename(pages[1].with_name("renamed.txt"))
    found, hits, misses = run(corpus)
    assert (hits, misses) == (12, 0)
    assert found == fingerprints(corpus, None)  # the renamed file carries its new name
    assert "renamed.txt" in {fp.name.rsplit("/", 1)[-1] for _, fp in found}


def test_removed_file_is_forgotten(corpus: Path) -> None:
    run(corpus)
    gone = sorted(corpus.rglob("*.txt"))[2]
    gone.unlink()
    found, hits, misses = run(corpus)
    assert (hits, misses) == (11, 0)
    assert found == fingerprints(corpus, None)
    cache = FingerprintCache.open(corpus, version_key="v1")
    rows = [row[0] for row in cache._db.execute("SELECT path FROM documents")]
    cache.close()
    assert os.path.realpath(gone) not in rows and len(rows) == 11


def test_another_version_empties_the_cache(corpus: Path) -> None:
    run(corpus, version_key="v1")
    _, hits, misses = run(corpus, version_key="v2")
    assert (hits, misses) == (0, 12)


def test_changed_options_give_the_answers_of_an_uncached_run(corpus: Path) -> None:
    run(corpus)
    changed = Options(group_by_folder=True, min_docs_for_boilerplate=2,
                      near_dup_min_score=70.0, drop_patterns=("^Published",))
    cache = FingerprintCache.open(corpus, version_key="v1")
    assert outputs(corpus, cache, changed) == outputs(corpus, None, changed)
    cache.close()


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100,
                                     b"SQLite format 3\x00" + os.urandom(4000)])
def test_corrupt_cache_file_is_rebuilt_silently(corpus: Path, garbage: bytes) -> None:
    run(corpus)
    (corpus / CACHE_DIR / DB_NAME).write_bytes(garbage)
    found, _, _ = run(corpus)
    assert found == fingerprints(corpus, None)
    _, hits, misses = run(corpus)
    assert (hits, misses) == (12, 0)


def test_damaged_row_is_a_miss_not_a_wrong_answer(corpus: Path) -> None:
    run(corpus)
    cache = FingerprintCache.open(corpus, version_key="v1")
    with cache._db:
        cache._db.execute("UPDATE documents SET blob = X'00FF00'")
    cache.close()
    found, hits, misses = run(corpus)
    assert (hits, misses) == (0, 12)
    assert found == fingerprints(corpus, None)


def test_unwritable_corpus_runs_without_cache(corpus: Path) -> None:
    (corpus / CACHE_DIR).write_text("a file where the folder should be")
    assert FingerprintCache.open(corpus) is None
    assert outputs(corpus, None)  # and the run itself goes on


def test_outputs_are_byte_identical_with_and_without_cache(corpus: Path) -> None:
    cold = FingerprintCache.open(corpus)
    first = outputs(corpus, cold)
    cold.close()
    warm = FingerprintCache.open(corpus)
    assert outputs(corpus, warm) == first == outputs(corpus, None)
    warm.close()


_WORKER = """
import sys
from pathlib import Path
from cleaner.api import collect_fingerprints
from cleaner.cache import FingerprintCache
from cleaner.discover import discover_files
root = Path(sys.argv[1])
for _ in range(3):
    cache = FingerprintCache.open(root, version_key="v1")
    assert cache is not None
    list(collect_fingerprints(discover_files([root]), cache=cache))
    cache.close()
"""


def test_two_concurrent_runs_do_not_corrupt_the_cache(corpus: Path) -> None:
    shutil.rmtree(corpus / CACHE_DIR, ignore_errors=True)
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, str(corpus)],
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    found, hits, misses = run(corpus)
    assert (hits, misses) == (12, 0)
    assert found == fingerprints(corpus, None)


def test_prepare_is_not_called_on_a_hit(corpus: Path) -> None:
    run(corpus)
    files = discover_files([corpus])
    calls = []
    cache = FingerprintCache.open(corpus, version_key="v1")
    list(cache.fingerprints(files, lambda s: calls.append(s) or _prepare_file(s, DEFAULT_OPTIONS)))
    cache.close()
    assert calls == []


def test_one_version_for_the_package_the_cli_and_the_cache() -> None:
    from importlib.metadata import version

    from cleaner.cache import cache_version
    from cleaner.version import VERSION

    assert version("newsclean") == VERSION
    assert cache_version().startswith(f"{VERSION}+")
