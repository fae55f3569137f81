"""Blocks in, :class:`Report` out: the single place that knows the report's layout.

Loaders hand over paragraphs, plain lines and table grids in document order.
This module finds the title, the six parts, the three tables (from grids, or
from text laid out with tabs or spaces) and the closing sign-off.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional, Sequence, Union

from gxcheck.ftypes import (LoadedFile, Origin, Paragraph, Part, ReadError, Report, ReportFormat, SignOff, Table, Tables,
                            built)
from gxcheck.national import (LAST_2008_YEAR, LOST_HEADING_SUBHEADINGS, REVIEW_ONLY_WORDS, STATISTICS_TABLE_2008,
                              is_generic_header, table_of_words)
from gxcheck.recognize import layouts, structure, tables
from gxcheck.recognize.layouts import markdown_pipes
from gxcheck.recognize.layouts.base import GridRow, Line
from gxcheck.recognize.layouts.space_tokens import ANCHORS
from gxcheck.recognize.text import clean, is_page_furniture, matchable, squash
from gxcheck.startup import compiled_on_use

TABLE_PART = {"proactive": "s2", "requests": "s3", "review": "s4"}


@dataclass
class _Grid:
    rows: tuple[tuple[Optional[str], ...], ...]
    origin: Origin
    index: int
    #: The OCR engine's confidence per position, for a grid read from a picture (``TableBlock.confidence``).
    confidence: Optional[tuple[tuple[Optional[float], ...], ...]] = None

    def grid_rows(self) -> list[GridRow]:
        scores = self.confidence or ()
        return [(row, self.origin, scores[r] if r < len(scores) else None) for r, row in enumerate(self.rows)]


# A part heading inside run-on text scraped from a web page: 「……。一、总体情况2019年，……」.
_INLINE_HEADING = compiled_on_use(
    r"(?<![（(])([一二三四五六]、\s*(?:总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况"
    r"|(?:因政府信息公开(?:申请|工作)?|政府信息公开)?(?:被)?(?:申请)?行政复议、?(?:提起)?行政诉讼(?:的)?情况"
    r"|(?:政府信息公开工作)?存在的?主要问题(?:及|和)?(?:其?改进|整改)(?:情况|措施)"
    r"|其他需要报告的事项))"
)


_SENTENCE_END = compiled_on_use(r"\n|(?<=。)")
# Table 四's header glued to what precedes it: where it begins, table 三 (or a lost heading) ends.
_REVIEW_HEADER = compiled_on_use(r"(?<![、，,])(?=行政复议\s*行政诉讼\s*结果维持)")


# The sign-off glued to the last sentence at the end of a page: 「…情况。崇阳县教育局2026年1月10日」.
_GLUED_SIGNOFF = compiled_on_use(
    r"(?<=[。；！])([^。；！\d]{2,40}?)?\s*((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d\d-\d{1,2}-\d{1,2}"
    r"|[〇零○一二][〇零○一二三四五六七八九]{3}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$")


def _signoff_apart(m: re.Match[str]) -> str:
    return ("\n" + m.group(1) if m.group(1) else "") + "\n" + m.group(2)


def _split_run_on(text: str, whole_page: bool = False) -> list[str]:
    """Very long lines (a whole page pasted as one line): one piece per sentence, heading and table 四,
    and the sign-off's date apart from its agency. The other lines of such a page are only cut
    before a heading glued to what precedes it (``whole_page``)."""
    if len(text) < 300 and not whole_page:
        return [text]
    cut = _INLINE_HEADING.sub(lambda m: ("\n" if m.start() else "") + m.group(1) + "\n", text)
    cut = _GLUED_SIGNOFF.sub(_signoff_apart, cut)
    if len(text) < 300:
        return [text] if cut == text else [piece for piece in cut.split("\n") if piece.strip()]
    # (the pattern opens with a look-behind, so it is tried at every position: only where it may match)
    text = _REVIEW_HEADER.sub("\n", cut) if "行政复议" in cut else cut
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


# 「## （一）主动公开」: Markdown's heading marks are layout, not words.
_MARKDOWN_HEADING = compiled_on_use(r"^\s{0,3}#{1,6}\s+")


# A row of prose: a sentence, not a label (「第二十条第（一）项」 and 「申请人情况」 are labels).
_PROSE = compiled_on_use(r"[，。；]")


def _frame_text(row: tuple[Optional[str], ...]) -> Optional[str]:
    """The text of a row that is one piece of writing across the whole grid — a part heading or
    a sentence of the narrative — as a frame drawn around the text above a table gives it."""
    written = [c.strip() for c in row if c and c.strip()]
    if len({squash(c) for c in written}) != 1:  # a merged cell repeats its text in every column it spans
        return None
    text = squash(written[0])
    if _INLINE_HEADING.fullmatch(text) or (len(text) >= 30 and _PROSE.search(text)):
        return written[0]
    return None


def _unframed(rows: tuple[tuple[Optional[str], ...], ...]) -> tuple[list[str], tuple[tuple[Optional[str], ...], ...]]:
    """(the prose rows at the top of a grid, the grid without them).  Some WPS-exported files draw a
    frame around the text before table 二, so the grid begins with 「二、主动公开政府信息情况」 and the
    narrative: those rows are text, not table rows."""
    prose: list[str] = []
    while len(prose) < len(rows) - 1:
        text = _frame_text(rows[len(prose)])
        if text is None:
            break
        prose.append(text)
    return prose, rows[len(prose):]


def _generic_header(line: str) -> bool:
    """「数据1  数据2  数据3」: column titles made up by an OCR program, not the table's own (dropped
    like page furniture; the table is then read as one whose header was lost)."""
    if "数据" not in line and "列" not in line:
        return False  # most lines: no need to look further
    return is_generic_header([squash(w) for w in line.split()])


def _flatten(loaded: LoadedFile) -> list[Union[_Grid, Line]]:
    items: list[Union[_Grid, Line]] = []
    for block in loaded.blocks:
        if block.kind == "table":
            prose, rows = _unframed(block.rows)
            for text in prose:
                items.append(Line(text, block.origin, len(items)))
            scores = block.confidence[len(prose):] if block.confidence is not None else None
            items.append(_Grid(rows, block.origin, len(items), scores))
            continue
        lines = block.text.split("\n")
        if any(len(line) >= 300 for line in lines):
            lines = [piece for line in lines for piece in _split_run_on(line, whole_page=True)]
        page, first = block.origin.page, block.origin.line
        for k, line in enumerate(lines):
            if is_page_furniture(line) or _generic_header(line):
                continue
            origin = block.origin
            if k and first is not None:
                origin = built(Origin, page=page, line=first + k, ocr=block.origin.ocr, confidence=None)
            text = line.rstrip("\r")
            if "#" in text:  # most lines are no Markdown heading: the pattern is asked only of those that may be
                text = _MARKDOWN_HEADING.sub("", text)
            items.append(Line(text, origin, len(items)))
    return items


def _classify_grid(grid: _Grid) -> Optional[str]:
    return table_of_words(squash("".join(c or "" for row in grid.rows for c in row)))


# --------------------------------------------------------------------------- text tables


def _table_from_lines(kind: str, lines: list[Line]) -> tuple[Optional[Table], set[int]]:
    """Read a table laid out as text with the first layout that claims its lines.

    A Markdown converter may write some rows as pipe rows and others as plain lines
    (「行政许可 97」 above 「| 规章 | 0 | 0 | 0 |」): the lines the pipe rows leave are read too,
    by the layout that claims them, and the rows they give are added.
    """
    table, consumed, layout = _read_once(kind, lines)
    if table is None or layout != markdown_pipes.NAME:
        return table, consumed
    rest = [ln for ln in lines if ln.index not in consumed]
    more, used, _ = _read_once(kind, rest)
    if more is None or not more.rows:
        return table, consumed
    return tables.merge(table, more), consumed | used


def _read_once(kind: str, lines: list[Line]) -> tuple[Optional[Table], set[int], str]:
    reading = layouts.read_region(lines, kind)
    if reading is None:
        return None, set(), ""
    table, used = _table_of(kind, reading)
    return table, used, reading.layout


def _table_of(kind: str, reading: layouts.Reading) -> tuple[Table, set[int]]:
    reader = tables.READERS[kind]
    if reading.runs:
        return reader.from_runs(reading.runs, reading.origin), reading.consumed
    if reading.is_grid:
        return reader.from_grid(reading.rows, reading.origin), reading.consumed
    return reader.from_tokens(reading.tokens, reading.origin), reading.consumed


# --------------------------------------------------------------------------- assembly


_NEW_POINT = compiled_on_use(r"^[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+是")


def _paragraphs(lines: Sequence[Line]) -> tuple[Paragraph, ...]:
    """Join lines that a text dump wrapped; a blank line or a finished sentence ends a paragraph."""
    out: list[Paragraph] = []
    buf: list[str] = []
    origin = Origin()
    for line in lines:
        text = clean(line.text).strip()
        if not text:
            if buf:
                out.append(built(Paragraph, text="".join(buf), origin=origin))
                buf = []
            continue
        if buf and (buf[-1].endswith(("。", "：", ":", "；", "！", "？")) or len(squash(buf[-1])) < 20
                    or _NEW_POINT.match(text)):
            out.append(built(Paragraph, text="".join(buf), origin=origin))
            buf = []
        if not buf:
            origin = line.origin
        buf.append(text)
    if buf:
        out.append(built(Paragraph, text="".join(buf), origin=origin))
    return tuple(out)


def _find_signoff(tail: list[Line]) -> tuple[SignOff, set[int]]:
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


Headings = dict[int, tuple[str, Optional[str]]]


# 「一、总体情况……………1」: an entry of a table of contents, its dot leaders and page number.
_CONTENTS_ENTRY = compiled_on_use(r"(?:[.…·．。\-—_]{3,}|\t)\s*\d{1,3}\s*$")


def _table_of_contents(found: list[tuple[int, tuple[str, Optional[str]]]], lines: Sequence[Line]) -> set[int]:
    """Item indexes of heading lines that make up a table of contents (目录), when each part they
    name is written again further on, where its part is: three or more part headings on consecutive
    lines, or a heading followed by dot leaders and a page number."""
    blank = {ln.index for ln in lines if not ln.text.strip()}
    text = {ln.index: ln.text for ln in lines}

    def next_to(a: int, b: int) -> bool:  # nothing but blank lines between: no text, no table
        return all(i in blank for i in range(a + 1, b))

    runs: list[list[tuple[int, str]]] = []
    for index, (key, _) in found:
        if runs and next_to(runs[-1][-1][0], index) \
                and key not in {k for _, k in runs[-1]}:  # the text's own 「一、总体情况」 right after the list
            runs[-1].append((index, key))
        else:
            runs.append([(index, key)])
    last = {key: index for index, (key, _) in found}  # where each part's heading is written last
    toc: set[int] = set()
    for run in runs:
        end = run[-1][0]
        if len(run) >= 3 and all(last[key] > end for _, key in run):
            toc.update(index for index, _ in run)
    for index, (key, _) in found:
        if last[key] > index and _CONTENTS_ENTRY.search(text[index]):
            toc.add(index)
    return toc


def find_headings(lines: Sequence[Line]) -> Headings:
    """Phase *headings*: the first line of each of the six parts, by item index (a table of
    contents listing them before the text is not where they are)."""
    headings: Headings = {}
    seen: set[str] = set()
    found = [(ln.index, match) for ln in lines if (match := structure.match_heading(ln.text))]
    contents = _table_of_contents(found, lines) if len(found) > len({m[0] for _, m in found}) else set()
    for index, match in found:
        if match[0] not in seen and index not in contents:
            headings[index] = match
            seen.add(match[0])
    for key, (first, second) in LOST_HEADING_SUBHEADINGS.items():
        if key not in seen:
            lost = _lost_heading(lines, headings, key, first, second)
            if lost is not None:
                headings[lost] = (key, None)
    return headings


def _lost_heading(lines: Sequence[Line], headings: Headings, key: str,
                  first: re.Pattern[str], second: re.Pattern[str]) -> Optional[int]:
    """Where a part whose heading is lost begins: its first sub-heading, after the parts before it
    and before those after it, with its second sub-heading following before the next part."""
    after = [i for i, (k, _) in headings.items() if k < key]
    before = [i for i, (k, _) in headings.items() if k > key]
    lo, hi = max(after, default=-1), min(before, default=len(lines) + max((ln.index for ln in lines), default=0))
    inside = [ln for ln in lines if lo < ln.index < hi]
    for n, ln in enumerate(inside):
        if first.match(squash(ln.text)) and any(second.match(squash(x.text)) for x in inside[n + 1:]):
            return ln.index
    return None


def heading_candidates(lines: Sequence[Line]) -> dict[str, list[int]]:
    """Every numbered line that reads as a part heading, by part: a table's own heading may come
    after a first, narrative heading of the same part (「四、政府信息公开申请情况」 … 「二、收到和处理…」).
    Lines without an ordinal are left out: 「行政复议  行政诉讼」 is as often a table's header row."""
    found: dict[str, list[int]] = {}
    for ln in lines:
        match = structure.match_heading(ln.text)
        if match and match[1] is not None:
            found.setdefault(match[0], []).append(ln.index)
    return found


