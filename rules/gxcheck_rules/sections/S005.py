import re
from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck.recognize.structure import title_years
from gxcheck_rules.sections._examples import TITLE, report

_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?")
_REPORT_WORDS = re.compile(r"政府信息公开(?:工作)?(?:年度报告|年报)")
_ANY_REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开).*报告")


class S005(Rule):
    """报告应有标题，写明机关名称、年度和「政府信息公开工作年度报告」。

    年度报告是机关对外发布的正式文件（《政府信息公开条例》第四十九条、第五十条），
    标题告诉读者是谁、哪一年的报告，例如「××镇人民政府2024年政府信息公开工作年度报告」。
    完全找不到这样的标题，或标题写了两个年度（「2023年、2024年」）时给出警告；标题缺少机关名称，或用词与「政府信息公开工作年度报告」
    不同（如「政务公开工作报告」）时给出提示。「政府信息公开年度报告」视为正确。
    """

    code = "S005"
    slug = "sections.title"
    title = "缺少规范的报告标题"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第四十九条、第五十条；GB/T 9704-2012《党政机关公文格式》7.2.3"
    failing = (
        Example(text=report(title=""), note="没有标题"),
        Example(text=report(title="2024年政府信息公开工作年度报告\n"), note="标题没有机关名称（提示）"),
        Example(text=report(title="××镇人民政府2023年、2024年政府信息公开工作年度报告\n"), note="标题写了两个年度"),
    )
    passing = (
        Example(text=report(title=TITLE)),
        Example(text=report(title="沭阳县发展和改革局2023年政府信息公开年度报告\n")),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        title = report.title
        where = Location(part="title")
        example = "例如「××镇人民政府2024年政府信息公开工作年度报告」"
        if not title:
            yield self.finding(f"没有找到报告标题。请在正文前加上标题，写明机关名称、年度和「政府信息公开工作年度报告」，"
                               f"{example}", where)
            return
        flat = squash(title)
        if not _ANY_REPORT_WORDS.search(flat) or report.year is None:
            yield self.finding(f"标题「{title}」没有同时写明年度和「政府信息公开工作年度报告」。{example}", where)
            return
        years = title_years(title)
        if len(years) > 1:
            named = "、".join(f"{y} 年" for y in years[:-1]) + f"和 {years[-1]} 年"
            count = "两" if len(years) == 2 else str(len(years))
            sure = report.year in (report.period_year, report.signoff.date.year - 1 if report.signoff.date else None)
            which = f"（统计期限或落款表明是 {report.year} 年）" if sure else ""
            yield self.finding(f"标题「{title}」写了 {named}{count}个年度。年度报告一年一份，"
                               f"请只写本报告的年度{which}", where)
            return
        rest = _YEAR.sub("", flat, count=1)
        rest = re.sub(r"(?:政府信息公开|政务公开|信息公开).*$", "", rest)
        rest = re.sub(r"^(?:关于)|(?:的)$", "", rest)
        if len(rest) < 2:
            yield self.finding(f"标题「{title}」没有写明机关名称。请在标题中写明发布报告的机关全称，{example}",
                               where, severity=Severity.INFO)
        elif not _REPORT_WORDS.search(flat):
            yield self.finding(f"标题「{title}」的用词与规定的「政府信息公开工作年度报告」不同。"
                               f"建议按统一格式命名，{example}", where, severity=Severity.INFO)
