"""--engine dask: byte-identical to the local engine, even when a worker dies in pass 2."""

from __future__ import annotations

import os
import signal
from functools import cache
from pathlib import Path

import pytest
from corpus import write_corpus

distributed = pytest.importorskip("distributed")

from cleaner.api import clean_files  # noqa: E402
from cleaner.dask_engine import EngineError, clean_files_dask, connect  # noqa: E402
from cleaner.discover import discover_files  # noqa: E402
from cleaner.options import DEFAULT_OPTIONS  # noqa: E402

pytestmark = pytest.mark.dask
SEEDLIKE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seedlike-dev" / "input"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 40)


@cache
def _local(folder: Path) -> dict[Path, bytes]:
    return {o.source.relative: o.result.text.encode("utf-8")
            for o in clean_files(discover_files([folder]), jobs=1)}


def _written(out: Path) -> dict[Path, bytes]:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*.txt")}


@pytest.mark.parametrize("partition_files", [3, 40])
def test_same_bytes_as_local_engine(client, corpus, tmp_path, partition_files):
    out = tmp_path / "out"
    run = clean_files_dask(discover_files([corpus]), DEFAULT_OPTIONS, client=client,
                           output=out, in_place=False, partition_files=partition_files)
    assert _written(out) == _local(corpus)
    assert run.report.read == 40
    assert run.bytes_to_client < 10_000  # counts only, never texts or fingerprints


@pytest.mark.skipif(not SEEDLIKE.is_dir(), reason="../shared/corpora/seedlike-dev not present")
def test_seedlike_dev_same_bytes_as_local_engine(client, tmp_path):
    out = tmp_path / "out"
    clean_files_dask(discover_files([SEEDLIKE]), DEFAULT_OPTIONS, client=client, output=out,
                     in_place=False)
    assert _written(out) == _local(SEEDLIKE)


def test_worker_killed_in_pass_2_still_same_bytes(client, corpus, tmp_path):
    killed = []

    def kill_one_worker(stage: str, done: int, total: int) -> None:
        if stage == "pass 2" and not killed:
            address, pid = sorted(client.run(os.getpid).items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(address)

    out = tmp_path / "out"
    run = clean_files_dask(discover_files([corpus]), DEFAULT_OPTIONS, client=client,
                           output=out, in_place=False, partition_files=2,
                           progress=kill_one_worker)
    assert killed
    assert run.report.read == 40
    assert _written(out) == _local(corpus)


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("cleaner.dask_engine.CONNECT_TIMEOUT", 1)
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler"):
        connect("tcp://127.0.0.1:9", 1)


def test_register_read_and_grown_as_by_the_local_engine(client, corpus, tmp_path):
    """In place with a register: the same files and the same register as `-j 1`."""
    from cleaner.api import Evidence
    from cleaner.register import Register
    from cleaner.register_evidence import RegisterRecorder

    results = {}
    for engine in ("local", "dask"):
        folder = tmp_path / engine
        files = discover_files([corpus])
        seed = RegisterRecorder()
        list(clean_files(files[:20], evidence=Evidence(Register()), recorder=seed))
        evidence = Evidence(seed.merged(Register(), "2024-01-01"))
        recorder = RegisterRecorder()
        if engine == "local":
            texts = {o.source.relative: o.result.text.encode("utf-8")
                     for o in clean_files(files, evidence=evidence, recorder=recorder)}
        else:
            clean_files_dask(files, DEFAULT_OPTIONS, client=client, output=folder,
                             in_place=False, partition_files=7, evidence=evidence,
                             recorder=recorder)
            texts = _written(folder)
        results[engine] = (texts, recorder.merged(evidence.register, "2024-02-01").dumps())
    assert len(results["local"][1].splitlines()) > 0
    assert results["dask"] == results["local"]
