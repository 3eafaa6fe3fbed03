"""`newsclean clean` through typer's CliRunner: stdout carries data only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_corpus import ARTICLES, FOOTER, SHARE, article_text, clean_text, write_corpus
from typer.testing import CliRunner

from cli.app import app


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=env)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "in")
    return tmp_path / "in"


def test_single_file_to_stdout_is_clean_text_and_summary_on_stderr(corpus: Path) -> None:
    result = run("clean", str(corpus / "d0.txt"))
    assert result.exit_code == 0
    assert result.stdout.startswith(ARTICLES[0][0] + "\n\n" + ARTICLES[0][1])
    assert "read" not in result.stdout and "Removed" not in result.stdout
    assert "read" in result.stderr and "Removed by kind" in result.stderr


def test_quiet_prints_nothing_on_stderr(corpus: Path, tmp_path: Path) -> None:
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out" / "d1.txt").read_text() == clean_text(1)


def test_no_colour_codes_when_not_a_terminal(corpus: Path, tmp_path: Path) -> None:
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"))
    assert "\x1b[" not in result.stderr
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"), env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.stderr


def test_summary_counts_files_kinds_and_recurring_lines(corpus: Path, tmp_path: Path) -> None:
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout == ""
    err = result.stderr
    assert "4  read" in err and "4  cleaned" in err and "0  skipped" in err
    assert "footer" in err and "share" in err
    assert "Top recurring boilerplate" in err and FOOTER in err


def test_verbose_adds_rules_and_every_removal(corpus: Path, tmp_path: Path) -> None:
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"), "-v")
    assert "Removed by rule" in result.stderr and "boilerplate_phrase" in result.stderr
    assert f"d0.txt:9: boilerplate_phrase: {FOOTER}" in result.stderr


def test_skipped_files_are_counted_with_reason(corpus: Path, tmp_path: Path) -> None:
    (corpus / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("clean", str(corpus), "-o", str(tmp_path / "out"), "--report",
                 str(tmp_path / "r.json"))
    assert result.exit_code == 0
    assert "1  skipped" in result.stderr and "PNG" in result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["files"]["skipped"] == 1
    assert any("PNG" in reason for reason in report["files"]["skipped_reasons"])


def test_jsonl_on_stdout_for_a_folder(corpus: Path) -> None:
    result = run("clean", str(corpus), "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == [f"d{i}.txt" for i in range(4)]
    for i, record in enumerate(records):
        assert record["text"] == clean_text(i)
        assert record["changed"] is True
        removed = {r["text"]: r for r in record["removed"]}
        assert set(removed) == {SHARE, FOOTER}
        footer = removed[FOOTER]
        assert footer["kind"] == "footer" and footer["rule"] == "boilerplate_phrase"
        assert footer["doc_count"] == 4 and footer["score"] == 100
        assert footer["line"] == 9 and footer["keep"] is False
        assert {m["document"] for m in footer["matches"]} <= {f"d{j}.txt" for j in range(4)}
        assert all(m["score"] == 100 for m in footer["matches"])
    assert "{" not in result.stderr


def test_jsonl_into_a_file_leaves_stdout_empty(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "clean.jsonl"
    result = run("clean", str(corpus), "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ARTICLES)
    assert json.loads(lines[2])["text"] == clean_text(2)
    assert list(target.parent.iterdir()) == [target]  # no temp file left behind


def test_jsonl_from_stdin() -> None:
    result = run("clean", "-", "--format", "jsonl", input=article_text(0))
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"] == "-"
    assert record["text"].startswith(ARTICLES[0][0] + "\n\n" + ARTICLES[0][1])


@pytest.mark.parametrize("args", [
    pytest.param(["--format", "jsonl", "-o", "{out}"], id="jsonl-to-folder"),
    pytest.param(["--format", "jsonl", "--in-place"], id="jsonl-in-place"),
    pytest.param(["--format", "xml"], id="unknown-format"),
    pytest.param(["--diff", "--in-place"], id="diff-in-place"),
    pytest.param(["--diff", "-o", "{out}"], id="diff-to-folder"),
    pytest.param(["--diff", "--format", "jsonl"], id="diff-jsonl"),
])
def test_conflicting_output_flags_are_usage_errors(corpus: Path, tmp_path: Path,
                                                   args: list[str]) -> None:
    args = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    result = run("clean", str(corpus), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("newsclean: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert [p.read_text() for p in sorted(corpus.iterdir())] == [
        article_text(i) for i in range(4)]


def test_diff_prints_unified_diff_writes_nothing_exits_1(corpus: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in corpus.iterdir() if not p.name.startswith(".")}
    result = run("clean", str(corpus), "--diff")
    assert result.exit_code == 1
    out = result.stdout
    assert out.count("--- ") == 4 and out.count("+++ ") == 4
    assert f"-{FOOTER}\n" in out and f"-{SHARE}\n" in out
    assert not any(line.startswith("+") and not line.startswith("+++")
                   for line in out.splitlines())
    after = {p: p.stat().st_mtime_ns for p in corpus.iterdir() if not p.name.startswith(".")}
    assert after == before  # the fingerprint cache (.newsclean_cache) may appear
    assert "---" not in result.stderr


def test_diff_exits_0_with_empty_stdout_when_nothing_would_change(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(clean_text(0))
    result = run("clean", str(path), "--diff")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_diff_shows_normalisation_too(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(clean_text(0).replace("\n", "\r\n"), newline="")
    result = run("clean", str(path), "--diff", "-q")
    assert result.exit_code == 1
    # Click's Result.stdout turns CRLF into LF; the bytes are what a pipe gets
    out = result.stdout_bytes.decode("utf-8")
    assert f"-{ARTICLES[0][0]}\r\n" in out and f"+{ARTICLES[0][0]}\n" in out


def test_diff_from_stdin() -> None:
    result = run("clean", "-", "--diff", "-q", input=article_text(1) + "\n\n\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- -\n+++ -\n")


def test_report_json_matches_the_run(corpus: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = run("clean", str(corpus), "--diff", "--report", str(report_path))
    assert result.exit_code == 1
    report = json.loads(report_path.read_text())
    assert report["files"] == {"read": 4, "cleaned": 4, "unchanged": 0, "skipped": 0,
                               "skipped_reasons": {}}
    assert report["lines"]["removed"] == 8
    assert report["removed_by_kind"]["footer"] == {"lines": 4, "bytes": 4 * (len(FOOTER) + 1)}
    assert report["removed_by_kind"]["share"]["lines"] == 4
    assert report["removed_by_rule"]["boilerplate_phrase"]["lines"] == 8
    top = {row["text"]: row for row in report["top_recurring"]}
    assert top[FOOTER] == {"text": FOOTER, "documents": 4, "removed_from": 4}


def test_keep_override_keeps_the_line(corpus: Path) -> None:
    result = run("clean", str(corpus), "--format", "jsonl", "--keep", "^Copyright")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(FOOTER in r["text"] and SHARE not in r["text"] for r in records)


def test_drop_override_removes_the_line(corpus: Path) -> None:
    result = run("clean", str(corpus), "--format", "jsonl", "--drop", "^Harbour")
    first = json.loads(result.stdout.splitlines()[0])
    assert ARTICLES[0][0] not in first["text"]
    assert any(r["rule"] == "user_drop" for r in first["removed"])


def test_version_on_stdout() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("newsclean ")
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_every_command_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"newsclean {command}" in result.stdout
