import re
from typing import Iterator

from gxcheck import Example, Finding, Location, Part, Report, Rule, Severity
from gxcheck.national import PART_BY_KEY, PARTS, part_of_heading
from gxcheck.recognize.text import squash, strip_ordinal
from gxcheck_rules.sections._examples import report

_ORDER = {p.key: n for n, p in enumerate(PARTS, start=1)}
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ordinal_value(ordinal: str) -> int | None:
    """「二」→2, 「2」/「２」→2; ``None`` for anything else."""
    text = ordinal.strip().translate(_FULL_WIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"[一二三四五六七八九]", text):
        return _CN[text]
    if re.fullmatch(r"十[一二三四五六七八九]?", text):
        return 10 + _CN.get(text[1:], 0)
    return None


def _where(part: Part) -> Location:
    """Where a finding about ``part``'s heading points (made only for a finding: most headings are right)."""
    return Location(part=part.key, line=part.origin.line, page=part.origin.page, text=part.heading[:40])


def _canonical(key: str) -> str:
    spec = PART_BY_KEY[key]
    return f"{spec.ordinal}、{spec.heading}"


class S002(Rule):
    """每个部分的标题应带正确的序号（一、…六、），文字没有错字，并按一至六的顺序排列。

    2021 年全国统一格式规定年度报告由六个部分组成，标题依次为「一、总体情况」至
    「六、其他需要报告的事项」。标题没有序号、序号错了（例如第六部分写成「五、」）、
    标题文字有错字（「行政法复议」）或者部分顺序颠倒，读者很难对照格式查阅，也常常说明
    报告是从别的文件拼接来的。序号写成阿拉伯数字（「2.」）视为正确；常见的措辞差别
    （「存在的主要问题和改进措施」）不算错字。每个有问题的标题只报告一次。
    """

    code = "S002"
    slug = "sections.heading-form"
    title = "部分标题序号缺失、错误或顺序颠倒"
    severity = Severity.WARNING
    basis = "国办公开办函〔2021〕30号（年度报告格式）"
    failing = (
        Example(text=report(headings={"s2": "主动公开政府信息情况"}), note="第二部分标题没有序号「二、」"),
        Example(text=report(headings={"s6": "五、其他需要报告的事项"}), note="第六部分写成了「五、」"),
        Example(text=report(order=("s1", "s3", "s2", "s4", "s5", "s6")), note="第三部分排在第二部分前面"),
        Example(text=report(headings={"s4": "四、政府信息公开行政法复议、行政诉讼情况"}),
                note="第四部分标题有错字「行政法复议」：仍是第四部分（不报 S001）"),
    )
    passing = (
        Example(text=report()),
        Example(text=report(headings={"s2": "2.主动公开政府信息情况"}), note="阿拉伯数字序号也可以"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        highest = 0
        previous = None
        for part in report.parts:
            expected = _ORDER[part.key]
            spec = PART_BY_KEY[part.key]
            written = ordinal_value(part.ordinal) if part.ordinal else None
            if part.ordinal is None:
                yield self.finding(
                    f"第{spec.ordinal}部分的标题「{part.heading}」没有序号。"
                    f"请改为「{_canonical(part.key)}」", _where(part))
            elif written != expected:
                yield self.finding(
                    f"第{spec.ordinal}部分的标题「{part.heading}」序号是「{part.ordinal}」，应为「{spec.ordinal}」。"
                    f"请改为「{_canonical(part.key)}」，并核对前后各部分的序号", _where(part))
            elif part_of_heading(squash(strip_ordinal(part.heading)[1])) is None:
                yield self.finding(
                    f"第{spec.ordinal}部分的标题「{part.heading}」文字有误。请改为「{_canonical(part.key)}」", _where(part))
            elif expected < highest and previous is not None:
                yield self.finding(
                    f"第{spec.ordinal}部分「{part.heading}」排在了「{previous.heading}」之后，顺序颠倒。"
                    "六个部分应按一至六的顺序排列，请调整", _where(part))
            if expected > highest:
                highest, previous = expected, part
