from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests

REVIEW = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n{}\n"


class A009(Rule):
    """表四有复议或诉讼，而表三本年新收和上年结转的申请都是 0。

    因政府信息公开被申请行政复议、提起行政诉讼，通常起因于申请。没有任何申请却有复议诉讼，
    可能是往年申请引起的（这是允许的），也可能是表格填错了。仅作提示。
    """

    code = "A009"
    slug = "arithmetic.cases-without-requests"
    title = "无申请却有复议诉讼"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号 表三、表四"
    failing = (Example(text=requests(ZERO, ZERO, ZERO, ZERO) + REVIEW.format("\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10))),)
    passing = (Example(text=requests(ZERO, ZERO, ZERO, ZERO) + REVIEW.format("\t".join(["0"] * 15))),)

    def check(self, report: Report) -> Iterator[Finding]:
        requests_table, review = report.tables.requests, report.tables.review
        if requests_table is None or review is None or not review.rows:
            return
        new, carried = requests_table.cell("new", 6), requests_table.cell("carried", 6)
        if not (new and carried and new.status == carried.status == "number"):
            return
        if new.value or carried.value:
            return
        cases = sum(row.cells[4].value or 0 for row in review.rows.values() if row.cells[4].status == "number")
        if cases > 0:
            yield self.finding(
                f"表四共有 {int(cases)} 件行政复议或行政诉讼，但表三本年新收和上年结转的申请都是 0。"
                "如果复议诉讼起因于往年的申请，可以不改；否则请核对两张表",
                Location(part="s4", table="review"))
