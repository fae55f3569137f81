"""PDF reports (a text layer is required): text lines and ruled tables, page by page.

For every page, in reading order (top to bottom):

* each table found from ruling lines becomes a :class:`TableBlock` whose grid is
  pdfplumber's: the text of a merged cell at its top-left position, ``None`` in
  the positions the merge covers, ``""`` for an empty cell.  A table that runs
  over several pages gives one block per page (the recognizer joins them); a
  row that a page break cut in two is joined back here;
* each text line outside the tables becomes a :class:`TextBlock` (origin: page,
  and line number on that page).  Where words stand far apart (columns of a
  table laid out without ruling lines) they are joined by two spaces, so the
  columns stay apart.

Page furniture is dropped: page-number lines (「- 1 -」, 「第 3 页」, 「3/6」) and
running headers or footers (the same line at the top or bottom of most pages).

PDFium (through pypdfium2) parses the pages: their characters and what is drawn
on them, taken in the shapes pdfplumber gives them; the tables are found from the
drawn lines by pdfplumber's table finder, and the text of cells and lines is built
here from the characters in one pass.  Files PDFium cannot read (damaged ones,
for pdfminer to say why) or reads oddly are read by pdfplumber (pdfminer
underneath) instead, the same way, several times slower.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from gxcheck.ftypes import Block, LoadedFile, Origin, ReadError, TableBlock, TextBlock
from gxcheck.hookspecs import hookimpl

#: (x0, top, x1, bottom), as pdfplumber measures: ``top`` down from the top of the page.
Bbox = tuple[float, float, float, float]

#: Larger files are refused unread: no annual report comes near this.
MAX_PDF_BYTES = 64 * 1024 * 1024
#: More pages than this is not an annual report (they run to 3–30 pages).
MAX_PDF_PAGES = 200

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

# Page numbers: 「-1-」, 「— 2 —」, 「第 3 页」, 「第3页 共6页」, 「共6页 第3页」, 「3/6」, 「Page 3 of 6」, 「·3·」.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―~～·•]+\s*\d{1,4}\s*[-—–－―~～·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_DIGITS = re.compile(r"\d+")
_WORDY = re.compile(r"[^\W\d_]")
# A row label of its own: 「一、」 「（二）」 「3.」 「第二十条」.
_ORDINAL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]"
    r"|\d{1,2}\s*[、.．]|第\s*[一二三四五六七八九十\d]{1,3})"
)
_NUMBER_LIKE = re.compile(r"^[-+]?[\d０-９][\d０-９.,，．\s]*%?$|^[/／\\\-—–－无]$")

# Running headers and footers sit in this share of the page height at its top or bottom.
_MARGIN = 0.09
# Vertical tolerance when grouping characters into lines, as a share of the font size.
_LINE_TOLERANCE = 0.45
# A horizontal gap wider than this share of the font size is a space …
_SPACE_GAP = 0.22
# … and wider than this, a gap between columns (written as two spaces).
_COLUMN_GAP = 1.0


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    #: Rotated a quarter turn: reads downwards (clockwise) or upwards (anticlockwise).
    rotated: Optional[str] = None

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


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


def _build_lines(chars: Sequence[_Char], columns: bool = True) -> list[_Line]:
    """Group characters into lines, top to bottom; each line's text left to right.

    A gap of a quarter em becomes one space (never between two Chinese
    characters: justified Chinese is spread out); with ``columns``, a gap of an
    em or more becomes two spaces (columns of a table laid out without ruling
    lines).  A character printed twice at the same place (fake bold) is kept once.
    """
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.ymid, c.x0))
    groups: list[list[_Char]] = []
    current: list[_Char] = []
    mid = 0.0
    for ch in ordered:
        if current and abs(ch.ymid - mid) <= _LINE_TOLERANCE * max(ch.size, current[0].size, 1.0):
            current.append(ch)
            continue
        if current:
            groups.append(current)
        current = [ch]
        mid = ch.ymid
    groups.append(current)

    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda c: c.x0)
        parts: list[str] = []
        prev: Optional[_Char] = None
        for ch in group:
            if prev is not None:
                if ch.text == prev.text and abs(ch.x0 - prev.x0) < 1.0 and abs(ch.top - prev.top) < 1.0:
                    continue  # the same glyph again: fake bold or a duplicated layer
                gap = ch.x0 - prev.x1
                size = max(min(ch.size, prev.size), 1.0)
                if columns and gap >= _COLUMN_GAP * size:
                    parts.append("  ")
                elif gap >= _SPACE_GAP * size and not (_is_wide(ch.text) and _is_wide(prev.text)):
                    parts.append(" ")
            parts.append(ch.text)
            prev = ch
        text = "".join(parts).strip()
        if text:
            lines.append(_Line(text, min(c.top for c in group), max(c.bottom for c in group),
                               x1=max(c.x1 for c in group), size=max(c.size for c in group)))
    return lines


def _rotated_text(chars: Sequence[_Char]) -> str:
    """Text turned a quarter (table headers set vertically): columns of characters.

    Upward text reads bottom to top, its lines following left to right; downward
    text reads top to bottom, its lines following right to left.
    """
    up = sum(1 for c in chars if c.rotated == "up") * 2 > len(chars)
    ordered = sorted(chars, key=lambda c: c.xmid, reverse=not up)
    columns: list[list[_Char]] = []
    for ch in ordered:
        if columns and abs(ch.xmid - columns[-1][0].xmid) <= _LINE_TOLERANCE * max(ch.size, 1.0):
            columns[-1].append(ch)
        else:
            columns.append([ch])
    lines = []
    for column in columns:
        column.sort(key=lambda c: c.ymid, reverse=up)
        lines.append("".join(c.text for c in column))
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
        for x0, top, x1, bottom in cells:
            r, c = row_of[top], col_of[x0]
            self.boxes[(r, c)] = (x0, top, x1, bottom)
            r_end = max(bisect.bisect_left(self.tops, bottom - 0.01), r + 1)
            c_end = max(bisect.bisect_left(self.xs, x1 - 0.01), c + 1)
            for rr in range(r, r_end):
                row = self.owner[rr]
                for cc in range(c, c_end):
                    if row[cc] is None:
                        row[cc] = (r, c)
        self.chars: dict[tuple[int, int], list[_Char]] = defaultdict(list)
        self.texts: dict[tuple[int, int], str] = {}
        #: Cells whose last line runs to the right border: their text may go on.
        self.full: set[tuple[int, int]] = set()

    @property
    def is_real_table(self) -> bool:
        """A box drawn around a paragraph is found as a one-column table: that is text."""
        return len({c for (_, c) in self.boxes}) >= 2

    def add(self, ch: _Char) -> bool:
        """Put a character in the cell under its centre; False if no cell of this table is there."""
        x0, top, x1, bottom = self.bbox
        if not (x0 <= ch.xmid < x1 and top <= ch.ymid < bottom):
            return False
        r = bisect.bisect_right(self.tops, ch.ymid) - 1
        c = bisect.bisect_right(self.xs, ch.xmid) - 1
        owner = self.owner[r][c] if r >= 0 and c >= 0 else None
        if owner is None:
            return False
        self.chars[owner].append(ch)
        return True

    def finish(self) -> None:
        """Build each cell's text from its characters, its lines joined by "\\n"."""
        for key, box in self.boxes.items():
            chars = self.chars.get(key, ())
            if chars and all(c.rotated for c in chars):
                self.texts[key] = _rotated_text(chars)
                continue
            lines = _build_lines(chars, columns=False)
            self.texts[key] = "\n".join(line.text for line in lines)
            if lines and box[2] - lines[-1].x1 < 1.5 * lines[-1].size + 6:
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
        for (r, c), (x0, top, x1, bottom) in list(self.boxes.items()):
            if r != first:
                continue
            del self.boxes[(r, c)]
            if r + 1 < len(self.tops) and bottom > self.tops[r + 1] + 0.01:
                self.boxes[(r + 1, c)] = (x0, self.tops[r + 1], x1, bottom)
                self.texts[(r + 1, c)] = ""


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


