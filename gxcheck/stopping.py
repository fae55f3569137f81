"""SIGTERM handled like Ctrl-C: the run stops through its ``finally`` blocks.

Python's default for SIGTERM ends the process on the spot, so nothing cleans up: a LibreOffice
converting a file (in its own session, so that a time-out can kill its whole process group) would
go on running and its private folder would stay behind.  While :func:`sigterm_raises` is in effect,
SIGTERM raises :class:`Terminated` instead, which like ``KeyboardInterrupt`` is no ``Exception``:
nothing that handles a file's errors catches it, and the conversion's cleanup runs on the way out.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Optional

#: Exit status after SIGTERM, as a shell reports a process ended by it (128 + 15).
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """The process was told to stop (SIGTERM)."""


def raise_terminated(signum: int, frame: Optional[FrameType]) -> None:
    """The SIGTERM handler: once only, so that the cleanup it sets off is not itself cut short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` inside the block; the previous handler comes back after it."""
    try:
        previous = signal.signal(signal.SIGTERM, raise_terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
