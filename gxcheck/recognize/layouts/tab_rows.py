"""Tab-separated rows: each line is one table row, a tab between cells.

Told from Word's cell-per-line dump by a tab *inside* a line (not only at its start),
or by two tabs or more on one line; a single line is claimed when it has cells between tabs.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.recognize.layouts.base import GridRow, Line, Reading, tab_span, tabbed_lines

NAME = "tab-rows"


def claims(lines: Sequence[Line]) -> bool:
    tabbed = tabbed_lines(lines)
    if len(tabbed) < 2:
        # One line alone is a row when it has cells between tabs: table 四's fifteen, its header lost.
        return bool(tabbed) and tabbed[0].text.strip("\t ").count("\t") >= 2
    return any(not ln.text.startswith("\t") and "\t" in ln.text.strip() for ln in tabbed) or any(
        ln.text.count("\t") >= 2 for ln in tabbed
    )


def read(lines: Sequence[Line], kind: str) -> Optional[Reading]:
    span = tab_span(lines)
    rows: list[GridRow] = []
    consumed: set[int] = set()
    for line in span:
        if "\t" in line.text:
            rows.append((tuple(line.text.split("\t")), line.origin, None))
            consumed.add(line.index)
    return Reading(layout=NAME, is_grid=True, origin=span[0].origin, rows=rows, consumed=consumed)


class _TabRows:
    name = NAME
    claims = staticmethod(claims)
    read = staticmethod(read)


LAYOUT = _TabRows()
