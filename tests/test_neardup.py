"""cleaner.fingerprint + cleaner.neardup: hashing finds what all-pairs rapidfuzz finds."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.fingerprint import fingerprint_document, normalise_for_matching
from cleaner.neardup import (
    _UNEVEN_MAX_SCORE,
    SHORT_LINE_CHARS,
    SHORT_LINE_MIN_SCORE,
    CorpusIndexBuilder,
    _near_duplicates,
    similarity,
)

VARIANTS = [
    "Mayor unveils plan for new tram line linking harbour and university | City | Transport",
    "Mayor unveils plan for new tram line linking harbour and university | Transport",
    "Mayor unveils plan for new tram line linking harbour and univresity | City | Transport",
    "Mayor  unveils plan for new tram line linking harbour and university | City",
]
UNRELATED = [
    "Heavy rain flooded the river valley overnight, forcing hundreds of families to leave",
    "Scientists have found a new species of frog in the cloud forests of the mountains",
    "The national team won the final in extra time, ending a wait of twenty-four years",
]


def _index(lines_per_doc: list[list[str]]):
    builder = CorpusIndexBuilder()
    prints = []
    for number, lines in enumerate(lines_per_doc):
        doc = fingerprint_document(f"d{number}", lines, {i: 2 for i in range(len(lines))})
        builder.add(doc)
        prints.append(doc)
    return builder.build(min_score=85.0), prints


def test_normalisation_ignores_case_punctuation_and_numbers() -> None:
    assert normalise_for_matching("VOL. 16, No. 19  Publisher") == normalise_for_matching(
        "vol 17 no 18 publisher"
    )


def test_context_keys_are_those_of_the_neighbouring_texts_whatever_their_roles() -> None:
    first = fingerprint_document("a", ["Share this story", "Mayor unveils tram plan", "Rain"],
                                 {0: 1, 1: 2, 2: 3})
    second = fingerprint_document("b", ["SHARE this story!", "Mayor unveils tram plan", "Snow"],
                                  {0: 2, 1: 4, 2: 2})
    assert first.lines[1].key != second.lines[1].key  # another matching space
    assert first.lines[1].context[0] == second.lines[1].context[0]  # same texts above
    assert first.lines[1].context[1] != second.lines[1].context[1]  # another text below
    # (previous, this) of a line and (this, next) of the one above: the same texts, apart
    assert first.lines[1].context[0] != first.lines[0].context[1]
    alone = fingerprint_document("c", ["Rain"], {0: 2}).lines[0]
    assert alone.context[0] != alone.context[1]  # nothing above, nothing below


def test_fuzzy_variants_are_one_cluster_counted_per_document() -> None:
    pairs = zip(VARIANTS, [*UNRELATED, ""], strict=True)
    index, prints = _index([[line for line in pair if line] for pair in pairs])
    counts = [index.recurrence(doc.lines[0]).doc_count for doc in prints]
    assert counts == [len(VARIANTS)] * len(VARIANTS)
    assert all(index.recurrence(doc.lines[1]).doc_count == 1 for doc in prints[:3])


def test_identical_documents_count_once() -> None:
    index, prints = _index([[VARIANTS[0]], [VARIANTS[0]], [UNRELATED[0]]])
    assert index.recurrence(prints[0].lines[0]).doc_count == 1


def test_hash_candidates_agree_with_all_pairs_reference() -> None:
    """Every pair rapidfuzz scores >= 85 (the obviously correct O(n²) reference) is
    in the same cluster as found through sketch-key buckets."""
    lines = VARIANTS + UNRELATED
    index, prints = _index([[line] for line in lines])
    norms = [normalise_for_matching(line) for line in lines]
    for a, b in itertools.combinations(range(len(lines)), 2):
        if similarity(norms[a], norms[b]) >= 85:
            assert index.recurrence(prints[a].lines[0]).doc_count >= 2
            assert index.recurrence(prints[b].lines[0]).doc_count >= 2
    for k in range(len(VARIANTS), len(lines)):
        assert index.recurrence(prints[k].lines[0]).doc_count == 1


def test_short_lines_need_typo_level_similarity() -> None:
    index, prints = _index([["Portion Fix Containers: 1 Green, 1 Blue"],
                            ["Portion Fix Containers: 1 Green, 1 Red, 1 Orange"]])
    assert index.recurrence(prints[0].lines[0]).doc_count == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c", max_size=90), st.text(alphabet="ab c", max_size=200),
       st.sampled_from([50.0, 66.0, 200 / 3, 67.0, 85.0, 95.0]))
def test_near_duplicates_is_the_plain_cutoff_test(a: str, b: str, min_score: float) -> None:
    """The length pre-test of `_near_duplicates` only skips pairs that fail anyway."""
    short = min(len(a), len(b))
    cutoff = min_score if short >= SHORT_LINE_CHARS else max(min_score, SHORT_LINE_MIN_SCORE)
    assert _near_duplicates(a, b, min_score) == (similarity(a, b) >= cutoff)


def test_uneven_pairs_stay_below_the_bound() -> None:
    """A line against one over twice as long scores below `_UNEVEN_MAX_SCORE`, however
    alike: the whole shorter line is the longer one's start."""
    for size in (1, 7, 30, 200, 1000):
        short, long_ = "x" * size, "x" * (2 * size + 1)
        assert similarity(short, long_) < _UNEVEN_MAX_SCORE


