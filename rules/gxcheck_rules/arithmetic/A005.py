from typing import Iterator

from gxcheck import CellRef, Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import REQUEST_COLUMN_KEYS, REVIEW_COLUMN_KEYS, TABLE_NAMES, TABLE_PART, column_label, row_label
from gxcheck_rules.arithmetic._examples import ZERO, requests


def column_key(table: str, index: int) -> str | None:
    if table == "requests":
        return REQUEST_COLUMN_KEYS[index] if index < 7 else None
    if table == "review":
        return REVIEW_COLUMN_KEYS[index] if index < 5 else None
    return None


class A005(Rule):
    """计数单元格里只能是非负整数。

    表格里的件数只能写阿拉伯数字的整数：「O」（字母）代替 0、「十」这样的汉字、「3件」这样带单位的写法、
    负数和小数都会让数字无法核对，也无法被汇总。只有表二「行政事业性收费」的金额可以是小数。
    """

    code = "A005"
    slug = "arithmetic.cell-value"
    title = "单元格不是有效数字"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号（表格填写数量）"
    failing = (Example(text=requests(("O", 0, 0, 0, 0, 0, 0), ZERO, ZERO, ZERO), note="字母 O 代替了数字 0"),
               Example(text=requests(ZERO, ZERO, ZERO, (0, 0, 0, 0, 0, "十", 0)), note="汉字「十」"))
    passing = (Example(text=requests(ZERO, ZERO, ZERO, ZERO)),)

    def check(self, report: Report) -> Iterator[Finding]:
        for name in ("proactive", "requests", "review"):
            table = report.tables.get(name)
            if table is None:
                continue
            for key, row in table.rows.items():
                for i, cell in enumerate(row.cells):
                    if cell.status != "invalid" or cell.unread:
                        continue  # a digit OCR could not read is not the file's error: E004 names its row
                    column = column_key(name, i)
                    where = f"{TABLE_NAMES[name]}「{row_label(name, key)}」" + (
                        f"「{column_label(name, column)}」列" if column else "")
                    allowed = "非负数（金额可有小数）" if key == "fees" else "非负整数"
                    yield self.finding(
                        f"{where}写的是「{cell.raw.strip()}」，应为{allowed}。请改成阿拉伯数字，没有就写 0",
                        Location(part=TABLE_PART[name], table=name, row=key, column=column,
                                 page=cell.origin.page or row.origin.page, line=cell.origin.line or row.origin.line,
                                 text=cell.raw.strip(), cells=(CellRef(table=name, row=key, index=i),)))
