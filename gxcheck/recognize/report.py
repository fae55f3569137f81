"""Blocks in, :class:`Report` out: the single place that knows the report's layout.

Loaders hand over paragraphs, plain lines and table grids in document order.
This module finds the title, the six parts, the three tables (from grids, or
from text laid out with tabs or spaces) and the closing sign-off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Union

from gxcheck.ftypes import LoadedFile, Origin, Paragraph, Part, ReadError, Report, SignOff, Table, Tables
from gxcheck.recognize import structure, tables
from gxcheck.recognize.text import clean, is_page_furniture, squash

TABLE_PART = {"proactive": "s2", "requests": "s3", "review": "s4"}
#: Words that open each table when it is laid out as text.
_ANCHORS = {
    "proactive": ("第二十条", "信息内容"),
    "requests": ("勾稽", "申请人情况", "本年新收"),
    "review": ("行政复议", "结果维持"),
}


@dataclass
class _Line:
    text: str
    origin: Origin
    index: int


@dataclass
class _Grid:
    rows: tuple[tuple[Optional[str], ...], ...]
    origin: Origin
    index: int


# A part heading inside run-on text scraped from a web page: 「……。一、总体情况2019年，……」.
_INLINE_HEADING = re.compile(
    r"(?<![（(\d])([一二三四五六]、\s*(?:总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况"
    r"|(?:因政府信息公开(?:申请|工作)?|政府信息公开)?(?:被)?(?:申请)?行政复议、?(?:提起)?行政诉讼(?:的)?情况"
    r"|(?:政府信息公开工作)?存在的?主要问题(?:及|和)?(?:其?改进|整改)(?:情况|措施)"
    r"|其他需要报告的事项))"
)


def _split_run_on(text: str) -> list[str]:
    """Very long lines (a whole page pasted as one line): one piece per sentence and heading."""
    if len(text) < 300:
        return [text]
    text = _INLINE_HEADING.sub(lambda m: "\n" + m.group(1) + "\n", text)
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def _flatten(loaded: LoadedFile) -> list[Union[_Grid, _Line]]:
    items: list[Union[_Grid, _Line]] = []
    for block in loaded.blocks:
        if block.kind == "table":
            items.append(_Grid(block.rows, block.origin, len(items)))
            continue
        lines = block.text.split("\n")
        if any(len(line) >= 300 for line in lines):
            lines = [piece for line in lines for piece in _split_run_on(line)]
        page, first = block.origin.page, block.origin.line
        for k, line in enumerate(lines):
            if is_page_furniture(line):
                continue
            origin = block.origin
            if k and first is not None:
                origin = Origin.model_construct(page=page, line=first + k)
            items.append(_Line(line.rstrip("\r"), origin, len(items)))
    return items


def _classify_grid(grid: _Grid) -> Optional[str]:
    text = squash("".join(c or "" for row in grid.rows for c in row))
    if "本年新收" in text or "予以公开" in text or "不予公开" in text or "办理结果" in text or "无法提供" in text:
        return "requests"
    if "行政复议" in text and ("维持" in text or "纠正" in text or "审结" in text):
        return "review"
    if "第二十条" in text or "规章" in text or "行政许可" in text or "行政处罚" in text or "事业性收费" in text:
        return "proactive"
    if "不予处理" in text or "其他处理" in text or "结转下年度" in text:
        return "requests"
    return None


# --------------------------------------------------------------------------- text tables


_COLUMN_GAP = re.compile(r"\S\s{2,}\S")
_SENTENCE_END = re.compile(r"\n|(?<=。)")
_NEW_POINT = re.compile(r"^[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+是")


def _is_prose(line: str) -> bool:
    flat = squash(line)
    if _COLUMN_GAP.search(line.strip()):
        return False
    return len(flat) >= 30 and (flat.endswith(("。", "；", ";")) or "。" in flat)


def _cells_per_line(lines: Sequence[_Line]) -> tuple[list[tables.GridRow], set[int]]:
    """Word's 「one cell per line」 dump: a tab opens a cell, a blank line ends a row."""
    rows: list[tables.GridRow] = []
    consumed: set[int] = set()
    current: list[str] = []
    origin = Origin()
    last_was_cell = False
    for line in lines:
        text = line.text
        if text.startswith("\t"):
            if not current:
                origin = line.origin
            current.append(text[1:])
            consumed.add(line.index)
            last_was_cell = True
        elif not text.strip():
            if current:
                rows.append((tuple(current), origin))
                current = []
            last_was_cell = False
        elif last_was_cell and current and len(squash(text)) <= 12:
            current[-1] += text.strip()  # a label broken inside its cell: 「商业」/「企业」
            consumed.add(line.index)
        else:
            if current:
                rows.append((tuple(current), origin))
                current = []
            last_was_cell = False
    if current:
        rows.append((tuple(current), origin))
    return rows, consumed


