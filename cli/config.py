"""Options for a run: defaults, then the nearest settings file, then flags.

`cleaner.config` parses and finds settings files; this module layers them and
turns their problems into usage errors (exit 2, one line, no traceback).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cleaner.config import Config, ConfigError, apply_settings, find_config, load_config
from cleaner.options import DEFAULT_OPTIONS, Options
from cli.console import UsageError

#: Flags the user actually gave, by Options field name (absent: not given).
FlagOverrides = Mapping[str, Any]


def config_for(folder: Path) -> Config:
    """The settings that apply to `folder` (empty when there is no settings file)."""
    try:
        path = find_config(folder)
        return load_config(path) if path is not None else Config()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def resolve_options(folder: Path, flags: FlagOverrides) -> Options:
    """Defaults, overridden by the settings for `folder`, overridden by `flags`."""
    return apply_settings(apply_settings(DEFAULT_OPTIONS, config_for(folder).overrides), flags)


def flag_overrides(*, include: list[str] | None = None, exclude: list[str] | None = None,
                   keep: list[str] | None = None, drop: list[str] | None = None,
                   group_by_folder: bool | None = None) -> dict[str, Any]:
    """The flags given on the command line, as Options overrides; regexes checked."""
    import re

    for pattern in [*(keep or []), *(drop or [])]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UsageError(f"bad regular expression {pattern!r}: {exc}") from None
    given = {"include": include, "exclude": exclude, "keep_patterns": keep,
             "drop_patterns": drop}
    overrides: dict[str, Any] = {key: tuple(value) for key, value in given.items() if value}
    if group_by_folder is not None:
        overrides["group_by_folder"] = group_by_folder
    return overrides
