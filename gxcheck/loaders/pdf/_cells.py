"""The ruled tables of a page, from its ruling lines: pdfplumber's table finder, made fast.

pdfplumber (strategy "lines") snaps nearly aligned lines together, joins the pieces of a line,
finds where lines cross, takes for every crossing the smallest rectangle whose four corners are
crossings joined by lines, and groups the rectangles that touch into tables.  This module gives
the same cells in the same order (``tests/test_pdf_cells.py`` compares the two on every PDF at
hand and on random grids): where arithmetic decides (snapping, joining, the tolerance tests) it is
pdfplumber's own, on plain tuples; the rest works on the grid the snapped lines make:

* the columns are the x positions of the vertical lines, the rows the tops of the horizontal ones,
  numbered in order; a line meets a run of rows (or columns), found by bisection with
  pdfplumber's tolerance test, and a crossing is a column and a row that a line of each meets;
* two crossings of a column are joined by a line when one line meets both rows, that is when the
  lower row is no further down than the lowest row the lines through the upper crossing reach;
  so each crossing keeps just two numbers, how far down and how far right its lines reach, and
  finding the smallest cell is comparing numbers, not intersecting sets of lines;
* the cells are grouped into tables by pdfplumber's passes over them, on corner numbers;
* the PDF reader does not import pdfplumber (and pdfminer) at all, which took about 30 ms CPU in
  every process that reads a PDF.

The edges are what :class:`gxcheck.loaders.pdf._pdfium._Drawing` gives: pdfplumber's edges,
as tuples, the vertical ones apart from the horizontal ones.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import NamedTuple, Optional

from gxcheck.loaders.pdf._layout import TABLE_SETTINGS, Bbox

#: An edge: x0, top, x1, bottom, and its length (pdfplumber's ``height`` of a vertical edge,
#: ``width`` of a horizontal one, kept as pdfplumber updates it when pieces are joined).
_Edge = tuple[float, float, float, float, float]
#: A cell by the numbers of its columns and rows: left, top, right, bottom.
_Cell = tuple[int, int, int, int]

_SNAP = TABLE_SETTINGS["snap_tolerance"]
_JOIN = TABLE_SETTINGS["join_tolerance"]
_CROSS = TABLE_SETTINGS["intersection_tolerance"]
_MIN_LENGTH = TABLE_SETTINGS["edge_min_length"]
_MIN_LENGTH_FIRST = TABLE_SETTINGS["edge_min_length_prefilter"]


class Edges(NamedTuple):
    """A page's edges as pdfplumber's table finder takes them: the vertical ones and the horizontal
    ones (orientation ``"v"`` and ``"h"``; other edges play no part), each list in pdfplumber's
    order (lines, then the sides of rectangles, then the pieces of curves), which decides how
    pieces are averaged and joined."""

    vertical: list[_Edge]
    horizontal: list[_Edge]


def _clusters(values: list[float]) -> dict[float, int]:
    """Each value's cluster: sorted distinct values, a new cluster after each gap wider than the
    tolerance (pdfplumber's ``make_cluster_dict``)."""
    out: dict[float, int] = {}
    last: Optional[float] = None
    index = -1
    for value in sorted(set(values)):
        if last is None or not value <= last + _SNAP:
            index += 1
        out[value] = index
        last = value
    return out


def _snapped(edges: list[_Edge], vertical: bool) -> list[_Edge]:
    """Lines within the tolerance of each other moved to their average position (``snap_objects``):
    vertical lines along x, horizontal ones along y; cluster by cluster, each in input order."""
    at = 0 if vertical else 1
    cluster_of = _clusters([e[at] for e in edges])
    groups: dict[int, list[_Edge]] = defaultdict(list)
    for e in edges:
        groups[cluster_of[e[at]]].append(e)
    out: list[_Edge] = []
    for index in sorted(groups):
        group = groups[index]
        average = sum(e[at] for e in group) / len(group)
        for x0, top, x1, bottom, length in group:
            if vertical:
                shift = average - x0
                out.append((x0 + shift, top, x1 + shift, bottom, length))
            else:
                shift = average - top
                out.append((x0, top + shift, x1, bottom + shift, length))
    return out


def _joined(edges: list[_Edge], vertical: bool) -> list[_Edge]:
    """The pieces of each line that touch or nearly touch made one (``join_edge_group``)."""
    at, start, end = (0, 1, 3) if vertical else (1, 0, 2)
    lines: dict[float, list[_Edge]] = defaultdict(list)
    for e in edges:
        lines[e[at]].append(e)
    out: list[_Edge] = []
    for key in sorted(lines):
        pieces = sorted(lines[key], key=lambda e: e[start])
        joined = [pieces[0]]
        for e in pieces[1:]:
            x0, top, x1, bottom, length = last = joined[-1]
            if e[start] <= last[end] + _JOIN:
                if e[end] > last[end]:
                    if vertical:  # pdfplumber's resize_object: the length grows by the difference
                        joined[-1] = (x0, top, x1, e[end], length + (e[end] - bottom))
                    else:
                        joined[-1] = (x0, top, e[end], bottom, e[end] - x0)
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _lines(edges: Edges) -> tuple[list[_Edge], list[_Edge]]:
    """The vertical and horizontal ruling lines, snapped, joined and long enough."""
    vertical = [e for e in edges.vertical if e[4] >= _MIN_LENGTH_FIRST]
    horizontal = [e for e in edges.horizontal if e[4] >= _MIN_LENGTH_FIRST]
    if _SNAP > 0:
        vertical, horizontal = _snapped(vertical, True), _snapped(horizontal, False)
    vertical = [e for e in _joined(vertical, True) if e[4] >= _MIN_LENGTH]
    horizontal = [e for e in _joined(horizontal, False) if e[4] >= _MIN_LENGTH]
    return vertical, horizontal


class _Grid(NamedTuple):
    """The crossings of the lines (``edges_to_intersections``), on the grid of the columns ``xs``
    and rows ``ys``.  Crossing ``p`` is column ``p // len(ys)``, row ``p % len(ys)``, so the
    crossings in number order are pdfplumber's (by x, then by top).  Of each: ``down``, the lowest
    row that a vertical line through it meets, and ``right``, the rightmost column that a
    horizontal line through it meets.  ``down`` has, besides, the places a vertical line meets
    where no horizontal line crosses it."""

    xs: list[float]
    ys: list[float]
    down: dict[int, int]
    right: dict[int, int]


def _crossings(vertical: list[_Edge], horizontal: list[_Edge]) -> _Grid:
    """Where a vertical and a horizontal line meet: pdfplumber's test, ``v.top <= h.top + tolerance``,
    ``v.bottom >= h.top - tolerance``, ``v.x0 >= h.x0 - tolerance``, ``v.x0 <= h.x1 + tolerance``,
    made on a line's row or column numbers at once (each side of it grows with the row, or the
    column, so the rows one line meets are a run found by bisection).  A NaN meets nothing."""
    vertical = [v for v in vertical if v[0] == v[0] and v[1] == v[1] and v[3] == v[3]]
    horizontal = [h for h in horizontal if h[1] == h[1] and h[0] == h[0] and h[2] == h[2]]
    xs, ys = sorted({v[0] for v in vertical}), sorted({h[1] for h in horizontal})
    grid = _Grid(xs, ys, {}, {})
    if not xs or not ys:
        return grid
    rows = len(ys)
    column, row = {x: i * rows for i, x in enumerate(xs)}, {y: j for j, y in enumerate(ys)}
    low, high = [y + _CROSS for y in ys], [y - _CROSS for y in ys]
    down, right = grid.down, grid.right
    for x0, top, _, bottom, _ in vertical:
        base = column[x0]
        first, end = bisect.bisect_left(low, top), bisect.bisect_right(high, bottom)
        last = end - 1  # the line meets rows first to last
        for p in range(base + first, base + end):
            if down.get(p, -1) < last:
                down[p] = last
    for x0, top, x1, _, _ in horizontal:
        j = row[top]
        last = bisect.bisect_right(xs, x1 + _CROSS) - 1
        for i in range(bisect.bisect_left(xs, x0 - _CROSS), last + 1):
            p = i * rows + j
            if p in down and right.get(p, -1) < last:
                right[p] = last
    return grid


def _cells(grid: _Grid) -> list[_Cell]:
    """For each crossing, in order, the smallest rectangle it is the top-left corner of whose other
    corners are crossings and whose sides are drawn (``intersections_to_cells``).

    pdfplumber tries the crossings below the corner joined to it by a line, top to bottom, and for
    each the crossings to its right joined to it, left to right, until the fourth corner is a
    crossing joined to both: below (column ``i``, row ``b``) and right (column ``r``, row ``j``)
    are joined to the corner when ``b`` is within its ``down`` and ``r`` within its ``right``, and
    to the fourth corner (which is then a crossing) when ``b`` is within ``down`` of right and
    ``r`` within ``right`` of below."""
    down, right, rows = grid.down, grid.right, len(grid.ys)

    def smallest(p: int) -> Optional[_Cell]:
        i, j = divmod(p, rows)
        across = right[p]
        for b in range(j + 1, down[p] + 1):
            reach = right.get(p - j + b)
            if reach is None:
                continue  # the line goes on past row b, but nothing crosses it there
            for r in range(i + 1, min(across, reach) + 1):
                if down.get(r * rows + j, -1) >= b:
                    return (i, j, r, b)
        return None

    return [cell for cell in map(smallest, sorted(right)) if cell is not None]


def _tables(cells: list[_Cell], rows: int) -> list[list[_Cell]]:
    """Cells that touch at a corner grouped into tables, top to bottom, tables of one cell left out
    (``cells_to_tables``: the same passes over the cells, so the same grouping and order)."""
    remaining = [(cell, (i * rows + j, i * rows + b, r * rows + j, r * rows + b)) for cell in cells
                 for i, j, r, b in (cell,)]
    corners: set[int] = set()
    current: list[_Cell] = []
    tables: list[list[_Cell]] = []
    while remaining:
        before = len(current)
        kept = []
        for cell, four in remaining:
            if not current or not corners.isdisjoint(four):
                corners.update(four)
                current.append(cell)
            else:
                kept.append((cell, four))
        remaining = kept
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_tables(edges: Edges) -> list[list[Bbox]]:
    """The cells of each ruled table drawn by ``edges``, as pdfplumber's table finder gives them."""
    grid = _crossings(*_lines(edges))
    xs, ys = grid.xs, grid.ys
    return [[(xs[i], ys[j], xs[r], ys[b]) for i, j, r, b in table] for table in _tables(_cells(grid), len(ys))]
