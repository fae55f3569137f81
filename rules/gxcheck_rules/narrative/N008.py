from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import APPLICATION, figures, sentences, table_label_line

PART1 = "一、总体情况\n{}\n"


class N008(Rule):
    """表三没有任何申请，正文也一句没提依申请公开。

    第五十条要求年度报告写明收到和处理政府信息公开申请的情况。表三全是 0 时，正文宜明确写一句
    「本年度未收到政府信息公开申请」，读者才知道这是真的没有，而不是漏写。
    这只是提示：表三本身已经说明了数字。
    """

    code = "N008"
    slug = "narrative.requests-unmentioned"
    title = "表三无申请且正文未提依申请公开"
    severity = Severity.INFO
    basis = "《政府信息公开条例》第五十条第（二）项"
    failing = (Example(text=PART1.format("2024年，我镇共发布各类政务公开信息700余篇。")
                       + requests(ZERO, ZERO, ZERO, ZERO), note="正文只写了主动公开"),)
    passing = (Example(text=PART1.format("2024年度，我镇未收到政府信息公开申请。")
                       + requests(ZERO, ZERO, ZERO, ZERO)),)

    def check(self, report: Report) -> Iterator[Finding]:
        if any(APPLICATION.search(s.text) and not table_label_line(s.text) for s in sentences(report)):
            return
        none = figures(report).shows_none()
        if none is None:
            yield self.undecided("正文没有提到依申请公开，表三「本年新收」「上年结转」总计又不是数字（空白或缺表），"
                                 "无法判断本年是否收到申请", Location(part="s3", table="requests", row="new"))
            return
        if none:
            yield self.finding(
                "表三显示本年没有收到也没有结转政府信息公开申请，但正文没有一句提到依申请公开。"
                "建议在第一部分「依申请公开」处写明「本年度未收到政府信息公开申请」",
                Location(part="s1"))
