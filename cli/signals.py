"""Ctrl-C and SIGTERM stop a run between files, never in the middle of writing one.

`write_atomic` cleans up its temp file on KeyboardInterrupt, but an interrupt raised in
the few bytecodes between `os.open` creating the temp file and the name being bound (or
during the cleanup itself) would still leave a `.newsclean-tmp-*` file behind. So the
handlers installed here only note a signal that arrives inside `interrupts_deferred()`,
and raise KeyboardInterrupt when the block ends. A write takes milliseconds: Ctrl-C
stays prompt.

Masking the signals with pthread_sigmask is not enough: numpy (via py3langid) starts a
thread that does not mask them, the kernel delivers the signal there, and CPython then
runs the Python handler in the main thread regardless of the main thread's mask.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Deferral:
    depth = 0
    pending: int | None = None


_state = _Deferral()


def raise_interrupt(signum: int, frame: FrameType | None) -> None:
    """The handler: KeyboardInterrupt now, or when the current write is complete."""
    if _state.depth:
        _state.pending = signum
        return
    raise KeyboardInterrupt


def install_interrupt_handlers() -> None:
    """Route Ctrl-C and SIGTERM through `raise_interrupt` (main thread only)."""
    for signum in _SIGNALS:
        signal.signal(signum, raise_interrupt)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """An interrupt arriving inside the block is raised when the block ends."""
    if not _state.depth:
        _state.pending = None
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if not _state.depth and _state.pending is not None:
            _state.pending = None
            raise KeyboardInterrupt
