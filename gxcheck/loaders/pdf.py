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

pdfplumber (pdfminer underneath) parses the pages and finds the tables; the text
of cells and lines is built here from the characters in one pass, which is much
cheaper than asking pdfplumber for the text of every cell.  Parsing the content
streams is nearly all of the time this loader takes.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from gxcheck.ftypes import Block, LoadedFile, Origin, ReadError, TableBlock, TextBlock
from gxcheck.hookspecs import hookimpl

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


@dataclass
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

    def __init__(self, table: Any) -> None:
        self.bbox: tuple[float, float, float, float] = table.bbox
        cells = table.cells
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


# --------------------------------------------------------------------------- reading


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


@dataclass
class _PageInfo:
    chars: int
    undecodable: int
    has_images: bool
    table_trouble: bool


def _read_page(page: Any) -> tuple[list[_Item], _PageInfo]:
    """Items of one page, and what else was learnt about it."""
    chars = _chars_of(page)
    objects = page.objects
    has_images = bool(objects.get("image"))
    undecodable = sum(1 for ch in chars if ch.text.startswith("(cid:"))
    grids: list[_Grid] = []
    # Table finding only where something is drawn: most text pages have no lines at all.
    table_trouble = False
    if chars and (objects.get("line") or objects.get("rect") or objects.get("curve")):
        try:
            for table in page.find_tables(TABLE_SETTINGS):
                grid = _Grid(table)
                if grid.is_real_table:
                    grids.append(grid)
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
    return items, _PageInfo(len(chars), undecodable, has_images, table_trouble)


def _unreadable(exc: BaseException) -> ReadError:
    # pdfplumber wraps pdfminer's exception in its own PdfminerException: look inside.
    seen = 0
    while exc.args and isinstance(exc.args[0], BaseException) and seen < 5:
        exc, seen = exc.args[0], seen + 1
    name = type(exc).__name__
    said = f"{name} {exc}".lower()
    if "password" in said:
        return ReadError("PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件", code="E001")
    if "crypt" in said:
        return ReadError("PDF 已加密，且加密方式无法处理，无法读取；请提供未加密的文件", code="E001")
    detail = str(exc).strip()[:120]
    return ReadError(f"PDF 文件已损坏或不完整，无法读取（{name}{': ' + detail if detail else ''}）", code="E001")


def read_pdf(path: Path) -> LoadedFile:
    """Blocks of the PDF at ``path``; raises :class:`ReadError` when it cannot be read."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ReadError(f"PDF 文件有 {size / (1024 * 1024):.0f} MB，超过 {MAX_PDF_BYTES // (1024 * 1024)} MB 的上限，"
                        "不像年度报告，未读取", code="E001")
    import pdfplumber  # here, not at the top: only a run that meets a PDF pays for the import

    pages: list[list[_Item]] = []
    heights: list[float] = []
    total_chars = undecodable = 0
    image_pages: list[int] = []
    trouble_pages: list[int] = []
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise ReadError("PDF 文件中没有页面", code="E001")
            if count > MAX_PDF_PAGES:
                raise ReadError(f"PDF 有 {count} 页，超过 {MAX_PDF_PAGES} 页的上限，不像年度报告，未读取",
                                code="E001")
            for number, page in enumerate(pdf.pages, start=1):
                heights.append(float(page.height))
                items, info = _read_page(page)
                page.close()  # free the page's parsed objects
                pages.append(items)
                total_chars += info.chars
                undecodable += info.undecodable
                if not info.chars and info.has_images:
                    image_pages.append(number)
                if info.table_trouble:
                    trouble_pages.append(number)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, …
        raise _unreadable(exc) from None

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