def find_tables(items: Sequence[Union[_Grid, Line]], lines: Sequence[Line],
                headings: Headings) -> tuple[dict[str, Table], set[int]]:
    """Phase *tables*: grids first, then text regions for whatever no grid supplied.

    A table's region runs from its part's heading to the next line that reads as any part's
    heading; when the first heading of the part holds no table, later ones are tried.
    Returns the tables by name and the item indexes they used.
    """
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
        rows = [row for g in grids for row in g.grid_rows()]
        found_tables[kind] = tables.with_unread_cells(tables.READERS[kind].from_grid(rows, grids[0].origin))
    part_start = {key: idx for idx, (key, _) in headings.items()}
    candidates = heading_candidates(lines) if len(grids_by_kind) < len(TABLE_PART) else {}
    heading_at = sorted(set(headings) | {i for found in candidates.values() for i in found})
    for kind, part_key in TABLE_PART.items():
        if kind in found_tables:
            continue
        heading = part_start.get(part_key)
        if heading is None:
            # No heading: look for the table's own words.
            start = next((ln.index for ln in lines if ln.index not in consumed
                          and any(a in matchable(ln.text) for a in ANCHORS[kind][:2])
                          and not structure.match_heading(ln.text)), None)
            if start is None:
                continue
            starts = [start - 1]
        else:
            starts = [heading] + [i for i in candidates.get(part_key, ()) if i > heading]
        for head in starts:
            start = head
            if head in headings and headings[head][1] is None \
                    and any(a in squash(items_text(items, head)) for a in ANCHORS[kind]):
                start -= 1  # a heading without ordinal that is the table's own header row: 「行政复议  行政诉讼」
            end = next((h for h in heading_at if h > head), len(items))
            region = [ln for ln in lines if start < ln.index < end and ln.index not in consumed]
            if kind == "requests":
                region = _before_review(region)
            table, used = _table_from_lines(kind, region)
            if table is not None and (table.rows or table.problems):
                found_tables[kind] = table
                consumed |= used
                break
    return found_tables, consumed


