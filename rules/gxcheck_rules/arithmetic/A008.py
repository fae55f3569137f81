from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity

HEAD = "{}2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n"
ROW = "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t{}\n"

#: Above these amounts (万元) a fee of this level of agency is more likely 元 typed into a 万元 column.
HUGE = {"township": 1000, "department": 50000, "county": 200000}


class A008(Rule):
    """表二「行政事业性收费」的金额看起来像把「元」当成了「万元」。

    这一栏的单位是万元。乡镇填出上千万元、或小数超过四位（如 0.123456 万元），
    多半是把以元为单位的数字直接填了进来。仅作提示，请核对单位。
    """

    code = "A008"
    slug = "arithmetic.fee-magnitude"
    title = "行政事业性收费金额疑似单位错误"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号 表二（单位：万元）"
    failing = (Example(text=HEAD.format("双溪镇") + ROW.format("35000"), note="镇政府收费 3.5 亿元？"),
               Example(text=HEAD.format("双溪镇") + ROW.format("0.123456"), note="小数位太多"))
    passing = (Example(text=HEAD.format("双溪镇") + ROW.format("12.36")),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.proactive
        cell = table.cell("fees", 0) if table else None
        if cell is None or cell.status != "number" or cell.value is None:
            return
        decimals = len(cell.raw.strip().split(".", 1)[1]) if "." in cell.raw else 0
        limit = HUGE.get(report.level)
        if decimals > 4 or (limit is not None and cell.value > limit):
            yield self.finding(
                f"表二「行政事业性收费」填的是 {cell.raw.strip()} 万元，数额或小数位数不太寻常。"
                "这一栏的单位是万元，请确认没有把「元」直接填进来",
                Location(part="s2", table="proactive", row="fees", page=cell.origin.page, line=cell.origin.line))
