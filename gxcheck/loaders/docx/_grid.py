"""Merged table cells expanded to the table's full grid.

Word stores a merged cell once: a horizontal merge as one ``w:tc`` with a
``gridSpan`` (or, in old files, ``hMerge`` continue cells), a vertical merge as a
``vMerge`` restart cell followed, in the rows below, by ``vMerge`` continue
cells.  The rules address cells by row and column, so every table is laid out
on its grid: the merged text at the top-left position and ``None`` in every
other position the merge covers, every row padded to the same width.  This
module only does the layout; reading the cells out of the XML is ``_body``'s.
"""

from __future__ import annotations

from typing import Iterable, Optional

#: One ``w:tc`` as read: its text, grid span, vMerge and hMerge marks (None when absent).
Cell = tuple[str, int, Optional[str], Optional[str]]
#: Word tables have at most 63 columns.  Spans, gridBefore and gridAfter are capped so that a row
#: never grows past the table's real width (this, or the declared grid if wider): a hostile
#: ``gridSpan="10000000000000000000"`` costs a cell, not gigabytes.
MAX_COLUMNS = 63


def expand_merges(rows: Iterable[tuple[int, int, Iterable[Cell]]], grid: int
                  ) -> tuple[tuple[Optional[str], ...], ...]:
    """The grid of a table given, per row, its ``gridBefore``, ``gridAfter`` and cells.

    ``grid`` is the number of columns the table declares (``w:tblGrid``); the
    result is at least that wide.
    """
    out: list[list[Optional[str]]] = []
    # grid column -> (row, column) of the cell a vertical merge started in
    active: dict[int, tuple[int, int]] = {}
    room = max(grid, MAX_COLUMNS)
    for before, after, cells in rows:
        row: list[Optional[str]] = [None] * min(room, max(0, before))
        r = len(out)
        still: dict[int, tuple[int, int]] = {}
        last_origin: Optional[int] = None
        for text, span, vmerge, hmerge in cells:
            col = len(row)
            span = max(1, min(span, room - col))
            if vmerge is not None and vmerge != "restart" and col in active:
                r0, c0 = active[col]
                if text.strip():  # text typed into a covered cell still shows in the merge
                    out[r0][c0] = f"{out[r0][c0]}\n{text}" if out[r0][c0] else text
                for c in range(col, col + span):
                    still[c] = (r0, c0)
                row.extend([None] * span)
                continue
            if hmerge is not None and hmerge != "restart" and last_origin is not None:
                if text.strip():
                    row[last_origin] = f"{row[last_origin]}\n{text}" if row[last_origin] else text
                row.extend([None] * span)
                continue
            last_origin = col
            row.append(text)
            if span > 1:
                row.extend([None] * (span - 1))
            if vmerge is not None:  # restart (a bare continue with nothing above starts one too)
                for c in range(col, col + span):
                    still[c] = (r, col)
        if after > 0:
            row.extend([None] * min(after, max(0, room - len(row))))
        active = still
        out.append(row)
    width = max([len(r) for r in out] + [grid])
    return tuple(tuple(r + [None] * (width - len(r))) if len(r) < width else tuple(r) for r in out)
