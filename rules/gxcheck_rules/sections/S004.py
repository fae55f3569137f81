from typing import Iterator

from gxcheck import Example, Expect, Finding, Location, Report, Rule, Severity, squash
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

# 「信息处理费」 named, in any of the ways reports put it.
_FEE_NAMED = compiled_on_use(r"信息处理费|处理费")
# A fee mentioned without saying which: 「不存在收费情况」「未收费」「未收取任何费用」.
_FEE_VAGUE = compiled_on_use(r"收费|收取|费用|缴费|计费|减免")
_PROMPT = compiled_on_use(r"文字描述|在此处报告|此处填写|请填写")
_NONE_ONLY = compiled_on_use(r"^(?:无|暂无|没有|无其他需要报告的事项|本年度无其他需要报告的事项|无其他事项)[。.]?$")


class S004(Rule):
    """第六部分应写明本年度是否收取了信息处理费（收取的，写明金额）。

    按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）和 2021 年全国统一格式，
    信息处理费的收取情况在第六部分「其他需要报告的事项」中报告；没有收取也要写明
    「本年度未收取信息处理费」。只写「无」时读者无法知道是否收过费（警告）；
    只写「不存在收费情况」「未收费」而不点明信息处理费，意思不够明确（提示）。
    表二的「行政事业性收费」是机关的行政收费，与信息处理费无关，不在此核对。
    2021 年以前的报告（收费办法施行前）只给提示。
    """

    code = "S004"
    slug = "sections.fee-statement"
    title = "第六部分没有说明信息处理费"
    severity = Severity.WARNING
    basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号"
    failing = (
        Example(text=report(bodies={"s6": "无。"}), note="第六部分只写「无。」（警告）",
                expect=(Expect(severity=Severity.WARNING, location=Location(part="s6"), message="只写了「无。」"),)),
        Example(text=report(bodies={"s6": "我单位2024年度政务公开工作不存在收费情况。"}),
                note="没有点明信息处理费（提示）",
                expect=(Expect(severity=Severity.INFO, location=Location(part="s6"), message="信息处理费"),)),
    )
    passing = (
        Example(text=report(bodies={"s6": "本年度未收取信息处理费。"})),
        Example(text=report(bodies={"s6": "依据《政府信息公开信息处理费管理办法》，本年度未发生信息处理费收取情况。"})),
        Example(text=report(bodies={"s6": "2024年度本机关没有收取政府信息公开信息处理费。"})),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        part = report.part("s6")
        if part is None:
            return  # S001 reports the missing part
        where = Location(part="s6", line=part.origin.line, page=part.origin.page)
        # The fee rules (国办函〔2020〕109号) and the 2021 format apply from the 2021 reports on.
        older = report.year is not None and report.year < 2021
        text = squash(part.text)
        written = part.text.strip()[:40]
        advice = "请写明本年度是否收取了信息处理费，例如「本年度未收取信息处理费」；收取的，写明金额"
        if _PROMPT.search(text):
            yield self.finding(f"第六部分仍是模板的提示文字「{written}」，没有说明信息处理费。{advice}", where)
        elif _FEE_NAMED.search(text):
            return
        elif not text:
            yield self.finding(f"第六部分「其他需要报告的事项」没有内容。{advice}", where,
                               severity=Severity.INFO if older else None)
        elif _NONE_ONLY.match(text):
            yield self.finding(f"第六部分只写了「{written}」，没有说明信息处理费的收取情况。{advice}", where,
                               severity=Severity.INFO if older else None)
        elif _FEE_VAGUE.search(text):
            yield self.finding(f"第六部分写的是「{written}」，没有点明是「信息处理费」。"
                               "建议写明「本年度未收取信息处理费」（收取的写明金额），以免与行政事业性收费混淆",
                               where, severity=Severity.INFO)
        else:
            yield self.finding(f"第六部分（「{written}」）没有说明信息处理费的收取情况。{advice}", where,
                               severity=Severity.INFO if older else None)
