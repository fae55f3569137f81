"""Reading the narrative: sentences, and what they say about applications."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from gxcheck import Origin, Report
from gxcheck.recognize.text import squash


@dataclass(frozen=True)
class Sentence:
    text: str
    part: Optional[str]
    origin: Origin


_SPLIT = re.compile(r"(?<=[。；;！？!?])")


def sentences(report: Report) -> Iterator[Sentence]:
    """Every sentence of the prose outside the tables, with the part it stands in."""
    for para in report.preface:
        for s in _SPLIT.split(para.text):
            if s.strip():
                yield Sentence(squash(s), None, para.origin)
    for part in report.parts:
        for para in part.paragraphs:
            for s in _SPLIT.split(para.text):
                if s.strip():
                    yield Sentence(squash(s), part.key, para.origin)


# 「未收到政府信息公开申请」「没有接到群众……申请」「全年无依申请公开事项」「依申请公开0件」
_NONE_RECEIVED = re.compile(
    r"(?:未|没有|没|无|暂无|暂未|尚未|并未|均未)(?:收到|接到|受理|接收|发生|有)"
    r"[^。；，,]{0,24}?(?:政府信息公开|依申请公开|信息公开|公开)[^。；，,]{0,6}?申请"
    r"|(?:全年|本年度?|年内|今年|\d{4}年度?)[^。；，,]{0,6}?(?:无|没有)(?:依申请公开|政府信息公开申请)"
    r"|(?:收到|受理|接到)[^。；，,]{0,12}?申请[^。；，,]{0,4}?(?:为|共)?(?:0|零)(?:件|条|个)"
    r"|依申请公开[^。；，,]{0,8}?(?:为|共)?(?:0|零)(?:件|条|个)"
)
# Statements about reviews and lawsuits arising from applications are not about applications.
_ABOUT_CASES = re.compile(r"复议|诉讼|举报|投诉|起诉")


def says_no_requests(sentence: str) -> Optional[str]:
    """The clause that says no applications were received, or ``None``."""
    for m in _NONE_RECEIVED.finditer(sentence):
        clause_end = re.search(r"[。；，,]", sentence[m.end():])
        clause = sentence[m.start(): m.end() + (clause_end.start() if clause_end else len(sentence))]
        if _ABOUT_CASES.search(clause):
            continue
        return m.group(0)
    return None
