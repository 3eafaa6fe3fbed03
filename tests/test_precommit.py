"""The pre-commit hooks through the real `pre-commit` tool, in a throwaway git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fakecorpus import new_scrape, write_corpus

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
NEWSCLEAN = shutil.which("newsclean", path=str(BIN)) or shutil.which("newsclean")
GIT = shutil.which("git")

needs_tools = pytest.mark.skipif(
    not (GIT and PRE_COMMIT and NEWSCLEAN),
    reason="needs git, pre-commit and an installed newsclean on PATH")


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text())}


@pytest.mark.skipif(not PRE_COMMIT, reason="pre-commit is not installed")
def test_manifest_is_valid() -> None:
    done = subprocess.run([PRE_COMMIT, "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_manifest_follows_conventions() -> None:
    for hook_id, hook in hooks().items():
        assert hook["files"] == r"\.txt$" and hook["require_serial"] is True, hook_id
        assert hook["args"] == []
        assert hook["entry"].startswith("newsclean ")
    assert "--exit-non-zero-on-fix" in hooks()["newsclean"]["entry"]


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A corpus repo with one commit and the manifest's hooks configured as `repo: local`."""
    root = tmp_path / "corpus-repo"
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    root.mkdir()
    git(root, env, "init", "-q")
    write_corpus(root, docs=24, seed=11)
    git(root, env, "add", ".")
    git(root, env, "commit", "-q", "-m", "corpus")
    return root, env


def use_hooks(root: Path, env: dict[str, str], *ids: str) -> None:
    """Configure (and commit) the manifest's hooks `ids`, run by the installed newsclean."""
    local = []
    for hook in (hooks()[hook_id] for hook_id in ids):
        entry = hook["entry"].replace("newsclean", NEWSCLEAN or "newsclean", 1)
        local.append({**hook, "entry": entry, "language": "system"})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    git(root, env, "add", ".pre-commit-config.yaml")
    git(root, env, "commit", "-q", "-m", "hooks")


def git(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([GIT or "git", *args], cwd=root, env=env, capture_output=True,
                          text=True, check=True)


def attempt(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True,
                          check=False)


@needs_tools
def test_commit_with_teasers_is_blocked_fixed_then_committed(repo) -> None:
    root, env = repo
    use_hooks(root, env, "newsclean")
    assert attempt(root, env, PRE_COMMIT, "install").returncode == 0

    page = new_scrape(root)
    scraped = page.read_text()
    git(root, env, "add", str(page))
    blocked = attempt(root, env, GIT or "git", "commit", "-m", "new scrape")
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "files were modified by this hook" in blocked.stdout + blocked.stderr
    fixed = page.read_text()
    assert "Share: Facebook | Twitter" in scraped and "Share: Facebook" not in fixed
    assert "© 2024 Harbour Times" not in fixed
    assert fixed.splitlines()[0] == scraped.splitlines()[0]  # the article stays

    # the fix also started the register, committed with the corpus (docs/register.md)
    assert git(root, env, "status", "--porcelain", ".newsclean").stdout == "?? .newsclean/\n"
    git(root, env, "add", str(page), ".newsclean")
    done = attempt(root, env, GIT or "git", "commit", "-m", "new scrape, cleaned")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(root, env, "status", "--porcelain").stdout == ""
    assert "Share: Facebook" in git(root, env, "show", "HEAD:.newsclean/register.jsonl").stdout
    assert (root / ".newsclean_cache" / ".gitignore").exists()  # cache never shows up


@needs_tools
def test_check_hook_reports_and_changes_nothing(repo) -> None:
    root, env = repo
    use_hooks(root, env, "newsclean-check")
    page = new_scrape(root)
    before = page.read_bytes()
    git(root, env, "add", str(page))
    run = attempt(root, env, PRE_COMMIT, "run", "newsclean-check", "--files", str(page))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "harbourtimes/harbourtimes-new.txt: would remove" in run.stdout
    assert page.read_bytes() == before
