"""What keeps ``gxcheck run one.txt`` quick to start (README, *Measuring*: start-up).

Importing gxcheck and its plugins creates some 30,000 objects the garbage collector tracks
(functions, classes, pydantic's schemas).  With the collector on, the young collections that
run while they are created traverse most of them once or twice — about 10 ms of every start —
and find almost nothing to free: modules, classes and compiled patterns live as long as the
process.  :func:`collector_paused` switches the collector off while they are made and then
counts them as old (``gc.freeze`` and ``gc.unfreeze`` move every tracked object to the oldest
generation without traversing any), so only a full collection looks at them again, as it
would have looked at them anyway.  Nothing is kept from the collector: a cycle made during the
imports is still freed by the next full collection.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside; what was made inside then counts as old.

    Does nothing when the collector is already off, and moves nothing when a program has frozen
    objects itself (``gc.freeze`` before forking workers): unfreezing would undo that."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
