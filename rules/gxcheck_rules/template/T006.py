import re
from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash

#: Wording of article 32 of the 2008 regulation (国务院令第492号), which the 2019 revision replaced.
OLD_WORDING = (
    (re.compile(r"收费(?:及|和|与)减免"), "收费及减免",
     "2019 年修订后的条例已取消收费减免的表述；信息处理费按《政府信息公开信息处理费管理办法》在第六部分说明"),
    (re.compile(r"依申请公开政府信息和不予公开政府信息"), "依申请公开政府信息和不予公开政府信息的情况",
     "现行条例第五十条的表述是「收到和处理政府信息公开申请情况」"),
    (re.compile(r"因政府信息公开申请(?:提起)?行政复议、?(?:提起)?行政诉讼"), "因政府信息公开申请行政复议、提起行政诉讼",
     "现行条例第五十条的表述是「因政府信息公开工作被申请行政复议、提起行政诉讼的情况」"),
)


class T006(Rule):
    """正文沿用了 2008 年旧条例的表述（「收费及减免」「依申请公开政府信息和不予公开政府信息的情况」……）。

    《政府信息公开条例》2019 年修订（国务院令第711号）后，年度报告的内容改由第五十条规定，
    旧条例第三十二条的「政府信息公开的收费及减免情况」等提法已不再适用。正文照抄这些话，
    通常说明报告是用多年前的旧稿改写的，内容可能没有按现行要求更新。这只是提示，请按现行条例的表述改写。
    """

    code = "T006"
    slug = "template.old-regulation-wording"
    title = "正文沿用 2008 年旧条例表述"
    severity = Severity.INFO
    basis = "《政府信息公开条例》（2019 年修订）第五十条；原条例（2008 年）第三十二条"
    failing = (
        Example(text="一、总体情况\n镇政府没有依申请公开政府信息和不予公开政府信息情况，没有发生政府信息公开的收费及减免。\n",
                note="2008 年条例的两种表述"),
    )
    passing = (
        Example(text="一、总体情况\n本年度未收到政府信息公开申请。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        seen = set()
        for part_key, paragraphs in [(None, report.preface)] + [(p.key, p.paragraphs) for p in report.parts]:
            for para in paragraphs:
                flat = squash(para.text)
                for pattern, phrase, advice in OLD_WORDING:
                    if phrase in seen:
                        continue
                    m = pattern.search(flat)
                    if m:
                        seen.add(phrase)
                        yield self.finding(
                            f"正文写有「{m.group(0)}」，这是 2008 年旧条例的表述。{advice}，建议按现行条例改写",
                            Location(part=part_key or "preface", page=para.origin.page, line=para.origin.line,
                                     text=para.text.strip()[:60]))
