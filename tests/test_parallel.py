"""Both passes on several processes: the same output for any -j and any file order."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from corpus import write_corpus
from typer.testing import CliRunner

from cleaner.api import Delivered, FileOutcome, clean_files
from cleaner.discover import discover_files
from cleaner.parallel import chunked, map_chunks
from cleaner.stats import RunStats
from cli.app import app


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 40)


def _texts(files, jobs):
    return {outcome.source.relative: outcome.result.text
            for outcome in clean_files(files, jobs=jobs)}


@pytest.fixture(scope="module")
def sequential(corpus):
    return _texts(discover_files([corpus]), 1)


def test_corpus_is_cleaned(sequential):
    assert len(sequential) == 40
    assert sum("| " in text for text in sequential.values()) < 20  # most teasers go


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_do_not_change_output(corpus, sequential, jobs, monkeypatch):
    monkeypatch.setattr("cleaner.api.PASS1_CHUNK", 7)  # many parts to merge
    monkeypatch.setattr("cleaner.api.PASS2_CHUNK", 5)
    files = discover_files([corpus])
    outcomes = list(clean_files(files, jobs=jobs))
    assert [o.source for o in outcomes] == files  # input order kept
    assert {o.source.relative: o.result.text for o in outcomes} == sequential


@pytest.mark.parametrize("seed", [1])
def test_file_order_does_not_change_output(corpus, sequential, seed, monkeypatch):
    monkeypatch.setattr("cleaner.api.PASS1_CHUNK", 11)
    files = discover_files([corpus])
    random.Random(seed).shuffle(files)
    assert _texts(files, 2) == sequential


def _square_all(chunk):
    return [n * n for n in chunk]


def test_map_chunks_keeps_order_on_a_pool():
    chunks = chunked(list(range(100)), 3)
    assert [x for part in map_chunks(_square_all, chunks, jobs=2) for x in part] == \
        [n * n for n in range(100)]


def test_cli_jobs_and_quiet(corpus, tmp_path):
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(app, ["clean", str(corpus), "-o", str(out), "-j", jobs, "--quiet"])
        assert result.exit_code == 0, result.output
        assert result.output == ""
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.txt")})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 40


@dataclass(frozen=True)
class _DeliverAndSign:
    """A deliver hook that writes each text under the id of the process running it."""

    folder: Path

    def __call__(self, outcome: FileOutcome) -> FileOutcome:
        name = outcome.source.relative.as_posix().replace("/", "_")
        (self.folder / f"{os.getpid()}-{name}").write_text(outcome.result.text)
        return replace(outcome, result=None, delivered=Delivered(RunStats(), written=True))


@pytest.mark.parametrize("jobs", [1, 2])
def test_deliver_runs_where_documents_are_decided(corpus, sequential, jobs, tmp_path,
                                                   monkeypatch):
    """With -j N the workers deliver (write) the documents: the parent only gets back
    what the hook returns, never the whole result."""
    monkeypatch.setattr("cleaner.api.PASS2_CHUNK", 5)
    files = discover_files([corpus])
    outcomes = list(clean_files(files, jobs=jobs, deliver=_DeliverAndSign(tmp_path)))
    assert [o.source for o in outcomes] == files
    assert all(o.result is None and o.delivered is not None for o in outcomes)
    signed = {path.name.partition("-")[::2]: path.read_text() for path in tmp_path.iterdir()}
    pids = {pid for pid, _ in signed}
    assert (pids == {str(os.getpid())}) if jobs == 1 else (str(os.getpid()) not in pids)
    assert {name: text for (_, name), text in signed.items()} == \
        {relative.as_posix().replace("/", "_"): text for relative, text in sequential.items()}


def test_a_run_that_records_for_the_register_does_not_deliver_in_workers(corpus, tmp_path):
    """What a worker wrote before a run stopped would never reach the register."""
    with pytest.raises(ValueError, match="register"):
        next(clean_files(discover_files([corpus]), jobs=2, recorder=object(),
                         deliver=_DeliverAndSign(tmp_path)))


@pytest.mark.parametrize(("args", "in_workers"), [
    (["-o", "OUT"], True),
    (["-o", "OUT", "--register", "REG"], False),  # adds to the register
    (["--in-place"], False),  # adds to the corpus's register
    (["--in-place", "--no-register"], True),
])
def test_cli_writes_in_workers_unless_the_register_is_updated(corpus, tmp_path, monkeypatch,
                                                             args, in_workers):
    import cli.clean

    seen = []
    real_run_jobs = cli.clean.run_jobs

    def spy(*positional, deliver=None, **named):
        seen.append(deliver)
        return real_run_jobs(*positional, deliver=deliver, **named)

    monkeypatch.setattr(cli.clean, "run_jobs", spy)
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    args = [str(tmp_path / "out") if a == "OUT" else str(tmp_path / "reg.jsonl") if a == "REG"
            else a for a in args]
    result = CliRunner().invoke(app, ["clean", str(work), *args, "-j", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert (seen[0] is not None) == in_workers
    written = tmp_path / "out" if "-o" in args else work
    assert len(list(written.rglob("*.txt"))) == 40
