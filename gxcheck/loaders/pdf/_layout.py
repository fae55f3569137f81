"""From a page's characters and table cells to its items: text lines and table grids.

Both readers (PDFium, pdfplumber) give the same things: characters shaped as
pdfplumber shapes them, and the cells of the ruled tables pdfplumber's table
finder sees.  Here each character goes into the table cell under it or into a
text line, and the text of cells and lines is built in one pass.  A table row
that a page break cut in two is joined back afterwards, once all pages are read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable, Final, Optional, Sequence

#: (x0, top, x1, bottom), as pdfplumber measures: ``top`` down from the top of the page.
Bbox = tuple[float, float, float, float]

#: Ruled tables only: cell borders drawn as lines or rectangles.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
    "edge_min_length_prefilter": 2,
}

# Vertical tolerance when grouping characters into lines, as a share of the font size.
_LINE_TOLERANCE = 0.45
# A horizontal gap wider than this share of the font size is a space …
_SPACE_GAP = 0.22
# … and wider than this, a gap between columns (written as two spaces).
_COLUMN_GAP = 1.0
# A row label of its own: 「一、」 「（二）」 「3.」 「第二十条」.
_ORDINAL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]"
    r"|\d{1,2}\s*[、.．]|第\s*[一二三四五六七八九十\d]{1,3})"
)
_NUMBER_LIKE = re.compile(r"^[-+]?[\d０-９][\d０-９.,，．\s]*%?$|^[/／\\\-—–－无]$")


#: A character, as both readers give it: ``(text, x0, x1, top, bottom, size, rotated, xmid, ymid)``.
#: ``rotated`` is ``"down"`` or ``"up"`` for a character turned a quarter (reading downwards,
#: clockwise, or upwards), else None; ``xmid``, ``ymid`` its centre, worked out once (every
#: character is placed and sorted by it several times).  A plain tuple: a page has thousands of
#: characters, and a tuple is made in under half the time of an object with slots.
_Char = tuple[str, float, float, float, float, float, Optional[str], float, float]
# Where _Char keeps what (for sort keys and the few places that take one field).
_TEXT: Final = 0
_X0: Final = 1
_X1: Final = 2
_SIZE: Final = 5
_ROTATED: Final = 6
_XMID: Final = 7
_YMID: Final = 8


def _char(text: str, x0: float, x1: float, top: float, bottom: float, size: float,
          rotated: Optional[str] = None) -> _Char:
    """A character (the PDFium reader builds the same tuple inline)."""
    return (text, x0, x1, top, bottom, size, rotated, (x0 + x1) / 2, (top + bottom) / 2)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    #: Right edge of the line's last character, and the line's largest font size.
    x1: float = 0.0
    size: float = 0.0


@dataclass
class _Item:
    """Something placed on a page: a text line or a table, sorted by ``top``."""

    top: float
    line: Optional[_Line] = None
    grid: Optional["_Grid"] = None


# --------------------------------------------------------------------------- lines


def _is_wide(text: str) -> bool:
    """A CJK character or full-width punctuation."""
    return unicodedata.east_asian_width(text[0]) in ("W", "F")


_BY_YMID = itemgetter(_YMID)
_TEXT_OF = itemgetter(_TEXT)
_BY_X0 = itemgetter(_X0)


class _Widths(dict[str, bool]):
    """``_is_wide`` of each character, worked out once."""

    def __missing__(self, char: str) -> bool:
        wide = self[char] = _is_wide(char)
        return wide


_WIDE = _Widths()


def _build_lines(chars: Sequence[_Char], columns: bool = True) -> list[_Line]:
    """Group characters into lines (see :func:`_line_tuples`)."""
    return [_Line(text, top, bottom, x1=x1, size=size) for text, top, bottom, x1, size in _line_tuples(chars, columns)]


def _line_tuples(chars: Sequence[_Char], columns: bool = True) -> list[tuple[str, float, float, float, float]]:
    """Group characters into lines, top to bottom; each line's text left to right, and its top,
    bottom, right edge and largest font size (as :class:`_Line` keeps them: tuples are made in a
    fraction of the time, and a table's cells make hundreds).

    A gap of a quarter em becomes one space (never between two Chinese
    characters: justified Chinese is spread out); with ``columns``, a gap of an
    em or more becomes two spaces (columns of a table laid out without ruling
    lines).  A character printed twice at the same place (fake bold) is kept once.
    """
    # Run for every table cell and every page: the comparisons are written out where ``max`` and
    # ``min`` were (``if b > m: m = b`` is what they do, in the same order, NaN included).
    if not chars:
        return []
    # By row, then left to right: sorted by x, then (stably) by the centre's height — the order
    # of sorting by the pair, in about half the time (floats compare faster than tuples).
    ordered = sorted(chars, key=_BY_X0)
    ordered.sort(key=_BY_YMID)
    groups: list[list[_Char]] = []
    current = [ordered[0]]
    mid, first = ordered[0][_YMID], ordered[0][_SIZE]
    for ch in ordered[1:]:
        tolerance = ch[_SIZE]
        if first > tolerance:
            tolerance = first
        if 1.0 > tolerance:
            tolerance = 1.0
        if abs(ch[_YMID] - mid) <= _LINE_TOLERANCE * tolerance:
            current.append(ch)
            continue
        groups.append(current)
        current = [ch]
        mid, first = ch[_YMID], ch[_SIZE]
    groups.append(current)

    lines: list[tuple[str, float, float, float, float]] = []
    wide = _WIDE
    for group in groups:
        group.sort(key=_BY_X0)
        p_text, p_x0, p_x1, p_top, bottom, p_size, _, _, _ = group[0]  # the character before
        parts = [p_text]
        top, x1, size = p_top, p_x1, p_size
        for text, x0, c_x1, c_top, c_bottom, c_size, _, _, _ in group[1:]:
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
            if c_x1 > x1:
                x1 = c_x1
            if c_size > size:
                size = c_size
            if text == p_text and abs(x0 - p_x0) < 1.0 and abs(c_top - p_top) < 1.0:
                continue  # the same glyph again: fake bold or a duplicated layer
            gap = x0 - p_x1
            em = c_size
            if p_size < em:
                em = p_size
            if 1.0 > em:
                em = 1.0
            if columns and gap >= _COLUMN_GAP * em:
                parts.append("  ")
            elif gap >= _SPACE_GAP * em and not (wide[text[0]] and wide[p_text[0]]):
                parts.append(" ")
            parts.append(text)
            p_text, p_x0, p_x1, p_top, p_size = text, x0, c_x1, c_top, c_size
        line = "".join(parts).strip()
        if line:
            lines.append((line, top, bottom, x1, size))
    return lines


def _rotated_text(chars: Sequence[_Char]) -> str:
    """Text turned a quarter (table headers set vertically): columns of characters.

    Upward text reads bottom to top, its lines following left to right; downward
    text reads top to bottom, its lines following right to left.
    """
    up = sum(1 for c in chars if c[_ROTATED] == "up") * 2 > len(chars)
    ordered = sorted(chars, key=itemgetter(_XMID), reverse=not up)
    columns: list[list[_Char]] = []
    for ch in ordered:
        if columns and abs(ch[_XMID] - columns[-1][0][_XMID]) <= _LINE_TOLERANCE * max(ch[_SIZE], 1.0):
            columns[-1].append(ch)
        else:
            columns.append([ch])
    lines = []
    for column in columns:
        column.sort(key=itemgetter(_YMID), reverse=up)
        lines.append("".join(c[_TEXT] for c in column))
    return "\n".join(lines)


# --------------------------------------------------------------------------- tables


class _Grid:
    """One ruled table of a page: its cells, which cell covers each grid position, their text."""

    def __init__(self, cells: Sequence[Bbox]) -> None:
        self.bbox: Bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                           max(c[2] for c in cells), max(c[3] for c in cells))
        self.xs = sorted({c[0] for c in cells})
        self.tops = sorted({c[1] for c in cells})
        ncols, nrows = len(self.xs), len(self.tops)
        self.shape = (nrows, ncols)
        col_of = {x: i for i, x in enumerate(self.xs)}
        row_of = {y: i for i, y in enumerate(self.tops)}
        #: owner[r][c]: the (row, col) of the cell that covers position (r, c), or None.
        self.owner: list[list[Optional[tuple[int, int]]]] = [[None] * ncols for _ in range(nrows)]
        #: The top-left position (row, col) of each cell → the cell's bbox.
        self.boxes: dict[tuple[int, int], tuple[float, float, float, float]] = {}
        boxes, owner, tops, xs, before = self.boxes, self.owner, self.tops, self.xs, bisect.bisect_left
        for x0, top, x1, bottom in cells:
            r, c = row_of[top], col_of[x0]
            key = (r, c)
            boxes[key] = (x0, top, x1, bottom)
            r_end = before(tops, bottom - 0.01)
            c_end = before(xs, x1 - 0.01)
            if r_end <= r + 1 and c_end <= c + 1:  # one grid position (most cells)
                if owner[r][c] is None:
                    owner[r][c] = key
                continue
            for rr in range(r, max(r_end, r + 1)):
                row = owner[rr]
                for cc in range(c, max(c_end, c + 1)):
                    if row[cc] is None:
                        row[cc] = key
        self.chars: dict[tuple[int, int], list[_Char]] = defaultdict(list)
        self.texts: dict[tuple[int, int], str] = {}
        #: Cells whose last line runs to the right border: their text may go on.
        self.full: set[tuple[int, int]] = set()

    @property
    def is_real_table(self) -> bool:
        """A box drawn around a paragraph is found as a one-column table: that is text."""
        return len({c for (_, c) in self.boxes}) >= 2

    def finish(self) -> None:
        """Build each cell's text from its characters, its lines joined by "\\n"."""
        for key, box in self.boxes.items():
            chars = self.chars.get(key, ())
            if len(chars) == 1 and not chars[0][_ROTATED]:  # most cells: what _line_tuples gives, directly
                ch = chars[0]
                text = self.texts[key] = ch[_TEXT].strip()
                if text and box[2] - ch[_X1] < 1.5 * ch[_SIZE] + 6:
                    self.full.add(key)
                continue
            if chars and chars[0][_ROTATED] and all(c[_ROTATED] for c in chars):
                self.texts[key] = _rotated_text(chars)
                continue
            lines = _line_tuples(chars, columns=False)
            self.texts[key] = "\n".join([line[0] for line in lines])
            if lines and box[2] - lines[-1][3] < 1.5 * lines[-1][4] + 6:
                self.full.add(key)
        self.chars.clear()

    def rows(self) -> tuple[tuple[Optional[str], ...], ...]:
        nrows, ncols = self.shape
        first = min((r for r, _ in self.boxes), default=nrows)
        return tuple(
            tuple(self.texts.get((r, c), "") if (r, c) in self.boxes else None for c in range(ncols))
            for r in range(first, nrows)
        )

    def drop_first_row(self) -> None:
        """Remove the first row; a cell that also spans the rows below then starts, empty, in the next."""
        first = min(r for r, _ in self.boxes)
        for (r, c), (x0, _top, x1, bottom) in list(self.boxes.items()):
            if r != first:
                continue
            del self.boxes[(r, c)]
            if r + 1 < len(self.tops) and bottom > self.tops[r + 1] + 0.01:
                self.boxes[(r + 1, c)] = (x0, self.tops[r + 1], x1, bottom)
                self.texts[(r + 1, c)] = ""


# --------------------------------------------------------------------------- pages


@dataclass
class _PageInfo:
    chars: int
    undecodable: int
    has_images: bool
    table_trouble: bool


@dataclass
class _Page:
    items: list[_Item]
    height: float
    info: _PageInfo


def _place(chars: list[_Char], grids: list[_Grid]) -> list[_Char]:
    """Each character put in the cell of the first grid that has a cell under its centre; the
    characters under none, returned.  Written out: a page has thousands of characters."""
    outside: list[_Char] = []
    boxes = [(*grid.bbox, grid.tops, grid.xs, grid.owner, grid.chars) for grid in grids]
    # Characters come in the order they were drawn, so mostly one cell's after another's: where
    # the grids do not overlap (where a point is in one grid at most), the grid position of the
    # character before is tried first.
    apart = all(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                for k, a in enumerate(boxes) for b in boxes[k + 1:])
    left = right = top = bottom = 0.0
    cell: Optional[list[_Char]] = None
    after = bisect.bisect_right
    # Above and below every table (a page's text before and after them): outside, at once.
    highest, lowest = min(box[1] for box in boxes), max(box[3] for box in boxes)
    for ch in chars:
        xmid, ymid = ch[_XMID], ch[_YMID]
        if cell is not None and left <= xmid < right and top <= ymid < bottom:
            cell.append(ch)
            continue
        if not highest <= ymid < lowest:
            outside.append(ch)
            cell = None
            continue
        for x0, y0, x1, y1, tops, xs, owners, placed in boxes:
            if x0 <= xmid < x1 and y0 <= ymid < y1:
                r = after(tops, ymid) - 1
                c = after(xs, xmid) - 1
                owner = owners[r][c] if r >= 0 and c >= 0 else None
                if owner is not None:
                    cell = placed[owner]
                    cell.append(ch)
                    if apart:  # the grid position's bounds (the grid's own at its last row or column)
                        left, top = xs[c], tops[r]
                        right = xs[c + 1] if c + 1 < len(xs) else x1
                        bottom = tops[r + 1] if r + 1 < len(tops) else y1
                    break
        else:
            outside.append(ch)
            cell = None
    return outside


def _layout_page(chars: list[_Char], find_tables: Optional[Callable[[], list[list[Bbox]]]],
                 height: float, has_images: bool) -> _Page:
    """Place a page's characters in its tables (``find_tables`` gives their cells) or in text lines."""
    # Most characters are one letter; an undecodable one is written 「(cid:12)」 (the lengths are
    # looked over first, without a Python step per character: most pages have none).
    undecodable = 0
    if chars and max(map(len, map(_TEXT_OF, chars))) > 5:
        undecodable = sum(1 for ch in chars if len(ch[_TEXT]) > 5 and ch[_TEXT].startswith("(cid:"))
    grids: list[_Grid] = []
    table_trouble = False
    # Table finding only where something is drawn: most text pages have no lines at all.
    if chars and find_tables is not None:
        try:
            grids = [grid for grid in map(_Grid, find_tables()) if grid.is_real_table]
        except Exception:  # odd drawings: read the page as text rather than not at all
            grids, table_trouble = [], True
    outside: list[_Char] = chars
    if grids:
        outside = _place(chars, grids)
    for grid in grids:
        grid.finish()
    items = [_Item(top=line.top, line=line) for line in _build_lines(outside)]
    items.extend(_Item(top=grid.bbox[1], grid=grid) for grid in grids)
    items.sort(key=lambda it: it.top)
    return _Page(items, height, _PageInfo(len(chars), undecodable, has_images, table_trouble))


# --------------------------------------------------------------------------- rows cut by page breaks


def _join_split_row(above: _Grid, below: _Grid) -> bool:
    """Join a table row that a page break cut in two; True if it did.

    ``above`` ends one page and ``below`` starts the next.  The first row of
    ``below`` is the rest of the last row of ``above`` when each of its texts
    continues a text cell of that row whose last line runs to the cell's right
    border (the text was still flowing), none starts with an ordinal (「1.」,
    「（二）」: a row of its own), and it has nothing where that row has numbers.
    """
    if not above.boxes or not below.boxes:
        return False
    if abs(above.bbox[0] - below.bbox[0]) > 4 or abs(above.bbox[2] - below.bbox[2]) > 4:
        return False
    last = above.shape[0] - 1
    first = min(r for r, _ in below.boxes)
    moves: list[tuple[tuple[int, int], str]] = []
    for key, box in below.boxes.items():
        text = below.texts.get(key, "")
        if key[0] != first or not text.strip():
            continue
        col = bisect.bisect_right(above.xs, (box[0] + box[2]) / 2) - 1
        owner = above.owner[last][col] if col >= 0 else None
        if owner is None:
            return False
        head = above.texts.get(owner, "")
        if (not head.strip() or owner not in above.full or _ORDINAL_START.match(text)
                or _NUMBER_LIKE.match(text.strip()) or _NUMBER_LIKE.match(head.strip())):
            return False
        moves.append((owner, text))
    if not moves:
        return False
    for owner, text in moves:
        above.texts[owner] = above.texts[owner] + "\n" + text
    below.drop_first_row()
    return True


def _join_pages(pages: list[list[_Item]]) -> None:
    """Join rows cut by page breaks, where a table ends one page and a table starts the next."""
    for k in range(len(pages) - 1):
        if not pages[k] or not pages[k + 1]:
            continue
        above, below = pages[k][-1].grid, pages[k + 1][0].grid
        if above is None or below is None:
            continue
        if _join_split_row(above, below) and not below.boxes:
            del pages[k + 1][0]
