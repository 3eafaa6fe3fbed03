"""The public entry points: the whole pipeline in two passes.

Pass 1 reads every document once and keeps only its fingerprint in the corpus
index; pass 2 reads each document again, decides every line against the index
and renders the clean text. Documents are never all held in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from cleaner.cache import FingerprintCache
from cleaner.decide import decide_document
from cleaner.discover import SourceFile
from cleaner.fingerprint import DocumentFingerprint, fingerprint_document
from cleaner.model import Block, DocumentResult
from cleaner.neardup import CorpusIndex, CorpusIndexBuilder, Recurrence
from cleaner.normalise import normalise_text, render_lines
from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.read import Skipped, read_document
from cleaner.segment import assign_roles, segment_document
from cleaner.single_page import judge_page


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
                                options, judge_page(doc.lines))
    dropped = {d.line_index for d in decisions if not d.keep}
    return DocumentResult(
        name=doc.name,
        original_lines=doc.lines,
        decisions=tuple(decisions),
        text=render_lines(line for i, line in enumerate(doc.lines) if i not in dropped),
        changed=bool(dropped),
        removed=tuple(d for d in decisions if not d.keep),
    )


def clean_texts(documents: Iterable[tuple[str, str]],
                options: Options = DEFAULT_OPTIONS) -> list[DocumentResult]:
    """Clean in-memory documents `(name, text)` as one corpus (for tests and the library)."""
    docs = [prepare_document(name, text) for name, text in documents]
    model = build_model(((d.group, d.fingerprint) for d in docs), options)
    return [clean_document(d, model, options) for d in docs]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file: cleaned (`result`) or skipped (`skipped`)."""

    source: SourceFile
    result: DocumentResult | None = None
    skipped: Skipped | None = None


def group_of(source: SourceFile, options: Options) -> str:
    """The recurrence group of a file: its first-level sub-folder when grouping by site."""
    parts = source.relative.parts
    return parts[0] if options.group_by_folder and len(parts) > 1 else ""


def document_name(source: SourceFile) -> str:
    return source.relative.as_posix()


def _prepare_file(source: SourceFile, options: Options) -> PreparedDocument | Skipped:
    decoded = read_document(source.path)
    if isinstance(decoded, Skipped):
        return decoded
    return prepare_document(document_name(source), decoded.text, group_of(source, options))


#: `progress(phase, done, total)` is called after each file of each pass; the
#: phases are these two names. The library never draws anything itself.
ProgressHook = Callable[[str, int, int], None]
PHASE_SCAN = "scanning"
PHASE_CLEAN = "cleaning"


def collect_fingerprints(files: Sequence[SourceFile], options: Options = DEFAULT_OPTIONS,
                         cache: FingerprintCache | None = None,
                         progress: ProgressHook | None = None,
                         ) -> Iterator[tuple[str, DocumentFingerprint]]:
    """Pass 1's input: `(group, fingerprint)` of every readable file, in order.

    With a cache, unchanged files are not read again; the fingerprints are the same.
    """

    def fingerprint(source: SourceFile) -> DocumentFingerprint | Skipped:
        doc = _prepare_file(source, options)
        return doc if isinstance(doc, Skipped) else doc.fingerprint

    found_all = (cache.fingerprints(files, fingerprint) if cache is not None
                 else (fingerprint(source) for source in files))
    for done, (source, found) in enumerate(zip(files, found_all, strict=True), 1):
        if progress is not None:
            progress(PHASE_SCAN, done, len(files))
        if isinstance(found, DocumentFingerprint):
            yield group_of(source, options), found


def clean_files(files: Sequence[SourceFile],
                options: Options = DEFAULT_OPTIONS, *,
                targets: Sequence[SourceFile] | None = None,
                cache: FingerprintCache | None = None,
                progress: ProgressHook | None = None) -> Iterator[FileOutcome]:
    """The whole pipeline over files, as two streaming passes.

    Pass 1 reads each file once and keeps only its fingerprint; pass 2 reads it
    again and decides it against the corpus. Unreadable files are skipped, with
    their reason, in both passes. With `targets`, pass 2 decides only those (files
    judged in the context of the corpus `files`, which should hold them); with a
    `cache`, pass 1 reads only files changed since the cache saw them. `progress`
    hears about every file of both passes.
    """
    model = build_model(collect_fingerprints(files, options, cache, progress), options)
    chosen = files if targets is None else targets
    for done, source in enumerate(chosen, 1):
        doc = _prepare_file(source, options)
        if isinstance(doc, Skipped):
            outcome = FileOutcome(source, skipped=doc)
        else:
            outcome = FileOutcome(source, result=clean_document(doc, model, options))
        if progress is not None:
            progress(PHASE_CLEAN, done, len(chosen))
        yield outcome


def clean_file_in_corpus(target: SourceFile, corpus: Sequence[SourceFile],
                         options: Options = DEFAULT_OPTIONS,
                         progress: ProgressHook | None = None) -> FileOutcome:
    """Pass 1 over `corpus` (which should hold `target`), pass 2 on `target` alone:
    what `explain` needs without deciding every other document."""
    (outcome,) = clean_files(corpus, options, targets=[target], progress=progress)
    return outcome
