"""Test-wide settings: hypothesis draws the same examples on every run, so the suite
(and CI) gives the same verdict for the same code; NEWSCLEAN_HYPOTHESIS=explore draws
fresh examples when hunting for new failures."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(
    "explore" if os.environ.get("NEWSCLEAN_HYPOTHESIS") == "explore" else "deterministic"
)
