from typing import Iterator

from gxcheck import EVERY_FORMAT, Example, Finding, Location, Report, Rule, Severity, fold_lookalikes, squash
from gxcheck_rules.signature._examples import report
from gxcheck.startup import compiled_on_use

_SUFFIX = compiled_on_use(r"(?:人民政府|政府|街道办事处|办事处)$")


def core_name(name: str) -> str:
    """「乌苏市西大沟镇人民政府」→「乌苏市西大沟镇」: the part that names the agency."""
    return _SUFFIX.sub("", fold_lookalikes(squash(name)))


class D003(Rule):
    """落款的机关名称应与标题中的机关一致（落款可以多写上级市县的名称）。

    标题是「西大沟镇」，落款写「乌苏市西大沟镇人民政府」是一致的；标题是甲镇、落款是乙镇，
    多半是套用了别的单位的文件。
    """

    code = "D003"
    slug = "signature.agency-mismatch"
    title = "落款机关与标题不一致"
    severity = Severity.WARNING
    basis = "GB/T 9704-2012《党政机关公文格式》7.3.5"
    formats = EVERY_FORMAT
    failing = (Example(text=report(signoff="马店镇人民政府"), note="标题是双溪镇，落款是马店镇"),)
    passing = (Example(text=report(signoff="某某县双溪镇人民政府"), note="落款多写了县名"),)

    def check(self, report: Report) -> Iterator[Finding]:
        title_name = report.title_agency
        signed = report.signoff.agency
        if not title_name or not signed:
            return
        a, b = core_name(title_name), core_name(signed)
        if a and b and not (a in b or b in a or a.endswith(b) or b.endswith(a)):
            yield self.finding(
                f"落款是「{signed}」，标题中的机关却是「{title_name}」。请确认报告没有套用别的单位的文件，"
                "并让标题和落款写同一个机关",
                Location(part="signoff", page=report.signoff.origin.page, line=report.signoff.origin.line))
