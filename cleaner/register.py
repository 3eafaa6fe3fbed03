"""The boilerplate register: cross-corpus evidence that survives in-place cleaning.

Cleaning a corpus in place removes the very recurrences that showed a line to be
boilerplate; a teaser arriving next week recurs nowhere any more. So whenever a
line is removed on cross-corpus evidence, the register keeps what the detector
matches on (the role-seeded exact keys of its variants, and a few variant texts
from which the sketch keys are derived), one example text, the kind and rule,
how many documents carried it and when it was first and last seen. Later runs
feed every entry into the corpus index as that many earlier documents
(cleaner/register_evidence.py), so a new file is judged as if the raw corpus
were still there.

The file (`.newsclean/register.jsonl` at the corpus root) is plain JSONL, one
pattern per line, sorted by group and id, meant to be committed and reviewed:
near-duplicate variants of one teaser share one entry, so it grows with the
number of distinct patterns, not documents. Deleting an entry stops its
removals. Lines that cannot be read are skipped with a warning naming them.

Line entries record lines; label entries record "Label:" slots ("Watch: …")
whose lines were removed, as the template-slot rule counts labels, not lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleaner.write import write_if_changed

#: Where the register lives, relative to the corpus root.
REGISTER_PATH = Path(".newsclean") / "register.jsonl"
#: Exact variant keys kept per entry (the most widespread variants): they are
#: recognised without a similarity check; the others join through the sketch
#: keys of the entry's texts, as they did in the full corpus.
MAX_KEYS = 4
#: Texts kept per entry besides the example: the shortest, longest and middle
#: variants, so truncated and extended teasers still find the entry.
MAX_VARIANT_TEXTS = 3

LINE = "line"
LABEL = "label"


def entry_id(group: str, kind: str, key: int) -> str:
    """Stable id of the entry whose first key is `key`: 12 hex digits."""
    text = f"{group}\x00{kind}\x00{key:016x}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One boilerplate pattern: a line (and its near-duplicate variants) or a label."""

    id: str
    entry: str  # LINE or LABEL
    group: str
    kind: str
    rule: str
    text: str
    docs: int
    first_seen: str
    last_seen: str
    keys: tuple[int, ...]  # line: exact keys of variants; label: (label key,)
    #: The matching space (page role) the keys were seeded with (fingerprint.py).
    space: int = 0
    #: A few more texts of the line (shortest, longest, ...): fuzzy variants are
    #: matched against these and `text`, as the full corpus would have chained them.
    variants: tuple[str, ...] = ()

    def to_json(self) -> str:
        record: dict[str, object] = {"id": self.id}
        if self.entry != LINE:
            record["entry"] = self.entry
        if self.group:
            record["group"] = self.group
        record.update(kind=self.kind, rule=self.rule, docs=self.docs,
                      first_seen=self.first_seen, last_seen=self.last_seen, space=self.space,
                      text=self.text)
        if self.variants:
            record["variants"] = list(self.variants)
        record["keys"] = [f"{k:016x}" for k in self.keys]
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> Entry:
        """Parse one register line; ValueError says what is wrong with it."""
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        try:
            entry = cls(
                id=_text(record, "id"), entry=_text(record, "entry", LINE),
                group=_text(record, "group", ""), kind=_text(record, "kind", ""),
                rule=_text(record, "rule", ""), text=_text(record, "text", ""),
                docs=record["docs"], first_seen=_text(record, "first_seen", ""),
                last_seen=_text(record, "last_seen", ""),
                keys=_hexes(record, "keys"), space=record.get("space", 0),
                variants=_texts(record, "variants"),
            )
        except KeyError as exc:
            raise ValueError(f"missing field {exc.args[0]!r}") from None
        if entry.entry not in (LINE, LABEL):
            raise ValueError(f"unknown entry type {entry.entry!r}")
        if not isinstance(entry.docs, int) or isinstance(entry.docs, bool) or entry.docs < 0:
            raise ValueError("'docs' is not a count")
        if not entry.keys:
            raise ValueError("no keys")
        if not isinstance(entry.space, int) or isinstance(entry.space, bool):
            raise ValueError("'space' is not a number")
        return entry


