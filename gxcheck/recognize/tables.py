"""Reading the three tables from grids (docx, html, pdf, tabbed text) or from a
stream of tokens (text laid out with spaces, PDF text without ruling lines).

Numbers are placed by position within the known layout and, where the count of
rows differs from the standard, by label similarity (an order-keeping alignment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional, Sequence

from gxcheck.ftypes import Cell, CellReading, Origin, Row, Table, TableProblem, built
from gxcheck.national import (
    PROACTIVE_COLUMNS_2019,
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_LEGAL_PERSONS,
    REQUEST_COLUMN_KEYS,
    REQUEST_ROW_SUMS,
    REQUEST_WIDTH,
    REQUEST_ROWS,
    REVIEW_CELLS,
    REVIEW_COLUMN_KEYS,
    REVIEW_GROUPS,
    REVIEW_ROW_SUMS,
    STANDARD_REQUEST_KEYS,
    RowSpec,
    column_label,
    fold_lookalikes,
    proactive_row_of,
    row_label,
)
from gxcheck.recognize.cells import is_suspicious_run, is_value_like, parse_cell, with_lookalikes
from gxcheck.recognize.layouts.base import GridRow, RunRow, Token
from gxcheck.recognize.runs import place
from gxcheck.recognize.text import squash
from gxcheck.startup import compiled_on_use


@dataclass
class DataRow:
    """A row label as written and its value cells (raw text), before keys are known."""

    label: str
    values: list[tuple[Optional[str], Origin]]
    origin: Origin = field(default_factory=Origin)
    #: ``split`` when the values were cut out of a run of digits (see :mod:`gxcheck.recognize.runs`).
    read_as: CellReading = "written"


# --------------------------------------------------------------------------- grids


Scored = Optional[tuple[Optional[float], ...]]


def _cell_origins(origin: Origin, scores: Scored, width: int) -> list[Origin]:
    """The origin of each of a grid row's ``width`` positions: the row's, with the OCR engine's
    confidence in the position's text when the grid was read from a picture."""
    if scores is None:
        return [origin] * width
    return [origin if s is None else origin.model_copy(update={"confidence": s})
            for s in list(scores)[:width] + [None] * (width - len(scores))]


def _grid_row_parts(cells: Sequence[Optional[str]], width: int, origins: Sequence[Origin],
                    ) -> tuple[str, list[tuple[Optional[str], Origin]], bool, tuple[int, ...]]:
    """Label text and the ``width`` trailing value cells of one grid row, each with its origin.

    Returns (label, values, ok, positions): ``values`` is empty for a header or group row;
    ``positions`` are the values' places in the grid.  Cells covered by a merge (``None``) are
    ignored; a row whose value cells are shifted (a lost tab) is realigned by dropping empty
    cells at its edges.
    """
    where = [i for i, c in enumerate(cells) if c is not None]
    present: list[tuple[Optional[str], Origin]] = [(cells[i], origins[i]) for i in where]
    last_label = -1
    for i, (cell, _) in enumerate(present):
        if not is_value_like(cell):
            last_label = i
    label = "".join(squash(c) for c, _ in present[: last_label + 1] if c)
    first, end = last_label + 1, len(present)
    while end - first > width and not squash(present[first][0] or ""):
        first += 1
    while end - first > width and not squash(present[end - 1][0] or ""):
        end -= 1
    values = list(present[first:end])
    if not values or all(not squash(v or "") for v, _ in values) and len(values) < width:
        return label, [], True, ()
    return label, values, len(values) == width, tuple(where[first:end])


def _request_column(word: Optional[str]) -> Optional[int]:
    """The column of table 三 a header cell names (「商业企业」→1), or ``None``: none, or several."""
    if not word:
        return None
    text = squash(word).replace(REQUEST_LEGAL_PERSONS, "")  # 「法人或其他组织」 is no 「其他」
    hits = [i for i, (_, name) in enumerate(REQUEST_COLUMNS) if name in text]
    return hits[0] if len(hits) == 1 else None


def _column_order(headers: Sequence[Sequence[Optional[str]]], positions: tuple[int, ...]) -> Optional[tuple[int, ...]]:
    """For each value position of a data row, the standard column its header names — when the
    header rows above name all seven columns, each once, in an order other than the standard one.
    The lowest header row naming a position wins (「商业企业」 under 「法人或其他组织」)."""
    order: list[int] = []
    for p in positions:
        named = [c for h in headers if p < len(h) and (c := _request_column(h[p])) is not None]
        if not named:
            return None
        order.append(named[-1])
    if sorted(order) != list(range(REQUEST_WIDTH)) or order == sorted(order):
        return None
    return tuple(order)


