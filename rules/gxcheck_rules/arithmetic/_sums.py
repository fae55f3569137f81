"""Deciding an identity ``sum(left) == sum(right)`` over cells that may be blank.

A blank or placeholder is an unknown non-negative count, never 0.  So:

* no blanks: compare;
* everything blank: nothing was written, nothing to decide (A006 reports blanks);
* one side fully written and already smaller than what the other side shows,
  or one side entirely blank while the other shows a positive count: broken
  whatever the blanks hold (the breakdown cannot account for the total);
* the written numbers agree: consistent (the blanks can only be 0);
* otherwise: cannot be decided, said once as a notice.

A cell that holds something other than a number (A005) makes the identity undecided.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, Sequence

from gxcheck import Cell, CellRef

Verdict = Literal["ok", "broken", "undecided", "empty"]


class Outcome(NamedTuple):
    """What :func:`compare` decides (a named tuple: a report decides some forty identities)."""

    verdict: Verdict
    left: float
    right: float
    #: True when blanks were involved, so the message can say so.
    with_blanks: bool = False


def _side(cells: Sequence[Cell]) -> tuple[float, int, bool]:
    """(the sum of the numbers, how many are blank or placeholders, whether one is invalid), in
    one pass: a report's identities call this some forty times."""
    known: float = 0
    missing = 0
    invalid = False
    for c in cells:
        status = c.status
        if status == "number":
            if c.value is not None:
                known += c.value
        elif status == "invalid":
            invalid = True
        elif status in ("blank", "placeholder"):
            missing += 1
    return known, missing, invalid


def compare(left: Sequence[Cell], right: Sequence[Cell]) -> Outcome:
    lk, lm, li = _side(left)
    rk, rm, ri = _side(right)
    if li or ri:
        return Outcome("undecided", lk, rk)
    if lm == len(left) and rm == len(right):
        return Outcome("empty", lk, rk)
    if not lm and not rm:
        return Outcome("ok" if lk == rk else "broken", lk, rk)
    blanks = True
    if lm == len(left) and rk > 0 or rm == len(right) and lk > 0:
        return Outcome("broken", lk, rk, blanks)
    if not lm and lk < rk or not rm and rk < lk:
        return Outcome("broken", lk, rk, blanks)
    if lk == rk:
        return Outcome("ok", lk, rk, blanks)
    return Outcome("undecided", lk, rk, blanks)


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def is_blank(cell: Cell) -> bool:
    return cell.status in ("blank", "placeholder")


def total_words(cell: Cell) -> str:
    """「为 3」, or 「空白」 for a total left blank: a blank is never said to be 0."""
    return "空白" if is_blank(cell) else f"为 {fmt(cell.value or 0)}"


def blanks_note(cells: Sequence[Cell]) -> str:
    """「（空白单元格未计入）」 when some of the summed cells are blank."""
    return "（空白单元格未计入）" if any(is_blank(c) for c in cells) else ""


def identity_cells(table: str, left: Sequence[tuple[str, int]], right: Sequence[tuple[str, int]]) -> tuple[CellRef, ...]:
    """Every cell of the identity ``sum(left) == sum(right)`` as (row key, column index), both sides,
    for a finding's ``location.cells``."""
    return (tuple(CellRef(table=table, row=r, index=i, side="left") for r, i in left)  # type: ignore[arg-type]
            + tuple(CellRef(table=table, row=r, index=i, side="right") for r, i in right))  # type: ignore[arg-type]