# --------------------------------------------------------------------------- furniture


def _furniture_key(text: str) -> Optional[str]:
    """The form in which running headers/footers are compared (digits ignored)."""
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not flat or len(flat) > 60 or not _WORDY.search(flat):
        return None
    return _DIGITS.sub("#", flat)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text).strip()))


def _edge_lines(items: list[_Item], k: int) -> list[_Item]:
    lines = [it for it in items if it.line is not None]
    return lines[:k] + lines[k:][-k:]


def _drop_furniture(pages: list[list[_Item]], heights: list[float]) -> None:
    """Remove page numbers and running headers/footers from the pages' items, in place."""
    for items, height in zip(pages, heights):
        edge = {id(it) for it in _edge_lines(items, 1)}
        keep = []
        for it in items:
            if it.line is not None:
                text = it.line.text
                if _is_page_number(text):
                    continue
                # A bare number first or last on the page, in its margin.
                in_margin = it.line.top < 0.12 * height or it.line.bottom > 0.88 * height
                if id(it) in edge and in_margin and _BARE_NUMBER.match(text):
                    continue
            keep.append(it)
        items[:] = keep
    # Running headers/footers: the same short line (digits aside), among the first or
    # last two lines of most pages, in the top or bottom margin, always at the same height.
    if len(pages) < 2:
        return

    def candidates(items: list[_Item], height: float) -> list[_Item]:
        return [it for it in _edge_lines(items, 2)
                if it.line.top < _MARGIN * height or it.line.bottom > (1 - _MARGIN) * height]

    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, (items, height) in enumerate(zip(pages, heights)):
        for it in candidates(items, height):
            key = _furniture_key(it.line.text)
            if key is not None:
                seen[key].append((p, it.top))
    need = max(2, math.ceil(0.6 * len(pages)))
    running = set()
    for key, where in seen.items():
        tops = [t for _, t in where]
        if len({p for p, _ in where}) >= need and max(tops) - min(tops) <= 6:
            running.add(key)
    if not running:
        return
    for items, height in zip(pages, heights):
        drop = {id(it) for it in candidates(items, height) if _furniture_key(it.line.text) in running}
        items[:] = [it for it in items if id(it) not in drop]


