import datetime as dt

from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.signature._examples import report


class D004(Rule):
    """成文日期不能早于或等于报告年度的 12 月 31 日。

    年度报告统计的是整个自然年，到年底才有完整的数字；落款日期在统计期结束之前，
    说明日期写错了（常见的是把 2025 年写成 2024 年）。
    """

    code = "D004"
    slug = "signature.date-too-early"
    title = "成文日期早于统计期结束"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条；统计期限为公历年度"
    formats = EVERY_FORMAT
    failing = (Example(text=report(date="2024年1月21日"), note="2024 年度的报告落款 2024 年 1 月"),)
    passing = (Example(text=report(date="2025年1月21日")),)

    def check(self, report: Report) -> Iterator[Finding]:
        date, year = report.signoff.date, report.year or report.period_year
        if date is None or year is None:
            return
        if date <= dt.date(year, 12, 31):
            yield self.finding(
                f"落款日期 {date.year}年{date.month}月{date.day}日 不晚于报告年度 {year} 年的 12 月 31 日，"
                f"而年度报告要在 {year} 年结束后才能完成。请核对日期（是否应为 {year + 1} 年）",
                Location(part="signoff", page=report.signoff.origin.page, line=report.signoff.origin.line))