def _row_sums_hold(rows: Sequence[Sequence[Optional[str]]]) -> int:
    """How many rows of plain numbers have 总计 (the last cell) = the sum of the six others."""
    held = 0
    for values in rows:
        numbers = [squash(v or "") for v in values]
        if all(n.isdigit() for n in numbers):
            held += sum(int(n) for n in numbers[:-1]) == int(numbers[-1])
    return held


def _in_standard_order(data: list[DataRow], order: tuple[int, ...], chosen: list[int]) -> bool:
    """Put the values of the rows ``chosen`` into the standard column order, unless that makes
    fewer rows add up (then the header is not what the numbers follow)."""
    before = [[v for v, _ in data[k].values] for k in chosen]
    after = [[row[order.index(c)] for c in range(REQUEST_WIDTH)] for row in before]
    if _row_sums_hold(after) < _row_sums_hold(before):
        return False
    for k in chosen:
        data[k].values = [data[k].values[order.index(c)] for c in range(REQUEST_WIDTH)]
    return True


def _row_origin(origin: Origin) -> Origin:
    """A row's origin from its first cell's: where it is, without that cell's OCR confidence."""
    return origin if origin.confidence is None else origin.model_copy(update={"confidence": None})


def _origin_of(values: Sequence[tuple[Optional[str], Origin]], otherwise: Origin) -> Origin:
    """The origin of a row of ``values`` (its first cell's, see :func:`_row_origin`), or ``otherwise``."""
    return _row_origin(values[0][1]) if values else otherwise


def _repeated_table(label: str, where: str, found: int, differ: bool, origin: Origin) -> TableProblem:
    """A table pasted a second time (read from its first copy; T004 says so once)."""
    note = "，两份的数字不同，只读了第一份" if differ else "，与第一份相同"
    return TableProblem(kind="repeated-table", label=label, found=found, expected=int(differ), origin=origin,
                        message=f"表格出现了两次：第二份{where}{note}")


def with_unread_cells(table: Table) -> Table:
    """``table`` with a problem (E004) naming each row that holds cells read from a picture whose
    digits the OCR engine was not sure enough of to read (:attr:`Cell.unread`)."""
    keys = {"requests": REQUEST_COLUMN_KEYS, "review": REVIEW_COLUMN_KEYS}.get(table.name, ())
    found: list[TableProblem] = []
    for key, row in table.rows.items():
        unread = [(i, c) for i, c in enumerate(row.cells) if c.unread]
        if not unread:
            continue
        columns = "、".join(f"「{column_label(table.name, keys[i])}」" for i, _ in unread if i < len(keys))
        scores = [c.confidence for _, c in unread if c.confidence is not None]
        sure = f"（把握 {min(scores):.0%}）" if scores else ""
        found.append(TableProblem(
            kind="unread-cell", label=row.label, found=len(unread), from_grid=True, origin=row.origin,
            message=f"「{row_label(table.name, key)}」一行{columns + '列' if columns else ''}有 {len(unread)} 个数字"
                    f"从图片中认不准{sure}，未读取"))
    if not found:
        return table
    return table.model_copy(update={"problems": table.problems + tuple(found)})


def _width_problem(label: str, found: int, expected: int, from_grid: bool, origin: Origin,
                   table: str = "") -> TableProblem:
    if table:
        message = f"{table}「{label[:16]}」读到{found}个数值，应为{expected}个"
    else:
        message = f"行「{label[:20]}」有{found}个数字，应为{expected}个"
    return TableProblem(kind="row-width", message=message, label=label, found=found, expected=expected,
                        from_grid=from_grid, origin=origin)


def _run_together(text: str, origin: Origin) -> TableProblem:
    return TableProblem(kind="run-together", message=f"「{text}」像是几个单元格连在一起，无法确定各自的数值",
                        label=text, origin=origin)


def _unplaced_runs(label: str, runs: Sequence[str], width: int, origin: Origin, table: str = "") -> TableProblem:
    """A row of run-together text whose digits cannot be cut into its cells with certainty."""
    where = f"{table}行「{label[-16:]}」" if label else f"{table}一行"
    return TableProblem(kind="run-together", label=label, found=len(runs), expected=width, origin=origin,
                        message=f"{where}的数字「{' '.join(runs)}」连在一起，不能唯一地分成{width}个单元格")


