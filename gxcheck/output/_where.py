"""Saying in Chinese where a finding points."""

from __future__ import annotations

from typing import Optional

from gxcheck.ftypes import Location
from gxcheck.national import PART_NAMES, TABLE_NAMES, column_label, row_label

SEVERITY_MARK = {"error": "错误", "warning": "警告", "info": "提示"}

#: Formats whose ``line`` is a line a person can find in the file (a text editor shows it).  In a
#: Word file or a web page it counts paragraphs and tables, in a PDF lines of the extraction:
#: numbers nobody can find, so a place there is the part, the table and row, the page of a PDF
#: and the words quoted — never 「第N行」.
LINE_FORMATS = frozenset({"txt"})


def shows_lines(fmt: Optional[str]) -> bool:
    """Whether a finding's line number means something to the reader of a file of format ``fmt``."""
    return fmt in LINE_FORMATS


#: How much of a paragraph's opening words a place quotes.
QUOTE_CHARS = 20


def describe(loc: Location, fmt: Optional[str], said: str = "") -> str:
    """Where ``loc`` points, in Chinese, for a file of format ``fmt`` (``DocumentResult.format``).
    Where lines mean nothing, a paragraph is named by its opening words — unless the message
    ``said`` already quotes them."""
    bits: list[str] = []
    if loc.part == "signoff":
        bits.append("落款")
    elif loc.part in ("preface", "title"):
        bits.append({"preface": "前言", "title": "标题"}[loc.part])
    elif loc.part:
        bits.append(PART_NAMES.get(loc.part, loc.part))
    if loc.table:
        bits.append(TABLE_NAMES.get(loc.table, loc.table))
    if loc.table and loc.row:
        bits.append(f"行「{row_label(loc.table, loc.row)}」")
    if loc.table and loc.column:
        bits.append(f"列「{column_label(loc.table, loc.column)}」")
    if loc.page:
        bits.append(f"第{loc.page}页")
    if loc.line and shows_lines(fmt):
        bits.append(f"第{loc.line}行")
    elif loc.text and not loc.table and loc.part not in ("title", "signoff") and loc.text[:8] not in said:
        quote = loc.text if len(loc.text) <= QUOTE_CHARS else loc.text[:QUOTE_CHARS] + "……"
        bits.append(f"段落「{quote}」")
    return " / ".join(bits) if bits else "全文"
