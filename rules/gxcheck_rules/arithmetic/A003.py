from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import row_label
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.arithmetic._sums import blanks_note, compare, fmt, identity_cells, total_words


class A003(Rule):
    """表三每一行：「总计」列应等于自然人与五类法人或其他组织之和。

    「法人或其他组织」下面的五列没有小计列，总计就是六列之和。每一行单独核对，
    不相等的行各报告一次。空白单元格不当作 0。
    """

    code = "A003"
    slug = "arithmetic.row-total"
    title = "表三行总计等于各申请人之和"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号 表三"
    failing = (Example(text=requests((2, 1, 0, 0, 0, 0, 2), ZERO, (2, 1, 0, 0, 0, 0, 2), ZERO),
                       note="自然人 2 + 商业企业 1 = 3，总计却写 2"),)
    passing = (Example(text=requests((2, 1, 0, 0, 0, 0, 3), ZERO, (2, 1, 0, 0, 0, 0, 3), ZERO)),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        if table is None or not table.rows:
            why = "表三的数字无法确定位置（见 E004）" if table is not None and table.rows_unread else "没有找到表三"
            yield self.undecided(why, Location(part="s3", table="requests"))
            return
        for key, row in table.rows.items():
            if len(row.cells) != 7 or any(c.was_split for c in row.cells):
                continue  # a row cut out of a run of digits by this very sum proves nothing
            out = compare([row.cells[6]], row.cells[:6])
            if out.verdict not in ("broken", "undecided"):
                continue  # nothing to say: no need to say where
            where = Location(part="s3", table="requests", row=key, column="total",
                             page=row.origin.page, line=row.origin.line)
            if out.verdict == "broken":
                blanks = blanks_note(row.cells[:6])
                where = where.model_copy(update={"cells": identity_cells(
                    "requests", [(key, 6)], [(key, j) for j in range(6)])})
                yield self.finding(
                    f"表三「{row_label('requests', key)}」行：总计{total_words(row.cells[6])}，"
                    f"但自然人与各类法人或其他组织之和为 {fmt(out.right)}{blanks}。请核对这一行", where)
            elif out.verdict == "undecided":
                yield self.undecided(f"表三「{row_label('requests', key)}」行有空白或无效单元格，总计无法核对", where)
