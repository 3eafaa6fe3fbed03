"""The fast shingle hashes equal the plain definition, byte for byte."""

from __future__ import annotations

import zlib

from hypothesis import given
from hypothesis import strategies as st

from cleaner.fingerprint import _shingle_hashes, _shingles, normalise_for_matching

_TEXT = st.text(alphabet=st.sampled_from("ab cd  e\t1_.é中文x"), max_size=60)


@given(_TEXT, st.integers(0, 4))
def test_shingle_hashes_match_definition(text, seed):
    for norm in (text, normalise_for_matching(text)):
        expected = {zlib.crc32(s.encode("utf-8"), seed) for s in _shingles(norm)}
        assert _shingle_hashes(norm, seed) == expected
