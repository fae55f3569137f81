from typing import Iterator

from gxcheck import Cell, Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import REQUEST_COLUMN_KEYS, REQUEST_COLUMN_LABELS
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.arithmetic._sums import compare, fmt, identity_cells


def _cell(cell: Cell) -> str:
    return fmt(cell.value) if cell.status == "number" and cell.value is not None else "空白"


class A001(Rule):
    """表三每一列：第一项（本年新收）加第二项（上年结转）应等于第三项（七）总计加第四项（结转下年度）。

    这是表三左上角印着的勾稽关系「第一项加第二项之和，等于第三项加第四项之和」：
    收到的申请要么办结，要么结转到下一年，一件也不能多、不能少。每一列单独核对，
    不相等的列各报告一次。空白单元格不当作 0；无法判断时给出一次提示。
    """

    code = "A001"
    slug = "arithmetic.column-identity"
    title = "表三列勾稽关系（一+二＝三+四）"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号 表三勾稽关系说明"
    failing = (Example(text=requests((2, 0, 0, 0, 0, 0, 2), ZERO, (1, 0, 0, 0, 0, 0, 1), ZERO),
                       note="新收 2 件，办结 1 件，结转 0 件：少了 1 件"),)
    passing = (Example(text=requests((2, 0, 0, 0, 0, 0, 2), (1, 0, 0, 0, 0, 0, 1), (2, 0, 0, 0, 0, 0, 2),
                                     (1, 0, 0, 0, 0, 0, 1)),
                       note="2 + 1 = 2 + 1"),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        needed = ("new", "carried", "total", "carry_over")
        if table is None or any(k not in table.rows for k in needed):
            why = ("表三有的行的数字无法确定位置（见 E004）" if table is not None and table.rows_unread
                   else "表三缺少「本年新收」「上年结转」「总计」「结转下年度」中的行")
            yield self.undecided(f"{why}，无法核对勾稽关系", Location(part="s3", table="requests"))
            return
        for i, col in enumerate(REQUEST_COLUMN_KEYS):
            left = [table.rows["new"].cells[i], table.rows["carried"].cells[i]]
            right = [table.rows["total"].cells[i], table.rows["carry_over"].cells[i]]
            out = compare(left, right)
            if out.verdict not in ("broken", "undecided"):
                continue  # nothing to say: no need to say where
            where = Location(part="s3", table="requests", row="total", column=col,
                             page=table.rows["total"].origin.page, line=table.rows["total"].origin.line)
            name = REQUEST_COLUMN_LABELS[col]
            if out.verdict == "broken":
                blanks = "（空白单元格未计入）" if out.with_blanks else ""
                where = where.model_copy(update={"cells": identity_cells(
                    "requests", [("new", i), ("carried", i)], [("total", i), ("carry_over", i)])})
                yield self.finding(
                    f"表三「{name}」列：本年新收（{_cell(left[0])}）加上年结转（{_cell(left[1])}）共 {fmt(out.left)} 件，"
                    f"但办理结果总计（{_cell(right[0])}）加结转下年度（{_cell(right[1])}）共 {fmt(out.right)} 件{blanks}，"
                    "两者应当相等。请核对这四个数", where)
            elif out.verdict == "undecided":
                yield self.undecided(f"表三「{name}」列有空白或无效单元格，勾稽关系无法核对", where)
