"""The public entry points: the whole pipeline in two passes.

Pass 1 reads every document once and keeps only its fingerprint in the corpus
index; pass 2 reads each document again, decides every line against the index
and renders the clean text. Documents are never all held in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cleaner.decide import decide_document
from cleaner.fingerprint import DocumentFingerprint, fingerprint_document
from cleaner.model import Block, DocumentResult
from cleaner.neardup import CorpusIndex, CorpusIndexBuilder, Recurrence
from cleaner.normalise import normalise_text, render_lines
from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.segment import assign_roles, segment_document


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A document after the page-local stages: lines, blocks, roles, fingerprint."""

    name: str
    group: str
    lines: tuple[str, ...]
    blocks: tuple[Block, ...]
    roles: dict[int, int]
    fingerprint: DocumentFingerprint


def prepare_document(name: str, text: str, group: str = "") -> PreparedDocument:
    """Normalise, segment and fingerprint one document (pure, per document)."""
    lines = tuple(normalise_text(text))
    blocks = tuple(segment_document(lines))
    roles = assign_roles(blocks)
    return PreparedDocument(name, group, lines, blocks, roles,
                            fingerprint_document(name, lines, roles))


class CorpusModel:
    """The corpus-wide statistics pass 2 consults, one index per group (site)."""

    def __init__(self, indexes: dict[str, CorpusIndex]) -> None:
        self._indexes = indexes

    def recurrences(self, doc: PreparedDocument) -> dict[int, Recurrence]:
        index = self._indexes.get(doc.group)
        if index is None:
            return {}
        return {line.line_index: index.recurrence(line, exclude=doc.name)
                for line in doc.fingerprint.lines}


def build_model(fingerprints: Iterable[tuple[str, DocumentFingerprint]],
                options: Options) -> CorpusModel:
    """Pass 1's reduction: count every (group, fingerprint) and cluster near-duplicates."""
    builders: dict[str, CorpusIndexBuilder] = {}
    for group, fingerprint in fingerprints:
        builders.setdefault(group, CorpusIndexBuilder()).add(fingerprint)
    return CorpusModel({group: builder.build(min_score=options.near_dup_min_score)
                        for group, builder in builders.items()})


def clean_document(doc: PreparedDocument, model: CorpusModel,
                   options: Options = DEFAULT_OPTIONS) -> DocumentResult:
    """Decide every line of a prepared document and render what is kept."""
    decisions = decide_document(doc.lines, doc.blocks, doc.roles, model.recurrences(doc),
                                options)
    dropped = {d.line_index for d in decisions if not d.keep}
    text = render_lines(line for i, line in enumerate(doc.lines) if i not in dropped)
    original = render_lines(doc.lines)
    return DocumentResult(
        name=doc.name,
        original_lines=doc.lines,
        decisions=tuple(decisions),
        text=text,
        changed=bool(dropped),
        removed=tuple(d for d in decisions if not d.keep),
    ) if original is not None else None  # pragma: no cover


def clean_texts(documents: Iterable[tuple[str, str]],
                options: Options = DEFAULT_OPTIONS) -> list[DocumentResult]:
    """Clean in-memory documents `(name, text)` as one corpus (for tests and the library)."""
    docs = [prepare_document(name, text) for name, text in documents]
    model = build_model(((d.group, d.fingerprint) for d in docs), options)
    return [clean_document(d, model, options) for d in docs]


def clean_corpus(names: Iterable[str], load: Callable[[str], str], group_of: Callable[[str], str],
                 options: Options = DEFAULT_OPTIONS) -> Iterator[DocumentResult]:
    """Two streaming passes over documents loaded by name: fingerprint all, then clean each."""
    order = list(names)
    model = build_model(
        ((group_of(n), prepare_document(n, load(n), group_of(n)).fingerprint) for n in order),
        options,
    )
    for name in order:
        yield clean_document(prepare_document(name, load(name), group_of(name)), model, options)
