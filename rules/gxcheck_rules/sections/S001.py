from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import PARTS

SIX = "".join(f"{p.ordinal}、{p.heading}\n正文。\n" for p in PARTS)


class S001(Rule):
    """六个部分（一、总体情况 …… 六、其他需要报告的事项）缺一不可，每缺一部分报告一次。

    《政府信息公开条例》第五十条规定了年度报告必须包括的内容，2021 年的全国统一格式把它们
    固定为六个部分。标题可以没有序号或略有出入（「存在的主要问题和改进措施」），
    gxcheck 按文字认出它们。
    """

    code = "S001"
    slug = "sections.missing"
    title = "缺少必备部分"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    failing = (Example(text=SIX.split("六、")[0], note="没有第六部分「其他需要报告的事项」"),)
    passing = (Example(text=SIX),)

    def check(self, report: Report) -> Iterator[Finding]:
        found = {p.key for p in report.parts}
        for spec in PARTS:
            if spec.key not in found:
                yield self.finding(
                    f"缺少第{spec.ordinal}部分「{spec.ordinal}、{spec.heading}」。"
                    f"年度报告必须包括全部六个部分，请补上这一部分（没有内容时也应写明「无」）",
                    Location(part=spec.key))