def items_text(items: Sequence[Union[_Grid, Line]], index: int) -> str:
    item = items[index]
    return item.text if isinstance(item, Line) else ""


def _before_review(region: list[Line]) -> list[Line]:
    """Table 三's lines end where table 四's own labels begin (its part heading may be lost)."""
    for n, line in enumerate(region[1:], start=1):
        flat = matchable(line.text)
        if flat.startswith(REVIEW_ONLY_WORDS) or any(w in flat for w in REVIEW_ONLY_WORDS[2:]):
            return region[:n]
    return region


def find_title_lines(lines: Sequence[Line], first_heading: int, consumed: set[int]) -> tuple[Optional[str], int]:
    """Phase *title*: the title before the first heading, and the index of its last line (-1)."""
    head_lines = [ln for ln in lines if ln.index < first_heading and ln.index not in consumed]
    title_found = structure.find_title([ln.text for ln in head_lines])
    if not title_found:
        return None, -1
    return title_found[0].strip(), head_lines[title_found[1]].index


def find_report_format(lines: Sequence[Line], year: Optional[int], found_tables: dict[str, Table]) -> ReportFormat:
    """Phase *format*: a report of a year before 2019, or one whose only table is the 2008
    statistics table (指标名称 / 计量单位) with no table 三, follows the 2008 format."""
    if year is not None and year <= LAST_2008_YEAR:
        return "2008"
    if "requests" in found_tables:
        return "2019"
    stats: set[str] = set()
    for ln in lines:
        stats.update(w for w in STATISTICS_TABLE_2008 if w in ln.text)
    return "2008" if len(stats) == len(STATISTICS_TABLE_2008) else "2019"


