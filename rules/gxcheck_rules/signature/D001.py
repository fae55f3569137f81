from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity

ENDING = "六、其他需要报告的事项\n本年度未收取信息处理费。\n\n"


class D001(Rule):
    """报告末尾应有发文机关署名（落款）。

    正式公文以发文机关署名和成文日期结尾（GB/T 9704《党政机关公文格式》）。年度报告是机关
    对外发布的正式文件，落款说明是谁发布的。缺少署名时请在正文之后另起一行写上机关全称。
    """

    code = "D001"
    slug = "signature.agency-missing"
    title = "落款缺少机关名称"
    severity = Severity.ERROR
    basis = "GB/T 9704-2012《党政机关公文格式》7.3.5"
    formats = EVERY_FORMAT
    failing = (Example(text=ENDING + "2025年1月21日\n", note="只有日期，没有机关名称"),
               Example(text=ENDING, note="没有落款"))
    passing = (Example(text=ENDING + "西大沟镇人民政府\n2025年1月21日\n"),)

    def check(self, report: Report) -> Iterator[Finding]:
        if report.signoff.agency is None:
            yield self.finding("报告末尾没有发文机关署名。请在正文之后另起一行写上机关全称（如「××镇人民政府」），"
                               "下一行写成文日期", Location(part="signoff"))
