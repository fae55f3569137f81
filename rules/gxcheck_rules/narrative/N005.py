import re
from dataclasses import dataclass
from typing import Iterator, Optional

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.narrative._reading import Sentence, counts, sentences, shorten, table_label_line, where
from gxcheck.startup import compiled_on_use

PART4 = "四、政府信息公开行政复议、行政诉讼情况\n{}\n行政复议\t行政诉讼\n{}\n"


def _fragment(sentence: str, *values: int) -> str:
    return PART4.format(sentence, "\t".join(str(v) for v in values))


_KINDS = {"review": "行政复议", "suit": "行政诉讼"}
_CASE = compiled_on_use(r"(?P<review>行政复议|复议)|(?P<suit>行政诉讼|诉讼|起诉)")
_NEGATION = compiled_on_use(r"未|没有|没|无(?!法|正当|需)|暂无|不存在")
_ZERO_AFTER = compiled_on_use(r"(?:均|都|数量|件数|案件)*(?:为|是)(?:0|零|无)(?![\d件起宗个])"
                         r"|(?:均|都)(?:未|没有|无)(?:发生|出现|涉及|产生)?")
#: Outcome breakdowns (「结果维持1件」), and the agency acting as the reviewing body.
_SKIP = compiled_on_use(r"维持|纠正|撤销|确认违法|驳回|审结|败诉|胜诉|其他结果|调解|和解|受理|办理|审理|复议机关|应诉|出庭")
_CONTEXT = compiled_on_use(r"信息公开|依申请|公开申请")
_FUTURE = compiled_on_use(r"下一步|今后|计划|力争|拟|将进一步|防范")


@dataclass(frozen=True)
class Statement:
    kind: str
    value: Optional[int]  # None: «none arose»
    sentence: Sentence
    clause: str


def _normalise(text: str) -> str:
    # The table labels 「未经复议直接起诉」「复议后起诉」 are lawsuits, not reviews, and not negations.
    return text.replace("未经复议直接起诉", "直接起诉").replace("复议后起诉", "后起诉")


def statements(report) -> list[Statement]:
    """What the narrative says about reviews and lawsuits over information disclosure."""
    out: list[Statement] = []
    for s in sentences(report):
        if not _CASE.search(s.text) or table_label_line(s.text) or _FUTURE.search(s.text):
            continue
        if s.part != "s4" and not _CONTEXT.search(s.text):
            continue  # reviews and lawsuits about the agency's other business
        text = _normalise(s.text)
        for cm in re.finditer(r"[^，,；;。]+", text):
            clause = cm.group(0)
            keys = [(m.start(), m.lastgroup) for m in _CASE.finditer(clause)]
            if not keys or _SKIP.search(clause):
                continue
            neg = _NEGATION.search(clause)
            found = list(counts(clause))
            if neg and neg.start() < keys[0][0] and not found:
                for kind in dict.fromkeys(k for p, k in keys if p > neg.start()):
                    out.append(Statement(kind, None, s, clause))
                continue
            zero = _ZERO_AFTER.search(clause, keys[-1][0])
            if zero and not found:
                for kind in dict.fromkeys(k for _, k in keys):
                    out.append(Statement(kind, None, s, clause))
                continue
            for m, value in found:
                before = [k for p, k in keys if p < m.start()]
                if clause[max(0, m.start() - 1): m.start()] == "各":
                    kinds = list(dict.fromkeys(before))
                elif before:
                    kinds = [before[-1]]
                elif len({k for _, k in keys}) == 1:
                    kinds = [keys[0][1]]  # 「发生1起行政复议」
                else:
                    kinds = []
                for kind in kinds:
                    out.append(Statement(kind, value or None, s, clause))
    return out


def _total(table, group: str) -> tuple[Optional[int], bool]:
    """(group total, True when the group's own sum is broken) — total ``None`` when not a number."""
    row = table.rows.get(group)
    if row is None or len(row.cells) < 5:
        return None, False
    cells = row.cells
    if cells[4].status != "number":
        return None, False
    total = int(cells[4].value)
    parts = [c.value for c in cells[:4] if c.status == "number"]
    broken = len(parts) == 4 and sum(parts) != total
    return total, broken


class N005(Rule):
    """正文关于行政复议、行政诉讼的说法（「未发生」或写明件数）与表四不符。

    正文说「未发生因政府信息公开引起的行政复议、行政诉讼」，表四行政复议或行政诉讼总计却大于 0；
    或正文写的件数与表四总计不同。行政诉讼的件数与「未经复议直接起诉」「复议后起诉」两组总计之和
    比较（只等于其中一组也接受）。只读说到政府信息公开的句子（或第四部分的句子）：机关其他业务的
    复议诉讼、本机关作为复议机关受理的案件、「结果维持」这类分项都不比较。
    表四某组自身总计不成立（A004）时不比较这一组，给出一次「无法判断」。
    """

    code = "N005"
    slug = "narrative.cases"
    title = "正文所述复议诉讼情况与表四不符"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条第（三）项（被申请行政复议、提起行政诉讼的情况）"
    failing = (
        Example(text=_fragment("本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                               0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                note="正文说未发生，表四行政复议总计 1"),
        Example(text=_fragment("因政府信息公开被申请行政复议2件，被提起行政诉讼1件。",
                               1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),
                note="正文复议 2 件，表四 1 件"),
    )
    passing = (
        Example(text=_fragment("本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        Example(text=_fragment("因政府信息公开被申请行政复议1件，被提起行政诉讼（未经复议直接起诉）1件。",
                               1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),
                note="「未经复议」不是否定"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        said = statements(report)
        if not said:
            return
        table = report.tables.review
        here = Location(part="s4", table="review")
        if table is None or not table.rows:
            yield self.undecided("正文说到了行政复议、行政诉讼，但没有读到表四的数字，无法对照", here)
            return
        review, review_broken = _total(table, "review")
        direct, direct_broken = _total(table, "suit_direct")
        after, after_broken = _total(table, "suit_after")
        values = {
            "review": (None if review_broken else review,),
            "suit": (None if direct_broken or after_broken else direct, after),
        }
        reported: set[str] = set()
        for st in said:
            if st.kind in reported:
                continue
            got = values[st.kind]
            if any(v is None for v in got):
                reported.add(st.kind)
                yield self.undecided(f"正文说到了{_KINDS[st.kind]}，但表四相应总计空白或自身不平衡，无法对照",
                                     Location(part="s4", table="review", row="review" if st.kind == "review"
                                              else "suit_direct", column="total"))
                continue
            total = sum(got)
            accepted = {total} | {v for v in got if v}
            if st.value is None and total == 0 or st.value is not None and st.value in accepted:
                continue
            reported.add(st.kind)
            said_text = "没有发生" if st.value is None else f"有 {st.value} 件"
            table_text = (f"表四行政复议总计为 {total}" if st.kind == "review" else
                          f"表四行政诉讼总计为 {total}（未经复议直接起诉 {got[0]}，复议后起诉 {got[1]}）")
            yield self.finding(
                f"正文「{shorten(st.clause)}」说{_KINDS[st.kind]}{said_text}，但{table_text}。"
                "请核对正文和表四，使两者一致", where(st.sentence))
