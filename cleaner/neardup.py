"""Find near-duplicate lines across the whole corpus.

Pass 1 feeds every document's fingerprint into a `CorpusIndexBuilder`, which
only counts: for each exact key the number of distinct documents carrying it,
and for each sketch key the exact keys that share it. `build()` then turns
sketch buckets into clusters of near-duplicates, verifying each candidate pair
with rapidfuzz; a line's recurrence is the document count of its cluster.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from cleaner.fingerprint import DocumentFingerprint, LineFingerprint
from cleaner.model import Match, slot_init
from cleaner.norm_file import NormFile
from cleaner.norms import StoredNorms, pack_norms

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
#: Above this many runs out of order `_pair_order` sorts the whole (not nearly sorted).
MAX_RESORTED_RUNS = 2_000
#: Buckets `Buckets.items` turns into Python values at once.
_ITEMS_AT_ONCE = 4096


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


@slot_init
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


#: The builder's record arrays, in `to_plain` order.
_ARRAYS = ("_line_keys", "_line_docs", "_context_keys", "_context_docs",
           "_label_keys", "_label_docs", "_sketches", "_sketched")


def _array(values: np.ndarray) -> array:
    out = array("q")
    out.frombytes(memoryview(np.ascontiguousarray(values, dtype=np.int64)).cast("B"))  # 1 copy
    return out


def _member_of(values: np.ndarray, sorted_few: np.ndarray) -> np.ndarray:
    """np.isin(values, sorted_few) for sorted unique keys, without sorting `values`: a
    table of the keys' low bits sifts out nearly every value with one lookup (keys are
    hashes), and only the few left are searched (a search each was 40 ns a value)."""
    found = np.zeros(len(values), dtype=bool)
    if not len(sorted_few) or not len(values):
        return found
    mask = (1 << min(max(len(sorted_few).bit_length() + 4, 10), 24)) - 1
    table = np.zeros(mask + 1, dtype=bool)
    table[sorted_few & mask] = True
    maybe = np.flatnonzero(table[values & mask])
    wanted = values[maybe]
    at = np.minimum(np.searchsorted(sorted_few, wanted), len(sorted_few) - 1)
    found[maybe] = sorted_few[at] == wanted
    return found


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of the sorted, non-empty `ordered` starts (a mask)."""
    return np.concatenate(([True], ordered[1:] != ordered[:-1]))


