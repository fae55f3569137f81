"""Text normalisation shared by the recognizer and the rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Word and WPS leave bookmarks and field codes in text dumps: 「[bookmark: _GoBack]」.
_ARTEFACT = re.compile(r"\[(?:bookmark|BOOKMARK|Bookmark)[^\]]*\]|\[(?:image|IMAGE)[^\]]*\]")
_SPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
# Page furniture of PDF dumps: 「- 3 -」, 「— 3 —」, 「第 3 页」, 「3/6」.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")

ORDINAL = re.compile(
    r"^\s*(?:第?([一二三四五六七八九十]{1,3})\s*(?:部分)?\s*[、.．,，:：\s]\s*"
    r"|([0-9０-９]{1,2})\s*[、.．,，]\s*"
    r"|[（(]\s*([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*[)）]\s*)"
)

# A small table of traditional characters seen on government sites; enough for
# the words gxcheck looks for (the narrative itself is shown as written).
_TRADITIONAL = str.maketrans(
    "請辦結處無開資訊關與為數區財報據縣鄉鎮複議訟審維糾糾條規範費務機構會紀體總計統況訴際號個點觀進營單幫產應對須屬實當員質們這從將來後過還時間問題門東車長隊專醫學術義書達遠選運電價區際團園齊鑒證讓議讀變圖",
    "请办结处无开资讯关与为数区财报据县乡镇复议讼审维纠纠条规范费务机构会纪体总计统况诉际号个点观进营单帮产应对须属实当员质们这从将来后过还时间问题门东车长队专医学术义书达远选运电价区际团园齐鉴证让议读变图",
)


def clean(text: str) -> str:
    """Drop extraction artefacts; keep the text otherwise as written."""
    if "[" in text:
        text = _ARTEFACT.sub("", text)
    return text


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """The form used for matching: NFKC (full-width → ASCII), simplified, no white space."""
    text = clean(text)
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return _SPACE.sub("", text)


def is_page_furniture(line: str) -> bool:
    return len(line) < 40 and bool(_PAGE_NUMBER.match(line))


def strip_ordinal(text: str) -> tuple[str | None, str]:
    """Split 「二、主动公开…」 into (「二」, 「主动公开…」); (None, text) when there is none."""
    m = ORDINAL.match(text)
    if not m:
        return None, text.strip()
    ordinal = next(g for g in m.groups() if g)
    return ordinal, text[m.end():].strip()


CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3,
                  "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_ordinal_value(ordinal: str) -> int | None:
    """「二」→2, 「十二」→12, 「二十五」→25, 「2」→2 (numbers below 100, as in dates and ordinals)."""
    ordinal = unicodedata.normalize("NFKC", ordinal)
    if ordinal.isdigit():
        return int(ordinal)
    if "十" in ordinal:
        tens, _, ones = ordinal.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        t = CHINESE_DIGITS.get(tens, None) if tens else 1
        o = CHINESE_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(ordinal) == 1:
        return CHINESE_DIGITS.get(ordinal)
    return None
