"""Run the two passes on a Dask cluster (``newsclean clean --engine dask``).

The same passes as `clean_files`, mapped over partitions of the file list:

  pass 1   each partition -> its `CorpusIndexBuilder` parts (workers read the files)
  reduce   parts merged pairwise in a tree; the corpus model is built on a worker
  pass 2   each partition is cleaned against the model and written by the worker

Only file lists go out and small `PartitionReport`s come back: neither texts
nor fingerprints reach the client. Merging is order-independent and every
write is atomic and idempotent, so the output is byte-identical to the local
engine whatever the number of workers and partitions, and a partition whose
worker died is simply run again by Dask.

Dask is optional: ``pip install 'newsclean[dask]'``.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.api import (
    CorpusParts,
    Evidence,
    build_corpus_model,
    clean_file,
    fingerprint_files,
    group_of,
    merge_parts,
)
from cleaner.discover import SourceFile
from cleaner.neardup import CorpusIndexBuilder
from cleaner.options import Options
from cleaner.parallel import chunked
from cleaner.register_evidence import RegisterNote, RegisterRecorder, entry_clusters
from cleaner.write import write_if_changed

INSTALL_HINT = "--engine dask needs Dask: pip install 'newsclean[dask]'"
#: Files per partition: a task of a few seconds, so scheduling costs little.
PARTITION_FILES = 500
#: Seconds to wait for a scheduler given with --scheduler.
CONNECT_TIMEOUT = 10


class EngineError(Exception):
    """The Dask engine cannot run (not installed, scheduler unreachable)."""


@dataclass
class PartitionReport:
    """What pass 2 did to one partition: all the client ever receives."""

    read: int = 0
    cleaned: int = 0
    unchanged: int = 0
    lines_removed: int = 0
    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)
    #: (group, document, identity, notes) for the register, when recording.
    notes: list[tuple[str, str, str | None, tuple[RegisterNote, ...]]] = field(
        default_factory=list)

    def __add__(self, other: PartitionReport) -> PartitionReport:
        return PartitionReport(
            self.read + other.read, self.cleaned + other.cleaned,
            self.unchanged + other.unchanged, self.lines_removed + other.lines_removed,
            self.written + other.written, self.skipped + other.skipped,
            self.changed_paths + other.changed_paths, self.notes + other.notes)


@dataclass
class DaskRun:
    report: PartitionReport
    partitions: int
    workers: int
    bytes_to_client: int


def _merge_copy(a: CorpusParts, b: CorpusParts) -> CorpusParts:
    """A pure merge: Dask may hand the same inputs to a retried task."""
    copy = {group: CorpusIndexBuilder().merge(builder) for group, builder in a.items()}
    return merge_parts(copy, b)


def clean_partition(files: Sequence[SourceFile], model, options: Options, output: Path | None,
                    in_place: bool, record: bool = False) -> PartitionReport:
    """Pass 2 on a worker: clean and write each file; report counts (and, when
    `record`ing, the register notes of the removals) only."""
    report = PartitionReport()
    for source in files:
        outcome = clean_file(source, model, options, record=record)
        if outcome.skipped is not None:
            report.skipped.append((str(source.path), outcome.skipped.reason))
            continue
        result = outcome.result
        assert result is not None
        report.read += 1
        report.lines_removed += len(result.removed)
        if outcome.notes:
            report.notes.append((group_of(source, options), result.name, outcome.identity,
                                 outcome.notes))
        if result.changed:
            report.cleaned += 1
        else:
            report.unchanged += 1
        data = result.text.encode("utf-8")
        if output is not None:
            write_if_changed(output / source.relative, data, durable=False)
            report.written += 1
        elif in_place and write_if_changed(source.path, data):
            report.changed_paths.append(str(source.path))
    return report


def _absolute(source: SourceFile) -> SourceFile:
    """Workers may run elsewhere: they get absolute paths (on shared storage)."""
    return SourceFile(path=source.path.absolute(), root=source.root.absolute(),
                      relative=source.relative)


def connect(scheduler: str | None, workers: int):
    """A Client on `scheduler`, or on a new loopback LocalCluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError(INSTALL_HINT) from None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None


def clean_files_dask(files: Sequence[SourceFile], options: Options, *, client,
                     output: Path | None, in_place: bool,
                     partition_files: int | None = None,
                     progress: Callable[[str, int, int], None] | None = None,
                     evidence: Evidence | None = None,
                     recorder: RegisterRecorder | None = None) -> DaskRun:
    """Both passes on the cluster behind `client`; outputs are written by the workers.

    The register in `evidence` goes to the worker building the model; a `recorder`
    gets the notes of every removal (compact: a key, a text, a rule per line)."""
    from distributed import as_completed

    workers = len(client.scheduler_info().get("workers", {}))
    if partition_files is None:  # at least four partitions per worker, at most 500 files
        partition_files = max(1, min(PARTITION_FILES, -(-len(files) // (4 * max(1, workers)))))
    partitions = chunked([_absolute(source) for source in files], partition_files)
    output = output.absolute() if output is not None else None
    parts = client.map(fingerprint_files, partitions, options=options, pure=False)
    _wait(parts, "pass 1", progress, as_completed)
    while len(parts) > 1:  # tree reduction on the workers
        parts = [client.submit(_merge_copy, parts[i], parts[i + 1], pure=False)
                 if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
    model = (client.submit(build_corpus_model, parts[0], options, evidence, pure=False)
             if parts else None)
    record = recorder is not None
    if recorder is not None and evidence is not None and model is not None:
        recorder.set_targets(client.submit(entry_clusters, evidence.register, model,
                                           pure=False).result())
    reports = client.map(clean_partition, partitions, model=model, options=options,
                         output=output, in_place=in_place, record=record, pure=False)
    _wait(reports, "pass 2", progress, as_completed)
    gathered = client.gather(reports)
    total = sum(gathered, PartitionReport())
    if recorder is not None:
        for group, name, identity, notes in total.notes:
            recorder.observe(group, name, notes, identity=identity)
    return DaskRun(total, len(partitions), workers, len(pickle.dumps(gathered)))


def _wait(futures, stage: str, progress, as_completed) -> None:
    for done, _future in enumerate(as_completed(futures), start=1):
        if progress is not None:
            progress(stage, done, len(futures))
