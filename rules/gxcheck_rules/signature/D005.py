from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.signature._deadline import deadline
from gxcheck_rules.signature._examples import report



class D005(Rule):
    """成文日期晚于发布截止日期。

    《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本部门上一年度的年度报告；
    县级以上地方人民政府在每年 3 月 31 日前公布本级政府的年度报告。乡镇、街道按县里的通知，实践中也是 1 月。
    部门和乡镇的截止日期默认为 1 月 31 日，可用 ``--deadline`` 或 gxcheck.toml 修改。
    """

    code = "D005"
    slug = "signature.date-late"
    title = "成文日期晚于截止日期"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第四十九条"
    formats = EVERY_FORMAT
    failing = (Example(text=report(date="2025年3月21日"), note="乡镇报告 3 月才成文"),)
    passing = (Example(text=report(date="2025年1月21日")),
               Example(text=report(title_agency="某某县人民政府", signoff="某某县人民政府", date="2025年3月20日"),
                       note="县政府本级报告可到 3 月 31 日"))

    def check(self, report: Report) -> Iterator[Finding]:
        date, year = report.signoff.date, report.year or report.period_year
        if date is None or year is None:
            return
        last_day = deadline(report, year, self.config)
        if date > last_day:
            yield self.finding(
                f"落款日期 {date.year}年{date.month}月{date.day}日 晚于发布截止日期 "
                f"{last_day.year}年{last_day.month}月{last_day.day}日（条例第四十九条）。"
                "如果日期无误，说明报告发布晚了；否则请改正日期",
                Location(part="signoff", page=report.signoff.origin.page, line=report.signoff.origin.line))
