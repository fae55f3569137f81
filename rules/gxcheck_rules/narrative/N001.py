from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import sentences, says_no_requests

PART1 = "一、总体情况\n（二）依申请公开。{}\n"


def _fragment(sentence: str, new_total: int) -> str:
    new = (new_total, 0, 0, 0, 0, 0, new_total)
    return PART1.format(sentence) + requests(new, ZERO, new, ZERO)


def _corroborated(table) -> bool:
    """Do other rows of table 三 confirm that applications were handled (（七）总计 or 结转 > 0)?

    When 本年新收 > 0 but nothing was handled or carried over, the table contradicts itself
    and the narrative's «none» may be the true statement: the comparison is undecided.
    """
    for key in ("total", "carry_over"):
        cell = table.cell(key, 6)
        if cell is not None and cell.status == "number" and cell.value:
            return True
    return False


class N001(Rule):
    """正文说本年没有收到政府信息公开申请，表三「本年新收」总计却大于 0。

    正文和表格必须说同一件事。这种矛盾通常是照抄了上一年的文字，或者表格填错了行。
    「未收到因政府信息公开申请引起的行政复议」说的是复议诉讼，不算「没有收到申请」。
    """

    code = "N001"
    slug = "narrative.says-none-table-has"
    title = "正文称无申请而表三有申请"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条（年度报告内容应真实准确）"
    failing = (Example(text=_fragment("本年度未收到政府信息公开申请。", 3),
                       note="正文说没有申请，表三新收 3 件"),)
    passing = (Example(text=_fragment("本年度未收到政府信息公开申请。", 0)),
               Example(text=_fragment("未收到因政府信息公开申请引起的行政复议、行政诉讼。", 3),
                       note="说的是复议诉讼，不是申请"))

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        cell = table.cell("new", 6) if table else None
        statements = [(s, says_no_requests(s.text)) for s in sentences(report)]
        statements = [(s, clause) for s, clause in statements if clause]
        if not statements:
            return
        if cell is None or cell.status != "number":
            yield self.undecided("正文说没有收到申请，但表三「本年新收」总计没有数字，无法对照",
                                 Location(part="s3", table="requests", row="new", column="total"))
            return
        if cell.value and cell.value > 0:
            if not _corroborated(table):
                yield self.undecided(
                    "正文说没有收到申请，表三「本年新收」却有数字，而表三自身的总计和结转都是 0、勾稽关系不成立，"
                    "无法判断是正文还是表格有误（见 A001）", Location(part="s3", table="requests", row="new"))
                return
            s, clause = statements[0]
            yield self.finding(
                f"正文说「{clause}」，但表三「本年新收政府信息公开申请数量」总计为 {int(cell.value)}。"
                "请核对正文和表格，使两者一致",
                Location(part=s.part, line=s.origin.line, page=s.origin.page, text=s.text[:60]))
