"""Find near-duplicate lines across the whole corpus.

Pass 1 feeds every document's fingerprint into a `CorpusIndexBuilder`, which
only counts: for each exact key the number of distinct documents carrying it,
and for each sketch key the exact keys that share it. `build()` then turns
sketch buckets into clusters of near-duplicates, verifying each candidate pair
with rapidfuzz; a line's recurrence is the document count of its cluster.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
from cleaner.model import Match

#: Documents named as examples of where a line recurs (for explanations).
EXAMPLES_PER_LINE = 3
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


def _int64(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int64) if len(values) else np.zeros(0, np.int64)


class CorpusIndexBuilder:
    """Accumulates pass-1 fingerprints as compact records; `merge` joins parts built apart.

    Memory stays near-linear and small: per document one record (key, document)
    for each distinct line and its contexts and labels in machine arrays, the
    sketch keys of each line once, and the normalised text once per distinct
    line (to verify candidates and to quote in explanations). `build()` counts
    with numpy and keeps only what recurs. Of identical documents (same
    normalised text) one counts, the one with the smallest name, whatever the
    order documents arrive in or parts are merged.
    """

    def __init__(self) -> None:
        self._names: list[str] = []
        self._seen: dict[str, int] = {}  # content hash -> document number
        self._line_keys, self._line_docs = array("q"), array("q")
        self._context_keys, self._context_docs = array("q"), array("q")
        self._label_keys, self._label_docs = array("q"), array("q")
        self._sketches, self._sketched = array("q"), array("q")
        self._norms: dict[int, str] = {}
        self._evidence = _Evidence()

    @property
    def documents(self) -> int:
        return len(self._names)

    def add(self, doc: DocumentFingerprint) -> None:
        number = self._seen.get(doc.content_hash)
        if number is not None:
            self._names[number] = min(self._names[number], doc.name)
            return
        number = self._seen[doc.content_hash] = len(self._names)
        self._names.append(doc.name)
        done: set[int] = set()
        for label in {line.label for line in doc.lines if line.label}:
            self._label_keys.append(label)
            self._label_docs.append(number)
        for line in doc.lines:
            if line.key in done:
                continue
            done.add(line.key)
            self._line_keys.append(line.key)
            self._line_docs.append(number)
            for context in set(line.context):
                self._context_keys.append(context)
                self._context_docs.append(number)
            if line.key not in self._norms:
                self._norms[line.key] = line.norm
                for sketch in line.sketch:
                    self._sketches.append(sketch)
                    self._sketched.append(line.key)

    def merge(self, other: CorpusIndexBuilder) -> CorpusIndexBuilder:
        """Add everything `other` counted (in place; returns self).

        Parts can be reduced in any order and any tree: `build()` sees the same
        records. A document counted in both parts counts once.
        """
        offset = len(self._names)
        self._names.extend(other._names)  # a duplicate's entry stays, unused
        duplicate = np.zeros(len(other._names), dtype=bool)
        for content, number in other._seen.items():
            mine = self._seen.get(content)
            if mine is None:
                self._seen[content] = number + offset
            else:
                self._names[mine] = min(self._names[mine], other._names[number])
                duplicate[number] = True
        for keys, docs, their_keys, their_docs in (
            (self._line_keys, self._line_docs, other._line_keys, other._line_docs),
            (self._context_keys, self._context_docs, other._context_keys, other._context_docs),
            (self._label_keys, self._label_docs, other._label_keys, other._label_docs),
        ):
            their = _int64(their_docs)
            kept = ~duplicate[their]
            keys.frombytes(_int64(their_keys)[kept].tobytes())
            docs.frombytes((their[kept] + offset).tobytes())
        for key, norm in other._norms.items():
            self._norms.setdefault(key, norm)
        self._sketches.extend(other._sketches)
        self._sketched.extend(other._sketched)
        self._evidence.merge(other._evidence)
        return self

    # -- register evidence (cleaner/register_evidence.py) ----------------------------------

    def add_evidence(self, *, keys: Sequence[int], sketch: Sequence[int], norm: str,
                     docs: int, source: str) -> None:
        """Count `docs` earlier documents, no longer in the corpus, that carried a line.

        `keys` are the exact keys of the line's known variants: the first stands
        for them all and is matched on `norm` through `sketch`, like any line; a
        variant met again in a document joins its cluster without a similarity
        check. `source` names the evidence in explanations ("register:ID").
        """
        first, *others = keys
        self._norms.setdefault(first, norm)
        for key in sketch:
            self._sketches.append(key)
            self._sketched.append(first)
        self._evidence.add(first, others, docs, source)

    def add_label_evidence(self, label: int, docs: int) -> None:
        """Count `docs` earlier documents with a line opening with this label."""
        self._evidence.labels[label] = self._evidence.labels.get(label, 0) + docs

    def documents_carrying(self, key_sets: Sequence[Sequence[int]], *,
                           labels: bool = False) -> list[int]:
        """For each set of line keys (or label keys), how many documents carry any."""
        keys = _int64(self._label_keys if labels else self._line_keys)
        docs = _int64(self._label_docs if labels else self._line_docs)
        owners: defaultdict[int, list[int]] = defaultdict(list)
        for number, key_set in enumerate(key_sets):
            for key in set(key_set):
                owners[key].append(number)
        wanted = np.fromiter(owners, np.int64, len(owners))
        chosen = np.isin(keys, wanted)
        carriers: defaultdict[int, set[int]] = defaultdict(set)
        for key, doc in zip(keys[chosen].tolist(), docs[chosen].tolist(), strict=True):
            for number in owners[key]:
                carriers[number].add(doc)
        return [len(carriers.get(number, ())) for number in range(len(key_sets))]

    def build(self, *, min_score: float) -> CorpusIndex:
        """Count, cluster near-duplicates, and keep only what recurs."""
        line_keys = _int64(self._line_keys)
        keys, counts = np.unique(line_keys, return_counts=True)
        docs_of = _lookup(keys, counts)
        evidence = self._evidence
        cluster_of, cluster_docs = self._cluster(min_score)
        recurring = np.union1d(
            np.union1d(keys[counts >= 2], np.fromiter(cluster_of, np.int64, len(cluster_of))),
            np.fromiter(evidence.docs, np.int64, len(evidence.docs)))
        contexts, context_counts = np.unique(_int64(self._context_keys), return_counts=True)
        labels, label_counts = np.unique(_int64(self._label_keys), return_counts=True)
        label_docs = dict(zip(labels.tolist(), label_counts.tolist(), strict=True))
        for label, extra in evidence.labels.items():
            label_docs[label] = label_docs.get(label, 0) + extra
        examples = self._examples(line_keys, recurring)
        for key, sources in evidence.sources.items():
            examples[key] = (*sources, *examples.get(key, ()))[:EXAMPLES_PER_LINE]
        return CorpusIndex(
            docs={k: docs_of(k) + evidence.docs.get(k, 0) for k in recurring.tolist()},
            norms={int(k): self._norms[int(k)] for k in recurring.tolist()},
            examples=examples,
            cluster_of=cluster_of,
            cluster_docs=cluster_docs,
            contexts=dict(zip(contexts[context_counts >= 2].tolist(),
                              context_counts[context_counts >= 2].tolist(), strict=True)),
            labels=label_docs,
            documents=len(self._seen),
            register_sources={cluster_of.get(key, key): sources
                              for key, sources in evidence.sources.items()},
        )

    def _candidate_buckets(self) -> list[list[int]]:
        """Sketch buckets of 2..MAX_BUCKET distinct keys, in sketch order, keys sorted."""
        if not len(self._sketches):
            return []
        pairs = np.unique(np.stack([_int64(self._sketches), _int64(self._sketched)], axis=1),
                          axis=0)
        sketches = pairs[:, 0]
        starts = np.flatnonzero(np.r_[True, sketches[1:] != sketches[:-1]])
        sizes = np.diff(np.r_[starts, len(sketches)])
        members = pairs[:, 1]
        return [members[start : start + size].tolist()
                for start, size in zip(starts.tolist(), sizes.tolist(), strict=True)
                if 2 <= size <= MAX_BUCKET]

    def _cluster(self, min_score: float) -> tuple[dict[int, int], dict[int, int]]:
        parent: dict[int, int] = {}

        def find(key: int) -> int:
            root = key
            while parent.get(root, root) != root:
                root = parent[root]
            while key != root:
                parent[key], key = root, parent.get(key, key)
            return root

        for first, variant in self._evidence.links:
            if variant in self._norms:  # a known variant some document of this run carries
                a, b = find(first), find(variant)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        for members in self._candidate_buckets():
            for i, key in enumerate(members[1:], start=1):
                norm = self._norms[key]
                for other in members[max(0, i - 3) : i]:
                    if find(other) == find(key):
                        break
                    other_norm = self._norms[other]
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
        return cluster_of, self._distinct_documents(cluster_of)

    def _distinct_documents(self, cluster_of: dict[int, int]) -> dict[int, int]:
        """Documents carrying any variant of each cluster, each document once (a page
        printing four variants of a footer is one page), plus the earlier documents
        the register counts for its members."""
        if not cluster_of:
            return {}
        counts = self._documents_in_clusters(cluster_of)
        for key, extra in self._evidence.docs.items():
            root = cluster_of.get(key)
            if root is not None:
                counts[root] = counts.get(root, 0) + extra
        return counts

    def _documents_in_clusters(self, cluster_of: dict[int, int]) -> dict[int, int]:
        members = np.fromiter(cluster_of, np.int64, len(cluster_of))
        roots = np.fromiter(cluster_of.values(), np.int64, len(cluster_of))
        order = np.argsort(members)
        members, roots = members[order], roots[order]
        keys, docs = _int64(self._line_keys), _int64(self._line_docs)
        chosen = np.isin(keys, members)
        if not chosen.any():
            return {}
        root_of_record = roots[np.searchsorted(members, keys[chosen])]
        pairs = np.unique(np.stack([root_of_record, docs[chosen]], axis=1), axis=0)
        cluster_roots, counts = np.unique(pairs[:, 0], return_counts=True)
        return dict(zip(cluster_roots.tolist(), counts.tolist(), strict=True))

    def _examples(self, line_keys: np.ndarray, recurring: np.ndarray) -> dict[int, tuple[str, ...]]:
        """The EXAMPLES_PER_LINE smallest document names carrying each recurring key."""
        chosen = np.isin(line_keys, recurring)
        if not chosen.any():
            return {}
        keys, docs = line_keys[chosen], _int64(self._line_docs)[chosen]
        names = self._names
        rank = np.empty(len(names), dtype=np.int64)
        rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
        order = np.lexsort((rank[docs], keys))
        keys, docs = keys[order], docs[order]
        firsts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        ends = np.r_[firsts[1:], len(keys)]
        examples: dict[int, tuple[str, ...]] = {}
        for first, end in zip(firsts.tolist(), ends.tolist(), strict=True):
            stop = min(end, first + EXAMPLES_PER_LINE)
            examples[int(keys[first])] = tuple(names[d] for d in docs[first:stop].tolist())
        return examples


@dataclass(slots=True)
class _Evidence:
    """What the register adds to pass 1: earlier documents no longer in the corpus."""

    docs: dict[int, int] = field(default_factory=dict)  # line key -> earlier documents
    sources: dict[int, tuple[str, ...]] = field(default_factory=dict)  # key -> "register:ID"
    links: list[tuple[int, int]] = field(default_factory=list)  # (first key, variant key)
    labels: dict[int, int] = field(default_factory=dict)  # label key -> earlier documents

    def add(self, first: int, variants: Sequence[int], docs: int, source: str) -> None:
        self.docs[first] = self.docs.get(first, 0) + docs
        known = self.sources.get(first, ())
        if source not in known:
            self.sources[first] = tuple(sorted((*known, source)))
        self.links.extend((first, key) for key in variants if key != first)

    def merge(self, other: _Evidence) -> None:
        for key, docs in other.docs.items():
            self.docs[key] = self.docs.get(key, 0) + docs
        for key, sources in other.sources.items():
            self.sources[key] = tuple(sorted({*self.sources.get(key, ()), *sources}))
        self.links.extend(other.links)
        for label, docs in other.labels.items():
            self.labels[label] = self.labels.get(label, 0) + docs


def _lookup(keys: np.ndarray, counts: np.ndarray):
    """count_of(key) over sorted unique keys."""
    def count_of(key: int) -> int:
        at = int(np.searchsorted(keys, key))
        return int(counts[at]) if at < len(keys) and keys[at] == key else 0
    return count_of


class CorpusIndex:
    """Read-only answers to "where else does this line occur, and how closely?".

    Holds only what recurs: a line missing from it occurs in one document (the
    one asking).
    """

    def __init__(
        self,
        *,
        docs: dict[int, int],
        norms: dict[int, str],
        examples: dict[int, tuple[str, ...]],
        cluster_of: dict[int, int],
        cluster_docs: dict[int, int],
        contexts: dict[int, int],
        labels: dict[int, int],
        documents: int,
        register_sources: dict[int, tuple[str, ...]] | None = None,
    ) -> None:
        self._docs = docs
        self._norms = norms
        self._examples = examples
        self._contexts = contexts
        self._labels = labels
        self._cluster_of = cluster_of
        self._cluster_docs = cluster_docs
        self._register_sources = register_sources or {}
        self.documents = documents

    def cluster_key(self, key: int) -> int:
        """The key standing for `key`'s cluster of near-duplicates (`key` if alone)."""
        return self._cluster_of.get(key, key)

    def recurrence(self, line: LineFingerprint, *, exclude: str = "") -> Recurrence:
        exact = self._docs.get(line.key, 1)
        root = self._cluster_of.get(line.key)
        total = self._cluster_docs[root] if root is not None else exact
        matches: list[Match] = [Match(name, line.norm, 100.0)
                                for name in self._examples.get(line.key, ()) if name != exclude]
        best = 100.0 if exact > 1 else 0.0
        if root is not None and total > exact and root != line.key:
            other = self._norms[root]
            score = similarity(line.norm, other)
            best = max(best, score)
            named = {m.document for m in matches}
            sources = [s for s in self._register_sources.get(root, ()) if s not in named]
            matches[:0] = [Match(s, other, round(score, 1)) for s in sources[:1]]
            matches.extend(Match(n, other, round(score, 1)) for n in self._examples[root][:1])
        context = max(self._contexts.get(key, 0) for key in line.context)
        return Recurrence(max(total, exact), exact, best, tuple(matches[:EXAMPLES_PER_LINE]),
                          max(1, context), self._labels.get(line.label, 0))
