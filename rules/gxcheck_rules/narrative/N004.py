from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import count_statements, figures, fmt, shorten, where

PART1 = "一、总体情况\n（二）依申请公开。{}\n"


def _fragment(sentence: str, new: int, total: int, carry_over: int) -> str:
    return PART1.format(sentence) + requests((new, 0, 0, 0, 0, 0, new), ZERO, (total, 0, 0, 0, 0, 0, total),
                                             (carry_over, 0, 0, 0, 0, 0, carry_over))


_NAMES = {
    "done": "办结（答复）",
    "carry_over": "结转下年度",
    "carried": "上年结转",
    "handled": "办理",
}
_TABLE = {
    "done": "表三「（七）总计」总计",
    "carry_over": "表三「四、结转下年度继续办理」总计",
    "carried": "表三「二、上年结转政府信息公开申请数量」总计",
}


class N004(Rule):
    """正文写明的办结（答复）、结转件数与表三「（七）总计」「四、结转下年度继续办理」不符。

    「已办结5件」应等于表三（七）总计，「结转下年度1件」应等于表三第四项，「上年结转1件」应等于
    表三第二项；「共办理申请6件」可以是本年新收、新收加上年结转或（七）总计中的任一个。
    表三自身勾稽关系不成立（A001）时，「一＋二－四」也接受，以免把表格的错算到正文头上。
    「按期答复4件、延期答复1件」「其中」这类分项数字不比较。这是警告：正文的说法常有不同口径，
    请人工核对。表三的数字空白时给出一次「无法判断」。
    """

    code = "N004"
    slug = "narrative.outcome-counts"
    title = "正文所述办结、结转件数与表三不符"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条第（二）项（年度报告内容应真实准确）"
    failing = (
        Example(text=_fragment("全年新收政府信息公开申请6件，上年结转0件，已办结6件。", 6, 5, 1),
                note="正文办结 6 件，表三（七）总计 5、结转下年度 1"),
        Example(text=_fragment("全年新收政府信息公开申请6件，办结5件，结转下年度2件。", 6, 5, 1),
                note="正文结转 2 件，表三第四项 1"),
    )
    passing = (
        Example(text=_fragment("全年新收政府信息公开申请6件，上年结转0件，已办结5件。", 6, 5, 1)),
        Example(text=_fragment("共收到政府信息公开申请5件，按期答复4件，延期答复1件。", 5, 5, 0),
                note="分项数字不比较"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        stated = [c for c in count_statements(report) if c.role in ("done", "carry_over", "carried", "handled")]
        if not stated:
            return
        fig = figures(report)
        breakdown = ("延期", "逾期", "按期答复", "按时答复", "当场", "其中")
        for c in stated:
            if c.scope or (c.role == "done" and any(w in c.sentence.text for w in breakdown)):
                continue
            if c.role == "handled":
                options = [v for v in (fig.new, fig.total) if v is not None]
                if fig.new is not None and fig.carried is not None:
                    options.append(fig.new + fig.carried)
                if not options:
                    yield self.undecided("正文写了办理的申请件数，但表三总计空白，无法对照", where(c.sentence))
                    continue
                if c.value not in options:
                    yield self.finding(
                        f"正文「{shorten(c.sentence.text)}」写办理 {c.written}，但表三本年新收 {fmt(fig.new)}、"
                        f"上年结转 {fmt(fig.carried)}、（七）总计 {fmt(fig.total)}，都对不上。请核对件数和口径",
                        where(c.sentence))
                continue
            value = {"done": fig.total, "carry_over": fig.carry_over, "carried": fig.carried}[c.role]
            row = {"done": "total", "carry_over": "carry_over", "carried": "carried"}[c.role]
            if value is None:
                yield self.undecided(f"正文写了{_NAMES[c.role]}件数，但{_TABLE[c.role]}不是数字（空白或缺表），无法对照",
                                     Location(part="s3", table="requests", row=row, column="total"))
                continue
            accepted = {value}
            if fig.balanced() is False:
                # The table breaks 一＋二＝三＋四 itself (A001): the other side is accepted as well.
                alt = {"done": fig.new + fig.carried - fig.carry_over,
                       "carry_over": fig.new + fig.carried - fig.total,
                       "carried": fig.total + fig.carry_over - fig.new}[c.role]
                accepted.add(alt)
            if c.value in accepted:
                continue
            yield self.finding(
                f"正文「{shorten(c.sentence.text)}」写{_NAMES[c.role]} {c.written}，但{_TABLE[c.role]}为 {value}。"
                "请核对件数，使正文与表三一致", where(c.sentence))