def request_rows_from_grid(rows: Iterable[GridRow]) -> tuple[list[DataRow], list[str], list[TableProblem]]:
    """Data rows of table 三 from grid rows; also the header text and problems.

    Values are read by position, in the standard column order; when the header rows above the
    data name the seven columns in another order (「总计」 first), each value goes to the column
    its header names, and a ``column-order`` problem says so (T004)."""
    data: list[DataRow] = []
    header: list[str] = []
    problems: list[TableProblem] = []
    block: list[tuple[Optional[str], ...]] = []  # the header rows above the current data rows
    # The data rows under each header, with the column order that header gives (None: standard).
    # A grid continued on the next page without its header stays under the header above.
    segments: list[tuple[Optional[tuple[int, ...]], list[int]]] = []
    after_data = False
    for cells, origin, scores in rows:
        label, values, ok, at = _grid_row_parts(cells, REQUEST_WIDTH, _cell_origins(origin, scores, len(cells)))
        if not values or not label and all(not squash(v or "") for v, _ in values):
            header.append(label)
            if after_data:
                block = []  # a header repeated further down (a table continued on the next page)
            after_data = False
            block.append(tuple(cells))
            continue
        if not ok:
            problems.append(_width_problem(label, len(values), REQUEST_WIDTH, True, origin))
            continue
        if not after_data or not segments:
            segments.append((_column_order(block, at), []))
        after_data = True
        segments[-1][1].append(len(data))
        data.append(DataRow(label, values, origin))
    reordered = [(order, chosen) for order, chosen in segments
                 if order is not None and _in_standard_order(data, order, chosen)]
    if reordered:  # said once, for the first header that has them so
        order, chosen = reordered[0]
        written = "、".join(REQUEST_COLUMNS[c][1] for c in order)
        problems.append(TableProblem(kind="column-order", label=written, origin=data[chosen[0]].origin,
                                     message=f"栏目顺序与统一格式不同（依次为{written}），已按栏目名称读取各栏数字"))
    return data, header, problems


_ROW_START = compiled_on_use(r"^(?:[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.．、])")


def _label_start(parts: list[str]) -> int:
    """Index of the token where the row's own label begins (its ordinal)."""
    for i in range(len(parts) - 1, -1, -1):
        if _ROW_START.match(parts[i]):
            return i
    return 0


def request_rows_from_tokens(tokens: Sequence[Token]) -> tuple[list[DataRow], list[str], list[TableProblem]]:
    """Data rows of table 三 from a token stream: every 7 values close a row."""
    data: list[DataRow] = []
    header: list[str] = []
    problems: list[TableProblem] = []
    label: list[str] = []
    values: list[tuple[Optional[str], Origin]] = []
    row_origin = Origin()
    for text, origin in tokens:
        if is_value_like(text):
            if is_suspicious_run(text):
                problems.append(_run_together(text, origin))
            if not values:
                row_origin = origin
            values.append((text, origin))
            if len(values) == REQUEST_WIDTH:
                start = _label_start(label)
                if not data:
                    header.extend(label[:start])
                data.append(DataRow("".join(label[start:]), values, row_origin))
                label, values = [], []
        else:
            if values:
                # Text in the middle of a row's numbers: the row is broken.
                own = "".join(label[_label_start(label):])  # without the header words before the first row
                problems.append(TableProblem(kind="broken-row", message=f"行「{own[:20]}」只读到{len(values)}个数字",
                                             label=own, found=len(values), expected=REQUEST_WIDTH, origin=row_origin))
                label, values = [], []
            label.append(squash(text))
    if values:
        problems.append(TableProblem(kind="leftover", message=f"表尾有{len(values)}个数字无法归入任何一行",
                                     found=len(values), expected=REQUEST_WIDTH, origin=row_origin))
    if not data:
        header.extend(label)
    return data, header, problems


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    """The character pairs of ``text`` (kept: the alignment asks them of each label once per row of the format)."""
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


_CANONICAL_BIGRAMS = {spec.key: _bigrams(squash(spec.label)) for spec in REQUEST_ROWS}
#: Each row's distinctive words, squashed once (a table's labels are compared with them a hundred times).
_KEYWORDS = {spec.key: tuple(squash(k) for k in spec.keywords) for spec in REQUEST_ROWS}
#: The words a group row's label ends with, of every group row.
_GROUP_ENDINGS = tuple(k for spec in REQUEST_ROWS if spec.group_of for k in _KEYWORDS[spec.key])