def _counted(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_counts=True) of `values` already sorted."""
    if not len(ordered):
        return ordered, np.zeros(0, np.int64)
    starts = np.flatnonzero(_run_starts(ordered))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _unique(values: np.ndarray) -> np.ndarray:
    """np.unique(values) of int64 keys: numpy's plain form imports numpy.ma on first
    use (40 ms, a tenth of a warm check's budget)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[_run_starts(ordered)]


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
    order documents arrive in or parts are merged. With a `norm_folder` the texts
    are kept in a file there instead of in memory (cleaner/norm_file.py).
    """

    def __init__(self, norm_folder: Path | None = None) -> None:
        self._names: list[str] = []
        self._seen: dict[str, int] = {}  # content hash -> document number
        self._line_keys, self._line_docs = array("q"), array("q")
        self._context_keys, self._context_docs = array("q"), array("q")
        self._label_keys, self._label_docs = array("q"), array("q")
        self._sketches, self._sketched = array("q"), array("q")
        #: A dict, or a `NormFile` with a `norm_folder`, while counting; a `StoredNorms`
        #: in a builder loaded from the corpus state.
        self._norms: MutableMapping[int, str] = (
            {} if norm_folder is None else NormFile(norm_folder))
        self._evidence = _Evidence()
        #: Whether the records are views of a corpus state (see `_own_arrays`).
        self._viewed = False
        #: What the last `build()` did to cluster (for the next one to replay); made when
        #: first asked for (a check that keeps no state never does).
        self._trace: ClusterTrace | Callable[[], ClusterTrace] | None = None

    @property
    def norm_folder(self) -> Path | None:
        """Where the texts are kept (None: in memory)."""
        norms = self._norms
        return Path(norms.path).parent if isinstance(norms, NormFile) else None

    @property
    def documents(self) -> int:
        return len(self._names)

    @property
    def trace(self) -> ClusterTrace | None:
        """What the last `build()` did to cluster, for the next one to replay."""
        if callable(self._trace):
            self._trace = self._trace()
        return self._trace

    def add(self, doc: DocumentFingerprint) -> None:
        if self._viewed:
            self._own_arrays()
        number = self._seen.get(doc.content_hash)
        if number is not None:
            self._names[number] = min(self._names[number], doc.name)
            return
        number = self._seen[doc.content_hash] = len(self._names)
        self._names.append(doc.name)
        labels = {line.label for line in doc.lines if line.label}
        self._label_keys.extend(labels)
        self._label_docs.extend([number] * len(labels))
        # The records of each distinct line, gathered in lists and appended in one go.
        keys: list[int] = []
        contexts: list[int] = []
        norms = self._norms
        sketches, sketched = self._sketches, self._sketched
        done: set[int] = set()
        for line in doc.lines:
            key = line.key
            if key in done:
                continue
            done.add(key)
            keys.append(key)
            contexts.extend(set(line.context))
            if key not in norms:
                norms[key] = line.norm
                sketches.extend(line.sketch)
                sketched.extend([key] * len(line.sketch))
        self._line_keys.extend(keys)
        self._line_docs.extend([number] * len(keys))
        self._context_keys.extend(contexts)
        self._context_docs.extend([number] * len(contexts))

    def merge(self, other: CorpusIndexBuilder) -> CorpusIndexBuilder:
        """Add everything `other` counted (in place; returns self).

        Parts can be reduced in any order and any tree: `build()` sees the same
        records. A document counted in both parts counts once.
        """
        if self._viewed:
            self._own_arrays()
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
        norms = self._norms
        for key, norm in other._norms.items():
            if key not in norms:
                norms[key] = norm
        self._sketches.frombytes(_int64(other._sketches).tobytes())
        self._sketched.frombytes(_int64(other._sketched).tobytes())
        self._evidence.merge(other._evidence)
        return self

    # -- the corpus state kept between runs (cleaner/corpus_state.py) ----------------------

    def drop_documents(self, numbers: set[int]) -> None:
        """Forget documents (by number) as if they had never been added.

        Only for a builder without register evidence. Their records go; so do the
        text and sketch keys of every line no other document carries. Their
        entries in the name list stay, unused, as after `merge`.
        """
        if not numbers:
            return
        for content, number in list(self._seen.items()):
            if number in numbers:
                del self._seen[content]
        is_dropped = np.zeros(len(self._names), dtype=bool)  # by document number
        is_dropped[np.fromiter(numbers, np.int64, len(numbers))] = True
        line_keys, line_docs = _int64(self._line_keys), _int64(self._line_docs)
        gone_lines = is_dropped[line_docs]
        candidates = _unique(line_keys[gone_lines])
        if len(candidates):  # those no kept document carries (few against many records)
            kept_records = _member_of(line_keys, candidates) & ~gone_lines
            vanished = candidates[~_member_of(candidates, _unique(line_keys[kept_records]))]
        else:
            vanished = candidates
        for keys_name, docs_name in (("_line_keys", "_line_docs"),
                                     ("_context_keys", "_context_docs"),
                                     ("_label_keys", "_label_docs")):
            keys, docs = _int64(getattr(self, keys_name)), _int64(getattr(self, docs_name))
            kept = ~is_dropped[docs]
            setattr(self, keys_name, _array(keys[kept]))
            setattr(self, docs_name, _array(docs[kept]))
        for key in vanished.tolist():
            del self._norms[key]
        if len(vanished):
            sketched = _int64(self._sketched)
            kept = ~_member_of(sketched, vanished)
            self._sketches = _array(_int64(self._sketches)[kept])
            self._sketched = _array(sketched[kept])

    def rename(self, number: int, name: str) -> None:
        """Name document `number` after the (smallest-named) file still carrying it."""
        self._names[number] = name

    def close(self) -> None:
        """Let go of the file the texts are kept in, if any (the builder is done)."""
        if isinstance(self._norms, NormFile):
            self._norms.close()

    def number_of(self, content_hash: str) -> int:
        return self._seen[content_hash]

    def to_plain(self) -> tuple:
        """The builder as plain data for `marshal` (no register evidence)."""
        norms = (self._norms.packed() if isinstance(self._norms, StoredNorms)
                 else pack_norms(self._norms))
        return (self._names, self._seen,
                *(getattr(self, name).tobytes() for name in _ARRAYS), norms)

    @classmethod
    def from_plain(cls, plain: tuple) -> CorpusIndexBuilder:
        builder = cls()
        names, seen, *arrays, norms = plain
        if not (isinstance(names, list) and isinstance(seen, dict) and isinstance(norms, tuple)
                and len(arrays) == len(_ARRAYS)):
            raise ValueError("not a builder")
        builder._names, builder._seen, builder._norms = names, seen, StoredNorms(*norms)
        for name, raw in zip(_ARRAYS, arrays, strict=True):
            setattr(builder, name, np.frombuffer(raw, dtype=np.int64))
        builder._viewed = True
        return builder

    def _own_arrays(self) -> None:
        """Records loaded by `from_plain` are read in place (views of the mapped corpus
        state: 30 MB not copied by a warm check, which only forgets and rebuilds them);
        they are copied into arrays of this builder's own before anything is added."""
        for name in _ARRAYS:
            values = getattr(self, name)
            if not isinstance(values, array):
                setattr(self, name, _array(values))
        self._viewed = False

    # -- register evidence (cleaner/register_evidence.py) ----------------------------------

    def add_evidence(self, *, keys: Sequence[int], sketch: Sequence[int], norm: str,
                     docs: int, source: str) -> None:
        """Count `docs` earlier documents, no longer in the corpus, that carried a line.

        `keys` are the exact keys of the line's known variants: the first stands
        for them all and is matched on `norm` through `sketch`, like any line; a
        variant met again in a document joins its cluster without a similarity
        check. `source` names the evidence in explanations ("register:ID").
        """
        if self._viewed:
            self._own_arrays()
        first, *others = keys
        if first not in self._norms:
            self._norms[first] = norm
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

    def build(self, *, min_score: float, previous: ClusterTrace | None = None) -> CorpusIndex:
        """Count, cluster near-duplicates, and keep only what recurs.

        `previous`: the trace of an earlier build of this group with the same
        `min_score` (cleaner/corpus_state.py); sketch buckets it shows to decide
        as before are not compared again. The result is the same with or without
        it; this build's trace is left in `self.trace`.
        """
        line_keys = _int64(self._line_keys)
        order = np.argsort(line_keys)  # one sort for the counts and for the examples
        line_keys = line_keys[order]
        keys, counts = _counted(line_keys)
        evidence = self._evidence
        cluster_of, cluster_docs = self._cluster(min_score, previous)
        recurring = _unique(np.concatenate((
            keys[counts >= 2], np.fromiter(cluster_of, np.int64, len(cluster_of)),
            np.fromiter(evidence.docs, np.int64, len(evidence.docs)))))
        contexts, context_counts = np.unique(_int64(self._context_keys), return_counts=True)
        labels, label_counts = np.unique(_int64(self._label_keys), return_counts=True)
        label_docs = dict(zip(labels.tolist(), label_counts.tolist(), strict=True))
        for label, extra in evidence.labels.items():
            label_docs[label] = label_docs.get(label, 0) + extra
        examples = _Examples(line_keys, _int64(self._line_docs)[order], self._names, recurring,
                             evidence.sources)
        return CorpusIndex(
            docs=_with_evidence(dict(zip(recurring.tolist(),
                                         _counts_of(keys, counts, recurring).tolist(),
                                         strict=True)), evidence.docs),
            norms=(self._norms.frozen() if isinstance(self._norms, StoredNorms)
                   else {k: self._norms[k] for k in recurring.tolist()}),
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

    def _candidate_buckets(self) -> Buckets:
        """The sketch buckets of 2..MAX_BUCKET distinct keys, in sketch order, keys sorted.

        The builder keeps its sketch records in the order found (the same multiset,
        so the same buckets): a builder kept between runs (cleaner/corpus_state.py)
        then holds a sorted run and sorts only what was added since."""
        if not len(self._sketches):
            return Buckets.empty()
        sketches, sketched = _int64(self._sketches), _int64(self._sketched)
        order = _pair_order(sketches, sketched)
        sketches, members = sketches[order], sketched[order]
        del order  # these copies are a large build's memory peak: free what is done with
        self._sketches, self._sketched = _array(sketches), _array(members)
        distinct = np.r_[True, (sketches[1:] != sketches[:-1]) | (members[1:] != members[:-1])]
        if not distinct.all():  # only merged parts or the register repeat a record
            sketches, members = sketches[distinct], members[distinct]
        del distinct
        starts = np.flatnonzero(_run_starts(sketches))
        sizes = np.diff(np.r_[starts, len(sketches)])
        chosen = (sizes >= 2) & (sizes <= MAX_BUCKET)
        kept = np.repeat(chosen, sizes)
        return Buckets(sketches[starts[chosen]], sizes[chosen], members[kept])

    def _cluster(self, min_score: float, previous: ClusterTrace | None = None,
                 ) -> tuple[dict[int, int], dict[int, int]]:
        links = tuple(sorted({_edge(first, variant) for first, variant in self._evidence.links
                              if variant in self._norms}))  # a variant this run carries
        buckets = self._candidate_buckets()
        norms = self._norms
        if previous is None:
            forest = _Forest()
            for a, b in links:
                forest.union(a, b)
            unions: list[tuple[int, int, int]] = []
            for sketch, members in buckets.items():
                unions.extend((sketch, a, b) for a, b in _decide_bucket(
                    members, norms, forest.find, forest.union, min_score))
            cluster_of = forest.cluster_of()
            self._trace = partial(_make_trace, links, buckets, partial(list, unions), cluster_of)
        else:
            cluster_of, replayed = _replay(links, buckets, norms, min_score, previous)
            self._trace = partial(_make_trace, links, buckets, replayed, cluster_of)
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
        chosen = _member_of(keys, members)
        if not chosen.any():
            return {}
        root_of_record = roots[np.searchsorted(members, keys[chosen])]
        cluster_roots, root_number = np.unique(root_of_record, return_inverse=True)
        chosen_docs = docs[chosen]
        span = int(chosen_docs.max()) + 1
        pairs = _unique(root_number.astype(np.int64) * span + chosen_docs)  # (cluster, doc)
        counts = np.bincount(pairs // span, minlength=len(cluster_roots))
        return dict(zip(cluster_roots.tolist(), counts.tolist(), strict=True))


class _Examples(Mapping[int, tuple[str, ...]]):
    """Recurring key -> the EXAMPLES_PER_LINE smallest names of documents carrying it
    (after the register entries standing for the line, if any), made per key when
    first asked: a check asks for a few hundred of 30,000, a full run for each once."""

    def __init__(self, line_keys: np.ndarray, line_docs: np.ndarray, names: list[str],
                 recurring: np.ndarray, sources: dict[int, tuple[str, ...]]) -> None:
        """`line_keys` sorted, `line_docs` in their order (a key's documents are ranked
        by name when asked)."""
        self._keys, self._docs = line_keys, line_docs
        self._names = list(names)
        lows = np.searchsorted(self._keys, recurring, side="left")
        highs = np.searchsorted(self._keys, recurring, side="right")
        carried = lows < highs
        #: recurring key carried by a document -> its records in `_keys`, `_docs`
        self._spans = dict(zip(recurring[carried].tolist(),
                               zip(lows[carried].tolist(), highs[carried].tolist(),
                                   strict=True), strict=True))
        self._sources = dict(sources)
        self._rank: np.ndarray | None = None
        self._made: dict[int, tuple[str, ...] | None] = {}

    def _base(self, key: int) -> tuple[str, ...] | None:
        """The smallest names of documents carrying a recurring key; None if none does."""
        span = self._spans.get(key)
        if span is None:
            return None
        docs = self._docs[span[0] : span[1]]
        if len(docs) > EXAMPLES_PER_LINE:
            if self._rank is None:  # by name, ties by document number, as sorted() does
                names = self._names
                self._rank = np.empty(len(names), dtype=np.int64)
                self._rank[sorted(range(len(names)), key=names.__getitem__)] = \
                    np.arange(len(names))
            ranks = self._rank[docs]
            docs = docs[np.argpartition(ranks, EXAMPLES_PER_LINE - 1)[:EXAMPLES_PER_LINE]]
        named = sorted((self._names[doc], doc) for doc in docs.tolist())
        return tuple(name for name, _ in named)

    def _made_for(self, key: int) -> tuple[str, ...] | None:
        try:
            return self._made[key]
        except KeyError:
            made = self._base(key)
            sources = self._sources.get(key)
            if sources is not None:
                made = (*sources, *(made or ()))[:EXAMPLES_PER_LINE]
            self._made[key] = made
            return made

    def __getitem__(self, key: int) -> tuple[str, ...]:
        made = self._made_for(key)
        if made is None:
            raise KeyError(key)
        return made

    def get(self, key: int, default: Any = None) -> Any:
        """As Mapping.get, without an exception per absent key (most lines recur nowhere)."""
        made = self._made.get(key)
        if made is None:
            if key not in self._spans and key not in self._sources:
                return default
            made = self._made_for(key)
        return default if made is None else made

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self._made_for(key) is not None

    def __iter__(self) -> Iterator[int]:
        yield from sorted({*self._spans, *self._sources})

    def __len__(self) -> int:
        return sum(1 for _ in self)


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


@dataclass(frozen=True, slots=True)
class Buckets:
    """Sketch buckets, in sketch order: bucket i is `sketches[i]` with the next `sizes[i]`
    keys of `keys` (sorted)."""

    sketches: np.ndarray
    sizes: np.ndarray
    keys: np.ndarray

    @classmethod
    def empty(cls) -> Buckets:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))

    def items(self) -> Iterator[tuple[int, tuple[int, ...]]]:
        # A few thousand buckets at a time: the keys of all as Python ints would be
        # a large build's biggest temporary.
        ends = np.cumsum(self.sizes)
        for first in range(0, len(self.sizes), _ITEMS_AT_ONCE):
            last = min(first + _ITEMS_AT_ONCE, len(self.sizes))
            at = int(ends[first - 1]) if first else 0
            keys = self.keys[at : int(ends[last - 1])].tolist()
            at = 0
            for sketch, size in zip(self.sketches[first:last].tolist(),
                                    self.sizes[first:last].tolist(), strict=True):
                yield sketch, tuple(keys[at : at + size])
                at += size

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(sketch, key) of every member."""
        return np.repeat(self.sketches, self.sizes), self.keys


@dataclass(frozen=True, slots=True, eq=False)
class ClusterTrace:
    """What one build's clustering did: the register's links, the sketch buckets, and
    the unions each bucket made, (sketch, key, key) in the order they were made. A
    later build replays the buckets it can prove would decide the same (`_replay`).
    Compared by identity: `unions` may be an array, which has no single truth value."""

    links: tuple[tuple[int, int], ...]
    buckets: Buckets
    #: An (n, 3) int64 array instead when read from a corpus state.
    unions: tuple[tuple[int, int, int], ...] | np.ndarray
    #: The root of the cluster each link, then each union, ended in (smallest key):
    #: the clusters a replay touches or leaves as they were. None: found from the unions.
    roots: tuple[int, ...] | None = None


def _edge(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


class _Forest:
    """Union-find over line keys; a cluster's root is its smallest key, so the
    partition alone decides every answer, whatever the order of the unions."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, key: int) -> int:
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:
            parent[key], key = root, parent.get(key, key)
        return root

    def union(self, a: int, b: int) -> tuple[int, int] | None:
        """Join the clusters of a and b; (kept root, absorbed root) or None if one."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return None
        low, high = (a, b) if a < b else (b, a)
        self.parent[high] = low
        return low, high

    def cluster_of(self) -> dict[int, int]:
        clusters: defaultdict[int, set[int]] = defaultdict(set)
        for key in list(self.parent):
            root = self.find(key)
            clusters[root].update((key, root))
        return {key: root for root, keys in clusters.items() for key in keys}


def _decide_bucket(members: Sequence[int], norms: Mapping[int, str],
                   find: Callable[[int], int], union: Callable[[int, int], object],
                   min_score: float) -> tuple[tuple[int, int], ...]:
    """Join near-duplicates of one sketch bucket: each key is compared with up to
    three keys before it, stopping at one already in its cluster or joined to it."""
    unions: list[tuple[int, int]] = []
    # Each text read when first compared (a read from a NormFile costs a system call):
    # a key already in the cluster of the key before it is never compared.
    texts: list[str | None] = [None] * len(members)
    for i in range(1, len(members)):
        key = members[i]
        root = find(key)  # fixed until a union, which ends the loop
        for j in range(max(0, i - 3), i):
            other = members[j]
            if find(other) == root:
                break
            norm = texts[i]
            if norm is None:
                norm = texts[i] = norms[key]
            other_norm = texts[j]
            if other_norm is None:
                other_norm = texts[j] = norms[other]
            if _near_duplicates(norm, other_norm, min_score):
                union(other, key)
                unions.append(_edge(other, key))
                break
    return tuple(unions)


#: `similarity` of a line and one over twice as long compares them whole: the
#: ratio 200 * common / (sum of lengths) is then below 200 / 3.
_UNEVEN_MAX_SCORE = 200 / 3


def _near_duplicates(a: str, b: str, min_score: float) -> bool:
    """`similarity(a, b)` reaches `min_score` (SHORT_LINE_MIN_SCORE for short lines).

    Lengths first: a pair of which one is over twice as long as the other cannot
    reach a cutoff above `_UNEVEN_MAX_SCORE`, and is not scored."""
    short, long_ = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    cutoff = min_score if short >= SHORT_LINE_CHARS else max(min_score, SHORT_LINE_MIN_SCORE)
    if short * 2 < long_ and cutoff > _UNEVEN_MAX_SCORE:
        return False
    return similarity(a, b) >= cutoff


class _Tainted:
    """Two forests side by side, this build's and the earlier one's (replayed from its
    trace), and every key whose cluster in either holds an end of a union the two
    builds did not both make. Where no key of a bucket is tainted, both forests
    partition the bucket alike, so the bucket decides as it did before."""

    def __init__(self) -> None:
        self.now, self.before = _Forest(), _Forest()
        self.keys: set[int] = set()
        self._fresh: list[int] = []
        self._members: list[dict[int, list[int]]] = [{}, {}]
        self._tainted: list[set[int]] = [set(), set()]

    def _join(self, side: int, forest: _Forest, a: int, b: int) -> None:
        joined = forest.union(a, b)
        if joined is None:
            return
        low, high = joined
        members = self._members[side]
        kept = members.setdefault(low, [low])
        absorbed = members.pop(high, [high])
        tainted = self._tainted[side]
        if (low in tainted) != (high in tainted):
            self._add(absorbed if low in tainted else kept)
        if high in tainted:
            tainted.discard(high)
            tainted.add(low)
        if len(kept) < len(absorbed):  # the smaller list joins the larger
            kept, absorbed = absorbed, kept
            members[low] = kept
        kept.extend(absorbed)

    def join_now(self, a: int, b: int) -> None:
        self._join(0, self.now, a, b)

    def apply(self, now: Sequence[tuple[int, int]], before: Sequence[tuple[int, int]]) -> None:
        """Unions made by this build and by the earlier one."""
        for a, b in before:
            self._join(1, self.before, a, b)
        for a, b in now:
            self._join(0, self.now, a, b)

    def taint(self, key: int) -> None:
        for side, forest in enumerate((self.now, self.before)):
            root = forest.find(key)
            if root not in self._tainted[side]:
                self._tainted[side].add(root)
                self._add(self._members[side].get(root, (root,)))

    def _add(self, keys: Sequence[int]) -> None:
        fresh = [key for key in keys if key not in self.keys]
        self.keys.update(fresh)
        self._fresh.extend(fresh)

    def drain(self) -> list[int]:
        """Keys tainted since the last call."""
        fresh, self._fresh = self._fresh, []
        return fresh


def _replay(links: tuple[tuple[int, int], ...], buckets: Buckets, norms: Mapping[int, str],
            min_score: float, previous: ClusterTrace,
            ) -> tuple[dict[int, int], Callable[[], list[tuple[int, int, int]]]]:
    """`_cluster`'s loop, taking the unions of a bucket from `previous` when the bucket
    holds the same keys as then and none of them is tainted (see `_Tainted`); the
    clusters (key -> root), and what gives the unions made, in sketch order (only
    a corpus state being written asks).

    Both builds' unions are applied bucket by bucket in sketch order, so at the
    start of every bucket both forests stand as each build's did. Only buckets
    where something happens are visited: those whose keys changed and those
    holding a key tainted on the way; a bucket that made no union and still
    partitions alike makes none now. The earlier unions are applied by cluster
    (of the earlier build), lazily: a cluster none of whose keys a visited
    bucket or a taint touches is the same as before, and is never replayed (its
    unions, up to the bucket at hand, are applied when it is first touched, and
    its later buckets are visited from then on).
    """
    state = _Tainted()
    state.apply(links, previous.links)
    clusters = _Clusters(previous)
    changed = _changed_sketches(previous.buckets, buckets).tolist()
    new_members = _Members(buckets)
    old_members = _Members(previous.buckets)
    member_sketches, member_keys = buckets.pairs()
    by_key = np.argsort(member_keys)  # a key's buckets are visited in sketch order anyway
    member_keys, member_sketches = member_keys[by_key], member_sketches[by_key]
    marked: list[int] = []
    replayed: list[tuple[int, int, int, int]] = []  # earlier unions applied on touching

    def touch(keys: Sequence[int], sketch: int | None) -> None:
        """Replay the earlier clusters of `keys` up to (not with) bucket `sketch` (None:
        before the first); their later buckets with unions are visited from now on."""
        for earlier, later in clusters.touch(keys, sketch):
            pairs = [(a, b) for _, _, a, b in earlier]
            state.apply(pairs, pairs)
            replayed.extend(earlier)
            for at in later:
                heapq.heappush(marked, at)

    def taint(keys: Sequence[int], sketch: int | None) -> None:
        touch(keys, sketch)
        for key in keys:
            state.taint(key)

    def mark_after(sketch: int | None) -> None:
        """Visit the later buckets of every key tainted since the last call."""
        fresh = state.drain()
        if not fresh:
            return
        keys = np.asarray(fresh, dtype=np.int64)
        lows = np.searchsorted(member_keys, keys, side="left").tolist()
        highs = np.searchsorted(member_keys, keys, side="right").tolist()
        for lo, hi in zip(lows, highs, strict=True):
            for later in member_sketches[lo:hi].tolist():
                if sketch is None or later > sketch:
                    heapq.heappush(marked, later)

    taint([key for edge in set(links).symmetric_difference(previous.links) for key in edge],
          None)
    mark_after(None)
    unions: list[tuple[int, int, int]] = []
    position, last = 0, None
    while position < len(changed) or marked:
        if marked and (position >= len(changed) or marked[0] <= changed[position]):
            sketch = heapq.heappop(marked)
        else:
            sketch = changed[position]
            position += 1
        if sketch == last:
            continue
        last = sketch
        members, before = new_members.get(sketch), old_members.get(sketch)
        made_before = clusters.made_in(sketch)
        touch([*(members or ()), *(before or ()), *(key for edge in made_before for key in edge)],
              sketch)
        if members is not None and members == before and state.keys.isdisjoint(members):
            made = made_before
            state.apply(made, made)
        else:
            made = () if members is None else _decide_bucket(
                members, norms, state.now.find, state.join_now, min_score)
            state.apply((), made_before)
            taint([key for edge in set(made).symmetric_difference(made_before) for key in edge],
                  sketch)
        unions.extend((sketch, a, b) for a, b in made)
        mark_after(sketch)
    cluster_of = state.now.cluster_of()
    cluster_of.update(clusters.untouched())
    return cluster_of, partial(_ordered_unions, unions, replayed, clusters)


def _ordered_unions(visited: list[tuple[int, int, int]],
                    replayed: list[tuple[int, int, int, int]],
                    clusters: _Clusters) -> list[tuple[int, int, int]]:
    """A replay's unions in the order made: by bucket, and within one (visited, or of
    clusters replayed when touched, or untouched: never two of these) as made."""
    first = len(replayed) + len(visited) + clusters.unions
    ordered = [(sketch, first + at, a, b) for at, (sketch, a, b) in enumerate(visited)]
    ordered.extend(replayed)
    ordered.extend(clusters.untouched_unions())
    ordered.sort()
    return [(sketch, a, b) for sketch, _, a, b in ordered]


def _make_trace(links: tuple[tuple[int, int], ...], buckets: Buckets,
                unions: Callable[[], list[tuple[int, int, int]]],
                cluster_of: dict[int, int]) -> ClusterTrace:
    made = tuple(unions())
    roots = tuple([cluster_of.get(a, a) for a, _ in links]
                  + [cluster_of[a] for _, a, _ in made])
    return ClusterTrace(links, buckets, made, roots)


class _Clusters:
    """The clusters of an earlier build (from its links and unions), each with its
    unions in the order made, and which of them a replay has touched.

    Held as arrays, each cluster's unions found when it is first touched: a replay
    touches a few hundred of some 20,000, and grouping them all in Python was a
    tenth of a warm check."""

    def __init__(self, trace: ClusterTrace) -> None:
        roots = trace.roots
        made = np.asarray(trace.unions, dtype=np.int64).reshape(-1, 3)
        if roots is None or len(roots) != len(trace.links) + len(made):
            forest = _Forest()
            for a, b in trace.links:
                forest.union(a, b)
            for _, a, b in made.tolist():
                forest.union(a, b)
            roots = tuple([forest.find(a) for a, _ in trace.links]
                          + [forest.find(a) for _, a, _ in made.tolist()])
        self.unions = len(made)
        self._made = made
        all_roots = np.asarray(roots, dtype=np.int64)
        link_roots, union_roots = all_roots[: len(trace.links)], all_roots[len(trace.links):]
        #: every (key, root), each union's two keys in the order made (links first)
        self._keys = np.concatenate((np.array(trace.links, dtype=np.int64).reshape(-1),
                                     made[:, 1:].reshape(-1)))
        self._roots = np.concatenate((np.repeat(link_roots, 2), np.repeat(union_roots, 2)))
        self.root_of: dict[int, int] = dict(zip(self._keys.tolist(), self._roots.tolist(),
                                                strict=True))
        #: positions of the unions by root (in order made within one), and by sketch
        self._by_root = np.argsort(union_roots, kind="stable")
        self._root_order = union_roots[self._by_root]
        self._union_roots = union_roots
        self._by_sketch = np.argsort(made[:, 0], kind="stable")
        self._sketch_order = made[:, 0][self._by_sketch]
        self._touched: set[int] = set()

    def made_in(self, sketch: int) -> tuple[tuple[int, int], ...]:
        """The unions bucket `sketch` made, in the order made."""
        low, high = _span(self._sketch_order, sketch)
        return tuple((a, b) for _, a, b in self._made[self._by_sketch[low:high]].tolist())

    def _unions_of(self, root: int) -> list[tuple[int, int, int, int]]:
        """(sketch, position in the trace, key, key) of the cluster's unions, in order."""
        low, high = _span(self._root_order, root)
        return self._numbered(self._by_root[low:high])

    def _numbered(self, positions: np.ndarray) -> list[tuple[int, int, int, int]]:
        """(sketch, position, key, key) of the unions at `positions`."""
        return [(sketch, at, a, b) for at, (sketch, a, b) in zip(
            positions.tolist(), self._made[positions].tolist(), strict=True)]

    def touch(self, keys: Sequence[int], sketch: int | None,
              ) -> Iterator[tuple[list[tuple[int, int, int, int]], list[int]]]:
        """For each cluster of `keys` touched for the first time: its unions made before
        bucket `sketch` (None: before the first) as (sketch, position in the trace, key,
        key), and the later buckets that made its others."""
        for key in keys:
            root = self.root_of.get(key)
            if root is None or root in self._touched:
                continue
            self._touched.add(root)
            made = self._unions_of(root)
            if sketch is None:
                yield [], [at for at, _, _, _ in made]
            else:
                yield ([union for union in made if union[0] < sketch],
                       [at for at, _, _, _ in made if at > sketch])

    def _untouched(self, roots: np.ndarray) -> np.ndarray:
        """Which of `roots` are of clusters never touched."""
        touched = np.fromiter(self._touched, np.int64, len(self._touched))
        touched.sort()
        return ~_member_of(roots, touched)

    def untouched(self) -> dict[int, int]:
        """key -> root of the clusters never touched: as the earlier build had them."""
        kept = self._untouched(self._roots)
        return dict(zip(self._keys[kept].tolist(), self._roots[kept].tolist(), strict=True))

    def untouched_unions(self) -> list[tuple[int, int, int, int]]:
        return self._numbered(np.flatnonzero(self._untouched(self._union_roots)))


