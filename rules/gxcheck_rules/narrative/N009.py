import re
from functools import cache

from gxcheck import Example, Location, Rule, Severity
from gxcheck_rules.narrative._reading import counts, report_years, sentences, shorten, where
from gxcheck.startup import compiled_on_use

_COMPARISON = re.compile(r"较|比上|同比|环比|增加|减少|增长|下降|上升|持平|去年|上一?年")
#: A sentence about more than this body (「全县各部门制定规范性文件…」) or about the future.
_OTHER_BODY = compiled_on_use(r"全县|全市|全区|全省|全州|全旗|各部门|各乡镇|各街道|各单位|全系统|下级|所属|指导")
_FUTURE = compiled_on_use(r"下一步|今后|计划|力争|预计|目标|拟")
#: Between the subject and the count: a few characters, no digits, no 「信息」 (「规范性文件类信息68条」
#: counts items published, not documents made) and no 「申请」 (「行政许可申请」 are applications).
_GAP = r"[^\d，,；;。：:信申]{0,6}?"
_TAIL = r"(?:共计|共有|合计|总计|共|为|达)?$"
_DOCS = {"rules": r"(?<!政府)规章(?!制度)", "normative": r"规范性文件"}
_ROLES = ((0, r"制定|制发|出台|印发|新制定|新出台"), (1, r"废止|废除|宣布失效"), (2, r"现行有效"))
_DECISIONS = {"license": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
_DECIDED = r"(?:办理|作出|做出|实施|办结|审批|处理)"


@cache  # compiled when a count in 件 first needs its subject: most reports have none (start-up)
def _patterns():
    out = []
    for row, doc in _DOCS.items():
        for column, role in _ROLES:
            out.append((row, column, re.compile(rf"(?:{role}){_GAP}{doc}{_TAIL}")))
            out.append((row, column, re.compile(rf"{doc}{_GAP}(?:{role})的?{_TAIL}")))
    for row, word in _DECISIONS.items():
        out.append((row, 0, re.compile(rf"{_DECIDED}{_GAP}{word}(?:决定|事项|案件)?{_TAIL}")))
    return out



def _subject(before: str) -> tuple[str, int] | None:
    """The table 二 row and column a count is about, from the words just before it."""
    return next(((row, column) for row, column, pattern in _patterns() if pattern.search(before)), None)
def _fragment(sentence: str, made=3, valid=55, license=97) -> str:
    return (f"一、总体情况\n{sentence}\n二、主动公开政府信息情况\n"
            "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
            f"规章\t0\t0\t0\n行政规范性文件\t{made}\t0\t{valid}\n"
            f"第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t{license}\t\t\n")


class N009(Rule):
    """正文写明的规章、行政规范性文件件数，或行政许可、处罚、强制决定数，与表二不符。

    正文说「本年制定行政规范性文件3件」「现行有效规范性文件55件」「办理行政许可97件」，表二同一行
    的数字却不同，读者不知道该信哪一个。只比较说本机关本年度的句子：主动公开的信息条数
    （「主动公开政策、规范性文件类信息68条」是发布的条数，不是制定的件数）、全县或各部门的数字、
    其他年份、与上年比较的数字和约数都不比较。表二对应的格子不是数字时给出一次「无法判断」。
    """

    code = "N009"
    slug = "narrative.table-two"
    title = "正文所述件数与表二不符"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条第（二）项；国办公开办函〔2021〕30号 表二"
    failing = (
        Example(text=_fragment("本年度我镇制定行政规范性文件5件。"), note="正文 5 件，表二本年制发 3 件"),
        Example(text=_fragment("截至年底，现行有效规范性文件393件。"), note="正文 393 件，表二现行有效 55 件"),
    )
    passing = (
        Example(text=_fragment("本年度制定行政规范性文件3件，现行有效55件，办理行政许可97件。")),
        Example(text=_fragment("全年主动公开政策、规范性文件类信息68条。"), note="发布的信息条数不是制定的件数"),
        Example(text=_fragment("全县各部门共制定规范性文件12件。"), note="说的是全县各部门"),
    )

    def check(self, report):
        table = report.tables.proactive
        years = report_years(report)
        noticed = False
        for s in sentences(report):
            text = s.text
            if "件" not in text:
                continue  # only a count in 件 is compared: most sentences have none
            if _OTHER_BODY.search(text) or _FUTURE.search(text):
                continue
            if years and any(int(y) not in years for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", text)):
                continue
            for clause in re.split(r"[，,；;]", text):
                if _COMPARISON.search(clause):
                    continue
                for m, value in counts(clause):
                    if m.group("unit") != "件":
                        continue
                    subject = _subject(clause[: m.start()])
                    if subject is None:
                        continue
                    row, column = subject
                    cell = table.cell(row, column) if table is not None else None
                    label = {"rules": "规章", "normative": "行政规范性文件", **_DECISIONS}[row]
                    col = ("本年制发件数", "本年废止件数", "现行有效件数")[column] if row in _DOCS else "本年处理决定数量"
                    if cell is None or cell.number is None:
                        if not noticed:
                            noticed = True
                            yield self.undecided(f"正文「{shorten(text)}」写了{label}的件数，但表二「{label}」"
                                                 f"「{col}」不是数字（空白或缺表），无法对照",
                                                 Location(part="s2", table="proactive", row=row))
                        continue
                    if cell.number != value:
                        yield self.finding(
                            f"正文「{shorten(text)}」写{label} {m.group(0)}，表二「{label}」的「{col}」却是 "
                            f"{int(cell.number) if cell.number == int(cell.number) else cell.number}。"
                            "请核对，使正文与表二一致", where(s))
