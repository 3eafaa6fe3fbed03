"""Bytes in, text out: decode scraped files without ever guessing silently wrong.

A wrong guess is worse than a skip: a cp1252 file read as cp775 would be "cleaned" and
written back as mojibake. So every path either ends in a strict decode with a confident
encoding, or returns a one-line reason the caller can report.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Decoded", "Skipped", "decode_bytes", "encode_text", "read_document"]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the cleaner will not touch, and the one-line reason why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text (BOM removed, line endings untouched) and the Python codec name used.

    ``encoding`` is a canonical Python codec name; ``encode_text(text, encoding)`` gives
    the original bytes back (including the BOM for ``utf-8-sig``/``utf-16-*``/``utf-32-*``).
    """

    text: str
    encoding: str


# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {name: bom for bom, name in _BOMS if name != "utf-8-sig"}

# Signatures of formats that end up in scrape folders by accident. Only signatures that
# no news text starts with; anything else binary is caught by NUL bytes or by detection.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip data"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"BZh91AY&SY", "bzip2 data"),
    (b"\x7fELF", "ELF executable"),
)

# Legacy encodings a web page can declare (WHATWG Encoding Standard, "Legacy single-byte"
# and "Legacy multi-byte Chinese/Japanese/Korean"), as Python codecs. Scraped news comes
# from the web, so DOS/EBCDIC/Mac code pages are never the right answer; without this
# isolation charset-normalizer picks cp775 for English cp1252 text with curly quotes.
# BOM-less UTF-16 is deliberately absent: without a BOM it is not distinguishable from
# binary with confidence, and its NUL bytes mark it binary anyway.
WEB_LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5",
    "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic",
    "gb18030", "gbk", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)  # fmt: skip

# Highest charset-normalizer "chaos" (0..1 share of suspicious characters) accepted.
# Genuine text in tests/test_read.py scores <= 0.03 (Shift_JIS Japanese: 0.022);
# charset-normalizer's own cut-off is 0.2, which lets visibly garbled text through.
MAX_CHAOS = 0.1
# Candidates whose chaos is within this of the best count as tied. English cp1252 with
# curly quotes scores exactly 0.011 as cp1250, cp1252 and cp1257 (different texts).
TIE_MARGIN = 0.02
# The WHATWG fallback for unlabelled documents in most locales: when Latin code pages tie
# on short or mostly-ASCII text, windows-1252 is what a browser would have shown.
TIE_PREFERENCE = "cp1252"
# Share of non-ASCII bytes that form valid UTF-8 sequences, above which a file failing
# strict UTF-8 is "UTF-8 plus foreign bytes" (mixed), not a legacy encoding: decoding it
# either way yields mojibake, and charset-normalizer does not notice (ten paragraphs of
# UTF-8 plus one cp1252 paragraph come back as "cp1251"). Measured with _utf8_share:
# cp1250/1251/1252 text 0.0; GB18030, Big5, Shift_JIS, EUC news text 0.29-0.36 (random
# 300-character CJK strings 0.09-0.41); mixed test files 0.74-1.0.
MIXED_UTF8_SHARE = 0.5
# Single-byte text has (almost) no byte pairs that happen to be valid UTF-8, so when the
# detected encoding is single-byte a much smaller share already means "mixed".
MIXED_UTF8_SHARE_SINGLE_BYTE = 0.1

_HIGH_BYTES = bytes(range(0x80, 0x100))


