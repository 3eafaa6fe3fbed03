"""The normalised texts of a corpus's distinct lines, kept in a file instead of memory.

Pass 1 keeps the matching text of every distinct line, to verify near-duplicate
candidates and to quote in explanations. On a large corpus these texts are most of
pass 1's memory (about 6 KB a document, mostly article prose never matched), so a
run with a spill folder (cleaner/spill.py) appends them to a file there and keeps
in memory only where each one is. `NormFile` is a drop-in for the `dict[int, str]`
a builder otherwise holds: what `CorpusIndexBuilder` reads from it is the same.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path

#: Bits of a location that hold the text's length in bytes (the rest is its offset).
_LENGTH_BITS = 32
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1


class NormFile(MutableMapping[int, str]):
    """key -> normalised text, the texts in a new file of `folder`.

    Only what the builder needs of a mapping: texts are added once per key and
    never changed; deleting a key forgets it (its bytes stay in the file). Texts
    are stored as UTF-8 ("surrogatepass": any str round-trips). Pickled, it
    becomes a plain dict of its texts (another process cannot share the file).
    """

    def __init__(self, folder: Path) -> None:
        handle, self.path = tempfile.mkstemp(dir=folder, suffix=".norms")
        self._file = os.fdopen(handle, "w+b")
        self._at: dict[int, int] = {}  # key -> offset << _LENGTH_BITS | length
        self._size = 0
        self._unflushed = False

    def __len__(self) -> int:
        return len(self._at)

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[int]:
        return iter(self._at)

    def __setitem__(self, key: int, norm: str) -> None:
        if key in self._at:
            raise KeyError(f"{key}: a text is never replaced")
        data = norm.encode("utf-8", "surrogatepass")
        if len(data) > _LENGTH_MASK:
            raise ValueError("line too long for a NormFile")
        self._file.write(data)
        self._at[key] = self._size << _LENGTH_BITS | len(data)
        self._size += len(data)
        self._unflushed = True

    def __getitem__(self, key: int) -> str:
        at = self._at[key]
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        data = os.pread(self._file.fileno(), at & _LENGTH_MASK, at >> _LENGTH_BITS)
        return data.decode("utf-8", "surrogatepass")

    def __delitem__(self, key: int) -> None:
        del self._at[key]

    def to_dict(self) -> dict[int, str]:
        return {key: self[key] for key in list(self._at)}

    def __reduce__(self) -> tuple:
        return dict, (self.to_dict(),)

    def close(self) -> None:
        """Close the file (and remove it); the texts are gone, the keys stay."""
        self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)
