"""The national format (国办公开办函〔2021〕30号) as data.

Everything that knows what a report should look like reads it from here: the
recognizer, the rules, the output.  Keys are the canonical keys of
``spec/format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from gxcheck.startup import compiled_on_use


@dataclass(frozen=True)
class PartSpec:
    key: str
    ordinal: str
    heading: str
    #: Matches the heading's words once the ordinal is stripped (drift allowed).
    pattern: re.Pattern[str]


PARTS: tuple[PartSpec, ...] = (
    PartSpec("s1", "一", "总体情况", re.compile(r"^(?:工作)?(?:总体|基本|总的|概述)(?:情况)?$|^概述$|^总体情况")),
    PartSpec("s2", "二", "主动公开政府信息情况", re.compile(r"^主动公开政府信息的?(?:情况)?$|^主动公开政府信息")),
    PartSpec(
        "s3",
        "三",
        "收到和处理政府信息公开申请情况",
        re.compile(r"^收到和处理政府信息公开申请|^收到.{0,4}处理.{0,6}申请|^(?:依申请公开|政府信息公开申请)(?:政府信息)?(?:办理)?情况$"),
    ),
    PartSpec(
        "s4",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        re.compile(r"^(?:政府信息公开|因政府信息公开(?:工作|申请)?)?(?:被申请)?行政复议.{0,4}(?:提起)?行政诉讼"),
    ),
    PartSpec(
        "s5",
        "五",
        "存在的主要问题及改进情况",
        re.compile(r"^(?:政府信息公开工作)?存在的?主要问题|^存在(?:的)?问题|^主要问题及"),
    ),
    PartSpec("s6", "六", "其他需要报告的事项", re.compile(r"^其他需要报告的?事项|^其它需要报告的?事项|^其他需报告")),
)

#: Characters an OCR program reads for one another, the form the format's own words use first:
#: 「尚末审结」 is 「尚未审结」 misread, 「己获取信息」 is 「已获取信息」, 「事顶」 is 「事项」; 沭/沐 is the
#: same slip in a place name (沭阳). Only matching folds them (:func:`fold_lookalikes`); the text is
#: kept and shown as written. A character is listed here only when it looks like its first one,
#: and never one the format's vocabulary itself uses (a test in the suite checks that).
LOOKALIKE_GLYPHS = ("未末", "已己巳", "项顶", "日曰", "沭沐")
_FOLD_GLYPHS = str.maketrans({c: group[0] for group in LOOKALIKE_GLYPHS for c in group[1:]})


@lru_cache(maxsize=1)
def _any_lookalike() -> re.Pattern[str]:
    """A pattern for any lookalike: most texts have none, and looking for one costs a fiftieth of
    translating a whole grid's text.  (Made by a function: it is no word of the format.)"""
    return re.compile("[" + "".join(map(chr, _FOLD_GLYPHS)) + "]")


def fold_lookalikes(text: str) -> str:
    """``text`` with every OCR lookalike (:data:`LOOKALIKE_GLYPHS`) read as the character it is taken
    for: the form to compare with the format's vocabulary, or two names with each other."""
    if text.isascii() or not _any_lookalike().search(text):
        return text
    return text.translate(_FOLD_GLYPHS)


PART_BY_KEY = {p.key: p for p in PARTS}
#: A part whose own heading a converter lost, known by its first sub-heading and the second that
#: follows it: part 五's 「（一）主要问题」 … 「（二）改进情况」.
LOST_HEADING_SUBHEADINGS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "s5": (re.compile(r"^[（(]一[)）](?:存在的?)?(?:主要)?问题"), re.compile(r"^[（(]二[)）].{0,4}(?:改进|整改)")),
}

#: The last report year written under the 2008 regulation (the revision took effect in May 2019).
LAST_2008_YEAR = 2018
#: Column titles of the 2008 format's statistics table (六、政府信息公开情况统计表).
STATISTICS_TABLE_2008 = ("指标名称", "计量单位")
PART_NAMES = {p.key: f"第{p.ordinal}部分" for p in PARTS}
_TRAILING_PUNCT = compiled_on_use(r"[:：。.．;；、]+$")


@lru_cache(maxsize=4096)
def part_of_heading(words: str) -> str | None:
    """The part whose heading these words are (ordinal stripped, text squashed), drift and OCR
    lookalikes allowed (kept: the recognizer and the rules ask it of the same headings)."""
    words = _TRAILING_PUNCT.sub("", fold_lookalikes(words))
    return next((spec.key for spec in PARTS if spec.pattern.search(words)), None)


#: How alike (difflib's ratio) a numbered heading's words must be to its part's heading as the
#: format writes it to be that part with a slip of the pen (「行政法复议」 for 「行政复议」).
MISSPELT_HEADING_LIKENESS = 0.85


# --------------------------------------------------------------------------- table 二


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    #: Distinctive words: a row label containing one of them is this row.
    keywords: tuple[str, ...]
    width: int = 7
    #: For group rows of table 三 (（三）…（六）): the keys of their sub-rows.
    group_of: tuple[str, ...] = field(default=())


