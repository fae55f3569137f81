"""Totals, parts and rates as the narrative states them, for N010 and N011.

Only what the text itself states is recomputed: a total is a count introduced by 共 / 共计 / 合计 /
总计 / 累计 in the same sentence; approximate figures (「约」「余」「近」「以上」) are never read.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from gxcheck_rules.narrative._reading import counts
from gxcheck.startup import compiled_on_use

#: 「共81件」「共计收到申请81件」「合计12条」: a stated total.
_TOTAL = compiled_on_use(r"(?:共计|共有|合计|总计|累计|总数为?|共)[^\d，,；;。、]{0,12}?$")
APPROX = compiled_on_use(r"约|近|余|逾|多|左右|以上|以下|上下|超过|不到|不足|大约|将近|至少")
GROWTH = compiled_on_use(r"增长|增加|提高|提升|上升|下降|减少|降低|同比|环比|较|比上|翻")


def total_in(sentence: str, before: Optional[int] = None) -> Optional[tuple[re.Match, int]]:
    """The first stated total of ``sentence`` (before position ``before``), if any."""
    text = sentence[:before] if before is not None else sentence
    if "共" not in text and "计" not in text and "总" not in text:
        return None  # every word of _TOTAL has one of them: most sentences state no total
    for m, value in counts(text):
        if _TOTAL.search(sentence[: m.start()][-14:]):
            return m, value
    return None


def parts_between(sentence: str, start: int, end: int, unit: str) -> Iterator[tuple[re.Match, int]]:
    """Counts with ``unit`` between ``start`` and ``end`` of ``sentence``."""
    for m, value in counts(sentence[start:end]):
        if m.group("unit") == unit:
            yield m, value