def test_links_are_matched_exactly() -> None:
    index, prints = _index([["http://amzn.to/2hWw372"], ["http://amzn.to/2hWEIX7"]])
    assert index.recurrence(prints[0].lines[0]).doc_count == 1


def test_variants_within_one_document_count_that_document_once() -> None:
    index, prints = _index([VARIANTS, UNRELATED])
    assert index.recurrence(prints[0].lines[0]).doc_count == 1


def test_pair_order_is_lexsort_on_any_records() -> None:
    """The linear sort of mostly sorted sketch records orders exactly as lexsort."""
    from cleaner.neardup import _pair_order

    rng = np.random.default_rng(0)
    for trial in range(300):
        n = int(rng.integers(1, 400))
        major, minor = rng.integers(0, 20, n), rng.integers(0, 20, n)
        if trial % 2:  # a sorted run and a few records after it, as a kept builder holds
            order = np.lexsort((minor, major))
            extra = int(rng.integers(0, 5))
            major = np.r_[major[order], rng.integers(0, 20, extra)]
            minor = np.r_[minor[order], rng.integers(0, 20, extra)]
        assert (_pair_order(major, minor) == np.lexsort((minor, major))).all()


def test_changed_sketches_are_those_of_pairs_in_one_trace_only() -> None:
    from cleaner.neardup import Buckets, _changed_sketches

    def buckets(pairs: list[tuple[int, int]]) -> Buckets:
        members: dict[int, set[int]] = {}
        for sketch, key in pairs:
            members.setdefault(sketch, set()).add(key)
        order = sorted(members)
        return Buckets(np.array(order, dtype=np.int64),
                       np.array([len(members[s]) for s in order], dtype=np.int64),
                       np.array([k for s in order for k in sorted(members[s])], dtype=np.int64))

    rng = np.random.default_rng(1)
    for _ in range(500):
        before = [(int(rng.integers(0, 8)), int(rng.integers(0, 6)))
                  for _ in range(int(rng.integers(0, 20)))]
        after = list(before)
        for _ in range(int(rng.integers(0, 4))):
            if after and rng.random() < 0.5:
                after.pop(int(rng.integers(0, len(after))))
            else:
                after.append((int(rng.integers(0, 8)), int(rng.integers(0, 6))))
        old, new = buckets(before), buckets(after)
        pairs = [set(zip(*(part.tolist() for part in b.pairs()), strict=True)) for b in (old, new)]
        expected = sorted({sketch for sketch, _ in pairs[0] ^ pairs[1]})
        assert _changed_sketches(old, new).tolist() == expected


def test_recurrence_is_the_same_from_memo_fresh_or_after_the_memo_is_cleared(
        monkeypatch) -> None:
    import cleaner.neardup as neardup

    docs = [[*VARIANTS[i : i + 2], UNRELATED[i % 3], f"Only on page {i}, a sentence."]
            for i in range(3)]
    asked = [(line, doc.name) for doc in _index(docs)[1] for line in doc.lines]
    fresh = [_index(docs)[0].recurrence(line, exclude=name) for line, name in asked]  # no memo
    index = _index(docs)[0]
    assert [index.recurrence(line, exclude=name) for line, name in asked] == fresh
    assert [index.recurrence(line, exclude=name) for line, name in asked] == fresh  # memo
    monkeypatch.setattr(neardup, "KNOWN_LINES", 1)  # the memo is cleared on every new line
    index = _index(docs)[0]
    assert [index.recurrence(line, exclude=name) for line, name in asked * 2] == fresh * 2


def test_recurrences_of_a_document_count_the_pages_carrying_each_line() -> None:
    """The batch look-up pass 2 uses: a line every page prints counts every page, a line
    of one page counts one, and the answers do not depend on what was asked before (an
    index that answered other documents first answers as a fresh one)."""
    own = ["alpha", "bravo", "charlie", "delta"]  # (digits would all match as "0")
    docs = [[*VARIANTS[i : i + 2], UNRELATED[i % 3], f"Only on page {own[i]}, a sentence.",
             "Watch: a clip", f"Tags: page {i}"] for i in range(4)]
    index, prints = _index(docs)
    for doc in prints:
        found = index.recurrences(doc.lines, exclude=doc.name)
        assert found == _index(docs)[0].recurrences(doc.lines, exclude=doc.name)
        counts = {docs[int(doc.name[1:])][i]: found[i].doc_count for i in found}
        assert counts["Watch: a clip"] == 4
        assert counts[f"Only on page {own[int(doc.name[1:])]}, a sentence."] == 1
        assert {line.line_index: index.recurrence(line, exclude=doc.name)
                for line in doc.lines} == found
