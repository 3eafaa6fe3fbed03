"""Settings files: `[tool.newsclean]` in pyproject.toml, or a newsclean.toml.

Corpus repositories are rarely Python projects, hence newsclean.toml (top-level
keys, or a `[tool.newsclean]` table). The nearest file wins, searched from a
folder upwards; a pyproject.toml without a `[tool.newsclean]` table is passed
over, as ruff does. Keys are `Options` field names (dashes or underscores), plus
`keep`/`drop` for the pattern lists and `corpus`, the folder that individual
files are judged against (relative to the settings file).

Pure parsing and search: no printing, no exits; problems raise ConfigError with a
one-line `PATH: reason` message.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from cleaner.options import Options

__all__ = ["CONFIG_FILES", "Config", "ConfigError", "apply_settings", "find_config",
           "load_config", "parse_settings"]

#: Looked for in each folder, in this order.
CONFIG_FILES = ("newsclean.toml", "pyproject.toml")
#: Short names accepted for Options fields, matching the command-line flags.
ALIASES = {"keep": "keep_patterns", "drop": "drop_patterns"}
#: Keys that are not Options fields.
EXTRA_KEYS = ("corpus",)
_OPTION_FIELDS = {f.name: f for f in dataclasses.fields(Options)}


class ConfigError(Exception):
    """A settings file cannot be used; the message is `PATH: reason`."""


@dataclass(frozen=True, slots=True)
class Config:
    """What one settings file says: Options overrides and the corpus folder, if set."""

    path: Path | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)
    corpus: Path | None = None


def find_config(start: Path) -> Path | None:
    """The nearest settings file that has newsclean settings, from `start` upwards."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and _has_settings(candidate):
                return candidate
    return None


def load_config(path: Path) -> Config:
    """Read and check one settings file."""
    table = _newsclean_table(path, _read_toml(path))
    return parse_settings(table if table is not None else {}, path)


def parse_settings(table: Mapping[str, Any], path: Path) -> Config:
    """Check a settings table against `Options` and turn it into overrides."""
    overrides: dict[str, Any] = {}
    corpus: Path | None = None
    for raw_key, value in table.items():
        key = ALIASES.get(raw_key.replace("-", "_"), raw_key.replace("-", "_"))
        if key == "corpus":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{path}: corpus: expected a folder path (a string)")
            corpus = (path.parent / value).resolve()
            continue
        if key not in _OPTION_FIELDS:
            known = sorted([*_OPTION_FIELDS, *ALIASES, *EXTRA_KEYS])
            raise ConfigError(f"{path}: unknown setting {raw_key!r} "
                              f"(known: {', '.join(known)})")
        overrides[key] = _check_value(path, raw_key, value, _OPTION_FIELDS[key].default)
    return Config(path=path, overrides=overrides, corpus=corpus)


def apply_settings(options: Options, overrides: Mapping[str, Any]) -> Options:
    """`options` with `overrides` applied (the layering: defaults, config, flags)."""
    return dataclasses.replace(options, **overrides)


def _check_value(path: Path, key: str, value: Any, default: Any) -> Any:
    where = f"{path}: {key}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{where}: expected a whole number >= 0, got {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        if key.replace("-", "_") in ("keep", "drop", "keep_patterns", "drop_patterns"):
            for pattern in value:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ConfigError(f"{where}: bad regular expression {pattern!r}: {exc}") \
                        from None
        return tuple(value)
    raise ConfigError(f"{where}: cannot be set in a settings file")  # pragma: no cover


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def _newsclean_table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    tool = document.get("tool")
    table = tool.get("newsclean") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.newsclean] must be a table")
    if path.name == "pyproject.toml":
        return table
    if table is not None:
        return table
    return {k: v for k, v in document.items() if k != "tool"}


def _has_settings(path: Path) -> bool:
    """newsclean.toml always counts (even empty); pyproject.toml only with our table.

    A pyproject.toml that is not valid TOML counts, so the error is reported rather
    than the file silently skipped.
    """
    if path.name != "pyproject.toml":
        return True
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "newsclean" not in text:
        return False
    try:
        return _newsclean_table(path, tomllib.loads(text)) is not None
    except (tomllib.TOMLDecodeError, ConfigError):
        return True
