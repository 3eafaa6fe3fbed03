"""`newsclean clean` as a user drives it: outputs, in place, stdout, exit codes, errors."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app
from tests.sample_corpus import SHARE, sample_corpus


def _write_corpus(root: Path) -> dict[str, str]:
    docs = sample_corpus()
    for name, text in docs.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_clean_to_output_folder_mirrors_relative_paths(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "in")
    result = _run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "12  read" in result.stderr  # the summary table (cli/summary.py)
    assert (tmp_path / "out" / "icon" / "00.txt").is_file()
    assert SHARE not in (tmp_path / "out" / "icon" / "00.txt").read_text()


def test_output_folder_may_exist_and_inputs_stay_untouched(tmp_path: Path) -> None:
    docs = _write_corpus(tmp_path / "in")
    (tmp_path / "out").mkdir()
    assert _run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    assert (tmp_path / "in" / "icon" / "00.txt").read_text() == docs["icon/00.txt"]


def test_in_place_rewrites_changed_files_and_leaves_clean_ones_alone(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    assert _run("clean", str(tmp_path), "--in-place", "-q").exit_code == 0
    page = tmp_path / "icon" / "00.txt"
    assert SHARE not in page.read_text()
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    assert _run("clean", str(tmp_path), "--in-place", "-q").exit_code == 0
    assert page.stat().st_mtime_ns == 1_000_000_000


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    first = _run("clean", str(tmp_path), "--in-place", "--exit-non-zero-on-fix", "-q")
    second = _run("clean", str(tmp_path), "--in-place", "--exit-non-zero-on-fix", "-q")
    assert (first.exit_code, second.exit_code) == (1, 0)


def test_single_file_goes_to_stdout(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = "Title\n\nA paragraph that is long enough to be read as article prose.\n"
    page.write_text(text)
    result = _run("clean", str(page))
    assert result.exit_code == 0
    assert result.stdout == text


def test_stdin_to_stdout() -> None:
    result = CliRunner().invoke(app, ["clean", "-"], input="Title  \r\n\r\n\r\nBody.\r\n")
    assert result.exit_code == 0
    assert result.stdout == "Title\n\nBody.\n"


def test_folder_without_output_is_a_usage_error(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    result = _run("clean", str(tmp_path))
    assert result.exit_code == 2
    assert "-o OUTDIR or --in-place" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("clean", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    result = _run("clean", str(tmp_path), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "--in-place" in result.stderr


def test_colliding_outputs_are_a_usage_error(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("Some text here.\n")
    result = _run("clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "same.txt" in result.stderr


def test_output_folder_inside_input_is_not_read_as_input(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    out = tmp_path / "clean"
    assert _run("clean", str(tmp_path), "-o", str(out), "-q").exit_code == 0
    assert _run("clean", str(tmp_path), "-o", str(out), "-q").exit_code == 0
    assert not (out / "clean").exists()


def test_group_by_folder_counts_recurrence_per_site(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for site in ("a", "b", "c"):
        (root / site).mkdir(parents=True)
        (root / site / "1.txt").write_text(
            "Title of the page\n\nMon Jun 5 2023\n\nStay in touch with our partners today\n\n"
            f"Body paragraph number one for site {site}, long enough to be prose for sure.\n")
    whole = _run("clean", str(root), "-o", str(tmp_path / "o1"), "-q")
    grouped = _run("clean", str(root), "-o", str(tmp_path / "o2"), "-q", "--group-by-folder")
    assert whole.exit_code == grouped.exit_code == 0
    assert "Stay in touch" not in (tmp_path / "o1" / "a" / "1.txt").read_text()
    assert "Stay in touch" in (tmp_path / "o2" / "a" / "1.txt").read_text()


def test_version_and_help() -> None:
    assert _run("--version").stdout.startswith("newsclean ")
    help_text = _run("clean", "--help").stdout
    assert "--in-place" in help_text and "Examples" in help_text
