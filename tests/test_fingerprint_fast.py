"""The fast shingle hashes equal the plain definition, byte for byte."""

from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.fingerprint import (
    _lowest_shingle_hashes,
    _shingle_hashes,
    _shingles,
    normalise_for_matching,
)

_TEXT = st.text(alphabet=st.sampled_from("ab cd  e\t\x1c\x1f1_.é中文x"), max_size=60)


@settings(deadline=None)
@given(_TEXT, st.integers(0, 4))
def test_shingle_hashes_match_definition(text, seed):
    for norm in (text, normalise_for_matching(text)):
        expected = {zlib.crc32(s.encode("utf-8"), seed) for s in _shingles(norm)}
        assert _shingle_hashes(norm, seed) == expected


def _normalise_reference(line: str) -> str:
    import unicodedata

    from cleaner.fingerprint import _TOKEN
    text = unicodedata.normalize("NFKC", line).casefold().replace("_", " ")
    return " ".join("0" if token.isdigit() else token for token in _TOKEN.findall(text))


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("aB 1_09.-x\t²é"), max_size=40))
def test_normalise_matches_definition(text):
    assert normalise_for_matching(text) == _normalise_reference(text)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["ab", "cd", "e", "1", "ab cd", "x"]), max_size=40).map(" ".join),
       st.integers(0, 4))
def test_lowest_shingle_hashes_match_definition(text, seed):
    for norm in (text, normalise_for_matching(text)):
        assert _lowest_shingle_hashes(norm, seed) == sorted(_shingle_hashes(norm, seed))[:4]
