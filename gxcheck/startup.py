"""What keeps ``gxcheck run one.txt`` quick to start (README, *Measuring*: start-up): no cyclic
garbage collection while modules are imported, and regular expressions compiled when first used.

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
import re
import sys
from contextlib import contextmanager
from typing import Any, Iterator, Union, overload


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside; what was made inside then counts as old, when modules
    were imported inside (a second ``Plugins()`` imports nothing: then the collector is only on again).

    Does nothing when the collector is already off, and moves nothing when a program has frozen
    objects itself (``gc.freeze`` before forking workers): unfreezing would undo that."""
    if not gc.isenabled():
        yield
        return
    modules = len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > modules and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


#: What a pattern compiled on first use answers once compiled (everything gxcheck's code asks of one).
_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                       "pattern", "flags", "groups", "groupindex")


class _OnUse:
    """Stands for ``re.compile(pattern, flags)`` until one of :data:`_PATTERN_ATTRIBUTES` is first asked
    for; then compiles it and keeps the compiled pattern's methods as its own attributes, so that every
    later call costs what a call on the pattern itself costs."""

    def __init__(self, pattern: Union[str, bytes], flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what is not there yet
        if name not in _PATTERN_ATTRIBUTES:
            raise AttributeError(name)
        pattern, flags = self._source
        compiled: Any = re.compile(pattern, flags)  # str or bytes, as given
        self.__dict__.update((attribute, getattr(compiled, attribute)) for attribute in _PATTERN_ATTRIBUTES)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"compiled_on_use({self._source[0]!r}, {self._source[1]})"


@overload
def compiled_on_use(pattern: str, flags: int = 0) -> "re.Pattern[str]": ...
@overload
def compiled_on_use(pattern: bytes, flags: int = 0) -> "re.Pattern[bytes]": ...


def compiled_on_use(pattern: Union[str, bytes], flags: int = 0) -> Any:
    """``re.compile(pattern, flags)``, compiled when first used rather than when its module is imported.

    gxcheck's modules hold some 150 patterns; compiling them all took about 20 ms of every start,
    and a report uses about 60% of them.  Only for module-level patterns used through their methods
    (``X.search(…)``), never handed to ``re.sub(X, …)`` or ``isinstance``: it is not a ``re.Pattern``."""
    return _OnUse(pattern, flags)