def _tab_rows(lines: Sequence[_Line]) -> tuple[list[tables.GridRow], set[int]]:
    rows: list[tables.GridRow] = []
    consumed: set[int] = set()
    for line in lines:
        if "\t" in line.text:
            rows.append((tuple(line.text.split("\t")), line.origin))
            consumed.add(line.index)
    return rows, consumed


def _tokens(lines: Sequence[_Line], kind: str) -> tuple[list[tables.Token], set[int]]:
    """Tokens of a table laid out with spaces, from its first anchor to the first prose."""
    tokens: list[tables.Token] = []
    consumed: set[int] = set()
    started = False
    for line in lines:
        flat = squash(line.text)
        if not started:
            if not any(a in flat for a in _ANCHORS[kind]):
                continue
            started = True
        elif _is_prose(line.text):
            break
        consumed.add(line.index)
        tokens.extend((tok, line.origin) for tok in line.text.split())
    return tokens, consumed


def _table_from_lines(kind: str, lines: Sequence[_Line]) -> tuple[Optional[Table], set[int]]:
    tabbed = [ln for ln in lines if "\t" in ln.text.rstrip()]
    if len(tabbed) >= 2:
        first = lines.index(tabbed[0])
        last = lines.index(tabbed[-1])
        span = list(lines[first:last + 2])
        if any(not ln.text.startswith("\t") and "\t" in ln.text.strip() for ln in tabbed) or any(
            ln.text.count("\t") >= 2 for ln in tabbed
        ):
            grid_rows, consumed = _tab_rows(span)
        else:
            grid_rows, consumed = _cells_per_line(span)
        origin = span[0].origin
        return _table_from_grid_rows(kind, grid_rows, origin), consumed
    tokens, consumed = _tokens(lines, kind)
    if not tokens:
        return None, set()
    origin = tokens[0][1]
    if kind == "proactive":
        return tables.proactive_from_tokens(tokens, origin), consumed
    if kind == "review":
        return tables.review_from_tokens(tokens, origin), consumed
    data, header, problems = tables.request_rows_from_tokens(tokens)
    return tables.build_requests(data, header, problems, origin), consumed


def _table_from_grid_rows(kind: str, rows: list[tables.GridRow], origin: Origin) -> Table:
    if kind == "proactive":
        return tables.proactive_from_grid(rows, origin)
    if kind == "review":
        return tables.review_from_grid(rows, origin)
    data, header, problems = tables.request_rows_from_grid(rows)
    return tables.build_requests(data, header, problems, origin)


# --------------------------------------------------------------------------- assembly


def _paragraphs(lines: Sequence[_Line]) -> tuple[Paragraph, ...]:
    """Join lines that a text dump wrapped; a blank line or a finished sentence ends a paragraph."""
    out: list[Paragraph] = []
    buf: list[str] = []
    origin = Origin()
    for line in lines:
        text = clean(line.text).strip()
        if not text:
            if buf:
                out.append(Paragraph(text="".join(buf), origin=origin))
                buf = []
            continue
        if buf and (buf[-1].endswith(("。", "：", ":", "；", "！", "？")) or len(squash(buf[-1])) < 20
                    or _NEW_POINT.match(text)):
            out.append(Paragraph(text="".join(buf), origin=origin))
            buf = []
        if not buf:
            origin = line.origin
        buf.append(text)
    if buf:
        out.append(Paragraph(text="".join(buf), origin=origin))
    return tuple(out)


def _find_signoff(tail: list[_Line]) -> tuple[SignOff, set[int]]:
    """The issuing agency and date at the very end of the report."""
    nonempty = [ln for ln in tail if squash(ln.text)]
    last = nonempty[-4:]
    date_line = next((ln for ln in reversed(last) if structure.parse_date(ln.text)), None)
    agency_line = None
    if date_line is not None:
        before = [ln for ln in last if ln.index < date_line.index]
        if before and structure.looks_like_agency(before[-1].text):
            agency_line = before[-1]
        after = [ln for ln in last if ln.index > date_line.index]
        if agency_line is None and after and structure.looks_like_agency(after[0].text):
            agency_line = after[0]
    elif nonempty and structure.looks_like_agency(nonempty[-1].text):
        agency_line = nonempty[-1]
    used = {ln.index for ln in (agency_line, date_line) if ln is not None}
    if date_line is not None and agency_line is None:
        # Anything after the date is not narrative either.
        used |= {ln.index for ln in nonempty if ln.index > date_line.index}
    anchor = agency_line or date_line
    return (
        SignOff(
            agency=squash(agency_line.text) if agency_line else None,
            date=structure.parse_date(date_line.text) if date_line else None,
            date_text=date_line.text.strip() if date_line else None,
            origin=anchor.origin if anchor else Origin(),
        ),
        used,
    )


