from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

_NOTHING = compiled_on_use(r"^(?:无|暂无|没有|无问题|不存在|本年度无|无存在的问题)[。.]?$")
_TEMPLATE = compiled_on_use(r"^[(（]?文字描述[)）]?[。.]?$")
_PROBLEM = compiled_on_use(
    r"问题|不足|差距|短板|薄弱|欠缺|有待|不够|不强|不高|不到位|不及时|不规范|不完善|不充分|不全面|不平衡"
    r"|不明显|滞后|单一|仍需|尚需|还需|亟需|亟待|困难|瓶颈|弱项|偏少|较少|不多|松懈")
_MEASURE = compiled_on_use(
    r"下一步|今后|将|加强|改进|整改|措施|完善|提升|提高|推进|强化|健全|规范|优化|持续|继续|进一步|落实|加大|丰富|拓展|建立")


class S003(Rule):
    """第五部分「存在的主要问题及改进情况」不能空着、只写「无」，或者既不写问题也不写改进措施。

    《政府信息公开条例》第五十条要求年度报告写明政府信息公开工作存在的主要问题及改进情况。
    只写「无」或写一句套话，等于没有报告这一项。请写明本年度工作中发现的具体问题，
    以及下一步准备采取的改进措施。
    """

    code = "S003"
    slug = "sections.problems-empty"
    title = "第五部分没有写问题和改进措施"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条第（五）项"
    failing = (
        Example(text=report(bodies={"s5": "无。"}), note="第五部分只写「无。」"),
        Example(text=report(bodies={"s5": ""}), note="第五部分是空的"),
        Example(text=report(bodies={"s5": "本年度政府信息公开工作总体良好。"}), note="没有问题，也没有措施"),
    )
    passing = (
        Example(text=report(bodies={"s5": "一是公开内容的深度和广度还不够；二是业务能力有待提升。"
                                          "下一步，我们将加强业务培训，丰富解读形式。"})),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        part = report.part("s5")
        if part is None:
            return  # S001 reports the missing part
        where = Location(part="s5", line=part.origin.line, page=part.origin.page)
        text = squash(part.text)
        heading = f"第五部分「{part.heading}」"
        if not text:
            yield self.finding(f"{heading}没有内容。请写明本年度政府信息公开工作存在的主要问题和改进措施", where)
        elif _TEMPLATE.match(text):
            yield self.finding(f"{heading}仍是模板的提示文字「{part.text.strip()[:20]}」。"
                               "请写明本年度存在的主要问题和改进措施", where)
        elif _NOTHING.match(text):
            yield self.finding(f"{heading}只写了「{part.text.strip()[:20]}」。年度报告应写明存在的主要问题"
                               "及改进情况；确实没有突出问题时，也应写明下一步的改进措施", where)
        elif not _PROBLEM.search(text) and not _MEASURE.search(text):
            yield self.finding(f"{heading}既没有写存在的问题，也没有写改进措施（现有内容：「{text[:30]}」）。"
                               "请补充具体问题和下一步的改进措施", where)
