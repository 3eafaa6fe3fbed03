"""`newsclean explain` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_corpus import ARTICLES, FOOTER, SHARE, write_corpus
from typer.testing import CliRunner

from cli.app import app


def run(*args: str):
    return CliRunner().invoke(app, ["explain", *args])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "in")
    return tmp_path / "in"


def test_every_line_labelled_with_rule_docs_and_where_else(corpus: Path) -> None:
    result = run(str(corpus / "d0.txt"), "-q")
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{corpus / 'd0.txt'}: 3 line(s) kept, 2 dropped")
    assert "4 document(s)" in out[0]
    (footer_row,) = [line for line in out if line.endswith(FOOTER)]
    assert footer_row.split()[:4] == ["9", "drop", "footer", "boilerplate_phrase:"]
    assert " 4   100  " in footer_row
    below = out[out.index(footer_row) + 1]
    assert "↳ also in" in below and "d1.txt (100)" in below and "d0.txt" not in below
    (title_row,) = [line for line in out if line.endswith(ARTICLES[0][0])]
    assert title_row.split()[:3] == ["1", "keep", "title"]
    assert "\x1b[" not in result.stdout


def test_dropped_only(corpus: Path) -> None:
    result = run(str(corpus / "d2.txt"), "--dropped")
    rows = result.stdout.splitlines()[3:]
    assert [row.split()[1] for row in rows if not row.lstrip().startswith("↳")] == [
        "drop", "drop"]


def test_keep_override_is_named(corpus: Path) -> None:
    result = run(str(corpus / "d1.txt"), "--keep", "^Copyright")
    (row,) = [line for line in result.stdout.splitlines() if line.endswith(FOOTER)]
    assert "keep" in row and "user_keep: override --keep '^Copyright'" in row


def test_drop_override_is_named(corpus: Path) -> None:
    result = run(str(corpus / "d1.txt"), "--drop", "Storm", "--drop", "nothing-matches")
    (row,) = [line for line in result.stdout.splitlines() if line.endswith(ARTICLES[1][0])]
    assert " drop " in row and "user_drop: override --drop 'Storm'" in row


def test_json_has_every_decision_and_the_corpus(corpus: Path) -> None:
    result = run(str(corpus / "d3.txt"), "--format", "json", "-q")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["corpus"] == {"path": corpus.as_posix(), "documents": 4}
    assert [d["text"] for d in record["decisions"]] == [*ARTICLES[3], SHARE, FOOTER]
    assert [d["keep"] for d in record["decisions"]] == [True, True, True, False, False]
    assert [d["text"] for d in record["removed"]] == [SHARE, FOOTER]


def test_corpus_option_adds_a_file_from_elsewhere(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "new" / "page.txt"
    outside.parent.mkdir()
    outside.write_text(f"A brand new page about the harbour ferries\n\n{ARTICLES[0][1]}\n\n"
                       f"{FOOTER}\n")
    result = run(str(outside), "--corpus", str(corpus), "--format", "json")
    record = json.loads(result.stdout)
    assert record["corpus"]["documents"] == 5
    footer = next(d for d in record["decisions"] if d["text"] == FOOTER)
    assert footer["keep"] is False and footer["doc_count"] == 5


def test_default_corpus_is_the_files_folder_outside_git(corpus: Path) -> None:
    result = run(str(corpus / "d0.txt"), "--no-cache")
    assert result.exit_code == 0
    assert f"corpus {corpus}" in result.stdout


@pytest.mark.parametrize("args", [
    pytest.param(["missing.txt"], id="missing-file"),
    pytest.param(["{corpus}"], id="folder-not-file"),
    pytest.param(["{corpus}/d0.txt", "--corpus", "{corpus}/d1.txt"], id="corpus-not-folder"),
    pytest.param(["{corpus}/d0.txt", "--format", "yaml"], id="bad-format"),
    pytest.param(["{corpus}/d0.txt", "--keep", "("], id="bad-regex"),
])
def test_errors_are_one_line_exit_2(corpus: Path, args: list[str]) -> None:
    result = run(*(a.replace("{corpus}", str(corpus)) for a in args))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("newsclean: error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreadable_file_is_an_error(corpus: Path) -> None:
    (corpus / "bin.txt").write_bytes(b"%PDF-1.4\n\x00\x00")
    result = run(str(corpus / "bin.txt"))
    assert result.exit_code == 2
    assert "PDF" in result.stderr and result.stdout == ""
