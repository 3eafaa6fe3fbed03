"""cleaner.read: every file either decodes to exactly the right text or is skipped with a reason."""



from __future__ import annotations

import codecs
import gzip
import os
import random
from pathlib import Path

import charset_normalizer
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cleaner import read
from cleaner.read import Decoded, Skipped, decode_bytes, encode_text, read_document

ENGLISH = (
    "LONDON (Reuters) – The minister said on Tuesday that the “new framework”, agreed after "
    "months of talks, would cut energy costs by 15 % and give café owners up to €2,000 in "
    "relief this winter. Critics called the plan “naïve” and said it came too late for the "
    "hundreds of small businesses that had already closed.\r\n"
    "Share this article • Follow us on Twitter\r\n"
)
FRENCH = (
    "Le président a déclaré mardi que la réforme des retraites serait présentée à "
    "l’Assemblée nationale après l’été. « Nous irons jusqu’au bout », a-t-il ajouté devant "
    "des élèves à Besançon, où il s’est rendu pour inaugurer un lycée professionnel.\n"
    "Lire aussi : Grève du 12 octobre — ce qu’il faut savoir\n"
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag beschlossen, die Förderung für Wärmepumpen deutlich "
    "zu erhöhen. Der Grünen-Politiker sprach von einem „großen Schritt“ für den Klimaschutz; "
    "die Opposition kritisierte die Kosten von über 3 Mrd. €.\n"
)
CHINESE = (
    "新华社北京10月24日电 国家统计局周二发布数据显示，"
    "今年前三季度国内生产总值同比增长百分之五点二，"
    "消费对经济增长的贡献率持续提升。专家表示，下一阶段将继续扩大内需、稳定就业、推动高质量发展，"
    "确保全年经济社会发展目标顺利实现。\n"
    "责任编辑：王小明\n"
    "分享到：微信 微博 QQ空间\n"
) * 2
POLISH = (
    "Rząd przyjął we wtorek projekt ustawy o podatku od nieruchomości. Minister finansów "
    "powiedział, że zmiany wejdą w życie od przyszłego roku i obejmą także małe gospodarstwa.\n"
) * 2
RUSSIAN = (
    "Правительство во вторник одобрило законопроект о налоге на недвижимость. Министр "
    "финансов заявил, что изменения вступят в силу со следующего года.\n"
) * 2
JAPANESE = (
    "政府は火曜日、不動産税に関する法案を閣議決定した。財務大臣は、来年から変更が施行されると述べた。\n"
) * 3

# text, how it is stored on disk, encoding name decode_bytes must report
DECODE_CASES = [
    pytest.param(ENGLISH, ENGLISH.encode("utf-8"), "utf-8", id="utf8"),
    pytest.param(CHINESE, CHINESE.encode("utf-8"), "utf-8", id="utf8_chinese"),
    pytest.param(ENGLISH, codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8-sig", id="utf8_bom"),
    pytest.param(
        CHINESE, codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "utf-16-le", id="utf16le_bom"
    ),
    pytest.param(
        ENGLISH, codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16-be", id="utf16be_bom"
    ),
    pytest.param(
        FRENCH, codecs.BOM_UTF32_LE + FRENCH.encode("utf-32-le"), "utf-32-le", id="utf32le_bom"
    ),
    pytest.param(ENGLISH, ENGLISH.encode("cp1252"), "cp1252", id="cp1252_english"),
    pytest.param(FRENCH, FRENCH.encode("cp1252"), "cp1252", id="cp1252_french"),
    pytest.param(GERMAN, GERMAN.encode("cp1252"), "cp1252", id="cp1252_german"),
    pytest.param(
        "Mostly ASCII, one café.\n" * 3,
        b"Mostly ASCII, one caf\xe9.\n" * 3,
        "cp1252",
        id="cp1252_one_accent",
    ),
    pytest.param(CHINESE, CHINESE.encode("gb18030"), "gb18030", id="gb18030_chinese"),
    pytest.param(POLISH, POLISH.encode("cp1250"), "cp1250", id="cp1250_polish"),
    pytest.param(RUSSIAN, RUSSIAN.encode("cp1251"), "cp1251", id="cp1251_russian"),
    pytest.param(JAPANESE, JAPANESE.encode("shift_jis"), "shift_jis", id="shift_jis_japanese"),
    pytest.param(
        "a\x0cb\x1bc\x7f\td\r\n", b"a\x0cb\x1bc\x7f\td\r\n", "utf-8", id="control_chars_kept"
    ),
    pytest.param("", b"", "utf-8", id="empty"),
]

# bytes on disk, start of the reason decode_bytes must give
SKIP_CASES = [
    pytest.param(b"headline\x00body text\n", "binary file (NUL bytes)", id="nul_in_ascii"),
    pytest.param(ENGLISH.encode("cp1252") + b"\x00", "binary file (NUL bytes)", id="nul_in_cp1252"),
    pytest.param(gzip.compress(ENGLISH.encode("utf-8")), "binary file (gzip data)", id="gzip"),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)),
        "binary file (PNG image)",
        id="png",
    ),
    pytest.param(
        b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(64)), "binary file (JPEG image)", id="jpeg"
    ),
    pytest.param(b"PK\x03\x04\x14\x00" + bytes(range(64)), "binary file (zip archive)", id="zip"),
    pytest.param(
        codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "binary file", id="utf16_bom_nul_chars"
    ),
    pytest.param(
        codecs.BOM_UTF8 + b"ok \xff bad",
        "invalid UTF-8 after byte-order mark",
        id="utf8_bom_then_invalid",
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + b"a\x00b",
        "invalid UTF-16-LE after byte-order mark",
        id="utf16_odd_length",
    ),
    pytest.param(
        bytes(b for b in random.Random(0).randbytes(4000) if b), "cannot decode", id="random_bytes"
    ),
    pytest.param(
        ENGLISH.encode("utf-8") + b"stray \x92 quote\n", "mixed encodings", id="mixed_utf8_cp1252"
    ),
    pytest.param(
        ENGLISH.encode("utf-8") * 10 + ENGLISH.encode("cp1252"),
        "mixed encodings",
        id="mixed_mostly_utf8_paragraphs",
    ),
    pytest.param(
        FRENCH.encode("cp1252") + GERMAN.encode("utf-8"),
        "mixed encodings",
        id="mixed_mostly_cp1252",
    ),
    pytest.param(b"Price \x90 list", "cannot decode confidently (ambiguous", id="short_ambiguous"),
    pytest.param(
        "Ελλάδα σήμερα".encode("cp1253"), "cannot decode confidently", id="short_greek_or_cyrillic"
    ),
]


