"""Word's 「one cell per line」 text dump: a tab opens a cell, a blank line ends a row.

A short line right after a cell continues that cell (a label broken inside its cell:
「商业」/「企业」). Claimed when at least two lines carry a tab and no other tab layout does.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.ftypes import Origin
from gxcheck.recognize.layouts.base import GridRow, Line, Reading, tab_span, tabbed_lines
from gxcheck.recognize.text import squash

NAME = "cell-per-line"


def claims(lines: Sequence[Line]) -> bool:
    return len(tabbed_lines(lines)) >= 2


def read(lines: Sequence[Line], kind: str) -> Optional[Reading]:
    span = tab_span(lines)
    rows: list[GridRow] = []
    consumed: set[int] = set()
    current: list[str] = []
    origin = Origin()
    last_was_cell = False
    for line in span:
        text = line.text
        if text.startswith("\t"):
            if not current:
                origin = line.origin
            current.append(text[1:])
            consumed.add(line.index)
            last_was_cell = True
        elif not text.strip():
            if current:
                rows.append((tuple(current), origin, None))
                current = []
            last_was_cell = False
        elif last_was_cell and current and len(squash(text)) <= 12:
            current[-1] += text.strip()
            consumed.add(line.index)
        else:
            if current:
                rows.append((tuple(current), origin, None))
                current = []
            last_was_cell = False
    if current:
        rows.append((tuple(current), origin, None))
    return Reading(layout=NAME, is_grid=True, origin=span[0].origin, rows=rows, consumed=consumed)


class _CellPerLine:
    name = NAME
    claims = staticmethod(claims)
    read = staticmethod(read)


LAYOUT = _CellPerLine()