# --------------------------------------------------------------------------- reading: both parsers


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


_LOCKED = "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"
_ODD_ENCRYPTION = "PDF 已加密，且加密方式无法处理，无法读取；请提供未加密的文件"


def _check_page_count(count: int) -> None:
    if count == 0:
        raise ReadError("PDF 文件中没有页面", code="E001")
    if count > MAX_PDF_PAGES:
        raise ReadError(f"PDF 有 {count} 页，超过 {MAX_PDF_PAGES} 页的上限，不像年度报告，未读取", code="E001")


def _layout_page(chars: list[_Char], find_tables: Optional[Callable[[], list[list[Bbox]]]],
                 height: float, has_images: bool) -> _Page:
    """Place a page's characters in its tables (``find_tables`` gives their cells) or in text lines."""
    undecodable = sum(1 for ch in chars if ch.text.startswith("(cid:"))
    grids: list[_Grid] = []
    table_trouble = False
    # Table finding only where something is drawn: most text pages have no lines at all.
    if chars and find_tables is not None:
        try:
            grids = [grid for grid in map(_Grid, find_tables()) if grid.is_real_table]
        except Exception:  # odd drawings: read the page as text rather than not at all
            grids, table_trouble = [], True
    outside: list[_Char] = []
    for ch in chars:
        if not any(grid.add(ch) for grid in grids):
            outside.append(ch)
    for grid in grids:
        grid.finish()
    items = [_Item(top=line.top, line=line) for line in _build_lines(outside)]
    items.extend(_Item(top=grid.bbox[1], grid=grid) for grid in grids)
    items.sort(key=lambda it: it.top)
    return _Page(items, height, _PageInfo(len(chars), undecodable, has_images, table_trouble))


# --------------------------------------------------------------------------- reading: pdfium

