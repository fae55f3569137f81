from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.signature._examples import report


class D007(Rule):
    """标题年度、统计期限年度和落款年份减一，三者应一致。

    2024 年度的报告，统计期限是 2024 年，落款在 2025 年。三者对不上，通常是沿用了旧文件而漏改了某一处。
    """

    code = "D007"
    slug = "signature.year-mismatch"
    title = "标题、统计期限与落款年份不一致"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    formats = EVERY_FORMAT
    failing = (Example(text=report(year=2024, period_year=2023), note="标题 2024 年度，统计期限却是 2023 年"),
               Example(text=report(year=2024, date="2026年1月20日"), note="落款晚了一年"))
    passing = (Example(text=report(year=2024, period_year=2024, date="2025年1月21日")),)

    def check(self, report: Report) -> Iterator[Finding]:
        years = []
        if report.year:
            years.append(("标题", report.year))
        if report.period_year:
            years.append(("统计期限", report.period_year))
        if report.signoff.date:
            years.append(("落款年份减一", report.signoff.date.year - 1))
        if len({y for _, y in years}) > 1:
            said = "，".join(f"{name}为 {year}" for name, year in years)
            yield self.finding(f"报告年度前后不一致：{said}。请统一改为同一年度",
                               Location(part="signoff" if report.signoff.date else "s1"))