PROACTIVE_ROWS: tuple[RowSpec, ...] = (
    RowSpec("rules", "规章", ("规章",), 3),
    RowSpec("normative", "行政规范性文件", ("规范性文件",), 3),
    RowSpec("license", "行政许可", ("行政许可",), 1),
    RowSpec("penalty", "行政处罚", ("行政处罚",), 1),
    RowSpec("coercion", "行政强制", ("行政强制",), 1),
    RowSpec("fees", "行政事业性收费", ("事业性收费",), 1),
)


@lru_cache(maxsize=4096)
def proactive_row_of(label: str) -> RowSpec | None:
    """The row of table 二 a (squashed) label names, by its distinctive words; ``None`` for none."""
    label = fold_lookalikes(label)
    return next((spec for spec in PROACTIVE_ROWS if any(k in label for k in spec.keywords)), None)


PROACTIVE_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
#: Keys of those three columns, for a finding's ``Location.column`` (a waiver's ``location``).
PROACTIVE_COLUMN_LABELS = dict(zip(("made", "repealed", "in_force"), PROACTIVE_COLUMNS))
#: Table 二 as printed: four blocks, each with its article, its column titles and its rows.
PROACTIVE_SECTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("第二十条第（一）项", PROACTIVE_COLUMNS, ("rules", "normative")),
    ("第二十条第（五）项", ("本年处理决定数量",), ("license",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("penalty", "coercion")),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("fees",)),
)
PROACTIVE_ROW_HEADER = "信息内容"
#: Column titles of table 二 in the 2019 trial format (国办公开办函〔2019〕60号), where every
#: row has three cells (行政许可: 上一年项目数量 / 本年增/减 / 处理决定数量).
PROACTIVE_COLUMNS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减")

# --------------------------------------------------------------------------- table 三

REQUEST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
REQUEST_COLUMN_KEYS = tuple(k for k, _ in REQUEST_COLUMNS)
#: Table 三's printed header above the columns: the row titles' corner and the group of five columns.
REQUEST_CORNER = "申请人情况"
REQUEST_LEGAL_PERSONS = "法人或其他组织"
#: The printed title above the outcome rows （一）…（七）.
REQUEST_RESULTS_LABEL = "三、本年度办理结果"
REQUEST_COLUMN_LABELS = dict(REQUEST_COLUMNS)

_DENY = tuple(f"deny_{i}" for i in range(1, 9))
_UNABLE = tuple(f"unable_{i}" for i in range(1, 4))
_NOPROC = tuple(f"noproc_{i}" for i in range(1, 6))
_OTHER = tuple(f"other_{i}" for i in range(1, 4))

#: Every row table 三 may have, in order.  Group rows (``deny`` …) are optional
#: subtotals; a 2019-style table has ``other`` alone instead of ``other_1``…``other_3``.
REQUEST_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量", ("本年新收", "新收")),
    RowSpec("carried", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("open", "（一）予以公开", ("予以公开",)),
    RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开", "区分处理")),
    RowSpec("deny", "（三）不予公开", ("不予公开",), group_of=_DENY),
    RowSpec("deny_1", "1.属于国家秘密", ("国家秘密",)),
    RowSpec("deny_2", "2.其他法律行政法规禁止公开", ("法规禁止", "禁止公开", "行政法规")),
    RowSpec("deny_3", "3.危及“三安全一稳定”", ("三安全", "一稳定", "危及")),
    RowSpec("deny_4", "4.保护第三方合法权益", ("第三方", "合法权益")),
    RowSpec("deny_5", "5.属于三类内部事务信息", ("内部事务",)),
    RowSpec("deny_6", "6.属于四类过程性信息", ("过程性",)),
    RowSpec("deny_7", "7.属于行政执法案卷", ("执法案卷",)),
    RowSpec("deny_8", "8.属于行政查询事项", ("查询事项",)),
    RowSpec("unable", "（四）无法提供", ("无法提供",), group_of=_UNABLE),
    RowSpec("unable_1", "1.本机关不掌握相关政府信息", ("不掌握",)),
    RowSpec("unable_2", "2.没有现成信息需要另行制作", ("另行制作", "现成信息")),
    RowSpec("unable_3", "3.补正后申请内容仍不明确", ("仍不明确", "不明确")),
    RowSpec("noproc", "（五）不予处理", ("不予处理",), group_of=_NOPROC),
    RowSpec("noproc_1", "1.信访举报投诉类申请", ("信访", "举报投诉")),
    RowSpec("noproc_2", "2.重复申请", ("重复申请",)),
    RowSpec("noproc_3", "3.要求提供公开出版物", ("出版物",)),
    RowSpec("noproc_4", "4.无正当理由大量反复申请", ("大量反复", "反复申请")),
    RowSpec("noproc_5", "5.要求行政机关确认或重新出具已获取信息", ("重新出具", "已获取信息")),
    RowSpec("other", "（六）其他处理", ("其他处理",), group_of=_OTHER),
    RowSpec(
        "other_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补", "不补正", "不补证"),
    ),
    RowSpec(
        "other_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("收费通知", "缴纳费用"),
    ),
    RowSpec("other_3", "3.其他", ("3.其他",)),
    RowSpec("total", "（七）总计", ("总计",)),
    RowSpec("carry_over", "四、结转下年度继续办理", ("结转下年度", "继续办理")),
)
REQUEST_ROW_BY_KEY = {r.key: r for r in REQUEST_ROWS}
GROUP_KEYS = tuple(r.key for r in REQUEST_ROWS if r.group_of)
#: The 25 rows of the current (2021) table, in order.
STANDARD_REQUEST_KEYS = tuple(r.key for r in REQUEST_ROWS if not r.group_of)
#: The 22 outcome rows whose sum is （七）总计.
OUTCOME_KEYS = tuple(k for k in STANDARD_REQUEST_KEYS if k not in ("new", "carried", "total", "carry_over"))

