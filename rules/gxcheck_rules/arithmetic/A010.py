from typing import Iterator, NamedTuple, Optional

from gxcheck import CellRef, Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import REQUEST_COLUMN_KEYS, REQUEST_COLUMN_LABELS, row_label
from gxcheck_rules.arithmetic.A002 import outcome_rows
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.arithmetic._sums import fmt

CellKey = tuple[str, int]  # (row key, column index) of table 三


class Identity(NamedTuple):
    """``sum(left) == sum(right)`` over cells of table 三; ``kind`` is "row" or "column"
    (a named tuple: a report makes some forty, in a tenth of a frozen dataclass's time)."""

    kind: str
    left: tuple[CellKey, ...]
    right: tuple[CellKey, ...]


def row_identities(table) -> list[Identity]:
    """A003's row identities, over the rows the file has."""
    return [Identity("row", ((key, 6),), tuple((key, i) for i in range(6)))
            for key, row in table.rows.items() if len(row.cells) == 7]


def column_identities(table) -> list[Identity]:
    """A001's and A002's column identities, over the rows the file has."""
    out: list[Identity] = []
    balance = ("new", "carried", "total", "carry_over")
    outcomes = outcome_rows(table) if "total" in table.rows else []
    for i in range(len(REQUEST_COLUMN_KEYS)):
        if all(k in table.rows for k in balance):
            out.append(Identity("column", (("new", i), ("carried", i)), (("total", i), ("carry_over", i))))
        if outcomes:
            out.append(Identity("column", (("total", i),), tuple((k, i) for k in outcomes)))
    return out


def _row_broken(cells) -> bool:
    """Whether a row's identity (总计 = the six others) can be checked, every cell a number, and fails."""
    if any(c.status != "number" or c.value is None for c in cells):
        return False
    return sum(c.value for c in cells[:6]) != cells[6].value


class A010(Rule):
    """表三中一个数同时让一行和一列的勾稽关系不成立时，指出这个很可能填错的单元格。

    填错一个数，往往同时破坏它所在行的「总计＝各申请人之和」和它所在列的「一+二＝三+四」
    或「总计＝各办理结果之和」。当所有不成立的关系只在一个单元格相交、并且把这个单元格
    换成某一个数就能让它们全部成立时，先说出这个单元格和那个数，便于逐项核对。
    不止一个单元格都可能（例如只有一处合计不成立，或改动了两个数）时不作推断；
    gxcheck 从不改动数字本身。
    """

    code = "A010"
    slug = "arithmetic.likely-cell"
    title = "表三很可能填错的单元格"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号 表三勾稽关系说明"
    failing = (Example(text=requests((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), (0, 0, 0, 0, 0, 0, 1)),
                       note="结转下年度的总计写成 1，行和列都不平：改为 0 即全部成立"),)
    passing = (Example(text=requests((1, 0, 0, 0, 0, 0, 2), ZERO, (1, 0, 0, 0, 0, 0, 2), ZERO),
                       note="两行的总计都多 1，不成立的关系不交于一个单元格：不作推断"),
               Example(text=requests((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), ZERO)))

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        if table is None or not any(_row_broken(row.cells) for row in table.rows.values() if len(row.cells) == 7):
            return  # a broken row must meet a broken column: with none (most tables), nothing to look for
        values: dict[CellKey, float] = {}
        for key, row in table.rows.items():
            for i, cell in enumerate(row.cells):
                if cell.status == "number" and cell.value is not None:
                    values[(key, i)] = cell.value

        def gap(ident: Identity) -> Optional[float]:  # left minus right; None when a cell is not a number
            left, right = [values.get(c) for c in ident.left], [values.get(c) for c in ident.right]
            if None in left or None in right:
                return None
            return sum(left) - sum(right)  # type: ignore[arg-type]

        complete = [(ident, g) for ident in row_identities(table) + column_identities(table)
                    if (g := gap(ident)) is not None]
        broken = [(ident, g) for ident, g in complete if g != 0]
        if len(broken) < 2 or {ident.kind for ident, _ in broken} != {"row", "column"}:
            return
        shared = set.intersection(*(set(ident.left + ident.right) for ident, _ in broken))
        if len(shared) != 1:
            return
        cell = shared.pop()
        # Every complete identity through the cell must be broken, and one value must mend them all.
        if any(g == 0 and cell in ident.left + ident.right for ident, g in complete):
            return
        fixes = {values[cell] - g if cell in ident.left else values[cell] + g for ident, g in broken}
        if len(fixes) != 1:
            return
        value = fixes.pop()
        if value < 0:
            return
        key, i = cell
        column = REQUEST_COLUMN_KEYS[i]
        origin = table.rows[key].origin
        yield self.finding(
            f"表三「{row_label('requests', key)}」行「{REQUEST_COLUMN_LABELS[column]}」列的 {fmt(values[cell])} 很可能填错了："
            f"这一格同时出现在 {len(broken)} 处不成立的勾稽关系中（其所在的行和列），若它是 {fmt(value)}，这些关系全部成立。"
            "请先核对这一格（gxcheck 不会改动数字）",
            Location(part="s3", table="requests", row=key, column=column, page=origin.page, line=origin.line,
                     cells=(CellRef(table="requests", row=key, index=i),)),
        ).model_copy(update={"explains": True})  # the broken sums through this cell are explained by it
