"""Normalise decoded text into lines, and render kept lines back into output text.

The cleaner never rewrites inside a line: normalisation only fixes line endings,
trailing whitespace and blank-line runs, so every output line is an input line.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence

_TRAILING = " \t\f\v\u00a0\u3000"
#: Invisible characters (zero-width space/joiners, word joiner, BOM) that html-text leaves on
#: lines of their own: such a line shows nothing, so it is blank.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK = _TRAILING + _ZERO_WIDTH


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF, drop a leading BOM and trailing whitespace of each line; a line
    of only whitespace and zero-width characters becomes blank."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ["" if not line.strip(_BLANK) else line.rstrip(_TRAILING)
            for line in text.split("\n")]


def render_lines(lines: Iterable[str]) -> str:
    """Join lines into the output form.

    UTF-8 text with LF endings, no leading blank line, at most one blank line in a
    row, exactly one final newline; an empty document renders as "".
    """
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


_BLANK_RUN = re.compile(r"\n\n\n+")


def render_kept(lines: Sequence[str], dropped: Container[int]) -> str:
    """`render_lines` of the `lines` not `dropped`, for lines already normalised (as
    `normalise_text` gives them: a blank line is ""): one join and one pass for the blank
    runs the dropped lines leave, instead of a test of every line."""
    text = "\n".join([line for i, line in enumerate(lines) if i not in dropped]
                     if dropped else lines)
    text = _BLANK_RUN.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


def normalise_text(text: str) -> list[str]:
    """The document's lines as they would be written if nothing were removed."""
    return render_lines(split_lines(text)).split("\n")[:-1]


def is_blank(line: str) -> bool:
    return not line.strip()


def content_lines(lines: Sequence[str]) -> list[str]:
    return [line for line in lines if line.strip()]
