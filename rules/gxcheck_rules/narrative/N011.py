import re

from gxcheck import Example, Rule, Severity
from gxcheck_rules.narrative._figures import APPROX, GROWTH, parts_between, total_in
from gxcheck_rules.narrative._reading import counts, sentences, shorten, where
from gxcheck.startup import compiled_on_use

#: What presents the parts as the complete breakdown of the total just stated.
_COMPLETE = compiled_on_use(r"分别为|分别是|分别|其中[:：]?")
#: … unless the list is open (「等」「包括」「主要」) or speaks of something else (「同比」).
_OPEN = compiled_on_use(r"等|包括|主要|涉及|含|部分|以上|多|余")
#: After 「其中」 the parts exhaust the total only when the list ends with the rest (「其他1件」).
_REST = compiled_on_use(r"(?:其他|其它|其余|剩余|另有|另)[^\d，,；;。、]{0,8}$")


def _fragment(text: str) -> str:
    return f"一、总体情况\n（二）依申请公开。{text}\n"


class N011(Rule):
    """正文写明的总数与它的完整分项加起来不相等（「共12件，分别为……5件、……6件」）。

    只核算正文明确当作完整分项的列举：总数之后用「分别为」「分别是」列出各项，或用「其中」列出各项、
    最后一项是「其他」「其余」（说明已列全）。「其中包括」「等」「主要」这类只列了一部分的写法，
    约数（「约」「余」「近」）和比较（「同比增加」）都不核算。请核对总数和各项件数。
    """

    code = "N011"
    slug = "narrative.breakdown"
    title = "正文所述总数与分项之和不符"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条（年度报告内容应真实准确）"
    failing = (
        Example(text=_fragment("全年共收到申请12件，分别为当面申请5件、网络申请6件。"), note="5 + 6 = 11，不是 12"),
        Example(text=_fragment("共办结申请9件，其中予以公开4件，不予公开2件，其他处理2件。"),
                note="以「其他」收尾的分项，4 + 2 + 2 = 8"),
    )
    passing = (
        Example(text=_fragment("全年共收到申请12件，分别为当面申请5件、网络申请7件。")),
        Example(text=_fragment("共发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件。"),
                note="「其中包括」只列了一部分"),
        Example(text=_fragment("共收到申请12件，其中当面申请5件，网络申请4件。"), note="「其中」没有列全，不核算"),
    )

    def check(self, report):
        for s in sentences(report):
            text = s.text.rstrip("。；;")
            total = total_in(text)
            if total is None:
                continue
            tm, whole = total
            marker = _COMPLETE.search(text, tm.end())
            between = text[tm.end(): marker.start()] if marker else ""
            if marker is None or re.search(r"[，,；;]", between.strip("，,")) or list(counts(between)):
                continue  # the breakdown must follow the total directly (「共12件，办结10件，分别为…」 is not)
            rest = text[marker.end():]
            if _OPEN.search(rest) or GROWTH.search(rest) or APPROX.search(text[max(0, tm.start() - 2): tm.end() + 1]):
                continue
            parts = list(parts_between(text, marker.end(), len(text), tm.group("unit")))
            if len(parts) < 2:
                continue
            if not marker.group(0).startswith("分别"):
                last = parts[-1][0]
                if not _REST.search(rest[: last.start()]):
                    continue
                if rest[last.end():].strip():
                    continue  # something follows the last part: not a closed list
            if sum(v for _, v in parts) == whole:
                continue
            listed = " + ".join(str(v) for _, v in parts)
            yield self.finding(
                f"正文「{shorten(text)}」写总数 {tm.group(0)}，列出的各项 {listed} = {sum(v for _, v in parts)}，"
                "两者不相等。请核对总数和各项件数", where(s))
