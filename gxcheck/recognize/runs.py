"""Cutting runs of digits into a row's cells — only where the row itself leaves one way.

Text saved from a web page can lose every separator between cells: table 三's row
「一、本年新收政府信息公开申请数量640020470」 holds seven cells in one run of nine digits.
A run is never guessed at:

- runs as many as the row's cells: each run is one cell, as written;
- digits as many as the cells: one digit per cell;
- more digits than cells: every way of cutting them is tried (a cell never crosses a space
  between runs, and a cell of more than one digit never starts with 0), and the row is read
  only when exactly one way satisfies the row's own sums (``sums``, from
  :mod:`gxcheck.national`): 640020470 can only be 64, 0, 0, 2, 0, 4, 70.

Anything else — fewer digits than cells, two ways that both add up, a row with no sums to
go by — is left unread; the table reports the row and the rules say they cannot decide.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.ftypes import CellReading

Sums = Sequence[tuple[int, int]]

#: No cell of these tables holds more digits than this (a count of applications or cases).
_MAX_CELL_DIGITS = 6


def place(runs: Sequence[str], width: int, sums: Sums = ()) -> Optional[tuple[list[str], CellReading]]:
    """The row's ``width`` cell texts and how they were read, or ``None`` when not certain.

    ``runs`` are the digit runs after the row's label, in order (a decimal such as
    「24252.311082」 is never cut).
    """
    if not runs or width <= 0:
        return None
    if len(runs) == width:
        return list(runs), "written"
    if len(runs) > width or any(not run.isdigit() for run in runs):
        return None
    digits = sum(len(run) for run in runs)
    if digits == width:
        return [d for run in runs for d in run], "split"
    if digits < width or not sums or digits > width * _MAX_CELL_DIGITS:
        return None
    found = _cuts(runs, width, sums, limit=2)
    return (found[0], "split") if len(found) == 1 else None


def _cuts(runs: Sequence[str], width: int, sums: Sums, limit: int) -> list[list[str]]:
    """Up to ``limit`` ways of cutting ``runs`` into ``width`` cells that satisfy ``sums``."""
    closes = {first + size - 1: (first, size) for first, size in sums}
    found: list[list[str]] = []
    cells: list[str] = []
    left_in = [sum(len(r) for r in runs[i:]) for i in range(len(runs) + 1)]

    def balanced() -> bool:
        first, size = closes[len(cells) - 1]
        group = [int(c) for c in cells[first:first + size]]
        return sum(group[:-1]) == group[-1]

    def walk(r: int, pos: int) -> None:
        if len(found) >= limit:
            return
        if r == len(runs):
            if len(cells) == width:
                found.append(list(cells))
            return
        run = runs[r]
        if pos == len(run):
            walk(r + 1, 0)
            return
        room = width - len(cells)
        digits_left = left_in[r] - pos
        # every cell needs a digit, every run at least one cell, no cell too long
        if room < len(runs) - r or digits_left < room or digits_left > room * _MAX_CELL_DIGITS:
            return
        for end in range(pos + 1, min(len(run), pos + _MAX_CELL_DIGITS) + 1):
            piece = run[pos:end]
            if len(piece) > 1 and piece[0] == "0":
                break
            cells.append(piece)
            if len(cells) - 1 not in closes or balanced():
                walk(r, end)
            cells.pop()

    walk(0, 0)
    return found
