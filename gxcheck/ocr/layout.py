"""From OCR words back to blocks: text lines, and table grids rebuilt from ruling lines.

The grid of a table comes from the lines drawn on the image, found with OpenCV's
morphology (a long thin kernel keeps only long straight strokes), not from the
order of the recognised words: an isolated 「0」 the engine missed leaves its cell
empty instead of shifting every cell after it.  Each word is put in the cell that
holds its centre.  Where the line between two neighbouring cells is not drawn,
the two are one merged cell, written as every other loader writes it: the text at
the top-left position, ``None`` in the positions the merge covers.

A word the engine is unsure of (score below :data:`MIN_DIGIT_SCORE`) that holds a
digit is not put in the grid as a number: it becomes :data:`UNSURE`, which the
recognizer reads as a cell it cannot read (never as a blank, never as a guess).
Each position of the grid keeps the engine's confidence in its text (the lowest
score of its words, ``TableBlock.confidence``): it becomes the cell's ``confidence``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from gxcheck.ftypes import UNREAD_OCR_TEXT, Block, OcrWord, Origin, TableBlock, TextBlock
from gxcheck.startup import compiled_on_use

#: Below this confidence a word with a digit is not trusted as a number.
MIN_DIGIT_SCORE = 0.8
#: Outside tables, words below this are noise the engine saw in a picture (a stamp, a photo).
MIN_TEXT_SCORE = 0.7
#: What an untrusted number is written as in the grid (an invalid cell, not a blank).
UNSURE = UNREAD_OCR_TEXT
#: A table region must be at least this share of the page width (drop underlines, boxes).
_MIN_TABLE_WIDTH = 0.3
#: A ruling line is a stroke at least this share of its table's width (or height).
_MIN_LINE_SHARE = 0.15
#: Share of a cell border's pixels that must be drawn for two cells to be apart.
_DRAWN = 0.6


def available() -> bool:
    """Whether the grids can be rebuilt here: OpenCV comes with the ``gxcheck[ocr]`` extra."""
    import importlib.util

    return importlib.util.find_spec("cv2") is not None


@dataclass
class _Region:
    x0: int
    y0: int
    x1: int
    y1: int
    xs: list[int]
    ys: list[int]


def _masks(image: Any) -> tuple[Any, Any]:
    """Horizontal and vertical strokes of the page, as two binary images."""
    import cv2
    import numpy

    gray = cv2.cvtColor(numpy.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY)
    # Adaptive: a greyish or unevenly lit scan has no single threshold.
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    height, width = ink.shape
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // 40), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, height // 60))))
    # A scan rotated by a degree breaks long strokes into steps: close the small gaps.
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horizontal, vertical


def straighten(image: Any) -> Any:
    """The page turned so that its long ruling lines are level (a scan is often a degree off).

    The angle is the median slope of the page's long horizontal strokes; a page without
    any is returned as it is."""
    import cv2
    import numpy

    horizontal, _ = _masks(image)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < _MIN_TABLE_WIDTH * horizontal.shape[1] or h > w * 0.05 + 12:
            continue
        ys, xs = numpy.nonzero(labels[y:y + h, x:x + w] == label)
        slope = numpy.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(numpy.degrees(numpy.arctan(slope))))
    if not angles:
        return image
    angle = float(numpy.median(angles))
    if abs(angle) < 0.05 or abs(angle) > 3:
        return image
    return image.rotate(angle, resample=3, expand=False, fillcolor="white")  # 3: bicubic


def _positions(profile: Any, minimum: float) -> list[int]:
    """Centres of the runs of ``profile`` at or above ``minimum`` (one per drawn line)."""
    out: list[int] = []
    start: Optional[int] = None
    for index, value in enumerate(list(profile) + [0]):
        if value >= minimum and start is None:
            start = index
        elif value < minimum and start is not None:
            out.append((start + index - 1) // 2)
            start = None
    return out


def _regions(horizontal: Any, vertical: Any) -> list[_Region]:
    import cv2

    grid = cv2.bitwise_or(horizontal, vertical)
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid)
    page_width = grid.shape[1]
    regions = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < _MIN_TABLE_WIDTH * page_width or h < 20:
            continue
        hs = horizontal[y:y + h, x:x + w] > 0
        vs = vertical[y:y + h, x:x + w] > 0
        ys = [y + p for p in _positions(hs.sum(axis=1), _MIN_LINE_SHARE * w)]
        xs = [x + p for p in _positions(vs.sum(axis=0), _MIN_LINE_SHARE * h)]
        if len(xs) >= 2 and len(ys) >= 2:
            regions.append(_Region(x, y, x + w, y + h, xs, ys))
    return sorted(regions, key=lambda r: r.y0)


def _drawn(mask: Any, x0: int, y0: int, x1: int, y1: int) -> bool:
    segment = mask[max(0, y0):y1 + 1, max(0, x0):x1 + 1]
    if segment.size == 0:
        return False
    along = segment.max(axis=0) if segment.shape[0] < segment.shape[1] else segment.max(axis=1)
    return float((along > 0).mean()) >= _DRAWN


def _cell_text(words: list[OcrWord]) -> str:
    if not words:
        return ""
    if len(words) == 1 and any(ch.isdigit() for ch in words[0].text) and words[0].score < MIN_DIGIT_SCORE:
        return UNSURE
    # A cell's lines top to bottom, each left to right, joined as the cell's text.
    return "".join(text.replace("  ", "") for _, text in _lines(words))


Scores = list[list[Optional[float]]]


def _cell_score(words: list[OcrWord]) -> Optional[float]:
    return round(min(w.score for w in words), 3) if words else None


def _grid(region: _Region, words: list[OcrWord], horizontal: Any,
          vertical: Any) -> tuple[list[list[Optional[str]]], Scores]:
    """The text of each position of the region's grid, and the engine's confidence in it."""
    xs, ys = region.xs, region.ys
    rows, cols = len(ys) - 1, len(xs) - 1
    inside: dict[tuple[int, int], list[OcrWord]] = {}
    for word in words:
        r = next((i for i in range(rows) if ys[i] <= word.cy < ys[i + 1]), None)
        c = next((j for j in range(cols) if xs[j] <= word.cx < xs[j + 1]), None)
        if r is not None and c is not None:
            inside.setdefault((r, c), []).append(word)
    # Union the cells whose shared border is not drawn.
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        for c in range(cols):
            pad = 4
            if c + 1 < cols and not _drawn(vertical, xs[c + 1] - pad, ys[r] + pad, xs[c + 1] + pad, ys[r + 1] - pad):
                join((r, c), (r, c + 1))
            if r + 1 < rows and not _drawn(horizontal, xs[c] + pad, ys[r + 1] - pad, xs[c + 1] - pad, ys[r + 1] + pad):
                join((r, c), (r + 1, c))
    members: dict[tuple[int, int], list[OcrWord]] = {}
    for cell, found in inside.items():
        members.setdefault(find(cell), []).extend(found)
    out: list[list[Optional[str]]] = []
    scores: Scores = []
    for r in range(rows):
        owners = [find((r, c)) == (r, c) for c in range(cols)]
        out.append([_cell_text(members.get((r, c), [])) if owners[c] else None for c in range(cols)])
        scores.append([_cell_score(members.get((r, c), [])) if owners[c] else None for c in range(cols)])
    return out, scores


def _lines(words: list[OcrWord]) -> list[tuple[float, str]]:
    """Words outside the tables, as text lines: same line when their vertical middles agree."""
    lines: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: w.cy):
        if lines and abs(lines[-1][-1].cy - word.cy) < 0.5 * (word.y1 - word.y0):
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[tuple[float, str]] = []
    for line in lines:
        line.sort(key=lambda w: w.x0)
        height = max(w.y1 - w.y0 for w in line)
        text = line[0].text
        for before, word in zip(line, line[1:]):
            # Far apart: columns of a table drawn without lines; keep them apart like the PDF loader.
            text += ("  " if word.x0 - before.x1 > height else "") + word.text
        if text.strip():
            out.append((line[0].y0, text.strip()))
    return out


#: A block of a page, with the x of its column lines when it is a table (to match columns across pages).
Placed = tuple[Block, tuple[int, ...]]


def page_blocks(image: Any, words: Sequence[OcrWord], page: int) -> list[Block]:
    """The blocks of one page image, top to bottom: text lines, and one grid per ruled table."""
    return [block for block, _ in read_page(image, words, page)]


def read_page(image: Any, words: Sequence[OcrWord], page: int) -> list[Placed]:
    """:func:`page_blocks`, each table with its column lines."""
    horizontal, vertical = _masks(image)
    regions = _regions(horizontal, vertical)
    placed: dict[int, list[OcrWord]] = {i: [] for i in range(len(regions))}
    loose: list[OcrWord] = []
    for word in words:
        home = next((i for i, r in enumerate(regions) if r.x0 <= word.cx <= r.x1 and r.y0 <= word.cy <= r.y1), None)
        if home is not None:
            placed[home].append(word)
        elif word.score >= MIN_TEXT_SCORE:
            loose.append(word)
    items: list[tuple[float, Placed]] = []
    for index, region in enumerate(regions):
        rows, scores = _grid(region, placed[index], horizontal, vertical)
        table = TableBlock(rows=tuple(map(tuple, rows)), confidence=tuple(map(tuple, scores)),
                           origin=Origin(page=page, ocr=True))
        items.append((region.y0, (table, tuple(int(x) for x in region.xs))))
    for top, text in _lines(loose):
        items.append((top, (TextBlock(text=text, origin=Origin(page=page, ocr=True)), ())))
    items.sort(key=lambda item: item[0])
    return [placed_block for _, placed_block in items]


_ORDINAL_START = compiled_on_use(r"^\s*(?:\d{1,2}\s*[.．、]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、)")
_NUMBER = compiled_on_use(r"^\s*[\d.,]+\s*$")


def _owner(rows: list[list[Optional[str]]], r: int, c: int) -> Optional[tuple[int, int]]:
    """The position holding the text of the (possibly merged) cell that covers (r, c)."""
    while c > 0 and rows[r][c] is None:
        c -= 1
    while r > 0 and rows[r][c] is None:
        r -= 1
    return (r, c) if rows[r][c] is not None else None


def _column_at(xs: tuple[int, ...], x: float) -> Optional[int]:
    return next((j for j in range(len(xs) - 1) if xs[j] - 4 <= x < xs[j + 1] + 4), None)


def _without_first_row(block: TableBlock) -> TableBlock:
    """The grid less its first row; a merged cell that row opened is opened, empty, by the next."""
    rows = block.rows
    if len(rows) < 2:
        return block.model_copy(update={"rows": (), "confidence": () if block.confidence is not None else None})
    first, second = rows[0], list(rows[1])
    for c in range(len(second)):
        if second[c] is None and first[c] is not None:
            second[c] = ""  # the owner moves down; positions it covers to the right stay None
    confidence = block.confidence[1:] if block.confidence is not None else None
    return block.model_copy(update={"rows": (tuple(second),) + rows[2:], "confidence": confidence})


def _score_at(block: TableBlock, r: int, c: int) -> Optional[float]:
    if block.confidence is None or r >= len(block.confidence) or c >= len(block.confidence[r]):
        return None
    return block.confidence[r][c]


def join_cut_rows(pages: list[list[Placed]]) -> None:
    """Join a table row that a page break cut in two, as the PDF loader does for text pages.

    The first row of a table that opens a page is the rest of the last row of the table
    that closed the page before when it has text only where that row has text, matched by
    the columns' positions (no number, no ordinal such as 「2.」: those start rows of their
    own), and that row has its numbers.
    """
    for above_page, below_page in zip(pages, pages[1:]):
        if not above_page or not below_page:
            continue
        (above, above_xs), (below, below_xs) = above_page[-1], below_page[0]
        if not isinstance(above, TableBlock) or not isinstance(below, TableBlock) or not below.rows:
            continue
        top = [list(row) for row in above.rows]
        first, last = below.rows[0], len(top) - 1
        if not any(t and _NUMBER.match(t) for t in top[last]):
            continue
        moves: list[tuple[tuple[int, int], str, Optional[float]]] = []
        for c, text in enumerate(first):
            if not text:
                continue
            column = _column_at(above_xs, (below_xs[c] + below_xs[c + 1]) / 2) if c + 1 < len(below_xs) else None
            owner = _owner(top, last, column) if column is not None and column < len(top[last]) else None
            head = top[owner[0]][owner[1]] if owner else None
            if owner is None or not head or _NUMBER.match(head) or _NUMBER.match(text) or _ORDINAL_START.match(text):
                moves = []
                break
            moves.append((owner, text, _score_at(below, 0, c)))
        if not moves:
            continue
        scores = [list(row) for row in above.confidence] if above.confidence is not None else None
        for (r, c), text, score in moves:
            top[r][c] = f"{top[r][c]}{text}"
            if scores is not None and score is not None:
                held = scores[r][c]
                scores[r][c] = score if held is None else min(held, score)
        above_page[-1] = (above.model_copy(update={"rows": tuple(map(tuple, top)),
                                                   "confidence": tuple(map(tuple, scores)) if scores is not None else None}),
                          above_xs)
        rest = _without_first_row(below)
        if rest.rows:
            below_page[0] = (rest, below_xs)
        else:
            del below_page[0]
