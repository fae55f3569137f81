"""Reading one table cell: a number, a blank, a placeholder, or something invalid."""

from __future__ import annotations

from functools import lru_cache

from gxcheck.ftypes import UNREAD_OCR_TEXT, Cell, CellReading, CellStatus, Origin, built
from gxcheck.recognize.text import squash
from gxcheck.startup import compiled_on_use

#: More digits than any real count (and than a float holds exactly): such a cell is invalid (A005).
MAX_DIGITS = 15
PLACEHOLDERS = frozenset({"/", "-", "—", "——", "–", "―", "\\", "无", "不适用", "…", "--", "---", "×", "x", "X"})
_INT = compiled_on_use(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = compiled_on_use(r"^\d+\.\d+$|^\d{1,3}(?:,\d{3})+\.\d+$")
# An ordinal is a label, not a value: 「3.」, 「二、」, 「（六）」.
_ORDINAL_TOKEN = compiled_on_use(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、]$|^\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\)$")
_NUMERAL_CHARS = set("0123456789〇零○一二两三四五六七八九十百千OoОＯ")
#: What an OCR program reads for a digit inside a number (after NFKC, so full-width forms too):
#: 「1O2」 is 102, 「l0」 is 10. 「|」 and 「丨」 are not among them: they are as often a ruling line
#: between two cells (「1|0」 may be 110 or 1 and 0), so a number holding one is never read.
DIGIT_LOOKALIKES = {"O": "0", "o": "0", "О": "0", "〇": "0", "l": "1", "I": "1"}
_LOOKS = "".join(DIGIT_LOOKALIKES)
_TO_DIGITS = str.maketrans(DIGIT_LOOKALIKES)
# A number-shaped token: digits and lookalikes, at least one of each, perhaps one decimal point.
_LOOKALIKE_NUMBER = compiled_on_use(rf"^(?=.*\d)(?=.*[{_LOOKS}])[\d{_LOOKS}]+(?:\.[\d{_LOOKS}]+)?$")


def parse_cell(raw: str | None, *, decimal: bool = False, origin: Origin = Origin(),
               read_as: CellReading = "written", confidence: float | None = None) -> Cell:
    """Read a cell. Blank and placeholders stay missing (``value=None``), never 0.

    ``read_as``/``confidence`` record how the text was obtained (see :class:`Cell`).
    """
    text = squash(raw or "")
    if origin.ocr:
        # The text came from a picture: say so on the cell, with the engine's confidence in it.
        read_as = "ocr" if read_as in ("written", "lookalike") else read_as
        confidence = origin.confidence if confidence is None else confidence

    value, status = _reading(text, decimal)
    # Not validated: every field is built right here; validating ~200 cells per report is pure cost.
    return built(Cell, value=value, raw=raw or "", status=status, origin=origin, read_as=read_as,
                 confidence=confidence)


@lru_cache(maxsize=4096)
def _reading(text: str, decimal: bool) -> tuple[int | float | None, CellStatus]:
    """The value and status of a cell's squashed text (kept: a report's cells hold few distinct texts,
    「0」 most of all)."""
    if not text:
        return None, "blank"
    if text in PLACEHOLDERS or set(text) <= {"-", "—", "–", "/"}:
        return None, "placeholder"
    digits = text.replace(",", "")
    if len(digits) > MAX_DIGITS:  # no real count is that long; as a number it would overflow a float
        return None, "invalid"
    if _INT.match(text):
        return int(digits), "number"
    if decimal and _DECIMAL.match(text):
        return float(digits), "number"
    return None, "invalid"


def lookalike_digits(text: str, decimal: bool = False) -> str | None:
    """The number a number-shaped token such as 「1O2」 or 「l2.36」 stands for, its lookalikes
    (:data:`DIGIT_LOOKALIKES`) read as digits; ``None`` unless that reading is a well-formed
    number (never one of several digits that starts with 0: 「O1」 is not read)."""
    if not _LOOKALIKE_NUMBER.match(text):
        return None
    digits = text.translate(_TO_DIGITS)
    whole = digits.split(".", 1)[0]
    if len(whole) > 1 and whole.startswith("0") or "." in digits and not decimal or len(digits) > MAX_DIGITS:
        return None
    return digits


def with_lookalikes(cells: tuple[Cell, ...], decimal: bool = False) -> tuple[Cell, ...]:
    """A table row's cells, each number an OCR program wrote with a lookalike (「1O2」) read as that
    number and marked ``read_as="lookalike"`` — only when every other cell of the row is a number,
    a blank or a placeholder. A row that holds any other text is left as written: its cells are
    reported (A005), not read. A lone 「O」 is not a number-shaped token and stays as written."""
    if all(c.status != "invalid" for c in cells):
        return cells
    readings = [lookalike_digits(squash(c.raw), decimal) if c.status == "invalid" else None for c in cells]
    if any(c.status == "invalid" and r is None for c, r in zip(cells, readings)):
        return cells
    # A cell recognised from a picture stays ``ocr`` (the engine read the letter; raw keeps it).
    return tuple(c if r is None else built(Cell,
        value=float(r) if "." in r else int(r), raw=c.raw, status="number", origin=c.origin,
        read_as="ocr" if c.origin.ocr else "lookalike", confidence=c.confidence) for c, r in zip(cells, readings))


@lru_cache(maxsize=4096)
def is_value_like(raw: str | None) -> bool:
    """Could this text sit in a number cell? Numbers, blanks, placeholders, and short
    malformed numbers (「O」, 「十」, 「3件」, 「-1」) are values; labels are not."""
    text = squash(raw or "")
    if not text or text in PLACEHOLDERS or text == UNREAD_OCR_TEXT:
        return True
    if _INT.match(text) or _DECIMAL.match(text) or _LOOKALIKE_NUMBER.match(text):
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
