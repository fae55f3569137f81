from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.sections._examples import report


class S006(Rule):
    """报告应说明数据的统计期限，且统计期限的年份应与标题年份一致。

    全国统一格式的年度报告通常在正文前说明「本报告中所列数据的统计期限自2024年1月1日起至
    2024年12月31日止」，读者据此知道表格数字覆盖哪一段时间。没有这句话只是提示；
    统计期限的年份与标题年份不一致（例如 2024 年的报告写「自2023年1月1日起」）
    则多半是照抄上一年的报告没有改，属于错误。
    """

    code = "S006"
    slug = "sections.statistics-period"
    title = "统计期限缺失或年份不符"
    severity = Severity.INFO
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    failing = (
        Example(text=report(preface=""), note="没有写统计期限（提示）"),
        Example(text=report(preface="本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"),
                note="2024 年的报告写的是 2023 年的统计期限（错误）"),
    )
    passing = (Example(text=report()),)

    def check(self, report: Report) -> Iterator[Finding]:
        if report.period_text is None:
            yield self.finding(
                "报告没有说明数据的统计期限。建议在正文前写明「本报告中所列数据的统计期限自"
                f"{report.year or '××××'}年1月1日起至{report.year or '××××'}年12月31日止」",
                Location(part="preface"))
            return
        if report.period_year is None or report.year is None:
            return
        if report.period_year != report.year:
            yield self.finding(
                f"统计期限写的是 {report.period_year} 年（「{report.period_text[:40]}」），"
                f"标题却是 {report.year} 年的报告。请核对：多半是沿用了上一年报告的文字，"
                f"应改为 {report.year} 年", Location(part="preface", text=report.period_text[:60]),
                severity=Severity.ERROR)
