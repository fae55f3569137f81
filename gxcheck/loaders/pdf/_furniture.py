"""Page furniture: page numbers, and running headers and footers.

They are printed on every page but are not the report's content; and a running
footer or header left between the end of a table on one page and its rest on the
next would keep the row that the page break cut from being joined back.  So they
are dropped from the pages' items first.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from typing import Optional

from gxcheck.loaders.pdf._layout import _Item, _Line
from gxcheck.startup import compiled_on_use

# Page numbers: 「-1-」, 「— 2 —」, 「第 3 页」, 「第3页 共6页」, 「共6页 第3页」, 「3/6」, 「Page 3 of 6」, 「·3·」.
_PAGE_NUMBER = compiled_on_use(
    r"^(?:[-—–－―~～·•]+\s*\d{1,4}\s*[-—–－―~～·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = compiled_on_use(r"^\d{1,4}$")
_DIGITS = compiled_on_use(r"\d+")
_WORDY = compiled_on_use(r"[^\W\d_]")

# Running headers and footers sit in this share of the page height at its top or bottom.
_MARGIN = 0.09


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

    def candidates(items: list[_Item], height: float) -> list[tuple[_Item, _Line]]:
        return [(it, it.line) for it in _edge_lines(items, 2)
                if it.line is not None and (it.line.top < _MARGIN * height or it.line.bottom > (1 - _MARGIN) * height)]

    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, (items, height) in enumerate(zip(pages, heights)):
        for it, line in candidates(items, height):
            key = _furniture_key(line.text)
            if key is not None:
                seen[key].append((p, it.top))
    need = max(2, math.ceil(0.6 * len(pages)))
    running: set[str] = set()
    for key, where in seen.items():
        tops = [t for _, t in where]
        if len({p for p, _ in where}) >= need and max(tops) - min(tops) <= 6:
            running.add(key)
    if not running:
        return
    for items, height in zip(pages, heights):
        drop = {id(it) for it, line in candidates(items, height) if (_furniture_key(line.text) or "") in running}
        items[:] = [it for it in items if id(it) not in drop]
