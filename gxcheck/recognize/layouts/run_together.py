"""Crawler text: a table's cells run together with its labels and with each other.

A page saved as text keeps no tab and no column gap:
「…申请数量640020470二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开…」.
The digits of a row sit between its label and the next row's ordinal, and may swallow a
digit ordinal: in 「…国家秘密00000002.其他…」 the last 2 opens 「2.其他」.

This layout reads each row as its label and the runs of digits after it. It does not say how
many cells a run holds: the table reader knows the row's width and sums and decides that
(:mod:`gxcheck.recognize.runs`). Read, like the space layout, from the table's first anchor
word to the first line of prose; claimed when those lines hold a run of digits glued to the
words of a label.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.recognize.layouts.base import Line, Reading, RunRow
from gxcheck.recognize.layouts.space_tokens import table_lines
from gxcheck.startup import compiled_on_use

NAME = "run-together"

# Digits glued to a label's last character and followed by more words, a space or the end:
# 「行政许可2293」, 「数量640020470二、」; not a date or a count in prose (「2021年」, 「7条」).
_GLUED = compiled_on_use(r"(?<=[\u4e00-\u9fff”）)])\d+(?![\d.．年月日号项条件个次期元%％])")
_PIECE = compiled_on_use(r"\d+(?:\.\d+)?|[^\d]+")
# A digit ordinal that opens the next row: 「2.其他」, 「3、补正后」.
_DIGIT_ORDINAL = compiled_on_use(r"^[.．、]\s*[^\d\s]")
# Where a new row's label begins inside run-on words: 「…其他一、本年新收」, 「…结果（一）予以公开」.
_ROW_ORDINAL = compiled_on_use(r"(?<!第)(?=[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])")
_OPENS_ROW = compiled_on_use(r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.．、])")


def claims(lines: Sequence[Line]) -> bool:
    if not any(_GLUED.search(line.text) for line in lines):
        return False  # no digits glued to a label anywhere: no table's lines need finding (most text)
    return any(_GLUED.search(line.text) for kind in ("proactive", "requests", "review")
               for line in table_lines(lines, kind))


def _pieces(text: str) -> list[tuple[bool, str]]:
    """(is_number, text) pieces of one line, a digit ordinal moved back to its row's label."""
    out: list[tuple[bool, str]] = []
    for token in text.split():
        found = _PIECE.findall(token)
        for i, piece in enumerate(found):
            following = found[i + 1] if i + 1 < len(found) else ""
            if piece[0].isdigit():
                if "." not in piece and _DIGIT_ORDINAL.match(following):
                    # the last digit is the next row's ordinal: 「00000002.其他」
                    if len(piece) > 1:
                        out.append((True, piece[:-1]))
                    out.append((False, piece[-1]))
                else:
                    out.append((True, piece))
                continue
            parts = [part for part in _ROW_ORDINAL.split(piece) if part]
            if out and not out[-1][0] and out[-1][1].isdigit():
                out[-1] = (False, out[-1][1] + parts.pop(0))  # the ordinal and its words
            out.extend((False, part) for part in parts)
    return out


def read(lines: Sequence[Line], kind: str) -> Optional[Reading]:
    used = table_lines(lines, kind)
    if not used:
        return None
    rows: list[RunRow] = []
    label: list[str] = []
    runs: list[str] = []
    origin = used[0].origin

    def close() -> None:
        if label or runs:
            rows.append(("".join(label), tuple(runs), origin))

    for line in used:
        for is_number, text in _pieces(line.text):
            if is_number:
                runs.append(text)
                continue
            if runs or _OPENS_ROW.match(text):
                close()
                label, runs, origin = [], [], line.origin
            label.append(text)
    close()
    return Reading(layout=NAME, is_grid=False, origin=used[0].origin, runs=rows,
                   consumed={line.index for line in used})


class _RunTogether:
    name = NAME
    claims = staticmethod(claims)
    read = staticmethod(read)


LAYOUT = _RunTogether()
