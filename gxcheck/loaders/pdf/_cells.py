"""The ruled tables of a page, from its ruling lines: pdfplumber's table finder, made fast.

pdfplumber (strategy "lines") snaps nearly aligned lines together, joins the pieces of a line,
finds where lines cross, takes for every crossing the smallest rectangle whose four corners are
crossings joined by lines, and groups the rectangles that touch into tables.  This module does
the same steps with the same arithmetic on plain tuples, so it gives the same cells in the same
order (``tests/test_pdf_cells.py`` compares the two on every PDF at hand and on random grids), but:

* pdfplumber's cell search scans, for every crossing, all the crossings after it, and for every
  pair it tests rebuilds the sets of lines through both; here the crossings of each column and
  of each row are listed once, and each crossing's lines made into a set once;
* crossings are found among the lines near each other (a sorted list), not every pair;
* the PDF reader does not import pdfplumber (and pdfminer) at all, which took about 30 ms CPU in
  every process that reads a PDF.

The edges are the dicts :class:`gxcheck.loaders.pdf._pdfium._Drawing` gives, shaped as pdfplumber's.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any, Iterable, Optional

from gxcheck.loaders.pdf._layout import TABLE_SETTINGS, Bbox

Point = tuple[float, float]
#: A ruling line: x0, top, x1, bottom, and its length (pdfplumber's ``height`` of a vertical line,
#: ``width`` of a horizontal one) kept as pdfplumber updates it.
_Edge = tuple[float, float, float, float, float]

_SNAP = TABLE_SETTINGS["snap_tolerance"]
_JOIN = TABLE_SETTINGS["join_tolerance"]
_CROSS = TABLE_SETTINGS["intersection_tolerance"]
_MIN_LENGTH = TABLE_SETTINGS["edge_min_length"]
_MIN_LENGTH_FIRST = TABLE_SETTINGS["edge_min_length_prefilter"]


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


def _lines(edges: Iterable[dict[str, Any]]) -> tuple[list[_Edge], list[_Edge]]:
    """The vertical and horizontal ruling lines, snapped, joined and long enough."""
    vertical = [(e["x0"], e["top"], e["x1"], e["bottom"], e["height"]) for e in edges
                if e["orientation"] == "v" and e["height"] >= _MIN_LENGTH_FIRST]
    horizontal = [(e["x0"], e["top"], e["x1"], e["bottom"], e["width"]) for e in edges
                  if e["orientation"] == "h" and e["width"] >= _MIN_LENGTH_FIRST]
    if _SNAP > 0:
        vertical, horizontal = _snapped(vertical, True), _snapped(horizontal, False)
    vertical = [e for e in _joined(vertical, True) if e[4] >= _MIN_LENGTH]
    horizontal = [e for e in _joined(horizontal, False) if e[4] >= _MIN_LENGTH]
    return vertical, horizontal


Crossings = dict[Point, tuple[set[Bbox], set[Bbox]]]


def _crossings(vertical: list[_Edge], horizontal: list[_Edge]) -> Crossings:
    """Where a vertical and a horizontal line meet (within the tolerance), with the lines through
    each such point, each line named by its box (``edges_to_intersections``)."""
    by_top = sorted((e for e in horizontal if e[1] == e[1]), key=lambda e: e[1])  # a NaN meets nothing
    tops = [e[1] for e in by_top]
    lines_across = [(h[0] - _CROSS, h[1], h[2] + _CROSS, h[:4]) for h in by_top]  # the test's bounds, the box
    out: Crossings = {}
    for v in vertical:
        vx, vtop, vx1, vbottom, _ = v
        box = (vx, vtop, vx1, vbottom)
        # Only lines whose top is near this one's span can meet it; the exact test follows.
        lo = bisect.bisect_left(tops, vtop - _CROSS - 1)
        hi = bisect.bisect_right(tops, vbottom + _CROSS + 1)
        for left, htop, right, across in lines_across[lo:hi]:
            if vtop <= htop + _CROSS and vbottom >= htop - _CROSS and vx >= left and vx <= right:
                point = (vx, htop)
                lines = out.get(point)
                if lines is None:
                    lines = out[point] = (set(), set())
                lines[0].add(box)
                lines[1].add(across)
    return out


def _cells(crossings: Crossings) -> list[Bbox]:
    """For each crossing, in order, the smallest rectangle it is the top-left corner of whose other
    corners are crossings and whose sides are drawn (``intersections_to_cells``)."""
    points = sorted(crossings)
    # Below a crossing: the later crossings of its column, top to bottom; right of it: the later ones
    # of its row, left to right (points are sorted by x, then by top, as pdfplumber sorts them).
    column: dict[float, list[Point]] = defaultdict(list)
    row: dict[float, list[Point]] = defaultdict(list)
    for p in points:
        column[p[0]].append(p)
        row[p[1]].append(p)
    position = {p: k for col in column.values() for k, p in enumerate(col)}
    place = {p: k for r in row.values() for k, p in enumerate(r)}

    def smallest(pt: Point) -> Optional[Bbox]:
        # The crossings to the right joined to this one are found as they are needed (most cells
        # are closed by the first of them), in row order: the same first cell as testing them all.
        down, across = crossings[pt]
        later, below_it = row[pt[1]], column[pt[0]]
        rights: list[Point] = []
        tested, end = place[pt] + 1, len(later)
        for j in range(position[pt] + 1, len(below_it)):
            below = below_it[j]
            below_down, below_across = crossings[below]
            if down.isdisjoint(below_down):
                continue
            k = 0
            while True:
                if k == len(rights):
                    while tested < end and across.isdisjoint(crossings[later[tested]][1]):
                        tested += 1
                    if tested == end:
                        break
                    rights.append(later[tested])
                    tested += 1
                right = rights[k]
                k += 1
                corner = (right[0], below[1])
                lines = crossings.get(corner)
                if (lines is not None and not crossings[right][0].isdisjoint(lines[0])
                        and not below_across.isdisjoint(lines[1])):
                    return (pt[0], pt[1], corner[0], corner[1])
            if not rights:
                return None  # nothing to the right is joined to this crossing
        return None

    return [cell for cell in map(smallest, points) if cell is not None]


def _tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells that touch at a corner grouped into tables, top to bottom, tables of one cell left out
    (``cells_to_tables``: the same passes over the cells, so the same grouping and order)."""
    remaining = [(cell, ((cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3])))
                 for cell in cells]
    corners: set[Point] = set()
    current: list[Bbox] = []
    tables: list[list[Bbox]] = []
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


def find_tables(edges: Iterable[dict[str, Any]]) -> list[list[Bbox]]:
    """The cells of each ruled table drawn by ``edges``, as pdfplumber's table finder gives them."""
    return _tables(_cells(_crossings(*_lines(edges))))