# Characters and drawings come from PDFium: it interprets a page many times faster
# than pdfminer.  What is taken from it is shaped as pdfplumber shapes pdfminer's
# output (the same character boxes, the same edges from lines, rectangles and
# curves, the same coordinates), and the tables are found from those edges by
# pdfplumber's own functions, so both parsers read a file alike.  One known
# difference: where a font's descriptor gives no /Descent, pdfminer takes it as 0
# and PDFium takes the font program's, so such characters sit up to ~0.2 em lower.


class _UsePdfplumber(Exception):
    """This file is better read by pdfplumber (PDFium failed on it, or saw no text where there is some)."""


class _Pdfium:
    """pypdfium2, and the raw PDFium functions this loader calls, bound once to take and give
    plain addresses: no pointer-type checks per call, and handles that can be dictionary keys."""

    _FUNCTIONS = {
        # the text page, character by character
        "count_chars": "FPDFText_CountChars", "unicode": "FPDFText_GetUnicode",
        "map_error": "FPDFText_HasUnicodeMapError", "text_object": "FPDFText_GetTextObject",
        "loose_box": "FPDFText_GetLooseCharBox", "origin": "FPDFText_GetCharOrigin",
        "char_matrix": "FPDFText_GetMatrix", "font_size": "FPDFText_GetFontSize",
        "font": "FPDFTextObj_GetFont", "descent": "FPDFFont_GetDescent",
        # the page's objects, and the segments of paths
        "count_objects": "FPDFPage_CountObjects", "page_object": "FPDFPage_GetObject",
        "count_form_objects": "FPDFFormObj_CountObjects", "form_object": "FPDFFormObj_GetObject",
        "object_type": "FPDFPageObj_GetType", "object_matrix": "FPDFPageObj_GetMatrix",
        "draw_mode": "FPDFPath_GetDrawMode", "count_segments": "FPDFPath_CountSegments",
        "segment": "FPDFPath_GetPathSegment", "segment_point": "FPDFPathSegment_GetPoint",
        "segment_type": "FPDFPathSegment_GetType", "segment_close": "FPDFPathSegment_GetClose",
    }

    def __init__(self) -> None:
        import ctypes

        import pypdfium2
        import pypdfium2.raw as raw

        self.ctypes, self.pdfium, self.raw = ctypes, pypdfium2, raw

        def plain(t: Any) -> Any:
            return ctypes.c_void_p if isinstance(t, type) and issubclass(t, ctypes._Pointer) else t

        for attr, name in self._FUNCTIONS.items():
            fn = getattr(raw, name)
            bound = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)  # same function, same calling convention
            bound.argtypes = tuple(map(plain, fn.argtypes))
            bound.restype = plain(fn.restype)
            setattr(self, attr, bound)

    def address(self, handle: Any) -> int:
        return self.ctypes.cast(handle, self.ctypes.c_void_p).value or 0


_PDFIUM: Optional[_Pdfium] = None


def _pdfium() -> _Pdfium:
    global _PDFIUM
    if _PDFIUM is None:
        _PDFIUM = _Pdfium()
    return _PDFIUM


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as pdfminer's mult_matrix)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


