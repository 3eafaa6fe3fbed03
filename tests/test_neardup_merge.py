"""CorpusIndexBuilder: parts merged in any order and any tree build the same index."""

from __future__ import annotations

import random

import pytest
from corpus import generated_texts

from cleaner.api import prepare_document
from cleaner.neardup import CorpusIndexBuilder

MIN_SCORE = 85.0


def _fingerprints(count: int) -> list:
    texts = generated_texts(count)
    # Exact copies under other names: one of each counts, whatever the order.
    texts += [(f"copy-{name}", text) for name, text in texts[::7]]
    return [prepare_document(name, text).fingerprint for name, text in texts]


def _state(builder: CorpusIndexBuilder) -> dict:
    return vars(builder.build(min_score=MIN_SCORE))


@pytest.fixture(scope="module")
def fingerprints() -> list:
    return _fingerprints(60)


@pytest.fixture(scope="module")
def reference(fingerprints) -> dict:
    builder = CorpusIndexBuilder()
    for fingerprint in fingerprints:
        builder.add(fingerprint)
    return _state(builder)


def test_reference_finds_recurrence(reference):
    assert reference["documents"] == 60
    assert reference["_cluster_of"], "fuzzy teasers must form near-duplicate clusters"
    assert any(count >= 3 for count in reference["_docs"].values())


@pytest.mark.parametrize("seed", range(6))
def test_merge_in_any_order_and_tree_equals_one_builder(fingerprints, reference, seed):
    rng = random.Random(seed)
    shuffled = fingerprints[:]
    rng.shuffle(shuffled)
    cuts = sorted(rng.sample(range(1, len(shuffled)), rng.randint(1, 8)))
    parts = []
    for start, end in zip([0, *cuts], [*cuts, len(shuffled)], strict=True):
        part = CorpusIndexBuilder()
        for fingerprint in shuffled[start:end]:
            part.add(fingerprint)
        parts.append(part)
    while len(parts) > 1:  # a random reduction tree
        i = rng.randrange(len(parts) - 1)
        parts[i : i + 2] = [parts[i].merge(parts[i + 1])]
    assert _state(parts[0]) == reference


def test_duplicate_in_two_parts_counts_once(fingerprints):
    doc = fingerprints[0]
    one, two, both = CorpusIndexBuilder(), CorpusIndexBuilder(), CorpusIndexBuilder()
    one.add(doc)
    two.add(doc)
    both.add(doc)
    both.add(doc)
    assert _state(one.merge(two)) == _state(both)
    assert _state(both)["documents"] == 1


def test_index_keeps_only_what_recurs(fingerprints, reference):
    every_key = {line.key for fp in fingerprints for line in fp.lines}
    assert len(reference["_docs"]) < len(every_key) / 2
    assert set(reference["_norms"]) == set(reference["_docs"])
