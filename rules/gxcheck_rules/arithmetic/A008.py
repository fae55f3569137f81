from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity

HEAD = "{}2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n"
ROW = "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t{}\n"

#: Above this amount (万元, i.e. a thousand billion 元) a fee is 元 typed into the 万元 column.
HUGE = 10 ** 7
#: 万元 with six decimals is exact to the 分 (「24252.311082」): normal.  More cannot be 万元.
DECIMALS = 6


class A008(Rule):
    """表二「行政事业性收费」的金额看起来像把「元」当成了「万元」。

    这一栏的单位是万元。万元保留六位小数正好精确到分（如 24252.311082 万元），是正常的；
    超过 10^7 万元（十万亿元）或小数超过六位，只能是把以元为单位的数字直接填了进来。仅作提示，请核对单位。
    """

    code = "A008"
    slug = "arithmetic.fee-magnitude"
    title = "行政事业性收费金额疑似单位错误"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号 表二（单位：万元）"
    failing = (Example(text=HEAD.format("双溪镇") + ROW.format("35000000"), note="3500 万万元？"),
               Example(text=HEAD.format("双溪镇") + ROW.format("0.1234567"), note="小数超过六位"))
    passing = (Example(text=HEAD.format("双溪镇") + ROW.format("12.36")),
               Example(text=HEAD.format("平潭综合实验区") + ROW.format("24252.311082"),
                       note="六位小数的万元精确到分，正常"))

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.proactive
        cell = table.cell("fees", 0) if table else None
        if cell is None or cell.status != "number" or cell.value is None:
            return
        decimals = len(cell.raw.strip().split(".", 1)[1]) if "." in cell.raw else 0
        if decimals > DECIMALS or cell.value > HUGE:
            yield self.finding(
                f"表二「行政事业性收费」填的是 {cell.raw.strip()} 万元，数额或小数位数不太寻常。"
                "这一栏的单位是万元，请确认没有把「元」直接填进来",
                Location(part="s2", table="proactive", row="fees", page=cell.origin.page, line=cell.origin.line))
