"""How the register takes part in a run: read as evidence, then grown from removals.

`feed_register` adds every entry to its group's pass-1 `CorpusIndexBuilder` as
`docs` earlier documents carrying the line (or label), less the documents of
this run the entry already counted that still carry it (a raw folder cleaned
twice with the same register counts its documents once).

In pass 2, wherever it runs, `register_notes` says what each cleaned document
adds: the lines removed on cross-corpus evidence, under their near-duplicate
cluster so fuzzy variants of a teaser become one entry. One `RegisterRecorder`
collects the notes; `merged()` folds them into a register. User rules, the
single-page judge and repeated titles are page-local or the user's own and are
not recorded; neither is metadata, nor a line that pages of the run kept on
purpose (bios, "Source:" lines, syndicated bodies, quotes) at least as often as
they dropped it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from cleaner.fingerprint import (
    line_key,
    matching_norm,
    matching_space,
    normalise_for_matching,
    sketch_keys,
)
from cleaner.model import Decision, DocumentResult, Kind, Rule
from cleaner.neardup import CorpusIndexBuilder, similarity
from cleaner.options import DEFAULT_OPTIONS
from cleaner.register import (
    LABEL,
    LINE,
    MAX_KEYS,
    MAX_VARIANT_TEXTS,
    Entry,
    Register,
    entry_id,
    with_docs,
)

if TYPE_CHECKING:
    from cleaner.api import PreparedDocument

#: Rules that are not cross-corpus evidence: the user's own, the single-page
#: judge's, and the title repeated in its own page.
_NOT_EVIDENCE = frozenset({Rule.USER_DROP, Rule.SINGLE_PAGE, Rule.REPEATED_TITLE})
#: Keeps that mean "recurs, but is content" (syndicated bodies, bios, "Source:"
#: lines, the user's keeps): such a pattern never enters the register. A recurring
#: line kept only for where it sits ("inside article") says nothing of the pattern.
_KEPT_ON_PURPOSE = frozenset({Rule.SYNDICATED_KEPT, Rule.USER_KEEP})
_KEPT_ON_PURPOSE_DETAILS = frozenset({"sentence", "metadata"})


#: A variant this close to a kept text is matched through it (options.py's
#: near_dup_min_score): storing it too would only grow the file.
_VARIANT_MIN_SCORE = DEFAULT_OPTIONS.near_dup_min_score
#: A variant within this length ratio of the example adds little reach (the
#: example already matches lines up to twice as long or half as long).
_REACH_FACTOR = 1.25
#: How register evidence is named among a line's matches: "register:<entry id>".
REGISTER_SOURCE = "register:"


class _Clusters(Protocol):
    def cluster_key(self, group: str, key: int) -> int: ...


def feed_register(parts: Mapping[str, CorpusIndexBuilder], register: Register, *,
                  inputs_are_raw: bool = False) -> None:
    """Add every entry to its group's pass-1 builder as the earlier documents it counts.

    When the run's inputs are raw (`clean RAW -o OUT`), a document carrying an
    entry's line may be one the entry already counts: the entry then adds only
    what the inputs lack (at least its count in all). Cleaned inputs (in place)
    no longer carry what the register counts, so every entry adds its count.
    Entries of groups this run does not hold are left out.
    """
    by_group: defaultdict[str, list[Entry]] = defaultdict(list)
    for entry in register:
        if entry.group in parts:
            by_group[entry.group].append(entry)
    for group, entries in by_group.items():
        builder = parts[group]
        carried = _carried(builder, entries) if inputs_are_raw else {}
        for entry in entries:
            docs = max(0, entry.docs - carried.get(entry.id, 0))
            if entry.entry == LABEL:
                builder.add_label_evidence(entry.keys[0], docs)
                continue
            source = f"{REGISTER_SOURCE}{entry.id}"
            anchors = [line_keys(text, entry.space) for text in (entry.text, *entry.variants)]
            (norm, key, sketch), *others = anchors
            builder.add_evidence(keys=(key, *(k for _, k, _ in others), *entry.keys),
                                 sketch=sketch, norm=norm, docs=docs, source=source)
            for norm, key, sketch in others:
                builder.add_evidence(keys=(key,), sketch=sketch, norm=norm, docs=0,
                                     source=source)


def _carried(builder: CorpusIndexBuilder, entries: list[Entry]) -> dict[str, int]:
    """How many of the run's documents carry each entry (by its keys)."""
    lines = [e for e in entries if e.entry == LINE]
    labels = [e for e in entries if e.entry == LABEL]
    counts = dict(zip((e.id for e in lines),
                      builder.documents_carrying([e.keys for e in lines]), strict=True))
    counts.update(zip((e.id for e in labels),
                      builder.documents_carrying([e.keys[:1] for e in labels], labels=True),
                      strict=True))
    return counts


