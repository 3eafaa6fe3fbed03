"""Find near-duplicate lines across the whole corpus.

Pass 1 feeds every document's fingerprint into a `CorpusIndexBuilder`, which
only counts: for each exact key the number of distinct documents carrying it,
and for each sketch key the exact keys that share it. `build()` then turns
sketch buckets into clusters of near-duplicates, verifying each candidate pair
with rapidfuzz; a line's recurrence is the document count of its cluster.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
from cleaner.model import Match

#: Documents named as examples of where a line recurs (for explanations).
EXAMPLES_PER_LINE = 3
#: Document ids kept per line (see _KeyStats.doc_ids).
DOC_IDS_KEPT = 8
#: Short lines differ in few characters even when they say different things
#: ("1 Green, 1 Blue" / "1 Green, 1 Red"): below this length (normalised
#: characters) only typo-level variants count as near-duplicates.
SHORT_LINE_CHARS = 60
SHORT_LINE_MIN_SCORE = 95.0
#: A sketch bucket holding more distinct lines than this is a common shingle,
#: not a near-duplicate group; it is ignored (the decision is order-independent).
MAX_BUCKET = 200


def similarity(a: str, b: str) -> float:
    """rapidfuzz ratio (0-100) of two normalised lines, truncation-tolerant.

    Teaser leads are cut at different points on different pages, so when one
    line is at least half as long as the other only the common prefix length
    is compared.
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) * 2 >= len(long_):
        return fuzz.ratio(short, long_[: len(short)], processor=None)
    return fuzz.ratio(short, long_, processor=None)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """How widely a line recurs: `doc_count` counts this document too."""

    doc_count: int
    exact_count: int
    score: float
    matches: tuple[Match, ...] = ()
    #: Documents that carry this line next to the same neighbour (see
    #: LineFingerprint.context), this one included.
    context_count: int = 1
    #: Documents with a line opening with the same label (0: the line has none).
    label_count: int = 0


@dataclass(slots=True)
class _KeyStats:
    docs: int = 0
    norm: str = ""
    examples: list[str] = field(default_factory=list)
    #: Ids of the documents carrying the line while they are few, so that a
    #: cluster's variants found in the same document count that document once.
    doc_ids: set[int] = field(default_factory=set)


class CorpusIndexBuilder:
    """Accumulates pass-1 fingerprints; mergeable so workers can build parts."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._keys: dict[int, _KeyStats] = {}
        self._buckets: defaultdict[int, set[int]] = defaultdict(set)
        self._contexts: defaultdict[int, int] = defaultdict(int)
        self._labels: defaultdict[int, int] = defaultdict(int)

    def add(self, doc: DocumentFingerprint) -> None:
        if doc.content_hash in self._seen:
            return
        self._seen.add(doc.content_hash)
        doc_id = int(doc.content_hash[:16], 16)
        done: set[int] = set()
        for label in {line.label for line in doc.lines if line.label}:
            self._labels[label] += 1
        for line in doc.lines:
            if line.key in done:
                continue
            done.add(line.key)
            for context in set(line.context):
                self._contexts[context] += 1
            stats = self._keys.get(line.key)
            if stats is None:
                stats = self._keys[line.key] = _KeyStats(norm=line.norm)
            stats.docs += 1
            if stats.docs <= DOC_IDS_KEPT:
                stats.doc_ids.add(doc_id)
            else:
                stats.doc_ids.clear()
            if len(stats.examples) < EXAMPLES_PER_LINE or doc.name < stats.examples[-1]:
                bisect.insort(stats.examples, doc.name)
                del stats.examples[EXAMPLES_PER_LINE:]
            for sketch in line.sketch:
                bucket = self._buckets[sketch]
                if len(bucket) <= MAX_BUCKET:
                    bucket.add(line.key)

    def build(self, *, min_score: float) -> CorpusIndex:
        parent: dict[int, int] = {}

        def find(key: int) -> int:
            root = key
            while parent.get(root, root) != root:
                root = parent[root]
            while key != root:
                parent[key], key = root, parent.get(key, key)
            return root

        for bucket in self._buckets.values():
            if len(bucket) < 2 or len(bucket) > MAX_BUCKET:
                continue
            members = sorted(bucket)
            for i, key in enumerate(members[1:], start=1):
                norm = self._keys[key].norm
                for other in members[max(0, i - 3) : i]:
                    if find(other) == find(key):
                        break
                    other_norm = self._keys[other].norm
                    cutoff = min_score if min(len(norm), len(other_norm)) >= SHORT_LINE_CHARS \
                        else max(min_score, SHORT_LINE_MIN_SCORE)
                    if similarity(norm, other_norm) >= cutoff:
                        a, b = find(other), find(key)
                        parent[max(a, b)] = min(a, b)
                        break
        clusters: defaultdict[int, set[int]] = defaultdict(set)
        for key in list(parent):
            root = find(key)
            clusters[root].update((key, root))
        cluster_of = {key: root for root, keys in clusters.items() for key in keys}
        cluster_docs = {root: self._distinct_documents(keys) for root, keys in clusters.items()}
        return CorpusIndex(self._keys, cluster_of, cluster_docs, dict(self._contexts),
                           dict(self._labels), len(self._seen))


    def _distinct_documents(self, keys: Iterable[int]) -> int:
        """Documents carrying any variant of a cluster: exact while each variant is on
        few pages, else the sum (a widely recurring variant decides anyway)."""
        few: set[int] = set()
        many = 0
        for key in keys:
            stats = self._keys[key]
            if stats.docs <= DOC_IDS_KEPT:
                few |= stats.doc_ids
            else:
                many += stats.docs
        return len(few) + many


class CorpusIndex:
    """Read-only answers to "where else does this line occur, and how closely?"."""

    def __init__(
        self,
        keys: dict[int, _KeyStats],
        cluster_of: dict[int, int],
        cluster_docs: dict[int, int],
        contexts: dict[int, int],
        labels: dict[int, int],
        documents: int,
    ) -> None:
        self._keys = keys
        self._contexts = contexts
        self._labels = labels
        self._cluster_of = cluster_of
        self._cluster_docs = cluster_docs
        self.documents = documents

    def recurrence(self, line: LineFingerprint, *, exclude: str = "") -> Recurrence:
        stats = self._keys.get(line.key)
        exact = stats.docs if stats else 0
        root = self._cluster_of.get(line.key)
        total = self._cluster_docs[root] if root is not None else exact
        matches: list[Match] = []
        if stats:
            matches = [Match(name, stats.norm, 100.0) for name in stats.examples if name != exclude]
        best = 100.0 if exact > 1 else 0.0
        if root is not None and total > exact:
            variant = root if root != line.key else None
            if variant is not None:
                other = self._keys[variant]
                score = similarity(line.norm, other.norm)
                best = max(best, score)
                matches.extend(Match(n, other.norm, round(score, 1)) for n in other.examples[:1])
        context = max(self._contexts.get(key, 0) for key in line.context)
        return Recurrence(max(total, exact), exact, best, tuple(matches[:EXAMPLES_PER_LINE]),
                          max(1, context), self._labels.get(line.label, 0))

    def iter_clusters(self) -> Iterable[tuple[int, int]]:
        return self._cluster_docs.items()
