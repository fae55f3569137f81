import re
from typing import Iterator

from gxcheck import Example, Expect, Finding, Location, Report, Rule, Severity
from gxcheck_contact._contact import opening_text

# 「电话：0916-7461301」「联系电话 0371 12345678」「咨询电话：12345」
PHONE = re.compile(r"电话[^0-9]{0,6}(?:\d{3,4}[-－—\s]?)?\d{5,8}")


class CT001(Rule):
    """报告开头（前言或第一部分）应写明联系电话，方便公众对报告提出疑问。

    省级政务公开办公室的年报工作通知通常要求：「对本报告有任何疑问，请与本机关联系，
    地址……，电话……」。
    """

    code = "CT001"
    slug = "contact.telephone"
    title = "前言未写明联系电话"
    severity = Severity.WARNING
    basis = "省级政务公开办公室年报工作通知（示例插件）"
    failing = (Example(text="双溪镇2024年度政府信息公开工作年度报告\n对本报告有任何疑问，请与本单位联系。\n一、总体情况\n正文。\n",
                       expect=(Expect(severity=Severity.WARNING, location=Location(part="s1"), message="没有写联系电话"),)),)
    passing = (Example(text="双溪镇2024年度政府信息公开工作年度报告\n"
                            "对本报告有任何疑问，请与本单位联系，地址：双溪街1号，电话：0916-7461301。\n"
                            "一、总体情况\n正文。\n"),)

    def check(self, report: Report) -> Iterator[Finding]:
        if not PHONE.search(opening_text(report)):
            yield self.finding("报告开头没有写联系电话。请在前言写明「对本报告有任何疑问，请与……联系，电话：……」",
                               Location(part="s1"))
