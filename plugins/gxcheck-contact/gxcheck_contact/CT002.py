import re
from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_contact._contact import opening_text

ADDRESS = re.compile(r"(?:地址|地点|办公地址|通讯地址)[:：]?\s*\S{4,}")


class CT002(Rule):
    """报告开头（前言或第一部分）应写明联系地址。"""

    code = "CT002"
    slug = "contact.address"
    title = "前言未写明联系地址"
    severity = Severity.WARNING
    basis = "省级政务公开办公室年报工作通知（示例插件）"
    failing = (Example(text="双溪镇2024年度政府信息公开工作年度报告\n请与本单位联系，电话：0916-7461301。\n一、总体情况\n正文。\n"),)
    passing = (Example(text="双溪镇2024年度政府信息公开工作年度报告\n请与本单位联系，地址：双溪镇双溪街1号。\n一、总体情况\n正文。\n"),)

    def check(self, report: Report) -> Iterator[Finding]:
        if not ADDRESS.search(opening_text(report)):
            yield self.finding("报告开头没有写联系地址。请在前言写明受理机构的地址", Location(part="s1"))
