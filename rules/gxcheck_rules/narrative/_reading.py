"""Reading the narrative: sentences, and what they say about applications, cases, fees and years.

Everything here favours precision: a count is read only when a role word (收到, 办结, 结转 …)
stands right before it in the same clause, in a sentence about information-disclosure
applications; comparisons with other years, approximations (「10余件」) and breakdowns
(「其中」) are recognised so that the rules do not compare what is not comparable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, Callable, Iterator, NamedTuple, Optional, TypeVar

from gxcheck import Location, Origin, Report
from gxcheck import squash
from gxcheck.startup import compiled_on_use


class Sentence(NamedTuple):
    """A sentence of the prose (a named tuple: a report has a hundred or more, made in a quarter of
    a frozen dataclass's time)."""

    text: str
    part: Optional[str]
    origin: Origin
    #: Index of the paragraph in :attr:`Report.narrative` order (sentences of one paragraph share it).
    para: int = -1


_SPLIT = compiled_on_use(r"(?<=[。；;！？!?])")


_T = TypeVar("_T")


def _once_per_report(read: Callable[[Report], _T]) -> Callable[[Report], _T]:
    """``read(report)`` worked out once for the report being checked: the narrative rules run one
    after another on one report, and several of them read the same sentences and counts."""
    kept: tuple[Optional[Report], Any] = (None, None)

    @wraps(read)
    def once(report: Report) -> _T:
        nonlocal kept
        last, value = kept
        if last is not report:
            value = read(report)
            kept = (report, value)
        return value  # type: ignore[no-any-return]

    return once


def sentences(report: Report) -> Iterator[Sentence]:
    """Every sentence of the prose outside the tables, with the part it stands in."""
    return iter(_sentences(report))


@_once_per_report
def _sentences(report: Report) -> tuple[Sentence, ...]:
    return tuple(_split_sentences(report))


def _split_sentences(report: Report) -> Iterator[Sentence]:
    n = 0
    sources = [(None, para) for para in report.preface]
    sources += [(part.key, para) for part in report.parts for para in part.paragraphs]
    for key, para in sources:
        for s in _SPLIT.split(para.text):
            if s.strip():
                yield Sentence(squash(s), key, para.origin, n)
        n += 1


# Sentences are matched in NFKC form (ASCII punctuation); quotes give the punctuation back.
_DISPLAY = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def shorten(text: str, limit: int = 50) -> str:
    """A sentence as quoted in a message: Chinese punctuation, at most ``limit`` characters."""
    text = text.translate(_DISPLAY)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(s: Sentence) -> Location:
    """The location of a finding about sentence ``s``."""
    return Location(part=s.part, line=s.origin.line, page=s.origin.page, text=shorten(s.text, 60))


# --------------------------------------------------------------------------- «no applications»

# 「未收到政府信息公开申请」「没有接到群众……申请」「全年无依申请公开事项」「依申请公开0件」
# 「镇政府没有依申请公开政府信息和不予公开政府信息情况」
_NONE_RECEIVED = compiled_on_use(
    r"(?:未|没有|没|无|暂无|暂未|尚未|并未|均未)(?:收到|接到|受理|接收|发生|有)"
    r"[^。；，,]{0,24}?(?:政府信息公开|依申请公开|信息公开|公开)[^。；，,]{0,6}?申请"
    r"|(?:全年|本年度?|年内|今年|\d{4}年度?)[^。；，,]{0,6}?(?:无|没有)(?:依申请公开|政府信息公开申请)"
    r"(?=事项|情况|申请|的申请|工作|[。；，,]|$)"
    r"|(?:收到|受理|接到)[^。；，,]{0,12}?申请[^。；，,]{0,4}?(?:为|共)?(?<![\d.])(?:0|零)(?:件|条|个)"
    r"|依申请公开[^。；，,]{0,8}?(?:为|共)?(?<![\d.])(?:0|零)(?:件|条|个)"
    r"|(?:没有|无|暂无)依申请公开(?:政府信息)?(?:事项|情况|申请|和|的情况)"
    r"|(?:申请|依申请公开)(?:数量|数|总数|件数)?(?:均|为|共)+(?:0|零)(?![\d.])"
    r"|(?:未|没有|没|暂未|尚未|并未|均未)(?:收到|接到|受理|接收)(?:任何)?(?:群众|公民|市民|个人|企业|单位)?的?"
    r"(?:依申请公开|政府信息公开申请|信息公开申请|申请公开)"
)
# Statements about reviews and lawsuits arising from applications are not about applications.
_ABOUT_CASES = compiled_on_use(r"复议|诉讼|举报|投诉|起诉")
# 「未发生政府信息公开申请答复超期的情况」 is about how applications were answered, not «none».
_ABOUT_HANDLING = compiled_on_use(r"超期|逾期|延期|超时|答复|办理|引起|引发|纠错|被")


@lru_cache(maxsize=1024)
def says_no_requests(sentence: str) -> Optional[str]:
    """The clause that says no applications were received, or ``None`` (kept for the sentences of the
    report being checked: N001, N002 and N003 each ask it of the same sentences)."""
    for m in _NONE_RECEIVED.finditer(sentence):
        clause_end = re.search(r"[。；，,]", sentence[m.end():])
        clause = sentence[m.start(): m.end() + (clause_end.start() if clause_end else len(sentence))]
        if _ABOUT_CASES.search(clause) or _ABOUT_HANDLING.search(clause, len(m.group(0))):
            continue
        if "其中" in sentence[: m.start()] or _PART_SCOPE.search(clause):
            continue  # 「共受理2件，其中：受理当面申请0件」: one channel had none, not the agency
        return m.group(0)
    return None


# --------------------------------------------------------------------------- numbers

CN_DIGITS = "零〇一二两三四五六七八九十百千"
#: A count: Arabic or Chinese numeral followed by a unit.  Not part of a longer number, not an
#: ordinal (「第十二条」).
COUNT = compiled_on_use(
    rf"(?<![\d.．第{CN_DIGITS}万])(?P<num>\d{{1,15}}|[{CN_DIGITS}]{{1,15}})\s*(?P<unit>件次|件|条|宗|个|起)")
_APPROX_BEFORE = compiled_on_use(r"(?:约|近|逾|超过|超|大约|将近|不到|不足|至少|多达)$")
_APPROX_AFTER = compiled_on_use(r"^(?:以上|以下|左右|多|余|上下)")
#: 「15个工作日内答复」「3个方面」「六个部分」: the unit belongs to another noun.
_OTHER_NOUN = compiled_on_use(r"^(?:工作日|自然日|日|天|月|小时|星期|周|年|季度|方面|环节|部门|单位|乡镇|街道|村|社区|平台|栏目"
                         r"|专栏|网站|人|百分点|批次|文件|政策|部分(?!公开))")


@lru_cache(maxsize=256)
def _chinese_number(text: str) -> Optional[int]:
    import cn2an  # slow to import (about 0.5 s): only when a Chinese numeral is really there

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if value == int(value) else None


def to_int(num: str) -> Optional[int]:
    """「12」 → 12, 「十二」 → 12, 「两」 → 2; ``None`` for what is not a whole number."""
    if len(num) > 15:  # a run of digits that long is no count (and would overflow a float)
        return None
    if num.isdigit():
        return int(num)
    return _chinese_number(num)


def counts(text: str) -> Iterator[tuple[re.Match, int]]:
    """Every exact count in ``text`` (approximations such as 「约10件」「10件以上」 left out)."""
    for m in COUNT.finditer(text):
        after = text[m.end():]
        if _APPROX_BEFORE.search(text[: m.start()]) or _APPROX_AFTER.match(after) or _OTHER_NOUN.match(after):
            continue
        value = to_int(m.group("num"))
        if value is not None:
            yield m, value


# --------------------------------------------------------------------------- counts of applications

#: Words that name an information-disclosure application.
APPLICATION = compiled_on_use(r"依申请|信息公开申请|公开申请|申请公开|申请信息公开")

#: Role words: the nearest one before a count in its clause says what the count is.
_ROLE = compiled_on_use(
    r"(?P<carried>上一?年度?结转|结转上一?年度?|上一?年度?遗留|上年度未办结)"
    r"|(?P<carry_over>结转(?:至|到|入)?下一?年度?|转(?:入|至|到)?下一?年度?|下一?年度?继续办理|继续办理|正在办理|尚在办理"
    r"|尚未办结|未办结|办理中)"
    r"|(?P<outcome>(?:同意|部分|不予|予以)公开答复|同意公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|不掌握|另行制作|重复申请|出版物|不补正"
    r"|不再处理|信息不存在|非政府信息|告知)"
    r"|(?P<done>办结|办理完毕|处理完毕|办理完成|答复完毕|予以答复|作出答复|已答复|答复|回复)"
    r"|(?P<handled>办理|处理(?!费))"
    r"|(?P<received>新收|收到|接到|接收|受理|收悉|登记|提出|提交)"
    r"|(?P<weak>申请(?:数量|总数|总量|量|件数)?(?:共计|共有|合计|总计|共|为))"
    r"|(?P<stop>主动公开|发布|复议|诉讼|起诉|投诉|举报|信访|咨询|留言|热线|许可|审批|政务服务|建议|提案"
    r"|来电|来信|来访|诉求|工单|办件|信息处理费|收费)"
)
_COMPARISON = re.compile(r"较|比上|同比|环比|增加|减少|增长|下降|上升|持平|去年|上一?年度?(?!度?(?:结转|遗留|未办结))")
_PART_SCOPE = compiled_on_use(r"当面|网络|网上|在线|信函|邮寄|传真|电子邮件|邮箱|现场|窗口")
_PROXY_SCOPE = compiled_on_use(r"代表|受[^。，,；]{0,12}?委托|以[^。，,；]{0,12}?名义|代为|代区|代县|代市")
#: A wider body than the agency: 「全县共收到……」 in a county government's report may count its departments.
_WIDER_SCOPE = compiled_on_use(r"全县|全市|全区|全省|全州|全盟|全旗|各部门|各乡镇|各街道|各单位|全系统")
#: 「共接收各类申请12件」: not only information-disclosure applications.
_MIXED = re.compile(r"各类|各项|各种")
_FUTURE = compiled_on_use(r"下一步|今后|计划|力争|预计|目标|拟")
SUBHEADING = compiled_on_use(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_CLAUSE = compiled_on_use(r"[^，,；;：:]+")


@dataclass(frozen=True)
class Count:
    """A number the narrative states about applications."""

    #: received · carried (上年结转) · done (办结/答复) · carry_over (结转下年度) · handled (办理)
    role: str
    value: int
    sentence: Sentence
    #: ``None``; 「part」 when it is a breakdown (「其中」, one channel); 「proxy」 when the sentence
    #: speaks for another body (「代表区政府受理」); 「wider」 when it speaks for more (「全县」).
    scope: Optional[str]
    #: The number as written, with its unit (「三件」).
    written: str


def report_years(report: Report) -> set[int]:
    return {y for y in (report.year, report.period_year) if y}


def _role_before(clause: str, end: int) -> Optional[str]:
    found = list(_ROLE.finditer(clause, 0, end))
    if not found:
        return None
    last = found[-1]
    role = last.lastgroup
    if role == "weak":
        # 「办结申请共计5件」: an earlier real role word wins over 「申请共计」.
        earlier = [m for m in found[:-1] if m.lastgroup not in ("weak",)]
        role = earlier[-1].lastgroup if earlier else "received"
    elif role in ("done", "handled") and any(m.lastgroup == "carry_over" for m in found[:-1]):
        role = "carry_over"  # 「转下一年度办理答复的有1件」: answered next year, so carried over
    return role


def count_statements(report: Report) -> list[Count]:
    """Counts of applications stated in the narrative, each with its role and scope."""
    return list(_count_statements(report))


@_once_per_report
def _count_statements(report: Report) -> tuple[Count, ...]:
    years = report_years(report)
    out: list[Count] = []
    context: set[int] = set()  # paragraphs that are about applications so far
    for s in sentences(report):
        text = s.text
        about = bool(APPLICATION.search(text)) and not _FUTURE.search(text)
        if about:
            context.add(s.para)
            if len(text) <= 20 and SUBHEADING.match(text):
                context.add(s.para + 1)  # a heading 「（二）依申请公开方面」 on its own line
        elif s.para in context and not SUBHEADING.match(text) and not _FUTURE.search(text):
            about = True  # 「……收到申请6件。已全部办结5件。」: the next sentence goes on about them
        else:
            context.discard(s.para)
        if not about:
            continue
        if years and any(int(y) not in years for y in _YEAR.findall(text)):
            continue  # another year is named: a comparison, or a stale sentence (N006)
        wide = "proxy" if _PROXY_SCOPE.search(text) else "wider" if _WIDER_SCOPE.search(text) else None
        for cm in _CLAUSE.finditer(text):
            clause = cm.group(0)
            if _COMPARISON.search(clause):
                continue
            for m, value in counts(clause):
                role = _role_before(clause, m.start())
                if role not in ("received", "carried", "done", "carry_over", "handled"):
                    continue
                if role in ("received", "handled") and ("申请" not in clause or _MIXED.search(clause)):
                    continue  # 「政务服务中心共受理办件12000件」「共接收各类申请12件」: not only these applications
                scope = wide
                if scope is None and ("其中" in text[: cm.start() + m.start()] or _PART_SCOPE.search(clause)):
                    scope = "part"
                out.append(Count(role, value, s, scope, m.group(0)))
    return tuple(out)


# --------------------------------------------------------------------------- table 三 figures


@dataclass(frozen=True)
class Figures:
    """The four totals of table 三 the narrative is compared with; ``None`` when not a number."""

    found: bool
    new: Optional[int] = None
    carried: Optional[int] = None
    total: Optional[int] = None
    carry_over: Optional[int] = None
    other_2: Optional[int] = None

    def balanced(self) -> Optional[bool]:
        """一 + 二 == （七） + 四 in the 总计 column, or ``None`` when a cell is missing."""
        if None in (self.new, self.carried, self.total, self.carry_over):
            return None
        return self.new + self.carried == self.total + self.carry_over

    def shows_none(self) -> Optional[bool]:
        """True: no applications (一 = 二 = 0 and nothing handled); ``None``: cannot tell."""
        if self.new is None or self.carried is None:
            return None
        if self.new or self.carried:
            return False
        # 「总计」 or 「结转」 > 0 with nothing received: the table contradicts itself (A001).
        return not (self.total or self.carry_over)


def _cell_int(table, row: str, column: int = 6) -> Optional[int]:
    cell = table.cell(row, column) if table is not None else None
    if cell is None or cell.status != "number" or cell.value is None or cell.value != int(cell.value):
        return None
    return int(cell.value)


def figures(report: Report) -> Figures:
    table = report.tables.requests
    if table is None or not table.rows:
        return Figures(False)
    return Figures(True, *(_cell_int(table, k) for k in ("new", "carried", "total", "carry_over", "other_2")))


REQUESTS_WHERE = Location(part="s3", table="requests")


def table_label_line(text: str) -> bool:
    """A line that is table text leaking into the prose (row labels, the 勾稽 note)."""
    return bool(re.search(r"申请数量|勾稽|申请人情况|结转下年度继续办理|本年度办理结果", text))


def fmt(n: Optional[int]) -> str:
    return "空白" if n is None else str(n)