@pytest.mark.parametrize(("text", "data", "encoding"), DECODE_CASES)
def test_decode_bytes_gives_exact_text_and_encoding(text: str, data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == Decoded(text, encoding)


@pytest.mark.parametrize(("text", "data", "encoding"), DECODE_CASES)
def test_encode_text_round_trips_the_original_bytes(text: str, data: bytes, encoding: str) -> None:
    assert encode_text(text, encoding) == data


@pytest.mark.parametrize(("data", "reason"), SKIP_CASES)
def test_decode_bytes_refuses_with_reason(data: bytes, reason: str) -> None:
    result = decode_bytes(data)
    assert isinstance(result, str)
    assert result.startswith(reason)
    assert "\n" not in result


@pytest.mark.parametrize(("text", "data", "encoding"), DECODE_CASES)
def test_read_document_matches_decode_bytes(
    tmp_path: Path, text: str, data: bytes, encoding: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_document(path) == Decoded(text, encoding)


def test_read_document_skips_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(gzip.compress(b"x" * 1000))
    assert read_document(path) == Skipped(str(path), "binary file (gzip data)")


def test_strict_utf8_is_tried_before_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("charset-normalizer must not run on valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", fail)
    assert decode_bytes(CHINESE.encode("utf-8")) == Decoded(CHINESE, "utf-8")


def test_garbled_best_guess_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Match:
        encoding = "cp1252"
        chaos = 0.15
        could_be_from_charset = ("cp1252",)

    class Matches(list):
        def best(self) -> Match:
            return self[0]

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: Matches([Match()]))
    assert decode_bytes(b"caf\xe9") == "cannot decode confidently (best guess cp1252 looks garbled)"


def test_too_large_is_skipped_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    assert read_document(path, max_bytes=101) == Decoded("a" * 101, "utf-8")

    def no_read(*args: object) -> bytes:
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(read, "decode_bytes", no_read)
    assert read_document(path, max_bytes=100) == Skipped(str(path), "file larger than 100 bytes")
    mib = 1024 * 1024
    os.truncate(path, 2 * mib + 1)  # sparse: no real disk use
    assert read_document(path, max_bytes=2 * mib) == Skipped(str(path), "file larger than 2 MB")


def test_file_growing_after_stat_is_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        path.write_bytes(b"a" * 500)  # grows after the size check
        return result

    monkeypatch.setattr(read.os, "fstat", stale_fstat)
    assert read_document(path, max_bytes=100) == Skipped(str(path), "file larger than 100 bytes")
    path.write_bytes(b"a" * 10)
    grown = b"b" * 60  # grows after the size check, within the limit: read whole

    def growing_fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        path.write_bytes(grown)
        return result

    monkeypatch.setattr(read.os, "fstat", growing_fstat)
    assert read_document(path, max_bytes=100) == Decoded("b" * 60, "utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of mode bits")
def test_unreadable_file_is_skipped_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    assert read_document(path) == Skipped(str(path), "permission denied")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (IsADirectoryError(21, "Is a directory"), "is a directory"),
        (FileNotFoundError(2, "No such file or directory"), "does not exist"),
        (OSError(5, "Input/output error"), "input/output error"),
    ],
)
def test_os_errors_become_one_line_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    """Root can read anything, so simulate the errors at the os.open boundary."""
    path = tmp_path / "doc.txt"
    path.write_text("text")

    def refuse(*args: object, **kwargs: object) -> int:
        raise error

    monkeypatch.setattr(read.os, "open", refuse)
    assert read_document(path) == Skipped(str(path), reason)


def test_directory_missing_and_fifo_are_skipped(tmp_path: Path) -> None:
    assert read_document(tmp_path) == Skipped(str(tmp_path), "is a directory")
    missing = tmp_path / "gone.txt"
    assert read_document(missing) == Skipped(str(missing), "does not exist")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_document(fifo) == Skipped(str(fifo), "not a regular file")  # and no hang


def test_non_ascii_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Nachrichten über Köln 新闻.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    assert read_document(path) == Decoded(GERMAN, "cp1252")


# Surrogates cannot be encoded in any UTF, so no file can hold them.
TEXT = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-be"]))
def test_unicode_encodings_round_trip_any_text(text: str, encoding: str) -> None:
    assume(not (encoding == "utf-8" and text.startswith("\ufeff")))  # that *is* a BOM
    assert decode_bytes(encode_text(text, encoding)) == Decoded(text, encoding)


@given(st.binary(max_size=300))
def test_decode_bytes_never_raises_and_decoded_text_round_trips(data: bytes) -> None:
    result = decode_bytes(data)
    if isinstance(result, Decoded):
        assert encode_text(result.text, result.encoding) == data
    else:
        assert result and "\n" not in result
