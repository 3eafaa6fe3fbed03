"""Fingerprints of lines: what the near-duplicate detector counts and matches on.

A line gets an exact key (hash of its normalised text) and a few sketch keys
(bottom-k hashes of its shingles plus a prefix hash). Two lines that differ by a
typo, a changed tag, another truncation point, quote style or spacing share a
sketch key with high probability, so candidates are found by hashing and only
those candidates are scored with rapidfuzz (never all pairs).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat

from cleaner.model import slot_init
from cleaner.segment import LINE_MEMO, Role, leading_label

_TOKEN = re.compile(r"\w+")
#: A token of ASCII digits: space (or the start) before it, space (or the end) after it.
#: The first digit comes first and the space before it is asked after it: the regex
#: engine then skips to digits instead of trying the lookbehind at every position.
_DIGIT_TOKEN = re.compile(r"[0-9](?<![^ ][0-9])[0-9]*(?![^ ])")
_ANY_DIGIT = re.compile(r"[0-9]")
#: ASCII bytes that are not \w (and "_", which matching treats as a space) to spaces,
#: letters to lower case: splitting an ASCII line then yields `_TOKEN`'s words.
_ASCII_NON_WORD = bytes(byte if chr(byte).isascii() and chr(byte).isalnum() else 32
                        for byte in range(256)).lower()
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

#: Sketch keys per line: bottom-k of its shingle hashes. Four keeps recall high
#: for pairs with Jaccard >= 0.5 (seedlike-dev teaser variants) at little cost.
SKETCH_SIZE = 4
#: Characters hashed for the prefix key: teaser leads truncated at another point
#: still share their first 48 normalised characters.
PREFIX_CHARS = 48
#: Only the start of a line is shingled: near-duplicates share their start
#: (teaser leads differ in where they are cut, not in how they begin), and long
#: paragraphs would otherwise cost hundreds of hashes each. 160 characters (about 25
#: words) found the same clusters as 320 on seedlike-dev, varied-dev and a generated
#: 2,000-page corpus, for half the hashes; 96 began to change traf-dev outputs.
SKETCH_SPAN_CHARS = 160
#: Lines shorter than this (normalised characters) are matched exactly only, and
#: so are links: "amzn.to/2hWw372" and "amzn.to/2hWEIX7" differ in all that matters.
MIN_FUZZY_CHARS = 16


@slot_init
@dataclass(frozen=True, slots=True)
class LineFingerprint:
    """The keys of one non-blank line; `norm` is kept to verify candidate pairs."""

    line_index: int
    role: int
    key: int
    sketch: tuple[int, ...]
    norm: str
    #: Keys of (previous line, this line) and (this line, next line): a line
    #: copied with its neighbours (syndication, overlapping excerpts) recurs
    #: together with them; furniture inserted into varying pages does not.
    context: tuple[int, int] = (0, 0)
    #: Key of the line's leading label ("watch", "tags", "来源"), 0 when it has none:
    #: a label that opens lines on many pages is a slot in the site's template.
    label: int = 0


@dataclass(frozen=True, slots=True)
class DocumentFingerprint:
    """Everything pass 1 keeps of a document: small, picklable, cacheable."""

    name: str
    content_hash: str
    lines: tuple[LineFingerprint, ...]


def normalise_for_matching(line: str) -> str:
    """Case-, width-, punctuation- and number-insensitive form of a line."""
    if line.isascii():
        # The same result for ASCII: NFKC leaves it alone, casefold is lower, and a
        # token of ASCII digits is one bounded by spaces in the joined text.
        joined = " ".join(line.encode("ascii").translate(_ASCII_NON_WORD).decode().split())
        return _DIGIT_TOKEN.sub("0", joined) if _ANY_DIGIT.search(joined) else joined
    text = unicodedata.normalize("NFKC", line).casefold().replace("_", " ")
    return " ".join(["0" if token.isdigit() else token for token in _TOKEN.findall(text)])


@lru_cache(maxsize=LINE_MEMO)
def matching_norm(line: str) -> str:
    """The text a line is matched on: its normalised form, or the line itself when
    normalising leaves nothing (a line of punctuation)."""
    return normalise_for_matching(line) or line.strip()


def line_key(norm: str, space: int) -> int:
    """Exact key of a line's matching text in a matching space (see `matching_space`)."""
    return stable_hash(f"{space}\x00{norm}")


