"""The ruled tables of a page, from its ruling lines: pdfplumber's table finder, made fast.

pdfplumber (strategy "lines") snaps nearly aligned lines together, joins the pieces of a line,
finds where lines cross, takes for every crossing the smallest rectangle whose four corners are
crossings joined by lines, and groups the rectangles that touch into tables.  This module gives
the same cells in the same order (``tests/test_pdf_cells.py`` compares the two on every PDF at
hand and on random grids): where arithmetic decides (snapping, joining, the tolerance tests) it is
pdfplumber's own, on plain tuples; the rest works on the grid the snapped lines make:

* the columns are the x positions of the vertical lines, the rows the tops of the horizontal ones,
  numbered in order.  The rows one vertical line meets by pdfplumber's tolerance test are a run
  (each side of the test grows with the row), found by bisection; so are the columns a
  horizontal line meets; a crossing is a place of the grid that lines of both kinds meet;
* two crossings of a column are joined by a line when one line meets both rows, that is when the
  lower row is no further down than the lowest row the lines through the upper crossing reach;
  so each crossing keeps just two numbers, how far down and how far right its lines reach, and
  the smallest cell is found by comparing numbers, walking down the crossings of a column and
  along those of a row, instead of intersecting the sets of lines through pairs of crossings;
* the cells are grouped into tables by pdfplumber's passes over them, their corners named by
  their places on the grid (numbers, where pdfplumber hashes pairs of coordinates);
* the PDF reader does not import pdfplumber (and pdfminer) at all, which took about 30 ms CPU in
  every process that reads a PDF.

The edges are what :class:`gxcheck.loaders.pdf._pdfium._Drawing` gives: pdfplumber's edges
as tuples, the vertical ones apart from the horizontal ones (:class:`Edges`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from operator import itemgetter
from typing import NamedTuple, Optional

from gxcheck.loaders.pdf._layout import TABLE_SETTINGS, Bbox

#: An edge: x0, top, x1, bottom, and its length (pdfplumber's ``height`` of a vertical edge,
#: ``width`` of a horizontal one, kept as pdfplumber updates it when pieces are joined).
_Edge = tuple[float, float, float, float, float]
#: A cell's corners by their places on the grid (see :class:`_Grid`).
_Corners = tuple[int, int, int, int]

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
    position = itemgetter(at)
    cluster_of = _clusters(list(map(position, edges)))
    groups: dict[int, list[_Edge]] = defaultdict(list)
    for e in edges:
        groups[cluster_of[e[at]]].append(e)
    out: list[_Edge] = []
    for index in range(len(groups)):  # every cluster has a line
        group = groups[index]
        average = sum(map(position, group)) / len(group)
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
        pieces = lines[key]
        if len(pieces) == 1:  # most lines are drawn in one piece
            out += pieces
            continue
        pieces.sort(key=itemgetter(start))
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
        out += joined
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
    """The crossings of the lines on the grid of the columns ``xs`` and the rows ``ys``, in
    pdfplumber's order (by x, then by top).  Of each crossing: its place on the grid (place ``p`` is
    column ``p // len(ys)``, row ``p % len(ys)``), its column and row, the lowest row a vertical line
    through it reaches, the rightmost column a horizontal line through it reaches, and the next
    crossing to its right on its row (the number of crossings if none).  ``column`` has one more
    item, a column past the last, so that a walk down a column or along a row stops there."""

    xs: list[float]
    ys: list[float]
    places: list[int]
    column: list[int]
    row: list[int]
    lowest: list[int]
    furthest: list[int]
    next_right: list[int]


def _crossings(vertical: list[_Edge], horizontal: list[_Edge]) -> _Grid:
    """Where a vertical and a horizontal line meet (``edges_to_intersections``), on the grid.  A NaN
    meets nothing."""
    vertical = [v for v in vertical if v[0] == v[0] and v[1] == v[1] and v[3] == v[3]]
    horizontal = [h for h in horizontal if h[1] == h[1] and h[0] == h[0] and h[2] == h[2]]
    # A column per x, a row per top: as pdfplumber's crossings are keyed by (x, top), equal values
    # are one (snapped, none is -0.0, which would equal 0.0 but print otherwise).
    xs, ys = sorted({v[0] for v in vertical}), sorted({h[1] for h in horizontal})
    down = _down(xs, ys, vertical)
    across = _across(xs, ys, horizontal, down)
    rows = len(ys)
    places = sorted(across)
    count = len(places)
    row = [p % rows for p in places]
    next_right, following = [count] * count, [count] * rows
    for t in range(count - 1, -1, -1):
        next_right[t], following[row[t]] = following[row[t]], t
    return _Grid(xs, ys, places, [p // rows for p in places] + [len(xs)], row, list(map(down.__getitem__, places)),
                 list(map(across.__getitem__, places)), next_right)


def _down(xs: list[float], ys: list[float], vertical: list[_Edge]) -> dict[int, int]:
    """For each place of the grid that a vertical line meets, the lowest row a line through it
    reaches.  pdfplumber's test, ``v.top <= h.top + tolerance and v.bottom >= h.top - tolerance``:
    each side grows with the row, so the rows a line meets are a run, found by bisection."""
    rows = len(ys)
    low, high = [y + _CROSS for y in ys], [y - _CROSS for y in ys]
    column = {x: i * rows for i, x in enumerate(xs)}  # the place of the column's first row
    down: dict[int, int] = {}
    for x0, top, _, bottom, _ in vertical:
        start = column[x0]
        end = bisect.bisect_right(high, bottom)
        last = end - 1
        for p in range(start + bisect.bisect_left(low, top), start + end):
            if down.get(p, -1) < last:  # pieces of a line may meet one row
                down[p] = last
    return down


def _across(xs: list[float], ys: list[float], horizontal: list[_Edge], down: dict[int, int]) -> dict[int, int]:
    """For each crossing (a place of the grid that a vertical line meets, and a horizontal one too),
    the rightmost column a horizontal line through it reaches.  pdfplumber's test,
    ``v.x0 >= h.x0 - tolerance and v.x0 <= h.x1 + tolerance``: the columns a line meets are a run."""
    rows = len(ys)
    row = {y: j for j, y in enumerate(ys)}
    across: dict[int, int] = {}
    for x0, top, x1, _, _ in horizontal:
        j = row[top]
        last = bisect.bisect_right(xs, x1 + _CROSS) - 1
        for p in range(bisect.bisect_left(xs, x0 - _CROSS) * rows + j, last * rows + j + 1, rows):
            if p in down and across.get(p, -1) < last:
                across[p] = last
    return across


def _cells(grid: _Grid) -> list[tuple[Bbox, _Corners]]:
    """For each crossing, in order, the smallest rectangle it is the top-left corner of whose other
    corners are crossings and whose sides are drawn (``intersections_to_cells``), and its corners.

    pdfplumber tries the crossings below the corner joined to it by a line, top to bottom, and for
    each the crossings to its right joined to it, left to right, until the fourth corner is a
    crossing joined to both.  On the grid: a crossing below (in row ``b``) is joined to the corner
    while ``b`` is within the corner's ``lowest``; one to the right (in column ``r``) while ``r`` is
    within its ``furthest``; the fourth corner is then a crossing, joined to both, when ``r`` is
    also within ``furthest`` of the one below and ``b`` within ``lowest`` of the one to the right."""
    xs, ys, places, column, row, lowest, furthest, next_right = grid
    cells = []
    for t in range(len(row)):
        i, low, far = column[t], lowest[t], furthest[t]
        below = t + 1  # the crossings of a column follow one another
        while column[below] == i and row[below] <= low:
            b = row[below]
            limit = furthest[below]
            if far < limit:
                limit = far
            right = next_right[t]
            while column[right] <= limit and lowest[right] < b:  # its lines stop above row b
                right = next_right[right]
            if column[right] <= limit:
                corner, j = places[right], row[t]  # the top-right corner; the fourth is below it
                cells.append(((xs[i], ys[j], xs[column[right]], ys[b]),
                              (places[t], places[below], corner, corner - j + b)))
                break
            below += 1
    return cells


def _tables(cells: list[tuple[Bbox, _Corners]]) -> list[list[Bbox]]:
    """Cells that touch at a corner grouped into tables, top to bottom, tables of one cell left out
    (``cells_to_tables``: the same passes over the cells, so the same grouping and order)."""
    tables: list[list[Bbox]] = []
    remaining = cells
    while remaining:  # a table: its first cell, then each pass adds the cells touching it, until none does
        corners: set[int] = set()
        table: list[Bbox] = []
        while remaining:
            before = len(table)
            kept = []
            for box, four in remaining:
                if not table or not corners.isdisjoint(four):
                    corners.update(four)
                    table.append(box)
                else:
                    kept.append((box, four))
            remaining = kept
            if len(table) == before:
                break
        tables.append(table)
    return sorted((t for t in tables if len(t) > 1), key=_top_left)


def _top_left(table: list[Bbox]) -> tuple[float, float]:
    """The top of a table's highest cells, and the left of the leftmost of those (pdfplumber's
    ``min((c[1], c[0]) for c in table)``)."""
    top = min(map(itemgetter(1), table))
    return top, min(cell[0] for cell in table if cell[1] == top)


def find_tables(edges: Edges) -> list[list[Bbox]]:
    """The cells of each ruled table drawn by ``edges``, as pdfplumber's table finder gives them."""
    return _tables(_cells(_crossings(*_lines(edges))))
