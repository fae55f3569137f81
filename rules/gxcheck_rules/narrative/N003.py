import re
from typing import Iterator, Optional

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import (
    APPLICATION, count_statements, figures, says_no_requests, sentences, shorten, table_label_line, where)
from gxcheck.startup import compiled_on_use

PART1 = "一、总体情况\n（二）依申请公开。{}\n"

#: 「答复率100%」
_RATE = compiled_on_use(r"(?:答复|办结|按时答复|按期答复)率")
#: 「均已在法定期限内答复」「全部按时办结」「在法定时限内予以答复」
_ALL_ANSWERED = compiled_on_use(
    r"(?:均|全部|都|一律|按时|按期|及时|法定(?:期限|时限|时间)内)[^。；]{0,10}?(?:予以|作出|进行)?(?:答复|办结|回复)")
#: Procedure words of handling an application: two of them in one sentence make the boilerplate
#: 「做好依申请公开受理、登记、办理、调查、答复等各个环节工作」.
_STEPS = ("受理", "登记", "审核", "办理", "调查", "答复", "送达", "办结", "征求意见")
_NOT_APPLICATIONS = compiled_on_use(r"留言|咨询|信访|热线|建议|提案|诉求|工单|来信|来电")
_FUTURE = compiled_on_use(r"下一步|今后|将进一步|计划|力争|拟")


def _clause_at(text: str, pos: int) -> str:
    start = max(text.rfind(c, 0, pos) for c in "，,；;：:") + 1
    ends = [i for i in (text.find(c, pos) for c in "，,；;。") if i >= 0]
    return text[start: min(ends) if ends else len(text)]


def handling(text: str) -> Optional[str]:
    """The clause describing receiving, handling or answering applications, or ``None``."""
    if not APPLICATION.search(text) or _NOT_APPLICATIONS.search(text) or _FUTURE.search(text):
        return None
    if table_label_line(text) or says_no_requests(text):
        return None
    found = [(m.start(), _clause_at(text, m.start())) for m in (_RATE.search(text), _ALL_ANSWERED.search(text)) if m]
    for clause in re.finditer(r"[^，,；;：:。]+", text):
        if sum(1 for w in _STEPS if w in clause.group(0)) >= 2:
            found.append((clause.start(), clause.group(0)))
    if found:
        return min(found)[1]
    return None


class N003(Rule):
    """表三没有任何申请，正文却写受理、办理、答复申请，又始终没有说本年未收到申请。

    表三「本年新收」「上年结转」总计都是 0，正文却写「答复率100%」「均在法定期限内答复」
    或「做好依申请公开受理、登记、办理、答复等各个环节工作」，读者会以为本年办理过申请。
    这类文字通常是套话或照抄别的报告。正文只要有一句说明本年没有收到申请，就不报告。
    第五部分（问题和计划）和写「下一步」「今后」的句子不算。写了具体件数的句子由 N002 比较。
    """

    code = "N003"
    slug = "narrative.zero-but-handled"
    title = "表三无申请而正文描述办理申请"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条第（二）项（年度报告内容应真实准确）"
    failing = (
        Example(text=PART1.format("做好依申请公开受理、登记、办理、调查、答复等各个环节工作。")
                + requests(ZERO, ZERO, ZERO, ZERO), note="表三全是 0，正文写办理流程，也没说未收到申请"),
        Example(text=PART1.format("我局认真做好依申请公开的登记、审核、办理和答复工作，答复率100%。")
                + requests(ZERO, ZERO, ZERO, ZERO)),
    )
    passing = (
        Example(text=PART1.format("本年度未收到政府信息公开申请。我镇规范依申请公开受理、登记、办理、答复流程。")
                + requests(ZERO, ZERO, ZERO, ZERO), note="说明了未收到申请"),
        Example(text=PART1.format("共收到政府信息公开申请2件，均已在法定期限内答复。")
                + requests((2, 0, 0, 0, 0, 0, 2), ZERO, (2, 0, 0, 0, 0, 0, 2), ZERO), note="表三有申请"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        said = [s for s in sentences(report) if s.part != "s5"]
        if any(says_no_requests(s.text) for s in said):
            return
        described = [(s, handling(s.text)) for s in said]
        described = [(s, clause) for s, clause in described if clause]
        if not described:
            return
        if any(c.role == "received" and c.value > 0 for c in count_statements(report)):
            return  # a stated count: N002 compares it with the table
        fig = figures(report)
        none = fig.shows_none()
        if none is None:
            yield self.undecided("正文描述了办理申请，但表三「本年新收」「上年结转」总计不是数字（空白或缺表），无法对照",
                                 Location(part="s3", table="requests", row="new", column="total"))
            return
        if not none:
            return
        s, clause = described[0]
        yield self.finding(
            f"表三「本年新收」「上年结转」总计都是 0，正文却写「{shorten(clause)}」，"
            "又没有说明本年未收到申请。请改为如实说明「本年度未收到政府信息公开申请」，"
            "或核对表三是否漏填", where(s))