class _Geometry:
    """Where pdfplumber puts a point of a page: pdfminer's page matrix (MediaBox origin,
    /Rotate), then pdfplumber's flip (``top`` measured down from the top)."""

    def __init__(self, mediabox: Bbox, rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        self.ctm: Matrix = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                            270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        if rotation in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        self.height = ny1 - ny0
        self.dx, self.dy = nx0, ny0


def _pdfium_chars(api: _Pdfium, tp: int, geo: _Geometry) -> list[_Char]:
    """The characters of a text page as pdfplumber gives them: the box pdfminer draws (the
    advance wide, the font size high from the descent below the baseline), ``size`` its
    height; quarter-turned ones marked.  PDFium's own spaces and line breaks are left out."""
    ctypes = api.ctypes
    box, ox, oy = api.raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    matrix, value = api.raw.FS_MATRIX(), ctypes.c_float()
    box_p, ox_p, oy_p = ctypes.addressof(box), ctypes.addressof(ox), ctypes.addressof(oy)
    matrix_p, value_p = ctypes.addressof(matrix), ctypes.addressof(value)
    unicode, text_object, map_error = api.unicode, api.text_object, api.map_error
    loose_box, origin, char_matrix, font_size = api.loose_box, api.origin, api.char_matrix, api.font_size
    font_of, descent_of = api.font, api.descent
    a0, b0, c0, d0, e0, f0 = geo.ctm
    turned_page = (a0, b0, c0, d0) != (1, 0, 0, 1)
    height, dx, dy = geo.height, geo.dx, geo.dy
    count = api.count_chars(tp)
    # Per text object (one per character in many files): the matrix it is set with (text
    # matrix and CTM, then the page's), its font size and descent, and which way it reads.
    objects: dict[int, tuple[float, float, float, float, float, float, float, bool, Optional[str]]] = {}
    descents: dict[int, float] = {}  # per font: its descent for a size of 1000 (pdfminer's units)
    out: list[_Char] = []
    i = 0
    while i < count:
        index, i = i, i + 1
        code = unicode(tp, index)
        obj = text_object(tp, index)
        if not obj:  # put in by PDFium: a space or line break it inferred
            continue
        if map_error(tp, index):
            text = f"(cid:{code})"  # as pdfminer writes a character it cannot decode
        elif 0xD800 <= code < 0xDC00 and i < count and 0xDC00 <= unicode(tp, i) < 0xE000:
            # Outside the BMP, given as two UTF-16 halves (where wchar_t is 16 bits).
            text = chr(0x10000 + ((code - 0xD800) << 10) + (unicode(tp, i) - 0xDC00))
            i += 1
        else:
            text = chr(code) if code and not 0xD800 <= code < 0xE000 else "\ufffd"
            if text.isspace():
                continue
        known = objects.get(obj)
        if known is None:
            char_matrix(tp, index, matrix_p)
            ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
            a, b, c, d = ma, mb, mc, md
            if turned_page:
                a, b, c, d = a * a0 + b * c0, a * b0 + b * d0, c * a0 + d * c0, c * b0 + d * d0
            size = font_size(tp, index)
            font = font_of(obj) or 0
            unit = descents.get(font)
            if unit is None:
                unit = descents[font] = value.value if font and descent_of(font, 1000.0, value_p) else 0.0
            desc = -abs(unit) * size / 1000
            rotated = None
            if not (a * d > 0 and b * c <= 0):
                rotated = "up" if b > 0 else "down"
            # The advance runs along the matrix's first row: measure it where that row is longest.
            horizontal = abs(ma) >= abs(mb)
            known = objects[obj] = (a, b, c, d, size, desc, abs(ma) if horizontal else abs(mb), horizontal, rotated)
        a, b, c, d, size, desc, scale, horizontal, rotated = known
        loose_box(tp, index, box_p)
        origin(tp, index, ox_p, oy_p)
        adv = ((box.right - box.left) if horizontal else (box.top - box.bottom)) / scale if scale else 0.0
        x, y = ox.value, oy.value
        px, py = a0 * x + c0 * y + e0, b0 * x + d0 * y + f0  # the origin on pdfminer's page
        lx, ly = px + c * desc, py + d * desc
        ux, uy = px + a * adv + c * (desc + size), py + b * adv + d * (desc + size)
        if ux < lx:
            lx, ux = ux, lx
        if uy < ly:
            ly, uy = uy, ly
        out.append(_Char(text, lx + dx, ux + dx, height - uy - dy, height - ly - dy, (uy - ly) or size or 10.0,
                         rotated))
    return out


_SEGMENT = {0: "l", 1: "c", 2: "m"}  # FPDF_SEGMENT_LINETO, _BEZIERTO, _MOVETO


class _Drawing:
    """What is drawn on a page, walked once (into form XObjects too): pdfplumber's edges of its
    lines, rectangles and curves, and whether it has images or text objects."""

    def __init__(self, api: _Pdfium, page: int, geo: _Geometry) -> None:
        self.api, self.geo = api, geo
        self.lines: list[dict[str, Any]] = []
        self.rect_edges: list[dict[str, Any]] = []
        self.curve_edges: list[dict[str, Any]] = []
        self.has_images = self.has_text = self.has_paths = False
        ctypes = api.ctypes
        self._matrix, self._x, self._y = api.raw.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._walk([api.page_object(page, k) for k in range(api.count_objects(page))], geo.ctm, 0)

    @property
    def edges(self) -> list[dict[str, Any]]:
        return self.lines + self.rect_edges + self.curve_edges

    def _walk(self, objects: list[Optional[int]], ctm: Matrix, depth: int) -> None:
        api, raw = self.api, self.api.raw
        for obj in objects:
            if not obj:
                continue
            kind = api.object_type(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                self.has_text = True
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.has_images = True
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                self._path(obj, ctm)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 15:
                inner = [api.form_object(obj, k) for k in range(max(api.count_form_objects(obj), 0))]
                self._walk(inner, _mult(self._object_matrix(obj), ctm), depth + 1)

    def _object_matrix(self, obj: int) -> Matrix:
        m = self._matrix
        if not self.api.object_matrix(obj, self.api.ctypes.addressof(m)):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj: int, ctm: Matrix) -> None:
        api, addressof = self.api, self.api.ctypes.addressof
        if api.draw_mode(obj, addressof(self._fill), addressof(self._stroke)):
            if not self._fill.value and not self._stroke.value:
                return  # neither filled nor stroked (a clipping path): pdfminer does not see it
        a, b, c, d, e, f = _mult(self._object_matrix(obj), ctm)
        x, y = self._x, self._y
        x_p, y_p = addressof(x), addressof(y)
        ops: list[str] = []
        pts: list[tuple[float, float]] = []
        bezier = 0
        for k in range(api.count_segments(obj)):
            segment = api.segment(obj, k)
            if not segment or not api.segment_point(segment, x_p, y_p):
                continue
            op = _SEGMENT.get(api.segment_type(segment))
            if op is None:
                continue
            if op == "m":
                self._subpath(ops, pts)
                ops, pts, bezier = [], [], 0
            elif op == "c":
                bezier += 1  # PDFium keeps the three points of a curve as three segments
                if bezier % 3:
                    continue
            ops.append(op)
            pts.append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
            if api.segment_close(segment):
                ops.append("h")
                pts.append(pts[0])
        self._subpath(ops, pts)

    def _subpath(self, ops: list[str], pts: list[tuple[float, float]]) -> None:
        """One subpath, as pdfminer classes it: a line, a rectangle, or a curve (pdfminer's paint_path)."""
        shape = "".join(ops)
        if not shape.startswith("m") or len(shape) < 2:
            return
        self.has_paths = True
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-2] + pts[-1:]
        height, dx, dy = self.geo.height, self.geo.dx, self.geo.dy
        if shape in ("ml", "mlh"):
            (xa, ya), (xb, yb) = pts[0], pts[1]
            x0, x1 = min(xa, xb), max(xa, xb)
            y0, y1 = min(ya, yb), max(ya, yb)
            top, bottom = height - y1 - dy, height - y0 - dy
            self.lines.append({"object_type": "line", "x0": x0 + dx, "x1": x1 + dx, "top": top, "bottom": bottom,
                               "doctop": top, "width": x1 - x0, "height": y1 - y0,
                               "orientation": "h" if top == bottom else "v"})
            return
        if shape in ("mlllh", "mllll"):
            (xa, ya), (xb, yb), (xc, yc), (xd, yd), _ = pts
            if pts[0] == pts[4] and ((xa == xb and yb == yc and xc == xd and yd == ya)
                                     or (ya == yb and xb == xc and yc == yd and xd == xa)):
                x0, x1 = min(xa, xc), max(xa, xc)
                y0, y1 = min(ya, yc), max(ya, yc)
                top, h, w = height - y1 - dy, y1 - y0, x1 - x0
                x0, x1 = x0 + dx, x1 + dx
                common = {"object_type": "rect_edge", "x0": x0, "x1": x1, "top": top, "bottom": height - y0 - dy,
                          "doctop": top, "width": w, "height": h}
                self.rect_edges += [
                    {**common, "bottom": top, "height": 0, "orientation": "h"},
                    {**common, "top": top + h, "doctop": top + h, "orientation": "h", "height": 0},
                    {**common, "x1": x0, "width": 0, "orientation": "v"},
                    {**common, "x0": x1, "width": 0, "orientation": "v"},
                ]
                return
        flipped = [(px + dx, height - dy - py) for px, py in pts]
        for (xa, ya), (xb, yb) in zip(flipped, flipped[1:]):
            top = min(ya, yb)
            self.curve_edges.append({"object_type": "curve_edge", "x0": min(xa, xb), "x1": max(xa, xb), "top": top,
                                     "bottom": max(ya, yb), "doctop": top, "width": abs(xa - xb),
                                     "height": abs(ya - yb),
                                     "orientation": "v" if xa == xb else ("h" if ya == yb else None)})


