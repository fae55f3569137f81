"""Reading a page with pdfplumber (pdfminer underneath): the fallback for files PDFium cannot read.

Several times slower than PDFium, but pdfminer reads some damaged files that
PDFium refuses (and says why it cannot read the others), and files PDFium reads
oddly.  pdfplumber gives the characters and finds the tables itself.
"""

from __future__ import annotations

from typing import Any

from gxcheck.loaders.pdf._layout import TABLE_SETTINGS, _Char, _char, _layout_page, _Page


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
        out.append(_char(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                         float(c.get("size") or (c["bottom"] - c["top"]) or 10.0), rotated))
    return out


def _read_plumber_page(page: Any) -> _Page:
    """A ``pdfplumber.page.Page``, laid out."""
    objects = page.objects
    drawn = bool(objects.get("line") or objects.get("rect") or objects.get("curve"))
    find = (lambda p=page: [t.cells for t in p.find_tables(TABLE_SETTINGS)]) if drawn else None
    return _layout_page(_chars_of(page), find, float(page.height), bool(objects.get("image")))