#: An empty 8-byte blake2b, only ever copied: a copy skips the constructor's keyword
#: parsing and parameter block (a third of a hash of a line), with the same digest.
_BLAKE2B_64 = hashlib.blake2b(digest_size=8)


def stable_hash(text: str) -> int:
    """A 63-bit hash that is the same in every process and every run (unlike hash())."""
    hasher = _BLAKE2B_64.copy()
    hasher.update(text.encode("utf-8"))
    return int.from_bytes(hasher.digest(), "big") >> 1


def _is_cjk_text(norm: str) -> bool:
    """Mostly CJK: shingled by characters, as it has no spaces between words."""
    return len(_CJK.findall(norm)) * 2 >= len(norm.replace(" ", ""))


def _shingles(norm: str) -> list[str]:
    if _is_cjk_text(norm):
        compact = norm.replace(" ", "")
        return [compact[i : i + 3] for i in range(max(1, len(compact) - 2))]
    words = norm.split()
    if len(words) < 3:
        return [norm]
    return [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]


def matching_space(role: int) -> int:
    """Lines are matched only against lines of the same part of other pages.

    A headline teased at the foot of other pages may be this page's title, and a
    teaser's lead this page's first paragraph: kept apart, the article does not
    look like the teasers that quote it. Body and tail share one space, as where
    a page's prose ends varies with the page.
    """
    return Role.BODY if role == Role.TAIL else role


def _shingle_hashes(norm: str, seed: int) -> set[int]:
    """`{crc32(shingle, seed) for shingle in _shingles(norm)}`, with the word shingles
    joined, encoded and hashed by C-level `map`s (this runs on every distinct line).
    Printable ASCII text is split as bytes: its only whitespace is " ", where
    bytes.split() cuts as str.split() does (they differ on \x1c-\x1f), and three
    words or more are never the CJK branch of _shingles."""
    if norm.isascii() and norm.isprintable():
        cut = norm.encode("ascii").split()
        if len(cut) >= 3:
            triples = zip(cut, cut[1:], cut[2:], strict=False)
            return set(map(zlib.crc32, map(b" ".join, triples), repeat(seed)))
    words = norm.split()
    if len(words) >= 3 and not _is_cjk_text(norm):
        joined = map(" ".join, zip(words, words[1:], words[2:], strict=False))
        return set(map(zlib.crc32, map(str.encode, joined), repeat(seed)))
    return {zlib.crc32(s.encode("utf-8"), seed) for s in _shingles(norm)}


def _lowest_shingle_hashes(norm: str, seed: int) -> list[int]:
    """`sorted(_shingle_hashes(norm, seed))[:SKETCH_SIZE]`, for printable ASCII without
    the set: the hashes sorted as they come, and the few smallest told apart (a shingle
    the line repeats repeats its hash)."""
    if norm.isascii() and norm.isprintable():
        cut = norm.encode("ascii").split()  # as in _shingle_hashes
        if len(cut) >= 3:
            triples = zip(cut, cut[1:], cut[2:], strict=False)
            hashes = sorted(map(zlib.crc32, map(b" ".join, triples), repeat(seed)))
            lowest = list(dict.fromkeys(hashes[: 2 * SKETCH_SIZE]))  # distinct, ascending
            if len(lowest) >= SKETCH_SIZE or len(hashes) <= 2 * SKETCH_SIZE:
                return lowest[:SKETCH_SIZE]
    return sorted(_shingle_hashes(norm, seed))[:SKETCH_SIZE]


