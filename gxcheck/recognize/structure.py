"""Headings, title, statistics period, sign-off and agency level."""

from __future__ import annotations

import datetime as dt
import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from gxcheck.ftypes import Level
from gxcheck.national import MISSPELT_HEADING_LIKENESS, PARTS, fold_lookalikes, part_of_heading
from gxcheck.recognize.text import CHINESE_DIGITS, chinese_ordinal_value, clean, squash, strip_ordinal
from gxcheck.startup import compiled_on_use

_TRAILING_PUNCT = compiled_on_use(r"[:：。.．;；、]+$")


@lru_cache(maxsize=8192)
def match_heading(line: str) -> Optional[tuple[str, Optional[str]]]:
    """(part key, ordinal as written) when ``line`` is one of the six part headings (kept: the
    phases *headings* and *tables* ask it of the same lines)."""
    if line.startswith("\t") or "\t" in line.strip():
        return None  # a table cell in a text dump
    text = clean(line).strip()
    flat = squash(text)
    if not flat or len(flat) > 40 or flat.endswith(("。", "；", ";")):
        return None
    if re.match(r"^\s*[（(]", text):
        return None  # 「（一）主动公开」 is a sub-heading of part 一, never a part
    ordinal, rest = strip_ordinal(text)
    rest = _TRAILING_PUNCT.sub("", fold_lookalikes(squash(rest)))
    if ordinal is None and re.search(r"\d", rest):
        return None
    key = part_of_heading(rest) or misspelt_part(ordinal, rest)
    return (key, ordinal) if key else None


def misspelt_part(ordinal: Optional[str], words: str) -> Optional[str]:
    """The part a numbered heading names when its words are the format's heading with a slip of the
    pen (「四、政府信息公开行政法复议、行政诉讼情况」). Only the part its ordinal names is considered,
    and only a heading of nearly the same length: a row label such as 「四、结转下年度继续办理」 is not."""
    value = chinese_ordinal_value(ordinal) if ordinal else None
    if value is None or not 1 <= value <= len(PARTS):
        return None
    spec = PARTS[value - 1]
    canonical = squash(spec.heading)
    if abs(len(words) - len(canonical)) > 2:
        return None
    one_slip = len(words) == len(canonical) and sum(a != b for a, b in zip(words, canonical)) == 1
    alike = one_slip or SequenceMatcher(None, words, canonical).ratio() >= MISSPELT_HEADING_LIKENESS
    return spec.key if alike else None


# --------------------------------------------------------------------------- title

_YEAR = compiled_on_use(r"((?:19|20)\d\d)\s*年")
_CHINESE_YEAR = compiled_on_use(r"([〇零○一二][〇零○一二三四五六七八九]{3})(?=\s*年)")


def arabic_years(text: str) -> str:
    """「二〇二四年度」→「2024年度」, so titles written in Chinese numerals are found too."""
    if "年" not in text:
        return text
    return _CHINESE_YEAR.sub(lambda m: "".join(str(CHINESE_DIGITS[ch]) for ch in m.group(1)), text)
_TITLE_FULL = compiled_on_use(r"(?:19|20)\d\d\s*年.{0,12}(?:政府信息公开|政务公开|信息公开).{0,12}报告")


def find_title(lines: list[str]) -> Optional[tuple[str, int]]:
    """The report title among the first lines, and the index of its last line.

    Titles are often split over two lines (「…政府信息公开工作」 / 「年度报告」).
    """
    nonempty = [(i, arabic_years(clean(t).strip())) for i, t in enumerate(lines) if clean(t).strip()]
    for pos, (i, text) in enumerate(nonempty[:12]):
        text = re.sub(r"^(?:标题|题目)\s*[:：]\s*", "", text)
        flat = squash(text)
        if len(flat) > 60:
            continue
        if _TITLE_FULL.search(flat):
            if pos > 0 and _YEAR.match(flat) and looks_like_agency(nonempty[pos - 1][1]):
                return nonempty[pos - 1][1] + text, i  # 「淮安市人民政府」 / 「2024 年政府信息公开工作年度报告」
            return text, i
        if flat.endswith("报告") and pos > 0:
            prev_i, prev = nonempty[pos - 1]
            joined = prev + text
            if _TITLE_FULL.search(squash(joined)) and len(squash(prev)) <= 40:
                return joined, i
    return None


def title_year(title: Optional[str]) -> Optional[int]:
    if not title:
        return None
    m = _YEAR.search(squash(title))
    return int(m.group(1)) if m else None


# 「2023-2024年」「2023年、2024年」「2023至2024年度」: years a title names, before its report words.
_JOIN = r"[-－—–~～至到、和及与]"
_TITLE_YEARS = compiled_on_use(rf"((?:19|20)\d\d)(?=\s*(?:年|{_JOIN}+\s*(?:19|20)\d\d))")
_YEARS_AT_END = compiled_on_use(rf"(?:(?:19|20)\d\d\s*(?:年度?)?\s*{_JOIN}+\s*)+$")
_REPORT_WORDS = compiled_on_use(r"政府信息公开|政务公开|信息公开")


