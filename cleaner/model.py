"""The data that flows through the pipeline: documents, blocks, matches, decisions.

Plain frozen dataclasses; every stage takes some of these and returns new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")


class StrEnum(str, Enum):
    """`enum.StrEnum` for Python 3.10: members compare and format as their value."""

    def __str__(self) -> str:
        return self.value


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen dataclass as a call of its constructor on its fields.

    The default for a slotted dataclass sets each field back through a Python-level
    loop; this takes half the time either way, and pass 2's workers send every
    line's decision to the parent (cleaner/parallel.py)."""
    values: Callable[[T], tuple] = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: T) -> tuple:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


def slot_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an `__init__` that fills each slot through its
    descriptor: the generated one calls `object.__setattr__` per field (frozen), twice
    as slow, and a run makes several of these per line (fingerprints, decisions).

    Same signature, same defaults; only for fields that are all plain `init` fields
    with at most a plain default, and no `__post_init__`."""
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"slot_init cannot build {cls.__name__} (it has a __post_init__)")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, object] = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    params = []
    for f in fields(cls):  # type: ignore[arg-type]
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"slot_init cannot build {cls.__name__}.{f.name}")
        if f.default is MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"\n    _set_{name}(self, {name})" for name in names)
    exec(f"def __init__(self, {', '.join(params)}) -> None:{body}\n", scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls


class Kind(StrEnum):
    """What a line is, judged from its own text and its neighbours in the page."""

    TITLE = "title"
    METADATA = "metadata"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TEASER_HEADLINE = "teaser_headline"
    TEASER_LEAD = "teaser_lead"
    SHARE = "share"
    NAV = "nav"
    FOOTER = "footer"
    NOTICE = "notice"


class Rule(StrEnum):
    """Why a line was kept or dropped: the name `explain`, stats and tests use."""

    # drops
    NEAR_DUP_TEASER = "near_dup_teaser"
    DOUBLED_HEADLINE = "doubled_headline"
    TEASER_LEAD = "teaser_lead"
    REPEATED_TITLE = "repeated_title"
    RECURRING_TEMPLATE = "recurring_template"
    BOILERPLATE_PHRASE = "boilerplate_phrase"
    CONTEXT_RUN = "context_run"
    SINGLE_PAGE = "single_page"
    USER_DROP = "user_drop"
    # keeps
    CONTENT = "content"
    SYNDICATED_KEPT = "syndicated_kept"
    RECURRING_CONTENT_KEPT = "recurring_content_kept"
    USER_KEEP = "user_keep"


@slot_init
@dataclass(frozen=True, slots=True)
class Block:
    """A run of non-blank lines between blank lines; `start` indexes the document's lines."""

    index: int
    start: int
    lines: tuple[str, ...]
    kinds: tuple[Kind, ...]

    @property
    def end(self) -> int:
        return self.start + len(self.lines)


@pickled_by_fields
@slot_init
@dataclass(frozen=True, slots=True)
class Match:
    """Another place the same (or a nearly identical) line was seen."""

    document: str
    text: str
    score: float


@pickled_by_fields
@slot_init
@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one non-blank line, with everything needed to explain it."""

    line_index: int
    text: str
    kind: Kind
    keep: bool
    rule: Rule
    score: float = 0.0
    doc_count: int = 0
    matches: tuple[Match, ...] = ()
    detail: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What cleaning one document produced."""

    name: str
    original_lines: tuple[str, ...]
    decisions: tuple[Decision, ...]
    text: str
    changed: bool
    removed: tuple[Decision, ...] = field(default=())
