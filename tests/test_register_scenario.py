"""Issue 11's scenario: a corpus cleaned in place, new scrapes cleaned five at a time
against it, must come out as a one-run clean of the whole raw corpus would have it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from scrape_generator import generate
from typer.testing import CliRunner

from cleaner.register import REGISTER_PATH, load_register
from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
NEWSCLEAN = shutil.which("newsclean", path=str(BIN)) or shutil.which("newsclean")
DOCS = 60
FIRST = 45
BATCH = 5


def clean(*args: str | Path) -> None:
    result = CliRunner().invoke(app, ["clean", "-q", *map(str, args)])
    assert result.exit_code == 0, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def lines(text: str) -> Counter[str]:
    return Counter(line for line in text.splitlines() if line.strip())


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, str]]:
    return generate(seed=11, docs=DOCS)


@pytest.fixture(scope="module")
def one_run(corpus, tmp_path_factory) -> Path:
    """The whole raw corpus cleaned in one run, seeding a register next to the output."""
    raw = tmp_path_factory.mktemp("raw")
    for name, text, _ in corpus:
        (raw / name).write_text(text)
    out = tmp_path_factory.mktemp("one-run")
    clean(raw, "-o", out, "--register", out / REGISTER_PATH)
    return out


def run_batches(corpus, folder: Path, *, register: bool) -> Path:
    """Three quarters cleaned in place, then the rest five at a time with --corpus."""
    flags = [] if register else ["--no-register"]
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    for name, text, _ in corpus[:FIRST]:
        (folder / name).write_text(text)
    clean("--in-place", folder, *flags)
    for start in range(FIRST, DOCS, BATCH):
        new = []
        for name, text, _ in corpus[start:start + BATCH]:
            (folder / name).write_text(text)
            new.append(folder / name)
        clean("--in-place", "--corpus", folder, *new, *flags)
    return folder


@pytest.fixture(scope="module")
def batched(corpus, tmp_path_factory) -> Path:
    return run_batches(corpus, tmp_path_factory.mktemp("batched"), register=True)


def new_files(folder: Path, corpus) -> dict[str, str]:
    return {name: (folder / name).read_text() for name, _, _ in corpus[FIRST:]}


def exact(outputs: dict[str, str], corpus) -> float:
    gold = {name: want for name, _, want in corpus[FIRST:]}
    return sum(outputs[n] == gold[n] for n in gold) / len(gold)


def test_batches_come_out_as_one_run(corpus, one_run, batched):
    once, batches = new_files(one_run, corpus), new_files(batched, corpus)
    assert exact(batches, corpus) >= exact(once, corpus) - 0.02
    lost = {n: list(lines(once[n]) - lines(batches[n])) for n in batches}
    assert not any(lost.values()), lost


def test_without_register_batches_fall_behind(corpus, one_run, tmp_path):
    """The problem the register solves: evidence removed from the corpus is gone."""
    batches = new_files(run_batches(corpus, tmp_path, register=False), corpus)
    assert exact(batches, corpus) < exact(new_files(one_run, corpus), corpus) - 0.02
    assert not (tmp_path / REGISTER_PATH).exists()


def test_register_holds_patterns_not_traps(batched, one_run):
    for folder in (batched, one_run):
        register = load_register(folder / REGISTER_PATH)
        texts = [e.text for e in register]
        assert any(t.startswith("Watch: ") for t in texts)
        assert not [t for t in texts if t.startswith(("Source:", "Maria Lopez", "About the"))]
        # patterns, not documents: per site at most slogan, nav, share, footer, "Most
        # read" and its 10 headlines, 12 teasers (headline and lead), 3 videos, labels
        assert len(register) <= 4 * 45


def test_second_in_place_run_changes_no_byte(one_run):
    """Over a cleaned corpus with its register, and as a fresh clone without it."""
    cleaned, registered = snapshot(one_run), (one_run / REGISTER_PATH).read_bytes()
    clean("--in-place", one_run)
    assert snapshot(one_run) == cleaned
    assert (one_run / REGISTER_PATH).read_bytes() == registered
    clean("--in-place", one_run, "--no-register")
    assert snapshot(one_run) == cleaned


def test_batched_corpus_settles(batched):
    """After the batches one full run may still apply evidence that arrived later to
    files cleaned earlier; after that, runs change nothing."""
    clean("--in-place", batched)
    settled = snapshot(batched)
    clean("--in-place", batched)
    assert snapshot(batched) == settled


def test_second_in_place_run_without_cache_changes_no_byte(one_run):
    """A fresh clone has no cache: the register alone must give the same answer."""
    cleaned = snapshot(one_run)
    clean("--in-place", "--no-cache", one_run)
    assert snapshot(one_run) == cleaned


@pytest.mark.skipif(not (shutil.which("git") and PRE_COMMIT and NEWSCLEAN),
                    reason="needs git, pre-commit and an installed newsclean on PATH")
def test_batches_through_the_pre_commit_hook(corpus, one_run, tmp_path):
    """The same batches committed through the real `newsclean` hook: each commit is
    blocked, fixed in place against the corpus and its register, then committed."""
    root = tmp_path / "repo"
    root.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": f"{Path(NEWSCLEAN or '').parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True,
                              text=True, check=check)

    git("init", "-q")
    for name, text, _ in corpus[:FIRST]:
        (root / name).write_text(text)
    clean("--in-place", root)
    hook = {**yaml.safe_load(MANIFEST.read_text())[0], "language": "system"}
    hook["entry"] = hook["entry"].replace("newsclean", NEWSCLEAN or "newsclean", 1)
    (root / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False))
    git("add", ".")
    git("commit", "-q", "-m", "corpus, cleaned, with its register")
    subprocess.run([PRE_COMMIT, "install"], cwd=root, env=env, check=True,
                   capture_output=True)
    for start in range(FIRST, DOCS, BATCH):
        names = [name for name, _, _ in corpus[start:start + BATCH]]
        for name, text, _ in corpus[start:start + BATCH]:
            (root / name).write_text(text)
        git("add", *names)
        blocked = git("commit", "-q", "-m", f"batch {start}", check=False)
        assert blocked.returncode != 0, blocked.stdout + blocked.stderr
        git("add", ".")
        done = git("commit", "-q", "-m", f"batch {start}, cleaned", check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    assert git("status", "--porcelain").stdout == ""
    once, hooked = new_files(one_run, corpus), new_files(root, corpus)
    assert exact(hooked, corpus) >= exact(once, corpus) - 0.02
    lost = {n: list(lines(once[n]) - lines(hooked[n])) for n in hooked}
    assert not any(lost.values()), lost
