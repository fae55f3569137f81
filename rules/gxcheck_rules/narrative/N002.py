from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import count_statements, figures, says_no_requests, shorten, where

PART1 = "一、总体情况\n（二）依申请公开。{}\n"


def _fragment(sentence: str, new: int, carried: int = 0) -> str:
    total = new + carried
    return PART1.format(sentence) + requests((new, 0, 0, 0, 0, 0, new), (carried, 0, 0, 0, 0, 0, carried),
                                             (total, 0, 0, 0, 0, 0, total), ZERO)


class N002(Rule):
    """正文写明的收到申请件数，既不等于表三「本年新收」总计，也不等于「本年新收＋上年结转」总计。

    正文说「共收到政府信息公开申请8件」，表三第一项总计却是 6，读者不知道该信哪一个。
    「收到」的件数可以只算本年新收，也可以连上年结转一起算，两种都接受。
    句子说的不只是本机关（「代表区政府受理」「受……委托」「全县共收到」）时只给警告；「其中」「通过网络」
    这类分项数字只在超过全部申请数时才给警告。与其他年份比较的数字（「较去年增加2件」）、
    约数（「10余件」）、写明其他年份的句子都不拿来比较；说「0件」「未收到」的句子由 N001 负责。
    表三的数字空白时给出一次「无法判断」，不猜测。
    """

    code = "N002"
    slug = "narrative.request-count"
    title = "正文所述申请件数与表三不符"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条第（二）项（年度报告内容应真实准确）"
    failing = (
        Example(text=_fragment("2024年共收到政府信息公开申请8件，均已按时答复。", 6),
                note="正文 8 件，表三新收 6 件、上年结转 0 件"),
        Example(text=_fragment("代表区政府受理政府信息公开申请5件。", 3),
                note="代表区政府受理的件数与表三不符：警告"),
    )
    passing = (
        Example(text=_fragment("本年度受理依申请公开三件，全部按时办结。", 3, 1),
                note="三件等于本年新收 3"),
        Example(text=_fragment("全年共收到政府信息公开申请4件（含上年结转1件）。", 3, 1),
                note="4 件等于新收 3 ＋ 结转 1"),
        Example(text=_fragment("全年共收到政府信息公开申请6件，较上年增加2件。", 6),
                note="与上年比较的 2 件不拿来比较"),
        Example(text="一、总体情况\n全年主动公开政府信息240条。\n" + requests(ZERO, ZERO, ZERO, ZERO),
                note="主动公开的条数不是申请"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        stated = [c for c in count_statements(report) if c.role == "received"]
        # 「收到申请0件」 says «none»: that is N001's comparison.
        stated = [c for c in stated if not (c.value == 0 and says_no_requests(c.sentence.text))]
        if not stated:
            return
        fig = figures(report)
        if fig.new is None:
            yield self.undecided("正文写了收到的申请件数，但表三「本年新收」总计不是数字（空白或缺表），无法对照",
                                 Location(part="s3", table="requests", row="new", column="total"))
            return
        accepted = {fig.new}
        if fig.carried is not None:
            accepted.add(fig.new + fig.carried)
        if fig.total is not None and fig.carry_over is not None:
            # A table that breaks its own 勾稽 (A001): the other side of the identity is accepted too.
            accepted.add(fig.total + fig.carry_over)
            if fig.carried is not None:
                accepted.add(fig.total + fig.carry_over - fig.carried)
        whole = max(accepted)
        for c in stated:
            if c.value in accepted:
                continue
            if c.scope == "part" and c.value <= whole:
                continue  # a breakdown (「其中」, one channel) may be smaller than the whole
            if fig.carried is None and c.value > fig.new:
                yield self.undecided(
                    f"正文「{shorten(c.sentence.text)}」写收到 {c.written}，表三「本年新收」总计为 {fig.new}，"
                    "「上年结转」总计空白，无法判断是否把上年结转算在内", where(c.sentence))
                continue
            table = f"表三「本年新收」总计为 {fig.new}"
            if fig.carried:
                table += f"，「上年结转」总计为 {fig.carried}（合计 {fig.new + fig.carried}）"
            if c.scope:
                why = {"proxy": "这句话说的是代其他机关受理或受委托办理的申请",
                       "wider": "这句话说的范围可能比本机关大（如全县、各部门）",
                       "part": "这是分项数字，却超过了全部申请数"}[c.scope]
                yield self.finding(
                    f"正文「{shorten(c.sentence.text)}」写收到 {c.written}，{table}。{why}，"
                    "请核对这部分申请是否计入表三，并在正文写清口径", where(c.sentence), Severity.WARNING)
            else:
                yield self.finding(
                    f"正文「{shorten(c.sentence.text)}」写收到 {c.written}，但{table}。"
                    "请核对收到的申请件数，使正文与表三一致", where(c.sentence))