def _text(record: Mapping[str, object], name: str, default: str | None = None) -> str:
    value = record[name] if default is None else record.get(name, default)
    if not isinstance(value, str):
        raise ValueError(f"{name!r} is not a string")
    return value


def _texts(record: Mapping[str, object], name: str) -> tuple[str, ...]:
    values = record.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{name!r} is not a list of strings")
    return tuple(values)


def _hexes(record: Mapping[str, object], name: str) -> tuple[int, ...]:
    values = record.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{name!r} is not a list of hex strings")
    try:
        return tuple(int(v, 16) for v in values)
    except ValueError:
        raise ValueError(f"{name!r} holds a value that is not hex") from None


@dataclass(frozen=True)
class Register:
    """All entries, by id. Immutable: updates return a new register.

    `unreadable` holds lines that could not be read, verbatim: written back at the
    end so a broken hand edit is never lost, only skipped (with a warning) until fixed.
    """

    entries: Mapping[str, Entry] = field(default_factory=dict)
    unreadable: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self.entries.values(), key=lambda e: (e.group, e.entry, e.id)))

    def dumps(self) -> str:
        return "".join(line + "\n" for line in (*(e.to_json() for e in self), *self.unreadable))

    def with_entries(self, entries: Mapping[str, Entry]) -> Register:
        return Register(dict(entries), self.unreadable)

    def without(self, ids: Iterable[str]) -> Register:
        gone = set(ids)
        return self.with_entries({i: e for i, e in self.entries.items() if i not in gone})

    def unused_since(self, date: str) -> list[str]:
        """Ids of entries last seen before `date` (ISO dates compare as text)."""
        return [e.id for e in self if e.last_seen < date]

    def find(self, prefix: str) -> list[Entry]:
        """Entries whose id starts with `prefix` (ids may be abbreviated, as in git)."""
        return [e for e in self if e.id.startswith(prefix)]


def parse_register(text: str, *, where: str,
                   warn: Callable[[str], None] = lambda message: None) -> Register:
    """Read register text; a line that cannot be read is skipped with a warning
    `where:LINE: skipped: reason`, so a bad hand edit never stops a run."""
    entries: dict[str, Entry] = {}
    unreadable: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = Entry.from_json(line)
        except ValueError as exc:
            warn(f"{where}:{number}: skipped: {exc}")
            unreadable.append(line)
            continue
        if entry.id in entries:
            warn(f"{where}:{number}: skipped: duplicate id {entry.id}")
            unreadable.append(line)
            continue
        entries[entry.id] = entry
    return Register(entries, tuple(unreadable))


def load_register(path: Path, warn: Callable[[str], None] = lambda message: None) -> Register:
    """The register at `path`, empty when there is none yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Register()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warn(f"{path}: not UTF-8; undecodable bytes replaced")
    return parse_register(text, where=str(path), warn=warn)


def save_register(path: Path, register: Register) -> bool:
    """Write atomically (temp + os.replace) when the text changed; True if written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_if_changed(path, register.dumps().encode("utf-8"))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold a lock on the register's folder for a read-modify-write, so two runs that
    update it at once do not lose each other's entries. The folder itself is locked
    (POSIX advisory lock), so no lock file is left to commit; elsewhere runs are not
    serialised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def update_register_file(path: Path, merge: Callable[[Register], Register],
                         warn: Callable[[str], None] = lambda message: None) -> Register:
    """Under the lock: read the register as it is now, merge, write if changed."""
    with locked(path):
        current = load_register(path, warn)
        updated = merge(current)
        if updated.entries != current.entries:
            save_register(path, updated)
        return updated


def with_docs(entry: Entry, docs: int, today: str, *, accumulate: bool = True) -> Entry:
    """`entry` after this run removed it from `docs` documents.

    In place (`accumulate`), their evidence leaves the corpus, so they add to the
    count. Writing elsewhere (`clean RAW -o OUT --register R`) the raw inputs keep
    their evidence: the count is at least this run's, so running the same `-o`
    command twice leaves it as it was.
    """
    count = entry.docs + docs if accumulate else max(entry.docs, docs)
    return replace(entry, docs=count, last_seen=max(entry.last_seen, today))
