"""StoredNorms, the corpus state's lazily decoded line texts, behaves as the dict it replaces."""

from __future__ import annotations

import pickle

import pytest

from cleaner.norms import StoredNorms, pack_norms


def test_stored_norms_answer_and_change_as_a_dict() -> None:
    plain = {5: "five", -3: "minus three", 12: "caf\u00e9 \ud800 odd", 7: ""}
    stored = StoredNorms(*pack_norms(plain))
    assert dict(stored.items()) == plain and len(stored) == len(plain)
    assert stored[12] == plain[12] and 4 not in stored and stored.get(4) is None
    frozen = stored.frozen()
    mirror = dict(plain)
    for target in (stored, mirror):
        del target[5]
        target[4] = "four"
        target.setdefault(7, "not this")
        target[-3] = "minus three"  # set again, still in the base
        del target[-3]
        target[-3] = "back"
    assert dict(stored.items()) == mirror and len(stored) == len(mirror)
    with pytest.raises(KeyError):
        del stored[5]
    assert dict(frozen.items()) == plain  # a frozen copy does not see later changes
    assert dict(StoredNorms(*stored.packed()).items()) == mirror
    assert dict(pickle.loads(pickle.dumps(stored)).items()) == mirror


def test_damaged_packing_is_refused() -> None:
    keys, offsets, blob = pack_norms({1: "a", 2: "bb"})
    with pytest.raises(ValueError):
        StoredNorms(keys, offsets, blob[:-1])
    with pytest.raises(ValueError):
        StoredNorms(keys[::-1], offsets, blob)  # keys not sorted
    with pytest.raises(ValueError):
        StoredNorms(keys, offsets[:-8], blob)
