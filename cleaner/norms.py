"""The normalised text of each distinct line, as the corpus state stores it.

A builder's `_norms` maps every distinct line key of the corpus to its text: on a
10,000-document corpus 160,000 strings, 45 MB. Unmarshalled as a dict they were
most of a warm run's load time, yet a warm run reads a few hundred of them (the
lines of the buckets it compares again, and the roots of the lines it judges).
`StoredNorms` keeps them as they are stored (keys sorted, one UTF-8 blob, offsets)
and decodes a text when it is asked for; what the run adds or forgets sits in a
small overlay on top.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping

import numpy as np

#: Bytes, or a view of them (a section of the mapped corpus state).
Buffer = bytes | memoryview


def pack_norms(norms: Mapping[int, str]) -> tuple[bytes, bytes, bytes]:
    """(keys, offsets, blob): sorted int64 keys, int64 offsets of each text in the
    UTF-8 blob (one more than keys), and the blob."""
    keys = np.fromiter(norms, np.int64, len(norms))
    keys.sort()
    texts = [norms[key].encode("utf-8", "surrogatepass") for key in keys.tolist()]
    offsets = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)), out=offsets[1:])
    return keys.tobytes(), offsets.tobytes(), b"".join(texts)


class StoredNorms(MutableMapping[int, str]):
    """Line key -> normalised text over a packed base (see `pack_norms`), decoded on use."""

    __slots__ = ("_added", "_blob", "_keys", "_offsets", "_removed")

    def __init__(self, keys: Buffer, offsets: Buffer, blob: Buffer) -> None:
        self._keys = np.frombuffer(keys, dtype=np.int64)
        self._offsets = np.frombuffer(offsets, dtype=np.int64)
        self._blob = blob
        if (len(self._offsets) != len(self._keys) + 1
                or (len(self._keys) and (int(self._offsets[-1]) != len(blob)
                                         or bool(np.any(np.diff(self._keys) <= 0))))):
            raise ValueError("not packed norms")
        self._added: dict[int, str] = {}
        self._removed: set[int] = set()

    def _at(self, key: int) -> int:
        """The index of `key` in the base, or -1."""
        at = int(np.searchsorted(self._keys, key))
        return at if at < len(self._keys) and int(self._keys[at]) == key else -1

    def __getitem__(self, key: int) -> str:
        found = self._added.get(key)
        if found is not None:
            return found
        at = -1 if key in self._removed else self._at(key)
        if at < 0:
            raise KeyError(key)
        start, end = int(self._offsets[at]), int(self._offsets[at + 1])
        return str(self._blob[start:end], "utf-8", "surrogatepass")

    def __contains__(self, key: object) -> bool:
        if key in self._added:
            return True
        return isinstance(key, int) and key not in self._removed and self._at(key) >= 0

    def __setitem__(self, key: int, norm: str) -> None:
        self._added[key] = norm

    def __delitem__(self, key: int) -> None:
        if key not in self:
            raise KeyError(key)
        self._added.pop(key, None)
        if self._at(key) >= 0:
            self._removed.add(key)

    def __iter__(self) -> Iterator[int]:
        yield from (key for key in self._keys.tolist()
                    if key not in self._removed and key not in self._added)
        yield from self._added

    def __len__(self) -> int:
        in_base = sum(1 for key in self._added if key not in self._removed and self._at(key) >= 0)
        return len(self._keys) - len(self._removed) + len(self._added) - in_base

    def __getstate__(self) -> tuple:
        """For pickling (to worker processes): a view of a mapped file is copied."""
        return (self._keys.tobytes(), self._offsets.tobytes(), bytes(self._blob),
                self._added, self._removed)

    def __setstate__(self, state: tuple) -> None:
        keys, offsets, blob, self._added, self._removed = state
        self._keys = np.frombuffer(keys, dtype=np.int64)
        self._offsets = np.frombuffer(offsets, dtype=np.int64)
        self._blob = blob

    def packed(self) -> tuple[Buffer, Buffer, Buffer]:
        """As `pack_norms` gives it (the base alone when nothing changed)."""
        if not self._added and not self._removed:
            return self._keys.tobytes(), self._offsets.tobytes(), self._blob
        return pack_norms(dict(self.items()))

    def frozen(self) -> StoredNorms:
        """A copy that later changes to this one do not reach (the base is shared)."""
        copy = StoredNorms.__new__(StoredNorms)
        copy._keys, copy._offsets, copy._blob = self._keys, self._offsets, self._blob
        copy._added, copy._removed = dict(self._added), set(self._removed)
        return copy
