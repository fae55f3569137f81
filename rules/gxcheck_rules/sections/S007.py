from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

_GOVERNMENT_LEVELS = ("township", "county", "city", "province")
_GOVERNMENT_NAME = compiled_on_use(r"人民政府|街道办事处|办事处$")
_MENTIONED = compiled_on_use(r"考核|评议|责任追究|追责|问责")


class S007(Rule):
    """人民政府（含乡镇人民政府、街道办事处）的报告应说明政府信息公开工作考核、社会评议和责任追究结果。

    《政府信息公开条例》第五十条第（四）项要求，年度报告应当包括政府信息公开工作考核、
    社会评议和责任追究结果等情况。这一项针对人民政府，部门报告不要求。正文从未提到
    「考核」「评议」或「责任追究」时给出提示；没有进行或没有追责的，也可写明「未发生责任追究情况」。
    """

    code = "S007"
    slug = "sections.accountability"
    title = "未说明考核、评议和责任追究情况"
    severity = Severity.INFO
    basis = "《政府信息公开条例》第五十条第（四）项"
    failing = (
        Example(text=report(bodies={"s1": "本年度，我镇认真推进政务公开工作。"}),
                note="镇人民政府的报告没有提到考核、评议或责任追究"),
    )
    passing = (
        Example(text=report()),
        Example(text=report(title="崇阳县教育局2024年政府信息公开工作年度报告\n",
                            bodies={"s1": "本年度，我局认真推进政务公开工作。"}).replace("双溪镇人民政府", "崇阳县教育局"),
                note="部门的报告不要求"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        agency = squash(report.agency or "")
        if report.level not in _GOVERNMENT_LEVELS and not _GOVERNMENT_NAME.search(agency):
            return
        text = squash("".join(p.text for p in report.narrative))
        if _MENTIONED.search(text):
            return
        who = f"（{report.agency}）" if report.agency else ""
        yield self.finding(
            f"这是人民政府{who}的报告，但正文没有提到政府信息公开工作的考核、社会评议和责任追究情况"
            "（条例第五十条第（四）项）。建议在第一部分「总体情况」中说明，例如「本年度未发生政府信息公开责任追究情况」",
            Location(part="s1"))
