from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Report, Rule, Severity
from gxcheck.national import TABLE_NAMES, TABLE_PART
from gxcheck.ftypes import Location


class E004(Rule):
    """找到了表格，但其中的数字不能可靠地放到对应的行列上。

    例如从网页复制的文字里单元格连在了一起（「000」），或者某一行的数字个数不对；扫描件或图片里的表格，
    某个数字 OCR 认不准时也是如此（显示为「〔无法识别〕」）。
    gxcheck 不会猜测这些数字；需要这张表的规则会说明无法判断。请检查原文件中的表格。
    """

    code = "E004"
    slug = "engine.table-unparsed"
    title = "表格数字无法定位"
    severity = Severity.WARNING
    basis = "gxcheck 引擎"
    formats = EVERY_FORMAT
    failing = (Example(
        text="三、收到和处理政府信息公开申请情况\n"
             "一、本年新收政府信息公开申请数量\t0\t0\t0\n"
             "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n",
        note="第一行只有 3 个数字"),)
    passing = (Example(
        text="三、收到和处理政府信息公开申请情况\n"
             "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
             "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"),)

    def check(self, report: Report) -> Iterator[Finding]:
        for name in ("proactive", "requests", "review"):
            table = report.tables.get(name)
            problems = [p for p in table.problems if not p.about_layout] if table is not None else []
            if not problems:
                continue
            assert table is not None
            unread = all(p.kind == "unread-cell" for p in problems)
            yield self.finding(
                f"{TABLE_NAMES[name]}中有数字{'无法读取' if unread else '无法确定位置'}："
                f"{'；'.join(p.message for p in problems[:3])}。"
                f"gxcheck 不猜测这些数字，请核对原{'件' if unread else '文件的表格'}",
                Location(part=TABLE_PART[name], table=name, page=table.origin.page, line=table.origin.line),
            )
