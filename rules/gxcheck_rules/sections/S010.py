import re

from gxcheck import Example, Location, Rule, Severity
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

#: 「国办公开办函〔2021〕30号」 and whatever stands where its year and number should.
_CITATION = compiled_on_use(r"国办公开办函(?P<rest>[^。；，,号]{0,12})号")
_WELL_FORMED = compiled_on_use(r"〔(20\d\d)〕([1-9]\d{0,3})")
_DIGITS = compiled_on_use(r"^\D{0,2}(20\d\d)\D{0,3}?(?:第)?([1-9]\d{0,3})\D{0,2}$")
#: The format now in force, and the year of the 2019 trial format it replaced.
CURRENT = (2021, 30)
TRIAL_YEAR = 2019
_ABOUT_FORMAT = compiled_on_use(r"格式|年度报告|年报")


class S010(Rule):
    """报告引用年度报告格式的文号写错了（「国办公开办函202130号」），或 2021 年以后的报告仍引用 2019 年的试行格式。

    现行的年度报告格式是《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作
    年度报告格式〉的通知》（国办公开办函〔2021〕30号），自 2021 年度报告起使用。文号的年份应使用六角括号
    「〔〕」（GB/T 9704），序号后加「号」，不加「第」。文号写乱，多是复制粘贴丢了括号；2021 年度及以后的报告
    引用 2019 年的通知，说明报告可能仍按旧格式编制。仅作提示，请核对并改正引用。
    """

    code = "S010"
    slug = "sections.format-citation"
    title = "年度报告格式的文号引用有误"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号；GB/T 9704《党政机关公文格式》发文字号"
    failing = (
        Example(text=report(preface="本报告根据国办公开办函202130号要求编制。\n"), note="文号丢了括号"),
        Example(text=report(preface="本报告按照《政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号）编制。\n"),
                note="2024 年度报告引用 2019 年的试行格式"),
    )
    passing = (
        Example(text=report(preface="本报告根据《中华人民共和国政府信息公开工作年度报告格式》"
                                    "（国办公开办函〔2021〕30号）要求编制。\n")),
        Example(text=report(preface="本报告根据国办公开办函〔2023〕12号的通知精神，做好政务公开工作。\n"),
                note="引用其他通知，写法正确"),
    )

    def check(self, report):
        said = set()
        for para in report.narrative:
            text = re.sub(r"\s+", "", para.text)
            for m in _CITATION.finditer(text):
                rest = m.group("rest")
                where = Location(part=_part(report, para), line=para.origin.line, page=para.origin.page,
                                 text=m.group(0))
                good = _WELL_FORMED.fullmatch(rest)
                if good:
                    year = int(good.group(1))
                    if (year == TRIAL_YEAR and report.year and report.year >= CURRENT[0]
                            and _ABOUT_FORMAT.search(text) and m.group(0) not in said):
                        said.add(m.group(0))
                        yield self.finding(
                            f"这是 {report.year} 年度的报告，却引用了 2019 年的文件「{m.group(0)}」。"
                            f"2021 年度起应按国办公开办函〔{CURRENT[0]}〕{CURRENT[1]}号印发的格式编制，"
                            "请核对报告格式和引用", where)
                    continue
                digits = _DIGITS.match(rest)
                if digits is None or m.group(0) in said:
                    continue
                said.add(m.group(0))
                year, number = digits.groups()
                if year == "2021" and number.startswith("30") and number != "30":
                    number = "30"  # 「202130号」 read as 2021 / 30 and anything after
                yield self.finding(
                    f"文号「{m.group(0)}」写法不规范，应写作「国办公开办函〔{year}〕{number}号」"
                    "（年份用六角括号〔〕，序号后直接加「号」）。请改正引用", where)


def _part(report, para):
    for part in report.parts:
        if para in part.paragraphs:
            return part.key
    return "preface"
