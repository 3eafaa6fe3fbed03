"""`newsclean check`, corpus context for lone files, settings layering, via CliRunner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fakecorpus import new_scrape, write_corpus
from typer.testing import CliRunner

from cli.app import app


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    (root / ".git").mkdir()  # a git working tree, as far as corpus lookup cares
    write_corpus(root, docs=24, seed=5)
    return root


def invoke(*args: str, cwd: Path):
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(old)


def test_check_lists_files_that_would_change_and_exits_1(repo: Path) -> None:
    page = new_scrape(repo)
    before = page.read_bytes()
    result = invoke("check", "harbourtimes/harbourtimes-new.txt", cwd=repo)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("harbourtimes/harbourtimes-new.txt: would remove ")
    assert "boilerplate_phrase" in result.stdout
    assert "1 would be cleaned" in result.stderr
    assert page.read_bytes() == before  # check changes nothing


def test_check_of_clean_file_exits_0(repo: Path, tmp_path: Path) -> None:
    page = new_scrape(repo, "ridgeline/ridgeline-clean.txt")
    assert invoke("clean", "--in-place", str(page), cwd=repo).exit_code == 0
    result = invoke("check", str(page), cwd=repo)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_normalisation_alone_counts_as_a_change(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"A headline\r\n\r\nOne paragraph of prose that stays as it is.\r\n")
    result = invoke("check", "page.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == "page.txt: would normalise (whitespace, line endings or encoding)\n"


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["check", "missing.txt"], "missing.txt: does not exist", id="missing"),
    pytest.param(["check", "."], "unknown setting 'colour'", id="bad-config"),
    pytest.param(["check", ".", "--corpus", "."], "--corpus applies to files", id="corpus-dir"),
])
def test_check_that_cannot_run_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("text\n")
    if "unknown setting" in message:
        (tmp_path / "newsclean.toml").write_text("colour = 'red'\n")
    result = invoke(*args, cwd=tmp_path)
    assert result.exit_code == 2
    assert "newsclean: error:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_flags_win_over_settings_which_win_over_defaults(tmp_path: Path) -> None:
    write_corpus(tmp_path, docs=12, seed=8)
    (tmp_path / "newsclean.toml").write_text('drop = ["^Published"]\n')
    page = "ridgeline/ridgeline-001.txt"
    with_config = invoke("clean", page, "--no-cache", cwd=tmp_path)
    assert "Published" not in with_config.stdout
    (tmp_path / "newsclean.toml").write_text('drop = ["^Published"]\nkeep = ["^Share"]\n')
    kept = invoke("clean", page, "--no-cache", cwd=tmp_path)
    assert "Share this article" in kept.stdout and "Published" not in kept.stdout
    flags = invoke("clean", page, "--no-cache", "--keep", "^Published", cwd=tmp_path)
    assert "Published" in flags.stdout  # --keep replaces the configured keep list


def test_warm_hook_output_equals_full_clean_output(repo: Path, tmp_path: Path) -> None:
    """Same answer: a file fixed through the hook's path with a warm cache is
    byte-identical to the same file in a full run over the whole corpus."""
    page = new_scrape(repo, "harbourtimes/harbourtimes-same.txt", seed=123)
    out = tmp_path / "out"
    assert invoke("clean", ".", "-o", str(out), "--no-cache", cwd=repo).exit_code == 0
    assert invoke("check", "-q", ".", cwd=repo).exit_code == 1  # warms the cache
    assert (repo / ".newsclean_cache").is_dir()
    result = invoke("clean", "--in-place", "--exit-non-zero-on-fix",
                    "harbourtimes/harbourtimes-same.txt", cwd=repo)
    assert result.exit_code == 1
    assert page.read_bytes() == (out / "harbourtimes" / "harbourtimes-same.txt").read_bytes()


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "a.txt", "b.txt"], (["a.txt", "b.txt"], {})),
    (["check", "-q", "--no-cache", "a.txt"], (["a.txt"], {"quiet": True, "no_cache": True})),
    (["check", "--verbose", "--no-register", "--", "-odd.txt"],
     (["-odd.txt"], {"verbose": True, "no_register": True})),
    (["check"], None),  # typer says what is missing
    (["check", "--corpus", "c", "a.txt"], None),  # any other option: typer
    (["check", "-qv", "a.txt"], None),
    (["check", "--help"], None),
    (["check", "-"], None),
    (["clean", "a.txt"], None),
    ([], None),
])
def test_quick_check_parses_only_plain_hook_command_lines(argv, expected) -> None:
    from cli.app import parse_quick_check

    parsed = parse_quick_check(argv)
    if expected is None:
        assert parsed is None
        return
    paths, flags = expected
    assert parsed == (paths, {"quiet": False, "verbose": False, "no_cache": False,
                              "no_register": False, **flags})


def test_quick_check_runs_as_typer_does(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The entry point's quick path: same stdout, stderr and exit code as the typer command."""
    from cli.app import quick_check

    new_scrape(repo, "harbourtimes/harbourtimes-quick.txt")
    for args in (["check", "harbourtimes/harbourtimes-quick.txt"],
                 ["check", "-v", "--no-cache", "harbourtimes/harbourtimes-quick.txt"],
                 ["check", "nowhere.txt"]):
        through_typer = invoke(*args, cwd=repo)
        old = Path.cwd()
        os.chdir(repo)
        try:
            code = quick_check(args)
        finally:
            os.chdir(old)
        out, err = capsys.readouterr()
        assert code == through_typer.exit_code
        assert out == through_typer.stdout
        assert err.split() == through_typer.stderr.split()
