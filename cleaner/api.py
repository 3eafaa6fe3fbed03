"""The public entry points: the whole pipeline in two passes.

Pass 1 reads every document once and keeps only its fingerprint in the corpus
index; pass 2 reads each document again, decides every line against the index
and renders the clean text. Documents are never all held in memory at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.cache import FingerprintCache
from cleaner.decide import decide_document
from cleaner.discover import SourceFile, relative_name
from cleaner.fingerprint import DocumentFingerprint, fingerprint_document
from cleaner.model import Block, Decision, DocumentResult
from cleaner.neardup import ClusterTrace, CorpusIndex, CorpusIndexBuilder, Recurrence
from cleaner.normalise import normalise_text, render_kept
from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.parallel import (
    PASS1_CHUNK,
    PASS2_CHUNK,
    chunked,
    fewer_collections,
    map_chunks,
    shared,
)
from cleaner.read import Skipped, read_document
from cleaner.register import Register
from cleaner.register_evidence import (
    RegisterNote,
    RegisterRecorder,
    entry_clusters,
    feed_register,
    register_notes,
)
from cleaner.segment import assign_roles, segment_document
from cleaner.single_page import judge_page
from cleaner.spill import (
    Location,
    Spill,
    SpillWriter,
    pack,
    read_record,
    read_records,
    spill_folder,
    unpack,
)
from cleaner.stats import RunStats


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
    fingerprint = fingerprint_document(name, lines, roles)
    return PreparedDocument(name, group, lines, blocks, roles, fingerprint)


class CorpusModel:
    """The corpus-wide statistics pass 2 consults, one index per group (site)."""

    def __init__(self, indexes: dict[str, CorpusIndex]) -> None:
        self._indexes = indexes

    def recurrences(self, doc: PreparedDocument) -> dict[int, Recurrence]:
        index = self._indexes.get(doc.group)
        if index is None:
            return {}
        return index.recurrences(doc.fingerprint.lines, exclude=doc.name)

    def cluster_key(self, group: str, key: int) -> int:
        """The key standing for the near-duplicate cluster of `key` (the register's unit)."""
        index = self._indexes.get(group)
        return index.cluster_key(key) if index is not None else key


#: Pass-1 counts of some documents: one builder per group (site).
CorpusParts = dict[str, CorpusIndexBuilder]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Cross-corpus evidence besides the files of the run: the boilerplate register
    (cleaner/register.py). `inputs_are_raw` when the run's files are not rewritten
    (-o, stdout, check), so they may be among the documents the register counts."""

    register: Register
    inputs_are_raw: bool = False


@contextlib.contextmanager
def _closing(parts: CorpusParts) -> Iterator[None]:
    """Let go of the builders' text files (cleaner/norm_file.py) once they are built."""
    try:
        yield
    finally:
        for builder in parts.values():
            builder.close()


def build_model(fingerprints: Iterable[tuple[str, DocumentFingerprint]],
                options: Options, evidence: Evidence | None = None, *,
                norm_folder: Path | None = None) -> CorpusModel:
    """Pass 1's reduction: count every (group, fingerprint) and cluster near-duplicates.

    With a `norm_folder` (the spill folder) the line texts wait there, not in memory."""
    parts: CorpusParts = {}
    for group, fingerprint in fingerprints:
        builder = parts.get(group)
        if builder is None:
            builder = parts[group] = CorpusIndexBuilder(norm_folder)
        builder.add(fingerprint)
    with _closing(parts):
        return build_corpus_model(parts, options, evidence)


def clean_document(doc: PreparedDocument, model: CorpusModel,
                   options: Options = DEFAULT_OPTIONS) -> DocumentResult:
    """Decide every line of a prepared document and render what is kept."""
    decisions = decide_document(doc.lines, doc.blocks, doc.roles, model.recurrences(doc),
                                options, judge_page(doc.lines))
    removed = tuple(d for d in decisions if not d.keep)
    dropped = {d.line_index for d in removed}
    return DocumentResult(
        name=doc.name,
        original_lines=doc.lines,
        decisions=tuple(decisions),
        text=render_kept(doc.lines, dropped),
        changed=bool(dropped),
        removed=removed,
    )


def clean_texts(documents: Iterable[tuple[str, str]],
                options: Options = DEFAULT_OPTIONS, *, evidence: Evidence | None = None,
                recorder: RegisterRecorder | None = None) -> list[DocumentResult]:
    """Clean in-memory documents `(name, text)` as one corpus (for tests and the library);
    a `recorder` collects what the register should learn from the removals."""
    docs = [prepare_document(name, text) for name, text in documents]
    model = build_model(((d.group, d.fingerprint) for d in docs), options, evidence)
    if recorder is not None and evidence is not None:
        recorder.set_targets(entry_clusters(evidence.register, model))
    results = [clean_document(d, model, options) for d in docs]
    if recorder is not None:
        for doc, result in zip(docs, results, strict=True):
            recorder.observe(doc.group, doc.name, register_notes(doc, result, model),
                             identity=doc.fingerprint.content_hash)
    return results


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file: cleaned (`result`) or skipped (`skipped`)."""

    source: SourceFile
    result: DocumentResult | None = None
    skipped: Skipped | None = None
    #: What the register should learn from this file (only when recording).
    notes: tuple[RegisterNote, ...] = ()
    #: The file's content hash when recording: the register counts identical files once.
    identity: str | None = None
    #: Set instead of `result` by a `Deliver` hook that wrote the document where it was
    #: decided (see `clean_files`): what the caller still reports of it.
    delivered: Delivered | None = None


@dataclass(frozen=True, slots=True)
class Delivered:
    """A cleaned document already written by the process that cleaned it: its
    statistics, whether its file changed, and (when asked for) its removed lines."""

    stats: RunStats
    written: bool
    removed: tuple[Decision, ...] = ()


#: Runs on each outcome in the process that decided it (a worker, with jobs > 1), and
#: what it returns travels back instead: a hook that writes the document and keeps only
#: its statistics spares the parent both the writing and the whole result's transfer,
#: so the parent is not the bottleneck however many workers there are.
Deliver = Callable[[FileOutcome], FileOutcome]


def group_of(source: SourceFile, options: Options) -> str:
    """The recurrence group of a file: its first-level sub-folder when grouping by site."""
    if not options.group_by_folder:
        return ""
    first, nested, _ = relative_name(source).partition("/")  # no Path parts made per file
    return first if nested else ""


def document_name(source: SourceFile) -> str:
    return relative_name(source)


def _prepare_file(source: SourceFile, options: Options) -> PreparedDocument | Skipped:
    decoded = read_document(source.path)
    if isinstance(decoded, Skipped):
        return decoded
    return prepare_document(document_name(source), decoded.text, group_of(source, options))


def _file_stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time: how pass 2 tells that a spilled file has changed."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def spill_key(source: SourceFile) -> str:
    """What a spilled document is found under: the file's resolved path when known, so
    a target given as "a.txt" finds what pass 1 kept of the corpus's "/corpus/a.txt"."""
    return source.real or str(source.path)


def _prepare_and_spill(source: SourceFile, options: Options, spill: Spill | None,
                       writer: SpillWriter | None) -> PreparedDocument | Skipped:
    """Pass 1's preparation of a file, kept in the spill when pass 2 will want it.

    The file's stamp is taken before it is read, so an edit during the run makes
    the stamps differ and pass 2 reads the file again instead of using stale text."""
    key = spill_key(source)
    wanted = writer is not None and spill is not None and spill.wants(key)
    stamp = _file_stamp(source.path) if wanted else None
    doc = _prepare_file(source, options)
    if (writer is not None and spill is not None and stamp is not None
            and isinstance(doc, PreparedDocument)):
        location = writer.add((stamp, pack(doc.lines, doc.blocks, doc.roles, doc.fingerprint)))
        if location is not None:
            spill.locations[key] = location
    return doc


def _unpacked_document(source: SourceFile, options: Options,
                       record: tuple | None) -> PreparedDocument | None:
    """The document of a spill `record`, or None when there is none, it cannot be
    unpacked or the file changed since it was spilled (pass 2 prepares it again)."""
    if record is None:
        return None
    name = document_name(source)
    try:
        stamp, packed = record
        if tuple(stamp) != _file_stamp(source.path):
            return None
        lines, blocks, roles, fingerprint = unpack(name, packed)
    except (ValueError, TypeError, KeyError):
        return None
    return PreparedDocument(name, group_of(source, options), lines, blocks, roles,
                            fingerprint)


@contextlib.contextmanager
def spilling_fingerprinter(options: Options, spill: Spill | None,
                           ) -> Iterator[Callable[[SourceFile], DocumentFingerprint | Skipped]]:
    """Pass 1's per-file work: the fingerprint of a file (or why it was skipped), with
    its preparation kept in the `spill` for pass 2; the spill file is closed on exit."""
    with contextlib.ExitStack() as stack:
        writer = (stack.enter_context(SpillWriter(spill.folder)) if spill is not None
                  else None)

        def fingerprint(source: SourceFile) -> DocumentFingerprint | Skipped:
            doc = _prepare_and_spill(source, options, spill, writer)
            return doc if isinstance(doc, Skipped) else doc.fingerprint

        yield fingerprint


#: `progress(phase, done, total)` is called as files of each pass are done; the
#: phases are these two names. The library never draws anything itself.
ProgressHook = Callable[[str, int, int], None]
PHASE_SCAN = "scanning"
PHASE_CLEAN = "cleaning"


def fingerprint_files(files: Sequence[SourceFile], options: Options,
                      spill: Spill | None = None) -> CorpusParts:
    """Pass 1 on some files: their fingerprints counted into one builder per group
    (and, with a `spill`, each prepared document written to a new file of it).

    Unreadable files are left out here; pass 2 reports them.
    """
    parts: CorpusParts = {}
    with spilling_fingerprinter(options, spill) as fingerprint:
        for source in files:
            found = fingerprint(source)
            if isinstance(found, DocumentFingerprint):
                parts.setdefault(group_of(source, options), CorpusIndexBuilder()).add(found)
    return parts


def merge_parts(parts: CorpusParts, other: CorpusParts) -> CorpusParts:
    """Join two pass-1 parts (in place into `parts`); any order and grouping gives one result."""
    for group, builder in other.items():
        if group in parts:
            parts[group].merge(builder)
        else:
            parts[group] = builder
    return parts


def build_corpus_model(parts: CorpusParts, options: Options,
                       evidence: Evidence | None = None) -> CorpusModel:
    """Pass 1's reduction, from merged parts: cluster near-duplicates, keep what recurs.

    With `evidence`, the register's entries count too; `parts` stay as they were
    (a retried Dask task may hand them in again)."""
    return build_traced_model(parts, options, evidence)[0]


def build_traced_model(parts: CorpusParts, options: Options, evidence: Evidence | None = None,
                       previous: Mapping[str, ClusterTrace] | None = None,
                       ) -> tuple[CorpusModel, CorpusParts]:
    """`build_corpus_model`, replaying earlier clustering `previous`ly traced per group
    (same result, less work; cleaner/corpus_state.py), with the builders built: their
    `.trace` is this build's, made when asked for. Builders copied to take the register's
    evidence keep their texts beside the originals' and let go of them once built."""
    copied = evidence is not None and len(evidence.register) > 0
    if evidence is not None and copied:
        parts = {group: CorpusIndexBuilder(builder.norm_folder).merge(builder)
                 for group, builder in parts.items()}
        feed_register(parts, evidence.register, inputs_are_raw=evidence.inputs_are_raw)
    previous = previous or {}
    with _closing(parts) if copied else contextlib.nullcontext():
        model = CorpusModel({group: parts[group].build(min_score=options.near_dup_min_score,
                                                       previous=previous.get(group))
                             for group in sorted(parts)})
    return model, parts


def clean_file(source: SourceFile, model: CorpusModel, options: Options, *,
               record: bool = False, spilled: Location | None = None) -> FileOutcome:
    """Pass 2 on one file: read it again (or take pass 1's preparation from the spill
    at `spilled`) and decide it against the corpus (and, when `record`ing, note what
    the register should learn from it)."""
    packed = read_record(spilled) if spilled is not None else None
    return _clean_source(source, model, options, record=record, packed=packed)


def _clean_source(source: SourceFile, model: CorpusModel, options: Options, *,
                  record: bool, packed: tuple | None) -> FileOutcome:
    """`clean_file` with the spill record already read (`packed`, None when none)."""
    doc: PreparedDocument | Skipped | None = _unpacked_document(source, options, packed)
    if doc is None:
        doc = _prepare_file(source, options)
    if isinstance(doc, Skipped):
        return FileOutcome(source, skipped=doc)
    result = clean_document(doc, model, options)
    if not record:
        return FileOutcome(source, result=result)
    return FileOutcome(source, result=result, notes=register_notes(doc, result, model),
                       identity=doc.fingerprint.content_hash)


def _fingerprint_chunk(files: Sequence[SourceFile]) -> tuple[CorpusParts, dict[str, Location]]:
    template = shared("spill")
    spill = (Spill(template.folder, wanted=template.wanted)  # type: ignore[attr-defined]
             if template is not None else None)
    parts = fingerprint_files(files, shared("options"), spill)  # type: ignore[arg-type]
    return parts, (spill.locations if spill is not None else {})


def _clean_chunk(files: Sequence[SourceFile]) -> list[FileOutcome]:
    model, options = shared("model"), shared("options")
    record = bool(shared("record"))
    locations: Mapping[str, Location] = shared("spilled")  # type: ignore[assignment]
    deliver: Deliver | None = shared("deliver")  # type: ignore[assignment]
    # The chunk's spill records in one go: each spill file opened once per chunk.
    packed = read_records([locations.get(spill_key(source)) for source in files])
    outcomes = [_clean_source(source, model, options, record=record,  # type: ignore[arg-type]
                              packed=found)
                for source, found in zip(files, packed, strict=True)]
    return outcomes if deliver is None else list(map(deliver, outcomes))


def collect_fingerprints(files: Sequence[SourceFile], options: Options = DEFAULT_OPTIONS,
                         cache: FingerprintCache | None = None,
                         progress: ProgressHook | None = None,
                         spill: Spill | None = None,
                         ) -> Iterator[tuple[str, DocumentFingerprint]]:
    """Pass 1's input in this process: `(group, fingerprint)` of every readable file,
    in order; with a cache, unchanged files are not read again (same result). With a
    `spill`, every document prepared here is kept in it for pass 2."""
    with spilling_fingerprinter(options, spill) as fingerprint:
        found_all = (cache.fingerprints(files, fingerprint) if cache is not None
                     else map(fingerprint, files))
        for done, (source, found) in enumerate(zip(files, found_all, strict=True), 1):
            if progress is not None:
                progress(PHASE_SCAN, done, len(files))
            if isinstance(found, DocumentFingerprint):
                yield group_of(source, options), found


def corpus_model(files: Sequence[SourceFile], options: Options = DEFAULT_OPTIONS, *,
                 cache: FingerprintCache | None = None, jobs: int = 1,
                 progress: ProgressHook | None = None,
                 evidence: Evidence | None = None, spill: Spill | None = None) -> CorpusModel:
    """Pass 1: the corpus-wide statistics of `files` (and of the `evidence`), through
    the cache when given (warm runs read only what changed), else on `jobs`
    processes in chunks. With a `spill`, the documents prepared are kept in it (the
    cached path prepares only changed files; pass 2 prepares the others it decides)."""
    if cache is not None:
        from cleaner.corpus_state import warm_corpus_model  # imports this module
        return warm_corpus_model(files, options, cache, progress=progress, evidence=evidence,
                                 spill=spill)
    norm_folder = spill.folder if spill is not None else None
    if jobs <= 1:
        return build_model(collect_fingerprints(files, options, None, progress, spill),
                           options, evidence, norm_folder=norm_folder)
    parts: CorpusParts = {}
    done = 0
    chunks = chunked(files, PASS1_CHUNK)
    for chunk, (part, locations) in zip(
            chunks, map_chunks(_fingerprint_chunk, chunks, jobs=jobs,
                               shared={"options": options, "spill": spill}), strict=True):
        for group, builder in part.items():  # merged into builders keeping texts on disk
            if group not in parts:
                parts[group] = CorpusIndexBuilder(norm_folder)
            parts[group].merge(builder)
        if spill is not None:
            spill.locations.update(locations)
        done += len(chunk)
        if progress is not None:
            progress(PHASE_SCAN, done, len(files))
    with _closing(parts):
        return build_corpus_model(parts, options, evidence)


def clean_files(files: Sequence[SourceFile], options: Options = DEFAULT_OPTIONS, *,
                targets: Sequence[SourceFile] | None = None,
                cache: FingerprintCache | None = None, jobs: int = 1,
                progress: ProgressHook | None = None, evidence: Evidence | None = None,
                recorder: RegisterRecorder | None = None,
                deliver: Deliver | None = None) -> Iterator[FileOutcome]:
    """The whole pipeline over files, as two streaming passes on `jobs` processes.

    Pass 1 reads each file once and keeps only its fingerprint; pass 2 reads it
    again and decides it against the corpus. With `targets`, pass 2 decides only
    those (files judged in the context of the corpus `files`, which should hold
    them). Outcomes come in the order of the files decided, and are the same for
    any `jobs`, any order of `files`, with or without a cache. The register in
    `evidence` counts as earlier documents; a `recorder` collects what it should
    learn from this run's removals, as each outcome is yielded. A `deliver` hook runs
    on each outcome where it was decided (it must pickle where workers are spawned); not
    with a `recorder`: what a worker delivered before the run stopped (an error, Ctrl-C)
    never reaches this process, and the register must hold every file written.
    """
    if deliver is not None and recorder is not None:
        raise ValueError("a run that records for the register delivers its outcomes itself")
    chosen = files if targets is None else targets
    with fewer_collections(), spill_folder() as folder:
        wanted = None if targets is None else frozenset(spill_key(s) for s in targets)
        spill = Spill(folder, wanted=wanted) if folder is not None else None
        model = corpus_model(files, options, cache=cache, jobs=jobs, progress=progress,
                             evidence=evidence, spill=spill)
        if recorder is not None and evidence is not None:
            recorder.set_targets(entry_clusters(evidence.register, model))
        done = 0
        for outcomes in map_chunks(_clean_chunk, chunked(chosen, PASS2_CHUNK), jobs=jobs,
                                   shared={"model": model, "options": options,
                                           "record": recorder is not None,
                                           "deliver": deliver,
                                           "spilled": spill.locations if spill else {}}):
            for outcome in outcomes:
                done += 1
                if progress is not None:
                    progress(PHASE_CLEAN, done, len(chosen))
                if recorder is not None and outcome.skipped is None:
                    recorder.observe(group_of(outcome.source, options),
                                     document_name(outcome.source), outcome.notes,
                                     identity=outcome.identity)
                yield outcome