def _span(ordered: np.ndarray, value: int) -> tuple[int, int]:
    """Where `value` is in the sorted `ordered`: [low, high)."""
    return (int(np.searchsorted(ordered, value, side="left")),
            int(np.searchsorted(ordered, value, side="right")))


class _Members:
    """A bucket's keys by its sketch (looked up: a replay asks for few)."""

    def __init__(self, buckets: Buckets) -> None:
        self._sketches = buckets.sketches
        self._starts = np.r_[0, np.cumsum(buckets.sizes)]
        self._keys = buckets.keys

    def get(self, sketch: int) -> tuple[int, ...] | None:
        at = int(np.searchsorted(self._sketches, sketch))
        if at >= len(self._sketches) or int(self._sketches[at]) != sketch:
            return None
        return tuple(self._keys[self._starts[at] : self._starts[at + 1]].tolist())


def _changed_sketches(old: Buckets, new: Buckets) -> np.ndarray:
    """Sketches whose bucket is not the same in both (present in one only, or other keys).

    Both are sorted by sketch with sorted keys: buckets are matched by sketch and
    compared key by key, in linear time."""
    if not len(old.sketches) or not len(new.sketches):
        return _unique(np.concatenate((old.sketches, new.sketches)))
    at = np.minimum(np.searchsorted(new.sketches, old.sketches), len(new.sketches) - 1)
    same = new.sketches[at] == old.sketches
    same[same] = new.sizes[at[same]] == old.sizes[same]
    alike = np.flatnonzero(same)  # old buckets with a new one of the same sketch and size
    if len(alike):
        sizes = old.sizes[alike]
        old_starts = np.r_[0, np.cumsum(old.sizes)[:-1]][alike]
        new_starts = np.r_[0, np.cumsum(new.sizes)[:-1]][at[alike]]
        firsts = np.r_[0, np.cumsum(sizes)[:-1]]
        within = np.arange(int(sizes.sum())) - np.repeat(firsts, sizes)
        differs = (old.keys[np.repeat(old_starts, sizes) + within]
                   != new.keys[np.repeat(new_starts, sizes) + within])
        same[alike[np.add.reduceat(differs, firsts) > 0]] = False
    matched = np.zeros(len(new.sketches), dtype=bool)
    matched[at[same]] = True
    return _unique(np.concatenate((old.sketches[~same], new.sketches[~matched])))


