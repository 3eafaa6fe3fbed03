"""NormFile: line texts kept on disk answer like the dict they replace."""

from __future__ import annotations

import pickle

import pytest
from test_neardup_merge import MIN_SCORE, _fingerprints

from cleaner.neardup import CorpusIndexBuilder
from cleaner.norm_file import NormFile


def test_texts_round_trip(tmp_path) -> None:
    texts = {1: "plain words", 2: "", 3: "日本語と한국어", 4: "lone \udc80 surrogate",
             5: "x" * 5000}
    norms = NormFile(tmp_path)
    for key, text in texts.items():
        norms[key] = text
        assert norms[key] == text  # read while still writing
    assert dict(norms.items()) == texts and len(norms) == len(texts)
    assert 3 in norms and 9 not in norms
    del norms[3]
    assert 3 not in norms and sorted(norms) == [1, 2, 4, 5]
    with pytest.raises(KeyError):
        norms[1] = "again"
    assert pickle.loads(pickle.dumps(norms)) == {k: v for k, v in texts.items() if k != 3}
    norms.close()
    assert list(tmp_path.iterdir()) == []


def test_builder_with_texts_on_disk_builds_the_same_index(tmp_path) -> None:
    fingerprints = _fingerprints(40)
    in_memory, on_disk = CorpusIndexBuilder(), CorpusIndexBuilder(tmp_path)
    half = CorpusIndexBuilder()
    for number, fingerprint in enumerate(fingerprints):
        in_memory.add(fingerprint)
        (on_disk if number % 2 else half).add(fingerprint)
    on_disk.merge(half)
    assert on_disk.norm_folder == tmp_path
    assert vars(on_disk.build(min_score=MIN_SCORE)) == vars(in_memory.build(min_score=MIN_SCORE))
    assert CorpusIndexBuilder.from_plain(on_disk.to_plain()).to_plain()[-1] == \
        in_memory.to_plain()[-1]
    on_disk.close()
