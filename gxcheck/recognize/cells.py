"""Reading one table cell: a number, a blank, a placeholder, or something invalid."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from gxcheck.ftypes import Cell, CellReading, Origin
from gxcheck.recognize.text import squash

#: More digits than any real count (and than a float holds exactly): such a cell is invalid (A005).
MAX_DIGITS = 15
PLACEHOLDERS = frozenset({"/", "-", "—", "——", "–", "―", "\\", "无", "不适用", "…", "--", "---", "×", "x", "X"})
_INT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$|^\d{1,3}(?:,\d{3})+\.\d+$")
# An ordinal is a label, not a value: 「3.」, 「二、」, 「（六）」.
_ORDINAL_TOKEN = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、]$|^\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\)$")
_NUMERAL_CHARS = set("0123456789〇零○一二两三四五六七八九十百千OoОＯ")


def parse_cell(raw: str | None, *, decimal: bool = False, origin: Origin = Origin(),
               read_as: CellReading = "written", confidence: float | None = None) -> Cell:
    """Read a cell. Blank and placeholders stay missing (``value=None``), never 0.

    ``read_as``/``confidence`` record how the text was obtained (see :class:`Cell`).
    """
    text = squash(raw or "")
    if origin.ocr and read_as == "written":
        read_as = "ocr"  # the text came from a picture: say so on the cell

    def make(**fields: Any) -> Cell:
        # model_construct: every field is built right here; validating ~200 cells per report is pure cost.
        return Cell.model_construct(read_as=read_as, confidence=confidence, **fields)

    if not text:
        return make(value=None, raw=raw or "", status="blank", origin=origin)
    if text in PLACEHOLDERS or set(text) <= {"-", "—", "–", "/"}:
        return make(value=None, raw=raw or "", status="placeholder", origin=origin)
    digits = text.replace(",", "")
    if len(digits) > MAX_DIGITS:  # no real count is that long; as a number it would overflow a float
        return make(value=None, raw=raw or "", status="invalid", origin=origin)
    if _INT.match(text):
        return make(value=int(digits), raw=raw or "", status="number", origin=origin)
    if decimal and _DECIMAL.match(text):
        return make(value=float(digits), raw=raw or "", status="number", origin=origin)
    return make(value=None, raw=raw or "", status="invalid", origin=origin)


@lru_cache(maxsize=4096)
def is_value_like(raw: str | None) -> bool:
    """Could this text sit in a number cell? Numbers, blanks, placeholders, and short
    malformed numbers (「O」, 「十」, 「3件」, 「-1」) are values; labels are not."""
    text = squash(raw or "")
    if not text or text in PLACEHOLDERS:
        return True
    if _INT.match(text) or _DECIMAL.match(text):
        return True
    if _ORDINAL_TOKEN.match(text):
        return False
    if len(text) <= 3 and any(ch in _NUMERAL_CHARS for ch in text):
        # 「3件」, 「十」, 「O」, 「-1」; but not a label fragment such as 「一稳」.
        rest = [ch for ch in text if ch not in _NUMERAL_CHARS and ch not in "-.件个条宗起次"]
        return not rest
    return False


def is_suspicious_run(raw: str) -> bool:
    """「000」 or 「0100」: cells run together without separators; cannot be placed."""
    text = squash(raw)
    return len(text) > 1 and text.isdigit() and text.startswith("0")
