"""Markdown pipe tables, as PDF-to-Markdown converters write them: ``| 行政许可 | 97 |``.

A pipe row is a grid row, one cell between each pair of pipes; ``|---|---|`` separator
rows are layout, not words, and are dropped. Claimed when two lines or more are pipe rows.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.recognize.layouts.base import GridRow, Line, Reading
from gxcheck.startup import compiled_on_use

NAME = "markdown-pipes"

_SEPARATOR = compiled_on_use(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$")


def is_pipe_row(text: str) -> bool:
    flat = text.strip()
    return len(flat) >= 3 and flat.startswith("|") and flat.endswith("|")


def claims(lines: Sequence[Line]) -> bool:
    return sum(1 for ln in lines if is_pipe_row(ln.text)) >= 2


def read(lines: Sequence[Line], kind: str) -> Optional[Reading]:
    piped = [ln for ln in lines if is_pipe_row(ln.text)]
    rows: list[GridRow] = []
    consumed: set[int] = set()
    for line in piped:
        consumed.add(line.index)
        flat = line.text.strip()
        if _SEPARATOR.match(flat):
            continue
        rows.append((tuple(cell.strip() for cell in flat[1:-1].split("|")), line.origin, None))
    return Reading(layout=NAME, is_grid=True, origin=piped[0].origin, rows=rows, consumed=consumed)


class _MarkdownPipes:
    name = NAME
    claims = staticmethod(claims)
    read = staticmethod(read)


LAYOUT = _MarkdownPipes()