def find_signoff_lines(lines: Sequence[Line], headings: Headings, consumed: set[int],
                       has_tables: bool) -> tuple[SignOff, set[int]]:
    """Phase *sign-off*: the tail after the last heading's prose and the last table."""
    last_heading = max(headings) if headings else -1
    tail = [ln for ln in lines if ln.index > last_heading and ln.index not in consumed]
    if has_tables:
        last_table = max(consumed) if consumed else -1
        tail = [ln for ln in tail if ln.index > last_table]
    return _find_signoff(tail)


def narrative(items: Sequence[Union[_Grid, Line]], lines: Sequence[Line], headings: Headings,
              skip: set[int], title_end: int) -> tuple[tuple[Paragraph, ...], list[Part]]:
    """Phase *narrative*: the preface and the six parts' paragraphs, without the lines in ``skip``."""
    heading_at = sorted(headings)
    first_heading = heading_at[0] if heading_at else len(items)

    at = [ln.index for ln in lines]  # ascending: a part's lines are found by bisection, not by a scan each

    def prose(lo: int, hi: int) -> list[Line]:
        return [ln for ln in lines[bisect_right(at, lo):bisect_left(at, hi)]
                if ln.index not in skip and ln.index not in headings]

    preface = _paragraphs(prose(title_end, first_heading))
    parts: list[Part] = []
    for n, idx in enumerate(heading_at):
        key, ordinal = headings[idx]
        end = heading_at[n + 1] if n + 1 < len(heading_at) else len(items)
        heading_line = items[idx]
        assert isinstance(heading_line, Line), "headings are found on lines only"
        parts.append(Part(key=key, heading=clean(heading_line.text).strip(), ordinal=ordinal,
                          paragraphs=_paragraphs(prose(idx, end)), origin=heading_line.origin))
    return preface, parts