def _tables_from_edges(edges: list[dict[str, Any]]) -> list[list[Bbox]]:
    """The cells of each table, by pdfplumber's table finder (strategy "lines") on these edges."""
    from pdfplumber import table as ptable
    from pdfplumber.utils import filter_edges

    s = ptable.TableSettings.resolve(TABLE_SETTINGS)
    found = (filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
             + filter_edges(edges, "h", min_length=s.edge_min_length_prefilter))
    found = ptable.merge_edges(found, snap_x_tolerance=s.snap_x_tolerance, snap_y_tolerance=s.snap_y_tolerance,
                               join_x_tolerance=s.join_x_tolerance, join_y_tolerance=s.join_y_tolerance)
    found = filter_edges(found, min_length=s.edge_min_length)
    points = ptable.edges_to_intersections(found, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return ptable.cells_to_tables(ptable.intersections_to_cells(points))


def _read_with_pdfium(data: bytes) -> list[_Page]:
    api = _pdfium()
    try:
        pdf = api.pdfium.PdfDocument(data)
    except api.pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == api.raw.FPDF_ERR_PASSWORD:
            raise ReadError(_LOCKED, code="E001") from None
        if code == api.raw.FPDF_ERR_SECURITY:
            raise ReadError(_ODD_ENCRYPTION, code="E001") from None
        raise _UsePdfplumber from exc  # damaged: pdfminer may still read it, or says why it cannot
    try:
        count = len(pdf)
        _check_page_count(count)
        pages = []
        for index in range(count):
            page = pdf[index]
            try:
                box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
                geo = _Geometry(box, page.get_rotation())
                textpage = page.get_textpage()
                try:
                    tp = api.address(textpage.raw)
                    total = api.count_chars(tp)
                    chars = _pdfium_chars(api, tp, geo)
                finally:
                    textpage.close()
                drawing = _Drawing(api, api.address(page.raw), geo)
            finally:
                page.close()
            if total <= 0 and drawing.has_text:
                raise _UsePdfplumber(f"page {index + 1}: text objects but no characters")
            find = (lambda edges=drawing.edges: _tables_from_edges(edges)) if drawing.has_paths else None
            pages.append(_layout_page(chars, find, geo.height, drawing.has_images))
        return pages
    finally:
        pdf.close()


# --------------------------------------------------------------------------- reading: pdfplumber


def _chars_of(page: Any) -> list[_Char]:
    out = []
    for c in page.chars:
        text = c.get("text") or ""
        if not text or text.isspace():
            continue
        rotated = None
        if not c.get("upright", True):
            b = (c.get("matrix") or (1, 0, 0, 1))[1]
            rotated = "up" if b > 0 else "down"
        out.append(_Char(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                         float(c.get("size") or (c["bottom"] - c["top"]) or 10.0), rotated))
    return out


def _unreadable(exc: BaseException) -> ReadError:
    # pdfplumber wraps pdfminer's exception in its own PdfminerException: look inside.
    seen = 0
    while exc.args and isinstance(exc.args[0], BaseException) and seen < 5:
        exc, seen = exc.args[0], seen + 1
    name = type(exc).__name__
    said = f"{name} {exc}".lower()
    if "password" in said:
        return ReadError(_LOCKED, code="E001")
    if "crypt" in said:
        return ReadError(_ODD_ENCRYPTION, code="E001")
    detail = str(exc).strip()[:120]
    return ReadError(f"PDF 文件已损坏或不完整，无法读取（{name}{': ' + detail if detail else ''}）", code="E001")


def _read_with_pdfplumber(path: Path) -> list[_Page]:
    """The slow way, kept for the files PDFium cannot read: pdfplumber parses and finds the tables."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            _check_page_count(len(pdf.pages))
            pages = []
            for page in pdf.pages:
                objects = page.objects
                drawn = bool(objects.get("line") or objects.get("rect") or objects.get("curve"))
                find = (lambda p=page: [t.cells for t in p.find_tables(TABLE_SETTINGS)]) if drawn else None
                pages.append(_layout_page(_chars_of(page), find, float(page.height), bool(objects.get("image"))))
                page.close()  # free the page's parsed objects
            return pages
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, …
        raise _unreadable(exc) from None


# --------------------------------------------------------------------------- reading


def read_pdf(path: Path) -> LoadedFile:
    """Blocks of the PDF at ``path``; raises :class:`ReadError` when it cannot be read."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ReadError(f"PDF 文件有 {size / (1024 * 1024):.0f} MB，超过 {MAX_PDF_BYTES // (1024 * 1024)} MB 的上限，"
                        "不像年度报告，未读取", code="E001")
    try:
        read = _read_with_pdfium(path.read_bytes())
    except ReadError:
        raise
    except Exception:  # _UsePdfplumber, or PDFium failing in a way not foreseen: the slow way
        read = _read_with_pdfplumber(path)

    pages = [page.items for page in read]
    heights = [page.height for page in read]
    total_chars = sum(page.info.chars for page in read)
    undecodable = sum(page.info.undecodable for page in read)
    image_pages = [n for n, page in enumerate(read, start=1) if not page.info.chars and page.info.has_images]
    trouble_pages = [n for n, page in enumerate(read, start=1) if page.info.table_trouble]

    if total_chars == 0:
        if image_pages:
            raise ReadError("PDF 没有文字层，可能是扫描件（页面只是图片），无法读取文字；"
                            "请提供带文字层的 PDF 或原始 Word 文档", code="E002")
        raise ReadError("PDF 没有文字层：文件中没有任何文字", code="E002")
    if undecodable > 0.5 * total_chars:
        raise ReadError("PDF 的文字无法解码（字体缺少编码表，提取出来是乱码），无法读取；"
                        "请提供原始 Word 文档或重新导出的 PDF", code="E002")

    _drop_furniture(pages, heights)
    _join_pages(pages)

    notes: list[str] = []
    if image_pages:
        notes.append(f"第 {'、'.join(map(str, image_pages))} 页没有文字层（可能是扫描图片），其内容未读取")
    if trouble_pages:
        notes.append(f"第 {'、'.join(map(str, trouble_pages))} 页的表格线无法解析，这些页按文字行读取")
    if undecodable:
        notes.append(f"有 {undecodable} 个字符无法解码（字体缺少编码表），显示为 (cid:…)")

    blocks: list[Block] = []
    for number, items in enumerate(pages, start=1):
        line_no = 0
        for it in items:
            if it.line is not None:
                line_no += 1
                blocks.append(TextBlock(text=it.line.text, origin=Origin(page=number, line=line_no)))
            elif it.grid is not None:
                rows = it.grid.rows()
                if rows:
                    blocks.append(TableBlock(rows=rows, origin=Origin(page=number)))
    return LoadedFile(format="pdf", blocks=tuple(blocks), notes=tuple(notes))


@hookimpl
def gxcheck_load(path: Path, format: str) -> Optional[LoadedFile]:
    if format != "pdf":
        return None
    return read_pdf(path)