@lru_cache(maxsize=LINE_MEMO)
def sketch_keys(norm: str, role: int = 0) -> tuple[int, ...]:
    """Bottom-k shingle hashes plus a prefix hash; empty for lines too short to fuzz.

    The matching space seeds every hash, so lines only meet lines of that space.
    """
    if len(norm) < MIN_FUZZY_CHARS or norm.startswith(("http ", "https ", "www ")):
        return ()
    keys = [h << 1 for h in _lowest_shingle_hashes(norm[:SKETCH_SPAN_CHARS], role)]
    if len(norm) >= PREFIX_CHARS:
        keys.append((zlib.crc32(norm[:PREFIX_CHARS].encode("utf-8"), role) << 1) | 1)
    return tuple(keys)


def label_key(line: str) -> int:
    """Key of the line's leading "Label:" (case- and width-insensitive), or 0 (memoised
    with the line's other keys in `_line_keys`)."""
    label = leading_label(line)
    return stable_hash(f"label\x00{label}") if label is not None else 0


@lru_cache(maxsize=LINE_MEMO)
def _line_keys(line: str, space: int) -> tuple[str, int, tuple[int, ...], int, int]:
    """A line's matching text, exact key, sketch keys, label key and text key (see
    `context_key`) in a matching space: one memo lookup for a repeated line (a third
    of a corpus's lines, see LINE_MEMO) instead of several, and nothing hashed again."""
    norm = normalise_for_matching(line) or line.strip()  # matching_norm, memoised here
    key = line_key(norm, space)
    text_key = key if space == Role.BODY else line_key(norm, Role.BODY)
    return norm, key, sketch_keys(norm, space), label_key(line), text_key


#: Multiplier of `context_key`: odd, so it moves every bit of the first key.
_CONTEXT_MIX = 0x9E3779B97F4A7C15
#: What `context_key` is given for the missing neighbour of a document's first or last
#: line: the text key of "", which no non-blank line's matching text is.
_NO_NEIGHBOUR = line_key("", Role.BODY)
#: Which side a context key looks from: (previous, this) and (this, next) never meet.
_BEFORE, _AFTER = 1, 2
_MASK_63 = (1 << 63) - 1


def context_key(first: int, second: int, side: int) -> int:
    """The key of two adjacent lines (`first` above `second`) seen from `side`, from
    their text keys: the exact key of each text in the body space, whatever the line's
    own space (so it is the line's exact key for most lines).

    A multiply-add instead of hashing the two texts again: for a fixed `first` the key
    is one to one in `second`, and two pairs differing in `first` share a key with odds
    of 2**-63, as two texts share an exact key."""
    return ((first * _CONTEXT_MIX + second) * _CONTEXT_MIX + side) & _MASK_63


def content_hash(lines: Sequence[str]) -> str:
    """Identity of a document's normalised text: identical copies count once."""
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=16).hexdigest()


def fingerprint_document(
    name: str, lines: Sequence[str], roles: Mapping[int, int]
) -> DocumentFingerprint:
    """Fingerprint every non-blank line of a normalised document (roles by line index)."""
    present = list(compress(range(len(lines)), map(str.strip, lines)))  # the non-blank
    line_roles = list(map(roles.get, present, repeat(0)))
    keyed = list(map(_line_keys, map(lines.__getitem__, present), map(matching_space, line_roles)))
    if not keyed:
        return DocumentFingerprint(name, content_hash(lines), ())
    norms, keys, sketches, labels, text_keys = zip(*keyed, strict=True)
    ends = (_NO_NEIGHBOUR, *text_keys, _NO_NEIGHBOUR)
    context = zip(map(context_key, ends, text_keys, repeat(_BEFORE)),
                  map(context_key, text_keys, ends[2:], repeat(_AFTER)), strict=True)
    prints = map(LineFingerprint, present, line_roles, keys, sketches, norms, context, labels)
    return DocumentFingerprint(name, content_hash(lines), tuple(prints))