def recognize(loaded: LoadedFile, path: str) -> Report:
    """Turn a loaded file into the shared model, phase by phase:
    headings, tables, title, format, sign-off, narrative.

    Raises :class:`ReadError` when the file holds no trace of an annual report.
    """
    items = _flatten(loaded)
    lines = [it for it in items if isinstance(it, Line)]
    headings = find_headings(lines)
    found_tables, consumed = find_tables(items, lines, headings)
    first_heading = min(headings) if headings else len(items)
    title, title_end = find_title_lines(lines, first_heading, consumed)
    year = structure.title_year(title)
    report_format = find_report_format(lines, year, found_tables)
    if report_format == "2008":
        found_tables, consumed = {}, set()  # the format has none of the 2019/2021 tables: no text is theirs
    signoff, signoff_lines = find_signoff_lines(lines, headings, consumed, bool(found_tables))
    preface, parts = narrative(items, lines, headings, consumed | signoff_lines, title_end)

    if not parts and title is None and not any(t.rows for t in found_tables.values()):
        # Not one row placed in any table either (a table of problems only is no evidence): a
        # comparison of two reports, a notice, a form — one E001, not a list of "missing" parts.
        raise ReadError("文件中找不到年度报告的标题、六个部分或三张表格，看起来不是政府信息公开工作年度报告")

    period = structure.find_period("\n".join(p.text for p in preface) + "\n" + (parts[0].text if parts else ""))
    named = structure.title_years(title)
    if len(named) > 1:  # 「2023年、2024年…」: the year the statistics period or the sign-off confirms (S005)
        confirmed = [y for y in (period[1] if period else None, signoff.date.year - 1 if signoff.date else None)
                     if y in named]
        if confirmed:
            year = confirmed[0]
    agency = signoff.agency or structure.title_agency(title)
    level = structure.agency_level(agency)
    if level == "unknown":
        level = structure.agency_level(structure.title_agency(title))
    return Report(
        path=path,
        format=loaded.format,
        report_format=report_format,
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
        ocr_pictures=loaded.ocr_pictures,
        unread_pictures=loaded.unread_pictures,
        published=loaded.published,
    )