def _names_group(label: str) -> bool:
    """Whether ``label`` is like some group row's (:func:`_similarity` above 0 for one of them)."""
    return bool(label) and label.rstrip(")）:：").endswith(_GROUP_ENDINGS)


def _similarity(label: str, spec: RowSpec) -> float:
    """1 when the label has one of the row's distinctive words; else a share of its
    character pairs found in the canonical label (labels broken by extraction). ``label`` is
    squashed, its OCR lookalikes folded (:func:`gxcheck.national.fold_lookalikes`)."""
    if not label:
        return 0.0
    keywords = _KEYWORDS[spec.key]
    if spec.group_of:
        # A group row stands alone: its label *ends* with the group's words.
        return 1.0 if label.rstrip(")）:：").endswith(keywords) else 0.0
    if any(k in label for k in keywords):
        return 1.0
    pairs = _bigrams(label)
    if not pairs:
        return 0.0
    return 0.8 * len(pairs & _CANONICAL_BIGRAMS[spec.key]) / len(pairs)


def _align(labels: Sequence[str], specs: Sequence[RowSpec]) -> list[Optional[int]]:
    """Order-keeping alignment of row labels to row specs, maximising similarity.

    Returns, for each label, the index of its spec or ``None`` (an extra row).
    Skipping an optional spec (group subtotals, 2019-style rows) costs nothing,
    skipping a standard row costs a little, leaving a row unplaced costs more.
    """
    n, m = len(labels), len(specs)
    skip_row = 0.6
    # Skipping a later sub-row of （六） is cheaper than an earlier one: partial copies drop 3, not 1.
    skip_spec = [0.0 if s.group_of else 0.04 - 0.01 * int(s.key[-1]) if s.key.startswith("other_") else 0.2
                 for s in specs]
    neg = float("-inf")
    dp = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, Optional[int]]]] = [[(0, 0, None)] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = dp[i][j]
            if here == neg:
                continue
            if j < m and here - skip_spec[j] > dp[i][j + 1]:
                dp[i][j + 1] = here - skip_spec[j]
                back[i][j + 1] = (i, j, None)
            if i < n and here - skip_row > dp[i + 1][j]:
                dp[i + 1][j] = here - skip_row
                back[i + 1][j] = (i, j, None)
            if i < n and j < m:
                similarity = _similarity(labels[i], specs[j])
                score = here + similarity
                # A group row only matches a label that looks like that group.
                if specs[j].group_of and similarity == 0:
                    continue
                if score > dp[i + 1][j + 1]:
                    dp[i + 1][j + 1] = score
                    back[i + 1][j + 1] = (i, j, j)
    result: list[Optional[int]] = [None] * n
    i, j = n, m
    while i or j:
        pi, pj, matched = back[i][j]
        if matched is not None and pi == i - 1:
            result[pi] = matched
        i, j = pi, pj
    return result


_FIRST_ROW = compiled_on_use(r"^一[、.．]")
#: Rows each copy of a table 三 pasted twice has at least (half the standard rows).
_COPY_ROWS = len(STANDARD_REQUEST_KEYS) // 2


def _second_copy(labels: Sequence[str]) -> Optional[int]:
    """Where a second copy of table 三 begins among the data rows — the row 「一、本年新收…」 once
    more, after at least half a table and with at least half a table after it — or ``None``."""
    firsts = [k for k, label in enumerate(labels) if _FIRST_ROW.match(label)]
    for k in firsts[1:]:
        if k >= _COPY_ROWS and len(labels) - k >= _COPY_ROWS:
            return k
    return None


def _values(table: Table) -> dict[str, tuple[Optional[str], ...]]:
    return {key: tuple(c.raw for c in row.cells) for key, row in table.rows.items()}


def build_requests(data: list[DataRow], header: list[str], problems: list[TableProblem], origin: Origin,
                   copies: bool = True) -> Table:
    """Place data rows on the canonical keys of table 三.

    A table pasted twice (the rows begin again at 「一、本年新收…」) is read from its first copy;
    a ``repeated-table`` problem says where the second begins and whether its numbers differ."""
    keys: list[Optional[str]]
    labels = [fold_lookalikes(d.label) for d in data]  # 「尚末审结」 matches as 「尚未审结」
    copy = _second_copy(labels) if copies else None
    if copy is not None:  # (the first copy holds no other; a third one is compared as part of the second)
        first = build_requests(data[:copy], header, problems, origin, copies=False)
        second = build_requests(data[copy:], [], [], origin, copies=False)
        start, found = data[copy].label[:16], len(data) - copy
        repeated = _repeated_table(start, f"从「{start}」起共 {found} 行", found, _values(first) != _values(second),
                                   data[copy].origin)
        return first.model_copy(update={"problems": first.problems + (repeated,)})
    # Exactly the standard rows, none dropped and no subtotal: place by position (labels may be
    # too broken to trust). Otherwise align on the labels.
    if len(data) == len(STANDARD_REQUEST_KEYS) and all(p.about_layout for p in problems) and not any(
        _names_group(label) for label in labels
    ):
        keys = list(STANDARD_REQUEST_KEYS)
    else:
        placed = _align(labels, REQUEST_ROWS)
        keys = [REQUEST_ROWS[p].key if p is not None else None for p in placed]
    rows: dict[str, Row] = {}
    unmatched: list[str] = []
    unlabelled: list[DataRow] = []
    # Cells are immutable: the seven 「0」 of one line can be one object.
    made: dict[tuple[Optional[str], int, CellReading], Cell] = {}

    def cell(raw: Optional[str], origin: Origin, read_as: CellReading) -> Cell:
        key = (raw, id(origin), read_as)
        if key not in made:
            made[key] = parse_cell(raw, origin=origin, read_as=read_as)
        return made[key]

    for row, key in zip(data, keys):
        if key is None and not row.label:
            unlabelled.append(row)  # a row of numbers whose label a converter lost: not guessed
            continue
        if key is None or key in rows:
            unmatched.append(row.label)
            continue
        cells = with_lookalikes(tuple(cell(raw, o, row.read_as) for raw, o in row.values))
        rows[key] = built(Row, key=key, label=row.label, cells=cells, origin=row.origin)
    if unmatched:
        problems = problems + [TableProblem(kind="unmatched-row", label=u,
                                            message=f"无法对应到标准行的行：{u[:16]}", origin=origin)
                               for u in unmatched]
    problems = problems + [TableProblem(kind="unlabelled-row", origin=row.origin, found=len(row.values),
                                        message=f"一行数字「{' '.join(raw or '' for raw, _ in row.values)}」没有行名，"
                                                "无法确定是哪一行") for row in unlabelled]
    return Table(
        name="requests",
        rows=rows,
        header_text="".join(header),
        problems=tuple(problems),
        unmatched_labels=tuple(unmatched),
        origin=origin,
    )


# --------------------------------------------------------------------------- table 二


_proactive_spec = proactive_row_of


def _last_proactive_spec(label: str) -> Optional[RowSpec]:
    """The row of table 二 named last in ``label`` (several when labels ran together)."""
    label = fold_lookalikes(label)
    found = [(label.rfind(squash(k)), spec) for spec in PROACTIVE_ROWS for k in spec.keywords if squash(k) in label]
    return max(found, key=lambda f: f[0])[1] if found else None


def _blank(values: Sequence[tuple[Optional[str], Origin]]) -> bool:
    return not any(squash(raw or "") for raw, _ in values)


_Found = tuple[RowSpec, str, list[tuple[Optional[str], Origin]]]


def _proactive_table(found: list[_Found], header: list[str], unmatched: list[str], from_grid: bool, origin: Origin,
                     problems: Optional[list[TableProblem]] = None,
                     split: frozenset[str] = frozenset()) -> Table:
    """Table 二 from its rows; ``split`` names the rows whose cells were cut out of a run."""
    problems = list(problems or ())
    if found and not problems and all(_blank(values) and not re.search(r"\d", label) for _, label, values in found):
        # Every row's label and not one number (nor digits glued to a label): the table is there and
        # blank, as a blank template is; its rows are read at full width, every cell blank.
        blank_rows = {spec.key: Row(key=spec.key, label=label, origin=_origin_of(values, origin),
                                    cells=(parse_cell(None, origin=_origin_of(values, origin)),) * spec.width)
                      for spec, label, values in found}
        return Table(name="proactive", rows=blank_rows, header_text="".join(header),
                     unmatched_labels=tuple(unmatched), origin=origin)
    rows: dict[str, Row] = {}
    unmatched = list(unmatched)
    keys = [spec.key for spec, _, _ in found]
    seen: set[str] = set()
    at = None  # where a key comes again
    again: set[str] = set()
    for n, k in enumerate(keys):
        if k in seen:
            at = n if at is None else at
            again.add(k)
        seen.add(k)
    if at is not None and len(seen) >= 3 and again == seen:
        # Every row twice: the table pasted again.  Read from the first copy, said once (T004).
        first, second = found[:at], found[at:]
        differ = [[v for v, _ in values] for _, _, values in first] != [[v for v, _ in values] for _, _, values in second]
        start = second[0][1]
        problems.append(_repeated_table(start, f"从「{start}」起共 {len(second)} 行", len(second), differ,
                                        second[0][2][0][1] if second[0][2] else origin))
        found = first
    for spec, label, values in found:
        if spec.key in rows:
            unmatched.append(label)  # a row written twice: T004 says so; the first is read
            continue
        decimal = spec.key == "fees"
        while len(values) > spec.width and not squash(values[-1][0] or ""):
            values = values[:-1]
        if len(values) != spec.width:
            problems.append(_width_problem(label, len(values), spec.width, from_grid, _origin_of(values, origin),
                                           table="表二"))
            continue  # a row is read at full width or not at all: never a short row, never a guess at which cells
        read_as: CellReading = "split" if spec.key in split else "written"
        cells = with_lookalikes(tuple(parse_cell(raw, decimal=decimal, origin=o, read_as=read_as)
                                      for raw, o in values[: spec.width]), decimal)
        rows[spec.key] = built(Row, key=spec.key, label=label, cells=cells, origin=_origin_of(values, origin))
    return Table(name="proactive", rows=rows, header_text="".join(header), problems=tuple(problems),
                 unmatched_labels=tuple(unmatched), origin=origin)


def proactive_from_grid(rows: Iterable[GridRow], origin: Origin) -> Table:
    found: list[tuple[RowSpec, str, list[tuple[Optional[str], Origin]]]] = []
    header: list[str] = []
    unmatched: list[str] = []
    for cells, row_origin, scores in rows:
        placed: list[tuple[Optional[str], Origin]] = [
            (c, o) for c, o in zip(cells, _cell_origins(row_origin, scores, len(cells))) if c is not None]
        present = [c for c, _ in placed]
        if not present:
            continue
        label = squash(present[0] or "")
        spec = _proactive_spec(label) if label else None
        rest = present[1:]
        if spec is None:
            header.append("".join(squash(c or "") for c in present))
            if label and rest and all(is_value_like(c) for c in rest) and any(squash(c or "") for c in rest):
                unmatched.append(label)
            continue
        found.append((spec, label, placed[1:]))
    return _proactive_table(found, header, unmatched, True, origin)


def proactive_from_tokens(tokens: Sequence[Token], origin: Origin) -> Table:
    found: list[tuple[RowSpec, str, list[tuple[Optional[str], Origin]]]] = []
    header: list[str] = []
    current: Optional[tuple[RowSpec, str, list[tuple[Optional[str], Origin]]]] = None
    for text, tok_origin in tokens:
        if is_value_like(text):
            if current is not None:
                current[2].append((text, tok_origin))  # all of them: a row of more values than cells is not read
            continue
        label = squash(text)
        spec = _proactive_spec(label)
        if spec is not None:
            current = (spec, label, [])
            found.append(current)
        else:
            header.append(label)
    return _proactive_table(found, header, [], False, origin)


# --------------------------------------------------------------------------- table 四


def _review_table(values: list[tuple[Optional[str], Origin]], header: list[str], problems: list[TableProblem],
                  from_grid: bool, origin: Origin, read_as: CellReading = "written") -> Table:
    while len(values) > REVIEW_CELLS and not squash(values[0][0] or ""):
        values.pop(0)
    while len(values) > REVIEW_CELLS and not squash(values[-1][0] or ""):
        values.pop()
    if len(values) == 2 * REVIEW_CELLS and sum(REVIEW_GROUPS[0][1] in h for h in header) >= 2:
        # Two headers and twice fifteen numbers: the table pasted again.  Read from the first copy.
        differ = [v for v, _ in values[:REVIEW_CELLS]] != [v for v, _ in values[REVIEW_CELLS:]]
        problems.append(_repeated_table(REVIEW_GROUPS[0][1], f"共 {REVIEW_CELLS} 个数字", REVIEW_CELLS, differ,
                                        values[REVIEW_CELLS][1]))
        values = values[:REVIEW_CELLS]
    if len(values) != REVIEW_CELLS:
        problems.append(TableProblem(kind="row-width", message=f"表四读到{len(values)}个数值，应为15个",
                                     found=len(values), expected=REVIEW_CELLS, from_grid=from_grid, origin=origin))
    rows: dict[str, Row] = {}
    if len(values) >= REVIEW_CELLS:
        # The fifteen cells are one printed row: lookalikes are read with all of them in view.
        row = with_lookalikes(tuple(parse_cell(raw, origin=o, read_as=read_as) for raw, o in values[:REVIEW_CELLS]))
        for g, (group, _) in enumerate(REVIEW_GROUPS):
            rows[group] = built(Row, key=group, label=group, cells=row[g * 5:(g + 1) * 5],
                                origin=_row_origin(values[g * 5][1]))
    return Table(name="review", rows=rows, header_text="".join(header), problems=tuple(problems), origin=origin)


def _review_group_of(label: str) -> Optional[int]:
    """The group of table 四 a row label names (0 行政复议, 1 未经复议直接起诉, 2 复议后起诉)."""
    if "复议后" in label:
        return 2
    if "未经复议" in label or "直接起诉" in label:
        return 1
    if "复议" in label and "诉讼" not in label:
        return 0
    return None


def review_from_grid(rows: Iterable[GridRow], origin: Origin) -> Table:
    """Table 四 from a grid: its fifteen numbers on one row, as the format prints it — or the
    three groups written as three rows of five, each named in its first cell (said by T004)."""
    values: list[tuple[Optional[str], Origin]] = []
    header: list[str] = []
    by_group: dict[int, list[tuple[Optional[str], Origin]]] = {}
    for cells, row_origin, scores in rows:
        placed: list[tuple[Optional[str], Origin]] = [
            (c, o) for c, o in zip(cells, _cell_origins(row_origin, scores, len(cells))) if c is not None]
        present = [c for c, _ in placed]
        if present and all(is_value_like(c) for c in present) and len(present) >= 5:
            values.extend(placed)
            continue
        rest = present[1:]
        group = _review_group_of(squash(present[0] or "")) if present else None
        if group is not None and len(rest) == 5 and all(is_value_like(c) for c in rest) and group not in by_group:
            by_group[group] = placed[1:]
        header.append("".join(squash(c or "") for c in present))
    if not values and sorted(by_group) == [0, 1, 2]:
        problem = TableProblem(kind="transposed", origin=_row_origin(by_group[0][0][1]),
                               message="三组（行政复议、未经复议直接起诉、复议后起诉）写成了三行，已按行名读取")
        return _review_table([v for g in range(3) for v in by_group[g]], header, [problem], True, origin)
    return _review_table(values, header, [], True, origin)


def review_from_tokens(tokens: Sequence[Token], origin: Origin) -> Table:
    values: list[tuple[Optional[str], Origin]] = []
    header: list[str] = []
    problems: list[TableProblem] = []
    for text, tok_origin in tokens:
        if is_value_like(text):
            if is_suspicious_run(text):
                problems.append(_run_together(text, tok_origin))
            values.append((text, tok_origin))
        elif not values:
            header.append(squash(text))
        else:
            break
    return _review_table(values, header, problems, False, origin)


# --------------------------------------------------------------------------- run-together text


def proactive_from_runs(rows: Sequence[RunRow], origin: Origin) -> Table:
    """Table 二 from rows of run-together text. No row of table 二 has a sum to go by, so a run
    is read only when it is one cell per run or one digit per cell. Under the 2019 trial
    columns a one-cell row of the 2021 table has three cells, so its run is not read either."""
    labels = [squash(label) for label, _, _ in rows]
    trial_columns = any(squash(word) in label for label in labels for word in PROACTIVE_COLUMNS_2019)
    found: list[_Found] = []
    header: list[str] = []
    problems: list[TableProblem] = []
    split: set[str] = set()
    for label, (_, runs, row_origin) in zip(labels, rows):
        # A row whose cells were all blank leaves its label glued to the next one: 「行政许可…行政处罚10」
        # is 行政处罚's 10, so the row named last is the one the digits belong to.
        spec = _last_proactive_spec(label)
        if spec is None:
            header.append(label)
            continue
        if any(seen.key == spec.key for seen, _, _ in found):
            continue
        width = 3 if trial_columns else spec.width
        placed = place(runs, width) if runs else ([None] * spec.width, "written")
        if placed is None or width != spec.width:
            problems.append(_unplaced_runs(label, runs, width, row_origin, table="表二"))
            continue
        cells, read_as = placed
        if read_as == "split":
            split.add(spec.key)
        found.append((spec, label, [(c, row_origin) for c in cells]))
    return _proactive_table(found, header, [], False, origin, problems, frozenset(split))


def _blank_request_row(label: str) -> bool:
    """A numbered row of table 三 that is not a group row: with no digit after it in run-together
    text, every cell of it is blank (a group row such as 「（三）不予公开」 has no cells at all)."""
    if not _ROW_START.match(label):
        return False
    label = fold_lookalikes(label)
    if _names_group(label):
        return False
    return any(not spec.group_of and any(k in label for k in _KEYWORDS[spec.key]) for spec in REQUEST_ROWS)


def requests_from_runs(rows: Sequence[RunRow], origin: Origin) -> Table:
    """Table 三 from rows of run-together text: each row's runs cut by its own sum (总计)."""
    data: list[DataRow] = []
    header: list[str] = []
    problems: list[TableProblem] = []
    for raw_label, runs, row_origin in rows:
        label = squash(raw_label)
        if not runs:
            if _blank_request_row(label):
                data.append(DataRow(label, [(None, row_origin)] * REQUEST_WIDTH, row_origin))
            else:
                header.append(label)
            continue
        placed = place(runs, REQUEST_WIDTH, REQUEST_ROW_SUMS)
        if placed is None:
            problems.append(_unplaced_runs(label, runs, REQUEST_WIDTH, row_origin, table="表三"))
            continue
        cells, read_as = placed
        data.append(DataRow(label, [(c, row_origin) for c in cells], row_origin, read_as))
    return build_requests(data, header, problems, origin)


def review_from_runs(rows: Sequence[RunRow], origin: Origin) -> Table:
    """Table 四 from run-together text: its 15 cells, in one run or several, cut by the groups' sums."""
    header = [squash(label) for label, _, _ in rows if label]
    runs = [run for _, row_runs, _ in rows for run in row_runs]
    first = next((o for _, row_runs, o in rows if row_runs), origin)
    if not runs:
        return _review_table([], header, [], False, origin)
    placed = place(runs, REVIEW_CELLS, REVIEW_ROW_SUMS)
    if placed is None:
        return Table(name="review", rows={}, header_text="".join(header), origin=origin,
                     problems=(_unplaced_runs("", runs, REVIEW_CELLS, first, table="表四"),))
    cells, read_as = placed
    return _review_table([(c, first) for c in cells], header, [], False, origin, read_as)


# --------------------------------------------------------------------------- one interface


def requests_from_grid(rows: Iterable[GridRow], origin: Origin) -> Table:
    data, header, problems = request_rows_from_grid(rows)
    return build_requests(data, header, problems, origin)


def requests_from_tokens(tokens: Sequence[Token], origin: Origin) -> Table:
    data, header, problems = request_rows_from_tokens(tokens)
    return build_requests(data, header, problems, origin)


def merge(first: Table, second: Table) -> Table:
    """One table from two readings of parts of it: the first's rows, and the second's rows the
    first does not have; the problems, headers and unmatched labels of both."""
    rows = {**first.rows, **{k: r for k, r in second.rows.items() if k not in first.rows}}
    return first.model_copy(update={
        "rows": rows,
        "header_text": first.header_text + second.header_text,
        "problems": first.problems + second.problems,
        "unmatched_labels": first.unmatched_labels + second.unmatched_labels,
    })


@dataclass(frozen=True)
class TableReader:
    """How one of the three tables is read: from grid rows, a token stream, or rows of
    run-together text (a label and its runs of digits)."""

    kind: str
    from_grid: Callable[[Sequence[GridRow], Origin], Table]
    from_tokens: Callable[[Sequence[Token], Origin], Table]
    from_runs: Callable[[Sequence[RunRow], Origin], Table]


#: The reader of each table, by the name it has in :class:`gxcheck.ftypes.Tables`.
READERS: dict[str, TableReader] = {
    "proactive": TableReader("proactive", proactive_from_grid, proactive_from_tokens, proactive_from_runs),
    "requests": TableReader("requests", requests_from_grid, requests_from_tokens, requests_from_runs),
    "review": TableReader("review", review_from_grid, review_from_tokens, review_from_runs),
}
