from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck_rules.signature._examples import report
from gxcheck.startup import compiled_on_use

_GBT = compiled_on_use(r"^(?:19|20)\d\d年[1-9]\d?月[1-9]\d?日$")


class D006(Rule):
    """成文日期的写法不是公文格式规定的样式。

    GB/T 9704-2012 规定成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位（即 1 不写成 01），
    如「2025年1月21日」。「二〇二五年一月二十一日」「2025-01-21」「2025年01月21日」都不合这一样式。仅作提示。
    """

    code = "D006"
    slug = "signature.date-style"
    title = "成文日期写法不规范"
    severity = Severity.INFO
    basis = "GB/T 9704-2012《党政机关公文格式》7.3.5.1"
    formats = EVERY_FORMAT
    failing = (Example(text=report(date="二〇二五年一月二十一日"), note="汉字日期"),
               Example(text=report(date="2025-01-21"), note="ISO 写法"),
               Example(text=report(date="2025年01月21日"), note="编了虚位"))
    passing = (Example(text=report(date="2025年1月21日")),)

    def check(self, report: Report) -> Iterator[Finding]:
        text = report.signoff.date_text
        if report.signoff.date is None or not text:
            return
        if not _GBT.match(squash(text)):
            d = report.signoff.date
            yield self.finding(
                f"成文日期写作「{text.strip()}」。公文格式要求用阿拉伯数字、月日不编虚位，"
                f"应写作「{d.year}年{d.month}月{d.day}日」",
                Location(part="signoff", page=report.signoff.origin.page, line=report.signoff.origin.line,
                         text=text.strip()))