def title_years(title: Optional[str]) -> list[int]:
    """Every year the title names as the report's (「2023年、2024年…年度报告」 names two), in order."""
    if not title:
        return []
    flat = squash(arabic_years(title))
    cut = _REPORT_WORDS.search(flat)
    return sorted({int(y) for y in _TITLE_YEARS.findall(flat[: cut.start()] if cut else flat)})


# A title that begins with the year names the agency after it:
# 「2024年上海市科学技术委员会政府信息公开工作年度报告」, 「2024 年度…」.
_AGENCY_AFTER_YEAR = compiled_on_use(r"^(?:19|20)\d\d年度?(.+?)(?:政府信息公开|政务公开|信息公开)")


def title_agency(title: Optional[str]) -> Optional[str]:
    """The agency a title names: the words before its year, or, when the title
    begins with the year, the words between the year and 「政府信息公开」."""
    if not title:
        return None
    flat = squash(title)
    m = _YEAR.search(flat)
    if not m:
        return None
    agency = _YEARS_AT_END.sub("", flat[: m.start()]).strip()  # 「…局2023-」 of 「…局2023-2024年」
    if not agency and m.start() == 0:
        after = _AGENCY_AFTER_YEAR.match(flat)
        bare = flat[m.end():].lstrip("度").startswith(("政府信息公开", "政务公开", "信息公开"))
        agency = after.group(1) if after and not bare and looks_like_agency(after.group(1)) else ""
    return agency or None


_PERIOD = compiled_on_use(r"统计(?:期限|期间|时限|时段|周期)[^。]{0,12}?((?:19|20)\d\d)\s*年")


def find_period(text: str) -> Optional[tuple[str, int]]:
    flat = squash(text)
    m = _PERIOD.search(flat)
    if not m:
        return None
    end = flat.find("。", m.end())
    return flat[m.start(): end if end > 0 else m.end() + 20], int(m.group(1))


# --------------------------------------------------------------------------- sign-off

_CN = "〇零○一二三四五六七八九十ＯO"
_DATE_ARABIC = compiled_on_use(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")
_DATE_CHINESE = compiled_on_use(rf"^([{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日$")
_DATE_ISO = compiled_on_use(r"^((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})$")
_AGENCY = compiled_on_use(
    r"(?:人民政府|政府|办事处|街道|委员会|管委会|办公室|办公厅|局|委|办|中心|院|所|站|队|处|署|厅|部|镇|乡)$"
)


def parse_date(line: str) -> Optional[dt.date]:
    """A line that is only a date, in any of the styles seen in sign-offs (「曰」 read for 「日」 too)."""
    flat = fold_lookalikes(squash(line))
    if not flat or len(flat) > 16:
        return None
    for pattern, chinese in ((_DATE_ARABIC, False), (_DATE_ISO, False), (_DATE_CHINESE, True)):
        m = pattern.match(flat)
        if not m:
            continue
        try:
            if chinese:
                year = int("".join(str(CHINESE_DIGITS.get(ch, 0)) for ch in m.group(1)))
                month = chinese_ordinal_value(m.group(2))
                day = chinese_ordinal_value(m.group(3))
                if month is None or day is None:
                    return None
                return dt.date(year, month, day)
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


_NOT_A_NAME = compiled_on_use(r"[。，,；;：:！？\d]")


def looks_like_agency(line: str) -> bool:
    flat = squash(line)
    if not 2 <= len(flat) <= 40 or _NOT_A_NAME.search(flat):
        return False
    return bool(_AGENCY.search(flat))


#: How an agency's name ends decides its level; the first match wins, so order matters
#: (「…实验区管理委员会」 is a city-level body, not a department).
_ENDINGS: tuple[tuple[str, Level], ...] = (
        (r"(?:街道办事处|街道|办事处)$|[乡镇](?:人民政府|政府)?$", "township"),
        (r"(?:实验区|开发区|新区|高新区)(?:管委会|管理委员会|人民政府)?$", "city"),
        (r"(?:省|自治区)(?:人民政府|政府)?$", "province"),
        (r"(?:局|委员会|委|办公室|办|中心|署|院|所|队|站|厅)$", "department"),
        (r"(?:县|区|旗)(?:人民政府|政府)?$", "county"),
        (r"(?:市|州|盟)(?:人民政府|政府)?$", "city"),
)
_LEVEL_BY_ENDING: tuple[tuple[re.Pattern[str], Level], ...] = tuple(
    (re.compile(pattern), level) for pattern, level in _ENDINGS)


def agency_level(name: Optional[str]) -> Level:
    if not name:
        return "unknown"
    flat = squash(name)
    return next((level for pattern, level in _LEVEL_BY_ENDING if pattern.search(flat)), "unknown")