def recognize(loaded: LoadedFile, path: str) -> Report:
    """Turn a loaded file into the shared model.

    Raises :class:`ReadError` when the file holds no trace of an annual report.
    """
    items = _flatten(loaded)
    lines = [it for it in items if isinstance(it, _Line)]
    headings: dict[int, tuple[str, Optional[str]]] = {}
    seen: set[str] = set()
    for ln in lines:
        found = structure.match_heading(ln.text)
        if found and found[0] not in seen:
            headings[ln.index] = found
            seen.add(found[0])
    heading_at = sorted(headings)

    # Tables: grids first, text regions for whatever no grid supplied.
    found_tables: dict[str, Table] = {}
    consumed: set[int] = set()
    grids_by_kind: dict[str, list[_Grid]] = {}
    for it in items:
        if isinstance(it, _Grid):
            kind = _classify_grid(it)
            if kind:
                grids_by_kind.setdefault(kind, []).append(it)
                consumed.add(it.index)
    for kind, grids in grids_by_kind.items():
        rows = [(row, g.origin) for g in grids for row in g.rows]
        found_tables[kind] = _table_from_grid_rows(kind, rows, grids[0].origin)
    part_start = {key: idx for idx, (key, _) in headings.items()}
    for kind, part_key in TABLE_PART.items():
        if kind in found_tables:
            continue
        start = part_start.get(part_key)
        if start is None:
            # No heading: look for the table's own words.
            start = next((ln.index for ln in lines if ln.index not in consumed
                          and any(a in squash(ln.text) for a in _ANCHORS[kind][:2])
                          and not structure.match_heading(ln.text)), None)
            if start is None:
                continue
            start -= 1
        end = next((h for h in heading_at if h > start), len(items))
        region = [ln for ln in lines if start < ln.index < end and ln.index not in consumed]
        table, used = _table_from_lines(kind, region)
        if table is not None and (table.rows or table.problems):
            found_tables[kind] = table
            consumed |= used

    # Title and preface.
    first_heading = heading_at[0] if heading_at else len(items)
    head_lines = [ln for ln in lines if ln.index < first_heading and ln.index not in consumed]
    title_found = structure.find_title([ln.text for ln in head_lines])
    title, title_end = (title_found[0].strip(), head_lines[title_found[1]].index) if title_found else (None, -1)

    # Sign-off: the tail after the last heading's prose.
    last_heading = heading_at[-1] if heading_at else -1
    tail = [ln for ln in lines if ln.index > last_heading and ln.index not in consumed]
    if found_tables:
        last_table = max(consumed) if consumed else -1
        tail = [ln for ln in tail if ln.index > last_table]
    signoff, signoff_lines = _find_signoff(tail)

    def prose(lo: int, hi: int) -> list[_Line]:
        return [ln for ln in lines if lo < ln.index < hi and ln.index not in consumed
                and ln.index not in signoff_lines and ln.index not in headings]

    preface = _paragraphs(prose(title_end, first_heading))
    parts: list[Part] = []
    for n, idx in enumerate(heading_at):
        key, ordinal = headings[idx]
        end = heading_at[n + 1] if n + 1 < len(heading_at) else len(items)
        heading_line = items[idx]
        assert isinstance(heading_line, _Line), "headings are found on lines only"
        parts.append(Part(key=key, heading=clean(heading_line.text).strip(), ordinal=ordinal,
                          paragraphs=_paragraphs(prose(idx, end)), origin=heading_line.origin))

    if not parts and not found_tables and title is None:
        raise ReadError("文件中找不到年度报告的标题、六个部分或三张表格，看起来不是政府信息公开工作年度报告")

    year = structure.title_year(title)
    period = structure.find_period("\n".join(p.text for p in preface) + "\n" + (parts[0].text if parts else ""))
    agency = signoff.agency or structure.title_agency(title)
    level = structure.agency_level(agency)
    if level == "unknown":
        level = structure.agency_level(structure.title_agency(title))
    return Report(
        path=path,
        format=loaded.format,
        title=title,
        title_agency=structure.title_agency(title),
        agency=agency,
        level=level,
        year=year,
        period_text=period[0] if period else None,
        period_year=period[1] if period else None,
        preface=preface,
        parts=tuple(parts),
        signoff=signoff,
        tables=Tables(**found_tables),
        notes=loaded.notes,
        ocr_pages=loaded.ocr_pages,
        published=loaded.published,
    )
