"""What every text layout shares: the line it reads and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Protocol, Sequence

from gxcheck.ftypes import Origin

#: A row of a grid: its cells' text (``None`` where a merged cell covers the position), where it
#: is, and for a grid read from a picture the OCR engine's confidence in each position (else ``None``).
GridRow = tuple[tuple[Optional[str], ...], Origin, Optional[tuple[Optional[float], ...]]]
Token = tuple[str, Origin]
#: A row of run-together text: its label, the runs of digits after it, where it starts.
RunRow = tuple[str, tuple[str, ...], Origin]


@dataclass
class Line:
    """One line of text in document order (``index`` counts grids and lines together)."""

    text: str
    origin: Origin
    index: int


@dataclass
class Reading:
    """A layout's reading of a region: grid rows, or a token stream, and the lines used.

    Exactly one of ``rows`` (a cell per column, as from a real table), ``tokens``
    (values and label words in order, widths unknown) and ``runs`` (a label and the runs of
    digits after it, how many cells each run holds unknown) is filled; ``is_grid`` says
    whether it is ``rows``.
    """

    layout: str
    is_grid: bool
    origin: Origin
    rows: list[GridRow] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    runs: list[RunRow] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


class Layout(Protocol):
    """One way of writing a table as text."""

    name: str

    def claims(self, lines: Sequence[Line]) -> bool:
        """Does this region of lines look like this layout?"""

    def read(self, lines: Sequence[Line], kind: str) -> Optional[Reading]:
        """Read the region; ``kind`` is the table (``proactive``, ``requests``, ``review``)."""


def tab_span(lines: Sequence[Line]) -> list[Line]:
    """From the first to one past the last line holding a tab (where tab layouts read); a row of
    blank cells just before the first, whose tabs all trail its label, is in the span too."""
    tabbed = [ln for ln in lines if "\t" in ln.text.rstrip()]
    first = lines.index(tabbed[0])
    last = lines.index(tabbed[-1])
    while first and lines[first - 1].text.strip() and "\t" in lines[first - 1].text:
        first -= 1  # a first row whose cells are all blank: 「规章\t\t\t」
    return list(lines[first:last + 2])


def tabbed_lines(lines: Sequence[Line]) -> list[Line]:
    return [ln for ln in lines if "\t" in ln.text.rstrip()]