def line_keys(text: str, space: int) -> tuple[str, int, tuple[int, ...]]:
    """(norm, exact key, sketch keys) of a line in a matching space, as fingerprint.py."""
    norm = matching_norm(text)
    return norm, line_key(norm, space), sketch_keys(norm, space)


@dataclass(slots=True)
class _Variant:
    text: str
    first_doc: str
    kind: str
    rule: str
    space: int = 0
    docs: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Pattern:
    variants: dict[int, _Variant] = field(default_factory=dict)

    def ordered(self) -> list[tuple[int, _Variant]]:
        """Variants, the most widespread first: the first stands for the entry."""
        return sorted(self.variants.items(), key=lambda kv: (-len(kv[1].docs), kv[0]))


def recordable(decision: Decision) -> bool:
    return not decision.keep and decision.rule not in _NOT_EVIDENCE


KEPT = "kept"


@dataclass(frozen=True, slots=True)
class RegisterNote:
    """What pass 2 tells the register about one line: removed as a recurring line
    (LINE, under its near-duplicate cluster), removed under a recurring label
    (LABEL), or kept on purpose although it recurs (KEPT). Small and picklable:
    notes travel from worker processes to the one recorder."""

    what: str
    key: int  # line key (LINE, KEPT) or label key (LABEL)
    text: str = ""
    kind: str = ""
    rule: str = ""
    root: int = 0  # LINE: the key standing for the line's cluster in this run
    space: int = 0  # LINE: the matching space its keys were seeded with


def register_notes(doc: PreparedDocument, result: DocumentResult,
                   clusters: _Clusters) -> tuple[RegisterNote, ...]:
    """The notes of one cleaned document (`clusters`: the run's CorpusModel)."""
    prints = {line.line_index: line for line in doc.fingerprint.lines}
    notes: list[RegisterNote] = []
    for decision in result.decisions:
        line = prints.get(decision.line_index)
        if line is None:
            continue
        if decision.keep:
            if decision.rule in _KEPT_ON_PURPOSE or (
                decision.rule is Rule.RECURRING_CONTENT_KEPT
                and decision.detail in _KEPT_ON_PURPOSE_DETAILS
            ):
                notes.append(RegisterNote(KEPT, line.key))
            continue
        if not recordable(decision):
            continue
        text, kind, rule = decision.text.strip(), str(decision.kind), str(decision.rule)
        if line.label:  # the template-slot rule counts pages with the label
            notes.append(RegisterNote(LABEL, line.label, text, "label", rule))
        if decision.doc_count < 2 or decision.kind is Kind.METADATA:
            continue
        notes.append(RegisterNote(LINE, line.key, text, kind, rule,
                                  clusters.cluster_key(doc.group, line.key),
                                  matching_space(line.role)))
    return tuple(notes)


def entry_clusters(register: Register, clusters: _Clusters) -> dict[tuple[str, int], str]:
    """(group, cluster key in this run) -> id of the entry whose line stands there, so
    this run's removals of a registered pattern add to its entry."""
    targets: dict[tuple[str, int], str] = {}
    for entry in register:
        if entry.entry == LINE:
            root = clusters.cluster_key(entry.group, line_keys(entry.text, entry.space)[1])
            targets.setdefault((entry.group, root), entry.id)
    return targets