#: A row's own sums, as ``(first cell, width)`` groups whose last cell is the sum of the others:
#: in each row of table 三 the six applicant columns add up to 总计.
REQUEST_ROW_SUMS: tuple[tuple[int, int], ...] = ((0, 7),)

# --------------------------------------------------------------------------- table 四

REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼（未经复议直接起诉）"),
    ("suit_after", "行政诉讼（复议后起诉）"),
)
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_GROUP_LABELS = dict(REVIEW_GROUPS)
REVIEW_COLUMN_KEYS = tuple(k for k, _ in REVIEW_COLUMNS)
REVIEW_COLUMN_LABELS = dict(REVIEW_COLUMNS)
#: Cells of a row of table 三 (its seven columns), and of table 四 (three groups of five).
REQUEST_WIDTH = len(REQUEST_COLUMNS)
REVIEW_CELLS = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
#: Words of table 四's own labels that table 三 never has: where they begin, table 三 has ended.
REVIEW_ONLY_WORDS = ("行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结", "直接起诉", "复议后起诉")
#: Table 四 as one row of 15 cells: in each group 维持 + 纠正 + 其他 + 尚未审结 = 总计.
REVIEW_ROW_SUMS: tuple[tuple[int, int], ...] = ((0, 5), (5, 5), (10, 5))

#: How a grid is told to be one of the three tables, tried in order: (table, words any one of which
#: the grid holds, words one of which it must hold as well — empty when none is needed).
TABLE_SIGNS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("requests", ("本年新收", "予以公开", "不予公开", "办理结果", "无法提供"), ()),
    ("review", ("行政复议",), ("维持", "纠正", "审结")),
    ("proactive", ("第二十条", "规章", "行政许可", "行政处罚", "事业性收费"), ()),
    ("requests", ("不予处理", "其他处理", "结转下年度"), ()),
)


def table_of_words(text: str) -> str | None:
    """Which table a grid's (squashed) text is, by :data:`TABLE_SIGNS`; ``None`` for no table of the report."""
    text = fold_lookalikes(text)
    for name, words, also in TABLE_SIGNS:
        if any(w in text for w in words) and (not also or any(w in text for w in also)):
            return name
    return None


#: Words that show where the report stands on a web page: the start of a part heading each.
PAGE_MARKERS = ("总体情况", "主动公开政府", "收到和处理政府", "存在的主要问题", "其他需要报告")
#: Words only the report's own tables hold (a web page's other tables hold none of them).
REPORT_TABLE_WORDS = ("本年新收", "行政复议", "第二十条", "予以公开", "申请人情况")

#: Column titles an OCR program or a table extractor writes when it did not read the table's own:
#: 「数据1  数据2 …」, 「列1 列2 …」, 「第1列」. They say nothing about the columns, so a line of them
#: is layout, as if the header were lost: the rows are read by their labels and the format's widths.
GENERIC_COLUMN_TITLE = compiled_on_use(r"^(?:数据|列)\d{1,2}$|^第\d{1,2}列$")


def is_generic_header(words: list[str]) -> bool:
    """Are these (squashed) words a row of generic column titles, perhaps after one corner word
    (「项目  数据1  数据2」)?"""
    titles = words[1:] if words and not GENERIC_COLUMN_TITLE.match(words[0]) and len(words[0]) <= 6 else words
    return bool(titles) and all(GENERIC_COLUMN_TITLE.match(w) for w in titles)


TABLE_NAMES = {"proactive": "表二（主动公开）", "requests": "表三（申请情况）", "review": "表四（复议诉讼）"}
TABLE_PART = {"proactive": "s2", "requests": "s3", "review": "s4"}


def row_label(table: str, row: str) -> str:
    """The canonical Chinese label of a row, for messages."""
    if table == "requests":
        spec = REQUEST_ROW_BY_KEY.get(row)
        return spec.label.split("（区分", 1)[0] if spec else row
    if table == "proactive":
        return next((r.label for r in PROACTIVE_ROWS if r.key == row), row)
    return REVIEW_GROUP_LABELS.get(row, row)


def column_label(table: str, column: str) -> str:
    if table == "requests":
        return REQUEST_COLUMN_LABELS.get(column, column)
    if table == "review":
        return REVIEW_COLUMN_LABELS.get(column, column)
    if table == "proactive":
        return PROACTIVE_COLUMN_LABELS.get(column, column)
    return column
