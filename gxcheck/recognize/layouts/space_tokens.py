"""Text laid out with spaces (a PDF without ruling lines, a plain-text dump): a token stream.

Read from the table's first anchor word (see :data:`ANCHORS`) to the first line of prose.
Widths are not known here; the table reader counts values into rows.
Claims any region: it is the last layout tried.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.recognize.layouts.base import Line, Reading, Token
from gxcheck.national import proactive_row_of
from gxcheck.recognize.cells import is_value_like
from gxcheck.recognize.text import matchable, squash
from gxcheck.startup import compiled_on_use

NAME = "space-tokens"

#: Words that open each table when it is laid out as text.
ANCHORS = {
    "proactive": ("第二十条", "信息内容"),
    "requests": ("勾稽", "申请人情况", "本年新收"),
    "review": ("行政复议", "结果维持"),
}

_COLUMN_GAP = compiled_on_use(r"\S\s{2,}\S")


def is_prose(line: str) -> bool:
    """A sentence of narrative, not a row of a table laid out with spaces."""
    flat = squash(line)
    if _COLUMN_GAP.search(line.strip()):
        return False
    return len(flat) >= 30 and (flat.endswith(("。", "；", ";")) or "。" in flat)


def claims(lines: Sequence[Line]) -> bool:
    return True


def _headless_start(line: Line, kind: str) -> bool:
    """Does a table whose header was lost (or replaced by 「数据1 数据2 …」) begin at this line?
    Table 二 at a row of its own — a row label, then values only; table 四 at a line of values
    only, two or more (the reader reads exactly fifteen or reports them). Table 三's first row,
    本年新收, is one of its anchors."""
    if kind not in ("proactive", "review"):
        return False
    words = line.text.split()
    if len(words) < 2 or not is_value_like(words[-1]):
        return False  # most lines: prose, or a label's continuation
    if kind == "proactive":
        return all(is_value_like(w) for w in words[1:]) and proactive_row_of(matchable(words[0])) is not None
    return all(is_value_like(w) for w in words)


def table_lines(lines: Sequence[Line], kind: str) -> list[Line]:
    """The lines of a table laid out as text: from its first anchor word to the first prose.
    When no line holds an anchor, the table's header was lost: from its first row instead."""
    used: list[Line] = []
    start = next((n for n, line in enumerate(lines) if any(a in matchable(line.text) for a in ANCHORS[kind])), None)
    if start is None:
        start = next((n for n, line in enumerate(lines) if _headless_start(line, kind)), None)
    if start is None:
        return used
    for line in lines[start:]:
        if not used:
            used.append(line)
        elif is_prose(line.text):
            break
        else:
            used.append(line)
    return used


def read(lines: Sequence[Line], kind: str) -> Optional[Reading]:
    used = table_lines(lines, kind)
    tokens: list[Token] = [(tok, line.origin) for line in used for tok in line.text.split()]
    if not tokens:
        return None
    return Reading(layout=NAME, is_grid=False, origin=tokens[0][1], tokens=tokens,
                   consumed={line.index for line in used})


class _SpaceTokens:
    name = NAME
    claims = staticmethod(claims)
    read = staticmethod(read)


LAYOUT = _SpaceTokens()
