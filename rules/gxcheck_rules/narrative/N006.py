import re
from typing import Iterator, Optional

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.startup import compiled_on_use
from gxcheck_rules.narrative._reading import SUBHEADING, report_years, sentences, shorten, where

TITLE = "某镇2024年政府信息公开工作年度报告\n一、总体情况\n{}\n"

_ORDINAL = r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])?"
#: 「2023年，我镇…」「2023年度，本乡…」「2023年以来，…」「2023年我乡共收到…」 at the start of a sentence.
_LEADING = compiled_on_use(
    rf"^{_ORDINAL}(?:[^。，,]{{0,12}}?[:：])?(?P<y>(?:19|20)\d{{2}})年(?:度)?(?:以来|全年|上半年|下半年)?"
    r"(?=[，,、]|我|本|全|共|各|在|通过|围绕|按照|根据|坚持|紧紧|认真|以来)")
#: 「本年度（2023年）」
_THIS_YEAR = re.compile(r"本年度?[(（](?P<y>(?:19|20)\d{2})年度?[)）]")
#: 「现将2023年度政府信息公开工作报告如下」
_PRESENTING = re.compile(r"现将(?P<y>(?:19|20)\d{2})年度?[^。]{0,24}?(?:报告|汇报|总结|公布|发布|说明)如下")
#: 「2023年1月1日至12月31日」 as the period of the work described.
_PERIOD = re.compile(r"(?P<y>(?:19|20)\d{2})年1月1?日?(?:起)?(?:至|到|—|-|－|~)(?:(?:19|20)\d{2}年)?12月")
#: History and documents: 「2019年，国务院修订《条例》」.
_HISTORY = compiled_on_use(r"修订|颁布|印发|施行|出台|制定|通过|公布|发布的|实施的|被评为|获评|荣获|获得|入选|列为")
_FUTURE = compiled_on_use(r"将|计划|拟|力争|预计|继续|下一步|今后|争取|目标")
_STATISTICS = compiled_on_use(r"统计期限|统计时限|统计期间|统计时间|数据统计")


def stale_year(text: str, part: Optional[str], year: int, years: set[int], opening: bool = True) -> Optional[int]:
    """The year the sentence presents as the year being reported, when it is not the report's.

    ``opening``: the sentence opens its paragraph (after a heading at most); only such a sentence's
    leading year frames what follows.
    """
    if "年" not in text:
        return None  # every pattern below names a year with 「年」: most sentences have none
    if _STATISTICS.search(text):
        return None  # the statistics period is S006's
    for pattern in (_THIS_YEAR, _PRESENTING, _PERIOD, _LEADING):
        m = pattern.search(text)
        if not m:
            continue
        found = int(m.group("y"))
        if found in years:
            return None
        if pattern is _LEADING:
            if not opening:
                return None
            if _HISTORY.search(text, m.end(), m.end() + 16) or any(str(y) in text for y in years):
                return None  # history (「2019年修订的条例」), or the report year is named as well
            if found == year + 1 and (part in ("s5", "s6") or _FUTURE.search(text)):
                return None  # plans: 「2025年，我镇将…」
        if year - 3 <= found < year or found == year + 1:
            return found
        return None
    return None


class N006(Rule):
    """正文把另一个年份当作报告年度来写（如 2024 年度报告里写「2023年，我镇……」），多半是照抄上一年的报告。

    报告年度取标题的年份（没有时取统计期限的年份）。只看把年份当作「本年」来写的地方：
    段首句（或紧跟小标题的一句）开头的「2023年，」「2023年度，」「2023年以来，」「2023年我乡共收到……」，
    以及「本年度（2023年）」「现将2023年度……报告如下」「2023年1月至12月」。下一年出现在落款日期、工作计划
    （「2025年，我镇将……」、第五部分）里是正常的；引用文件和历史（「2019年修订的条例」
    「〔2023〕号」「2023年被评为……」）也不算。统计期限的年份由 S006 检查。
    """

    code = "N006"
    slug = "narrative.stale-year"
    title = "正文年份不是报告年度"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第四十九条、第五十条（报告上一年度的工作）"
    failing = (
        Example(text=TITLE.format("2023年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，政务公开工作稳步推进。"),
                note="2024 年度报告的第一部分写「2023年，」"),
        Example(text=TITLE.format("本年度（2023年），我镇共主动公开政府信息62条。")),
    )
    passing = (
        Example(text=TITLE.format("2024年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》。"
                                  "2019年修订的条例实施以来，我镇持续完善制度。")),
        Example(text=TITLE.format("2024年，我镇稳步推进政务公开。")
                + "五、存在的主要问题及改进情况\n2025年，我镇将进一步加强业务培训。\n",
                note="下一年的工作计划"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        years = report_years(report)
        if not years:
            if any(_LEADING.search(s.text) for s in sentences(report)):
                yield self.undecided("没有读到报告年度（标题和统计期限都没有年份），无法核对正文年份",
                                     Location(part="s1"))
            return
        year = report.year or report.period_year
        which = "标题" if report.year else "统计期限"
        para, opening = None, True
        for s in sentences(report):
            if s.para != para:
                para, opening, first = s.para, True, True
            found = stale_year(s.text, s.part, year, years, opening)
            # Only the paragraph's first sentence, or the one right after a heading 「（二）依申请公开。」, opens it.
            opening = first and len(s.text) <= 20 and bool(SUBHEADING.match(s.text))
            first = False
            if found is None:
                continue
            yield self.finding(
                f"正文「{shorten(s.text)}」把 {found} 年当作报告年度，但这是 {year} 年度的报告（{which}）。"
                f"这很可能是照抄了{'上一年' if found < year else '其他年份'}的报告，请把年份改为 {year} 年并核对这段内容",
                where(s))
