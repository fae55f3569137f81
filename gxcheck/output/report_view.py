"""The report as gxcheck read it, in html: the six parts, the three tables, the prose.

Shown under the findings by ``--format html`` and by the self-check page.  The tables carry
their official labels (``gxcheck.national``); a blank cell is marked 「空白」, a placeholder or
an unreadable cell is marked as such.  Every cell a finding involves (``Location.cells``: both
sides of a broken identity) is highlighted and carries the finding's number; a finding that
quotes the prose has the quoted sentence marked.  :class:`Targets` tells the finding list which
element ids to scroll to and highlight when a finding is clicked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Iterable, Optional, Sequence

from gxcheck.ftypes import Cell, CellRef, Finding, Paragraph, Report, Row, Table
from gxcheck.national import (
    PARTS,
    PROACTIVE_ROW_HEADER,
    PROACTIVE_SECTIONS,
    REQUEST_COLUMNS,
    REQUEST_CORNER,
    REQUEST_LEGAL_PERSONS,
    REQUEST_RESULTS_LABEL,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    TABLE_NAMES,
    TABLE_PART,
    row_label,
)
from gxcheck.recognize.text import squash
from gxcheck.startup import compiled_on_use

_SENTENCE = compiled_on_use(r"[^。；;！!？?]*[。；;！!？?]?")
#: A quote is matched by its first characters: messages cut long sentences short.
_QUOTE_HEAD = 16


@dataclass
class Targets:
    """Element ids of the view, per finding number: what a click on the finding highlights."""

    prefix: str
    ids: dict[int, list[str]] = field(default_factory=dict)

    def add(self, number: int, element: str) -> None:
        self.ids.setdefault(number, [])
        if element not in self.ids[number]:
            self.ids[number].append(element)


def cell_id(prefix: str, ref: CellRef) -> str:
    return f"{prefix}-c-{ref.table}-{ref.row}-{ref.index}"


def _value_text(cell: Cell) -> tuple[str, str, str]:
    """(css class, text shown, tooltip) of one cell."""
    if cell.status == "number" and cell.value is not None:
        shown = cell.raw.strip() or (str(int(cell.value)) if float(cell.value).is_integer() else f"{cell.value:g}")
        note = {"split": "由连写的数字拆分得到，请核对", "ocr": "从图片识别得到，请核对",
                "lookalike": f"原文写作「{shown}」，其中形似数字的字母按数字读出，请核对"}.get(cell.read_as, "")
        if cell.read_as == "lookalike":
            shown = str(int(cell.value)) if float(cell.value).is_integer() and "." not in shown else f"{cell.value:g}"
        return ("figure " + cell.read_as if note else "figure"), shown, note
    if cell.status == "blank":
        return "blank", "空白", "这一格没有填写（空白不当作 0）"
    if cell.status == "placeholder":
        return "placeholder", cell.raw.strip() or "—", "占位符，不是数字（不当作 0）"
    if cell.unread:
        shown = "" if cell.confidence is None else f"（把握 {cell.confidence:.0%}）"
        return "invalid ocr", cell.raw.strip(), f"从图片识别时认不准这个数字{shown}，未读取，请核对原件"
    return "invalid", cell.raw.strip() or "？", "不是有效数字"


class _Marks:
    """Which finding numbers point at which cell, and on which side of their identity."""

    def __init__(self, numbered: Sequence[tuple[int, Finding]]) -> None:
        self.by_cell: dict[tuple[str, str, int], list[tuple[int, Optional[str]]]] = {}
        for number, finding in numbered:
            for ref in finding.location.cells:
                self.by_cell.setdefault((ref.table, ref.row, ref.index), []).append((number, ref.side))

    def of(self, table: str, row: str, index: int) -> list[tuple[int, Optional[str]]]:
        return self.by_cell.get((table, row, index), [])


def _cell_html(prefix: str, table: str, row: str, index: int, cell: Optional[Cell], marks: _Marks,
               span: int = 1) -> str:
    ref_id = f"{prefix}-c-{table}-{row}-{index}" + (f'" colspan="{span}' if span > 1 else "")
    if cell is None:
        return f'<td id="{ref_id}" class="missing" title="这一格没有读到">未读到</td>'
    css, shown, note = _value_text(cell)
    hits = marks.of(table, row, index)
    if hits:
        sides = {side for _, side in hits}
        # a side for each identity it is in; no side: the one cell a finding names (A010's likely cell)
        css += " hit" + "".join(f" {s}" for s in sorted(s for s in sides if s)) + (" likely" if None in sides else "")
    markers = "".join(f'<a class="mark" href="#{prefix}-f{n}" title="第 {n} 条问题">{n}</a>' for n, _ in hits)
    title = f' title="{escape(note)}"' if note else ""
    return f'<td id="{ref_id}" class="{css}"{title}><span class="v">{escape(shown)}</span>{markers}</td>'


def _row_html(prefix: str, table: str, key: str, row: Optional[Row], width: int, marks: _Marks,
              label: Optional[str] = None, span: int = 1) -> str:
    """One row: its official label and ``width`` cells (each ``span`` columns wide)."""
    name = escape(label or row_label(table, key))
    if row is None:
        return (f'<tr id="{prefix}-r-{table}-{key}" class="absent"><th scope="row">{name}</th>'
                f'<td colspan="{width * span}" class="missing">这一行没有读到</td></tr>')
    cells = "".join(_cell_html(prefix, table, key, i, row.cells[i] if i < len(row.cells) else None, marks, span)
                    for i in range(width))
    return f'<tr id="{prefix}-r-{table}-{key}"><th scope="row">{name}</th>{cells}</tr>'


def _proactive(prefix: str, table: Table, marks: _Marks) -> str:
    out = []
    widest = max(len(columns) for _, columns, _ in PROACTIVE_SECTIONS)
    for article, columns, keys in PROACTIVE_SECTIONS:
        span = widest // len(columns)  # a block of one column spans the table, as printed
        heads = "".join(f'<th scope="col" colspan="{span}">{escape(c)}</th>' for c in columns)
        out.append(f'<tr class="sub"><th scope="col">{escape(article)}　{PROACTIVE_ROW_HEADER}</th>{heads}</tr>')
        out.extend(_row_html(prefix, "proactive", k, table.rows.get(k), len(columns), marks, span=span) for k in keys)
    return "".join(out)


def _requests(prefix: str, table: Table, marks: _Marks) -> str:
    legal = [label for key, label in REQUEST_COLUMNS if key not in ("natural", "total")]
    out = [f'<tr><th scope="col" rowspan="2">{REQUEST_CORNER}</th><th scope="col" rowspan="2">{REQUEST_COLUMNS[0][1]}</th>'
           f'<th scope="colgroup" colspan="{len(legal)}">{REQUEST_LEGAL_PERSONS}</th>'
           f'<th scope="col" rowspan="2">{REQUEST_COLUMNS[-1][1]}</th></tr>',
           "<tr>" + "".join(f'<th scope="col">{escape(label)}</th>' for label in legal) + "</tr>"]
    width = len(REQUEST_COLUMNS)
    for spec in REQUEST_ROWS:
        if spec.key == "open":
            out.append(f'<tr class="sub"><th scope="row" colspan="{width + 1}">{REQUEST_RESULTS_LABEL}</th></tr>')
        row = table.rows.get(spec.key)
        if spec.group_of:
            if row is not None:  # the file has the subtotal row: show its numbers
                out.append(_row_html(prefix, "requests", spec.key, row, width, marks, spec.label))
            elif any(k in table.rows for k in spec.group_of):
                out.append(f'<tr class="sub"><th scope="row" colspan="{width + 1}">{escape(spec.label)}</th></tr>')
            continue
        if row is None and spec.key.startswith("other_") and "other" in table.rows:
            continue  # a 2019 table has （六）其他处理 alone
        out.append(_row_html(prefix, "requests", spec.key, row, width, marks, spec.label))
    return "".join(out)


def _review(prefix: str, table: Table, marks: _Marks) -> str:
    heads = "".join(f'<th scope="col">{escape(label)}</th>' for _, label in REVIEW_COLUMNS)
    out = [f"<tr><th scope=\"col\"></th>{heads}</tr>"]
    out.extend(_row_html(prefix, "review", key, table.rows.get(key), len(REVIEW_COLUMNS), marks, label)
               for key, label in REVIEW_GROUPS)
    return "".join(out)


_BODIES = {"proactive": _proactive, "requests": _requests, "review": _review}


def _table_html(prefix: str, name: str, table: Optional[Table], marks: _Marks) -> str:
    caption = escape(TABLE_NAMES[name])
    if table is None or not table.rows:
        return f'<p id="{prefix}-t-{name}" class="missing">没有读到{caption}</p>'
    return (f'<div class="table-wrap" id="{prefix}-t-{name}"><table class="report-table {name}">'
            f"<caption>{caption}</caption>{_BODIES[name](prefix, table, marks)}</table></div>")


def _norm(text: str) -> str:
    return squash(text.rstrip("…").rstrip("."))


class _Prose:
    """Paragraphs as html, with the sentences findings quote marked and numbered."""

    def __init__(self, prefix: str, numbered: Sequence[tuple[int, Finding]], targets: Targets) -> None:
        self.prefix = prefix
        self.targets = targets
        self.quotes = [(n, _norm(f.location.text)[:_QUOTE_HEAD]) for n, f in numbered
                       if f.location.text and not f.location.table and not f.location.cells and _norm(f.location.text)]
        self.count = 0
        #: Quotes already marked: each is marked where it first appears.
        self.used: set[int] = set()

    def _matching(self, text: str, among: Optional[Iterable[int]] = None) -> list[int]:
        flat = squash(text)
        allowed = set(among) if among is not None else None
        return [n for n, head in self.quotes if head and head in flat and n not in self.used
                and (allowed is None or n in allowed)]

    def block(self, text: str, tag: str = "p", css: str = "") -> str:
        """One paragraph (or heading) with the sentences quoted by findings marked."""
        self.count += 1
        pid = f"{self.prefix}-p{self.count}"
        attrs = f' id="{pid}"' + (f' class="{css}"' if css else "")
        here = self._matching(text)
        if not here:
            return f"<{tag}{attrs}>{escape(text)}</{tag}>"
        pieces = []
        for k, sentence in enumerate(s for s in _SENTENCE.findall(text) if s):
            hits = self._matching(sentence, here)
            if not hits:
                pieces.append(escape(sentence))
                continue
            mid = f"{pid}-s{k}"
            for n in hits:
                self.targets.add(n, mid)
            markers = "".join(f'<a class="mark" href="#{self.prefix}-f{n}" title="第 {n} 条问题">{n}</a>' for n in hits)
            pieces.append(f'<mark id="{mid}">{escape(sentence)}</mark>{markers}')
        whole = [n for n in here if n not in self.targets.ids]  # quotes running over several sentences
        self.used.update(here)
        if whole:
            for n in whole:
                self.targets.add(n, pid)
            markers = "".join(f'<a class="mark" href="#{self.prefix}-f{n}" title="第 {n} 条问题">{n}</a>' for n in whole)
            return f"<{tag}{attrs}><mark>{escape(text)}</mark>{markers}</{tag}>"
        return f"<{tag}{attrs}>{''.join(pieces)}</{tag}>"

    def paragraphs(self, paragraphs: Iterable[Paragraph]) -> str:
        return "".join(self.block(p.text) for p in paragraphs)


def report_html(report: Report, numbered: Sequence[tuple[int, Finding]], prefix: str) -> tuple[str, Targets]:
    """The html of the report as read, and the ids each numbered finding should highlight."""
    targets = Targets(prefix)
    marks = _Marks(numbered)
    for number, finding in numbered:
        for ref in finding.location.cells:
            targets.add(number, cell_id(prefix, ref))
    prose = _Prose(prefix, numbered, targets)
    found = {part.key: part for part in report.parts}
    out = ['<section class="report-view" aria-label="gxcheck 读到的报告"><h3>gxcheck 读到的报告</h3>',
           '<p class="legend"><span class="swatch hit left"></span>等式一边的单元格　<span class="swatch hit right"></span>'
           '等式另一边的单元格　<span class="swatch hit likely"></span>很可能填错的单元格　<span class="swatch blank"></span>'
           '空白（不当作 0）。单元格旁的数字是上面问题的编号。</p>',
           '<ul class="parts">']
    for spec in PARTS:
        part = found.get(spec.key)
        if part is not None:
            out.append(f'<li class="found"><a href="#{prefix}-part-{spec.key}">第{spec.ordinal}部分　{escape(spec.heading)}</a>'
                       f'<span class="state">已找到</span></li>')
        else:
            out.append(f'<li class="absent" id="{prefix}-part-{spec.key}">第{spec.ordinal}部分　{escape(spec.heading)}'
                       f'<span class="state">缺少</span></li>')
    out.append("</ul>")
    if report.title:
        out.append(prose.block(report.title, "p", "doc-title"))
    if report.preface:
        out.append(f'<div class="prose" id="{prefix}-part-preface">{prose.paragraphs(report.preface)}</div>')
    shown_tables = set()
    for part in report.parts:
        out.append(f'<div class="part" id="{prefix}-part-{part.key}">{prose.block(part.heading, "h4")}'
                   f'<div class="prose">{prose.paragraphs(part.paragraphs)}</div>')
        for name, key in TABLE_PART.items():
            if key == part.key and name not in shown_tables:
                shown_tables.add(name)
                out.append(_table_html(prefix, name, report.tables.get(name), marks))
        out.append("</div>")
    for name in TABLE_PART:  # a table found outside its part, or whose part is missing
        if name not in shown_tables:
            out.append(_table_html(prefix, name, report.tables.get(name), marks))
    sign = report.signoff
    if sign.agency or sign.date_text:
        text = "　".join(t for t in (sign.agency, sign.date_text) if t)
        out.append(f'<div class="signoff" id="{prefix}-part-signoff">{prose.block(text)}</div>')
    out.append("</section>")
    page = "".join(out)
    present = set(re.findall(r'id="([^"]+)"', page))
    for number, finding in numbered:  # no cell and no quote: the row, the table or the part it is about
        if number in targets.ids:
            continue
        loc = finding.location
        for candidate in (f"{prefix}-r-{loc.table}-{loc.row}" if loc.table and loc.row else "",
                          f"{prefix}-t-{loc.table}" if loc.table else "",
                          f"{prefix}-part-{loc.part}" if loc.part else ""):
            if candidate in present:
                targets.add(number, candidate)
                break
    return page, targets
