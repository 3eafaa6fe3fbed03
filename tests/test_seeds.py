"""The five real seeds, cleaned as one corpus, must match their hand-judged gold byte
for byte; and the result must not depend on file order or change when re-cleaned."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import clean_texts
from cli.app import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NAMES = sorted(p.name for p in (SEEDS / "input").glob("*.txt"))


def _inputs() -> list[tuple[str, str]]:
    return [(n, (SEEDS / "input" / n).read_text(encoding="utf-8")) for n in NAMES]


def _show_diff(expected: str, actual: str, name: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"expected/{name}", f"output/{name}"))


def test_there_are_five_seeds() -> None:
    assert len(NAMES) == 5


@pytest.mark.parametrize("name", NAMES)
def test_cli_reproduces_gold_byte_for_byte(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(SEEDS / "input"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    expected = (SEEDS / "expected" / name).read_bytes()
    actual = (out / name).read_bytes()
    assert actual == expected, _show_diff(expected.decode(), actual.decode(), name)


def test_output_folder_holds_one_file_per_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(app, ["clean", str(SEEDS / "input"), "-o", str(out), "-q"])
    assert sorted(p.name for p in out.iterdir()) == NAMES


def test_result_does_not_depend_on_file_order() -> None:
    forward = {r.name: r.text for r in clean_texts(_inputs())}
    shuffled = _inputs()
    random.Random(7).shuffle(shuffled)
    assert {r.name: r.text for r in clean_texts(shuffled)} == forward


def test_cleaning_the_clean_output_changes_nothing() -> None:
    once = clean_texts(_inputs())
    twice = clean_texts([(r.name, r.text) for r in once])
    assert [r.text for r in twice] == [r.text for r in once]
    assert not any(r.removed for r in twice)