def decode_bytes(data: bytes) -> Decoded | str:
    """Decode a whole file's bytes, or return the one-line reason it cannot be trusted.

    Order matters: a BOM is an explicit declaration, so it wins; then binary signatures
    and NUL bytes; then strict UTF-8 (the fast path for almost every file); only then
    charset-normalizer, whose answer is accepted only when it is unambiguous.
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_declared(data, bom, name)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({kind})"
    if b"\x00" in data:
        return "binary file (NUL bytes)"
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    mixed = f"mixed encodings (valid UTF-8 in places, invalid byte at offset {first_bad})"
    share = _utf8_share(data)
    if share >= MIXED_UTF8_SHARE:
        return mixed
    result = _detect_legacy(data)
    single_byte = isinstance(result, Decoded) and len(result.text) == len(data)
    if single_byte and share >= MIXED_UTF8_SHARE_SINGLE_BYTE:
        return mixed
    return result


def encode_text(text: str, encoding: str) -> bytes:
    """Encode text back the way it came in, so unchanged files round-trip byte for byte.

    Python's ``utf-16-le``/``-be`` and ``utf-32-*`` codecs never write a BOM, but
    ``decode_bytes`` only accepts those encodings with one, so put it back here.
    """
    return _BOM_OF.get(encoding, b"") + text.encode(encoding)


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded | Skipped:
    """Read and decode one file; every failure becomes a Skipped with a one-line reason.

    The size is checked on the open descriptor before reading, and at most
    ``max_bytes + 1`` bytes are ever read (the file may grow between fstat and read:
    it is read on past the size fstat found, up to that limit).
    O_NONBLOCK keeps a FIFO named like a text file from hanging the run.
    """
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return Skipped(where, _os_error_reason(exc))
    try:
        with open(fd, "rb", closefd=True) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return Skipped(where, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                return Skipped(where, "not a regular file")
            if info.st_size > max_bytes:
                return Skipped(where, _too_large_reason(max_bytes))
            # The size fstat found and a byte more: a read of `max_bytes + 1` at once
            # allocates that much first (200 MB, a third of the time of a 60 KB file's read).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since: read on, up to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return Skipped(where, _os_error_reason(exc))
    if len(data) > max_bytes:
        return Skipped(where, _too_large_reason(max_bytes))
    result = decode_bytes(data)
    return Skipped(where, result) if isinstance(result, str) else result


def _decode_declared(data: bytes, bom: bytes, name: str) -> Decoded | str:
    """Decode strictly in the encoding a BOM declares; never fall back to guessing."""
    codec = "utf-8" if name == "utf-8-sig" else name
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        return f"invalid {codec.upper()} after byte-order mark (at offset {exc.start + len(bom)})"
    if "\x00" in text:
        return "binary file (NUL characters)"
    return Decoded(text, name)


def _utf8_share(data: bytes) -> float:
    """Share of non-ASCII bytes that belong to well-formed UTF-8 sequences.

    surrogateescape turns each invalid byte into exactly one lone surrogate, which
    ``encode(..., "ignore")`` then drops: all in C, ~0.1 s for 20 MB.
    """
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not non_ascii:
        return 0.0
    escaped = data.decode("utf-8", "surrogateescape")
    invalid = len(data) - len(escaped.encode("utf-8", "ignore"))
    return (non_ascii - invalid) / non_ascii


def _detect_legacy(data: bytes) -> Decoded | str:
    """Ask charset-normalizer, then accept only a low-chaos, unambiguous answer.

    Candidates tied on chaos that decode to the same text are one answer (cp1250 and
    cp1252 agree on most German). If tied candidates disagree, windows-1252 wins when it
    is among them (the browser default); otherwise the file is ambiguous and skipped.
    The text returned always comes from our own strict decode of the whole file.
    """
    import charset_normalizer  # only for files that are not UTF-8: not on every run's import

    matches = charset_normalizer.from_bytes(
        data, cp_isolation=list(WEB_LEGACY_ENCODINGS), enable_fallback=False
    )
    best = matches.best()
    if best is None:
        return "cannot decode confidently (not UTF-8, no plausible legacy encoding)"
    if best.chaos > MAX_CHAOS:
        return f"cannot decode confidently (best guess {best.encoding} looks garbled)"
    texts: dict[str, str] = {}  # decoded text -> encoding that produced it (first wins)
    for match in matches:
        if match.chaos > best.chaos + TIE_MARGIN:
            continue
        names = [match.encoding, *match.could_be_from_charset]
        name = TIE_PREFERENCE if TIE_PREFERENCE in names else match.encoding
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if text not in texts or name == TIE_PREFERENCE:
            texts[text] = name
    if not texts:
        return "cannot decode confidently (detected encoding does not decode the whole file)"
    if len(texts) > 1:
        preferred = [text for text, name in texts.items() if name == TIE_PREFERENCE]
        if not preferred:
            names = sorted(set(texts.values()))
            more = f" or {len(names) - 3} more" if len(names) > 3 else ""
            shown = " or ".join(names[:3]) + more
            return f"cannot decode confidently (ambiguous: {shown})"
        texts = {preferred[0]: TIE_PREFERENCE}
    ((text, name),) = texts.items()
    return Decoded(text, codecs.lookup(name).name)


def _too_large_reason(max_bytes: int) -> str:
    mib = 1024 * 1024
    if max_bytes >= mib and max_bytes % mib == 0:
        return f"file larger than {max_bytes // mib} MB"
    return f"file larger than {max_bytes} bytes"


def _os_error_reason(exc: OSError) -> str:
    """One line for an OSError, without the path (the caller prints ``path: reason``)."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if exc.errno is not None and exc.errno in errno.errorcode:
        return (exc.strerror or errno.errorcode[exc.errno]).lower()
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
