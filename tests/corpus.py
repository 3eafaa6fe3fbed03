"""A small seeds-shaped corpus from bench/generate.py, shared by the scaling tests."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_texts(count: int, *, seed: int = 7, sites: int = 3) -> list[tuple[str, str]]:
    """(relative path, text) of `count` generated pages from `sites` sites."""
    make = _generator().make_document
    return [make(seed, number, sites) for number in range(count)]


def write_corpus(folder: Path, count: int, *, seed: int = 7, sites: int = 3) -> Path:
    for relative, text in generated_texts(count, seed=seed, sites=sites):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
