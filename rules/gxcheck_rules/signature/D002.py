from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity

ENDING = "六、其他需要报告的事项\n本年度未收取信息处理费。\n\n"


class D002(Rule):
    """报告末尾应有成文日期。

    成文日期说明报告何时定稿，也决定是否按时发布（第四十九条）。日期写在机关署名之下，
    用阿拉伯数字写全年、月、日，如「2025年1月21日」。
    """

    code = "D002"
    slug = "signature.date-missing"
    title = "落款缺少日期"
    severity = Severity.ERROR
    basis = "GB/T 9704-2012《党政机关公文格式》7.3.5；《政府信息公开条例》第四十九条"
    formats = EVERY_FORMAT
    failing = (Example(text=ENDING + "西大沟镇人民政府\n", note="只有机关名称，没有日期"),)
    passing = (Example(text=ENDING + "西大沟镇人民政府\n2025年1月21日\n"),
               Example(text=ENDING + "西大沟镇人民政府\n二〇二五年一月二十一日\n", note="汉字日期也算有日期"))

    def check(self, report: Report) -> Iterator[Finding]:
        if report.signoff.date is None:
            yield self.finding("报告末尾没有成文日期。请在机关署名下一行写上日期，如「2025年1月21日」",
                               Location(part="signoff"))
