"""newsclean's version, in one place: the package metadata (pyproject.toml reads it
from here), the CLI's --version and the cache's version key."""

VERSION = "0.1.0"