class RegisterRecorder:
    """Collects this run's removals on cross-corpus evidence, for the register."""

    def __init__(self, *, accumulate: bool = True) -> None:
        self._targets: dict[tuple[str, int], str] = {}
        self._accumulate = accumulate
        self._lines: defaultdict[tuple[str, int], _Pattern] = defaultdict(_Pattern)
        self._labels: dict[tuple[str, int], _Variant] = {}
        self._kept: defaultdict[tuple[str, int], set[str]] = defaultdict(set)

    def set_targets(self, targets: Mapping[tuple[str, int], str]) -> None:
        """Where this run's clusters stand in the register (see `entry_clusters`)."""
        self._targets = dict(targets)

    def observe(self, group: str, name: str, notes: Iterable[RegisterNote], *,
                identity: str | None = None) -> None:
        """Record one cleaned document's notes. Documents are counted by `identity`
        (default: the name): given the content hash, identical documents count once,
        as the corpus index counts them, so the next run does not see a syndicated
        copy's removals as more pages than this run did."""
        counted = name if identity is None else identity
        for note in notes:
            if note.what == KEPT:
                self._kept[(group, note.key)].add(counted)
            elif note.what == LABEL:
                self._add(self._labels.setdefault(
                    (group, note.key), _Variant(note.text, name, note.kind, note.rule)),
                    note, name, counted)
            else:
                pattern = self._lines[(group, note.root)]
                self._add(pattern.variants.setdefault(note.key, _Variant(
                    note.text, name, note.kind, note.rule, note.space)), note, name, counted)

    @staticmethod
    def _add(variant: _Variant, note: RegisterNote, name: str, counted: str) -> None:
        variant.docs.add(counted)
        if name < variant.first_doc:  # the example is the same whatever the order
            variant.first_doc, variant.text = name, note.text
            variant.kind, variant.rule = note.kind, note.rule

    def __bool__(self) -> bool:
        return bool(self._lines or self._labels)

    def merged(self, register: Register, today: str) -> Register:
        """`register` (as it is on disk now) with this run's removals added."""
        entries = dict(register.entries)
        by_key = {(e.group, k): e.id for e in entries.values() if e.entry == LINE
                  for k in e.keys}
        targets = self._targets
        for (group, root), pattern in sorted(self._lines.items()):
            variants = [(k, v) for k, v in pattern.ordered()
                        if len(self._kept.get((group, k), ())) < len(v.docs)]
            if not variants:
                continue
            target = targets.get((group, root))
            if target not in entries:
                target = next((by_key[(group, k)] for k, _ in variants if (group, k) in by_key),
                              None)
            if target is None:
                key, first = variants[0]
                entry = Entry(entry_id(group, LINE, key), LINE, group, first.kind, first.rule,
                              first.text, 0, today, today, (key,), first.space)
            else:
                entry = entries[target]
            entry = _with_variants(entry, variants)
            docs = set().union(*(v.docs for _, v in variants))
            entries[entry.id] = with_docs(entry, len(docs), today, accumulate=self._accumulate)
            by_key.update(((group, k), entry.id) for k in entry.keys)
        for (group, label), variant in sorted(self._labels.items()):
            ident = entry_id(group, LABEL, label)
            entry = entries.get(ident) or Entry(ident, LABEL, group, "label", variant.rule,
                                                variant.text, 0, today, today, (label,))
            entries[ident] = with_docs(entry, len(variant.docs), today,
                                       accumulate=self._accumulate)
        return register.with_entries(entries)


def _with_variants(entry: Entry, variants: list[tuple[int, _Variant]]) -> Entry:
    keys = list(entry.keys)
    keys.extend(k for k, _ in variants if k not in keys)
    texts = pick_variant_texts(entry.text, [*entry.variants, *(v.text for _, v in variants)])
    return replace(entry, keys=tuple(keys[:MAX_KEYS]), variants=texts)


def pick_variant_texts(example: str, candidates: list[str]) -> tuple[str, ...]:
    """Up to three more texts of the line, kept where they widen its reach:
    similarity() compares a line with the prefix of one up to twice its length, so
    a much longer (or shorter) variant lets yet longer (or shorter) truncations
    chain to the entry, as they did in the full corpus; then others that no kept
    text is a near-duplicate of. Typo, tag and close truncation variants need none."""
    example_norm = normalise_for_matching(example)
    by_norm: dict[str, str] = {}
    for text in candidates:
        by_norm.setdefault(normalise_for_matching(text), text)
    by_norm.pop(example_norm, None)
    ordered = sorted(by_norm.items(), key=lambda kv: (len(kv[0]), kv[0]))
    size = len(example_norm)
    texts = dict(kv for kv in (ordered[-1:] + ordered[:1])
                 if not size / _REACH_FACTOR <= len(kv[0]) <= size * _REACH_FACTOR)
    kept = [example_norm, *texts]
    for norm, text in reversed(ordered[1:-1]):
        if len(texts) >= MAX_VARIANT_TEXTS:
            break
        if all(similarity(norm, other) < _VARIANT_MIN_SCORE for other in kept):
            kept.append(norm)
            texts[norm] = text
    return tuple(text for _, text in sorted(texts.items(), key=lambda kv: (len(kv[0]), kv[0])))
