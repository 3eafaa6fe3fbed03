"""Settings files: where they are found, what they may say, how they layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import ConfigError, apply_settings, find_config, load_config
from cleaner.options import DEFAULT_OPTIONS


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "newsclean.toml", "min_docs_for_boilerplate = 4\n")
    write(tmp_path / "corpus" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path / "corpus") == tmp_path / "newsclean.toml"
    write(tmp_path / "corpus" / "pyproject.toml", "[tool.newsclean]\ngroup-by-folder = true\n")
    assert find_config(tmp_path / "corpus") == tmp_path / "corpus" / "pyproject.toml"


def test_newsclean_toml_accepts_top_level_keys_or_a_tool_table(tmp_path: Path) -> None:
    top = load_config(write(tmp_path / "a" / "newsclean.toml", 'keep = ["^Editor"]\n'))
    table = load_config(write(tmp_path / "b" / "newsclean.toml",
                              '[tool.newsclean]\nkeep = ["^Editor"]\n'))
    assert top.overrides == table.overrides == {"keep_patterns": ("^Editor",)}


def test_settings_map_onto_options(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "pyproject.toml", """
[tool.newsclean]
include = ["*.txt", "*.text"]
exclude = "drafts/*"
drop_patterns = ["^Advertisement$"]
near-dup-min-score = 90
min_docs_for_boilerplate = 5
group_by_folder = true
corpus = "scraped"
"""))
    options = apply_settings(DEFAULT_OPTIONS, config.overrides)
    assert options.include == ("*.txt", "*.text")
    assert options.exclude == ("drafts/*",)
    assert options.drop_patterns == ("^Advertisement$",)
    assert options.near_dup_min_score == 90.0
    assert options.min_docs_for_boilerplate == 5
    assert options.group_by_folder is True
    assert config.corpus == (tmp_path / "scraped").resolve()


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("colour = 'red'\n", "unknown setting 'colour'", id="unknown-key"),
    pytest.param("group_by_folder = 'yes'\n", "expected true or false", id="bool"),
    pytest.param("min_docs_for_boilerplate = 2.5\n", "whole number", id="int"),
    pytest.param("min_docs_for_boilerplate = true\n", "whole number", id="bool-for-int"),
    pytest.param("near_dup_min_score = 'high'\n", "expected a number", id="float"),
    pytest.param("include = [1, 2]\n", "list of strings", id="list"),
    pytest.param("keep = ['(unclosed']\n", "bad regular expression", id="regex"),
    pytest.param("corpus = 3\n", "corpus: expected a folder path", id="corpus"),
    pytest.param("include = [\n", "not valid TOML", id="toml"),
])
def test_bad_settings_are_one_line_errors_naming_the_file(tmp_path: Path, text: str,
                                                          message: str) -> None:
    path = write(tmp_path / "newsclean.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