def _pair_order(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """`np.lexsort((minor, major))`, in linear time on records mostly sorted already.

    A stable sort by `major` (timsort: runs already in order cost one pass), then
    the few runs of equal `major` whose `minor`s are out of order sorted alone;
    when too many are, lexsort."""
    order = np.argsort(major, kind="stable")
    ordered_major, ordered_minor = major[order], minor[order]
    descents = np.flatnonzero((ordered_major[1:] == ordered_major[:-1])
                              & (ordered_minor[1:] < ordered_minor[:-1]))
    if not len(descents):
        return order
    starts = np.flatnonzero(_run_starts(ordered_major))
    runs = _unique(np.searchsorted(starts, descents, side="right") - 1)
    if len(runs) > MAX_RESORTED_RUNS:
        return np.lexsort((minor, major))
    ends = np.r_[starts[1:], len(order)]
    for start, end in zip(starts[runs].tolist(), ends[runs].tolist(), strict=True):
        run = order[start:end]
        order[start:end] = run[np.argsort(minor[run], kind="stable")]
    return order


def _with_evidence(docs: dict[int, int], earlier: dict[int, int]) -> dict[int, int]:
    """`docs` (every key of `earlier` among them) plus the earlier documents counted."""
    for key, extra in earlier.items():
        docs[key] += extra
    return docs


def _counts_of(keys: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """count of each wanted key over sorted unique `keys` (0 where absent)."""
    if not len(keys):
        return np.zeros(len(wanted), np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, counts[at], 0)


#: Recurring lines whose recurrence a `CorpusIndex` remembers (about 500 bytes each).
KNOWN_LINES = 1 << 16

#: (documents, exact documents, best score, matches of the line itself, and for a line
#: in another's cluster: that line's text, the rounded score, register sources, matches).
_Known = tuple[int, int, float, tuple[Match, ...],
               "tuple[str, float, tuple[str, ...], tuple[Match, ...]] | None"]


class CorpusIndex:
    """Read-only answers to "where else does this line occur, and how closely?".

    Holds only what recurs: a line missing from it occurs in one document (the
    one asking).
    """

    def __init__(
        self,
        *,
        docs: dict[int, int],
        norms: Mapping[int, str],  # at least the recurring keys' (a StoredNorms: all)
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
        #: The recurrences of lines found in one document, by (context count, label count).
        self._lone: dict[tuple[int, int], Recurrence] = {}
        #: Recurring key -> what its recurrence is whatever the document (`_recurring`).
        self._known: dict[int, _Known] = {}

    def _alone(self, context: int, label: int) -> Recurrence:
        """The (shared, immutable) recurrence of a line no other document carries."""
        found = self._lone.get((context, label))
        if found is None:
            found = self._lone[context, label] = Recurrence(1, 1, 0.0, (), context, label)
        return found

    def _recurring(self, line: LineFingerprint) -> _Known:
        """What `recurrence` says of a recurring line whatever the document asking: it
        depends on the line's key alone (and pass 2 asks on every page carrying it)."""
        exact = self._docs.get(line.key, 1)
        root = self._cluster_of.get(line.key)
        total = self._cluster_docs[root] if root is not None else exact
        own = tuple(Match(name, line.norm, 100.0) for name in self._examples.get(line.key, ()))
        best = 100.0 if exact > 1 else 0.0
        near = None
        if root is not None and total > exact and root != line.key:
            other = self._norms[root]
            score = similarity(line.norm, other)
            best = max(best, score)
            rounded = round(score, 1)
            near = (other, rounded, self._register_sources.get(root, ()),
                    tuple(Match(n, other, rounded) for n in self._examples[root][:1]))
        return max(total, exact), exact, best, own, near

    def cluster_key(self, key: int) -> int:
        """The key standing for `key`'s cluster of near-duplicates (`key` if alone)."""
        return self._cluster_of.get(key, key)

    def recurrence(self, line: LineFingerprint, *, exclude: str = "") -> Recurrence:
        """How often `line` (or a near-duplicate) occurs in documents other than `exclude`."""
        return self.recurrences((line,), exclude=exclude)[line.line_index]

    def recurrences(self, lines: Iterable[LineFingerprint], *,
                    exclude: str = "") -> dict[int, Recurrence]:
        """`recurrence` of each of a document's lines, by line index, in one loop."""
        contexts, labels, docs, lone = self._contexts, self._labels, self._docs, self._lone
        found: dict[int, Recurrence] = {}
        for line in lines:
            before, after = line.context
            context = max(1, contexts.get(before, 0), contexts.get(after, 0))
            label = labels.get(line.label, 0)
            if line.key in docs:
                found[line.line_index] = self._recurrence_of(line, context, label, exclude)
            else:
                # Most lines (article prose) occur in this document only: no cluster, no
                # examples; they differ only in their context and label counts.
                found[line.line_index] = (lone.get((context, label))
                                          or self._alone(context, label))
        return found

    def _recurrence_of(self, line: LineFingerprint, context: int, label: int,
                       exclude: str) -> Recurrence:
        """`recurrence` of a line other documents carry too."""
        known = self._known.get(line.key)
        if known is None:
            if len(self._known) >= KNOWN_LINES:
                self._known.clear()  # bounded memory; the answers stay the same
            known = self._known[line.key] = self._recurring(line)
        total, exact, best, own, near = known
        matches = [match for match in own if match.document != exclude]
        if near is not None:
            other, score, sources, examples = near
            if sources:
                named = {m.document for m in matches}
                matches[:0] = [Match(s, other, score)
                               for s in [s for s in sources if s not in named][:1]]
            matches.extend(examples)
        return Recurrence(total, exact, best, tuple(matches[:EXAMPLES_PER_LINE]), context, label)
