from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import TABLE_NAMES, TABLE_PART, row_label
from gxcheck_rules.arithmetic._examples import ZERO, requests


class A006(Rule):
    """表格单元格空白或只有占位符（「/」「—」），经过它的加总无法核对。

    空白不是 0：gxcheck 不猜测空白处的数字，所以涉及它的勾稽关系只能说「无法判断」。
    没有发生的事项请填 0。每张表报告一次，列出空白单元格的个数和位置示例。
    """

    code = "A006"
    slug = "arithmetic.blank-cell"
    title = "单元格空白"
    severity = Severity.WARNING
    basis = "国办公开办函〔2021〕30号（表格填写数量）"
    failing = (Example(text=requests(("", 0, 0, 0, 0, 0, 0), ZERO, ZERO, ZERO), note="自然人一格空白"),
               Example(text=requests(("/", 0, 0, 0, 0, 0, 0), ZERO, ZERO, ZERO), note="「/」占位"))
    passing = (Example(text=requests(ZERO, ZERO, ZERO, ZERO)),)

    def check(self, report: Report) -> Iterator[Finding]:
        for name in ("proactive", "requests", "review"):
            table = report.tables.get(name)
            if table is None:
                continue
            missing = [(key, cell) for key, row in table.rows.items() for cell in row.cells
                       if cell.status in ("blank", "placeholder")]
            if not missing:
                continue
            rows = []
            for key, _ in missing:
                label = row_label(name, key)
                if label not in rows:
                    rows.append(label)
            shown = "、".join(f"「{r}」" for r in rows[:4]) + ("等" if len(rows) > 4 else "")
            first_key, first = missing[0]
            yield self.finding(
                f"{TABLE_NAMES[name]}有 {len(missing)} 个单元格空白或只有占位符（{shown}行）。"
                "空白不等于 0，涉及这些单元格的加总无法核对；没有发生的事项请填 0",
                Location(part=TABLE_PART[name], table=name, row=first_key,
                         page=first.origin.page, line=first.origin.line))
