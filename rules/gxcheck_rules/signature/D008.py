import datetime as dt
import re

from gxcheck import EVERY_FORMAT, Example, Location, Rule, Severity, squash
from gxcheck_rules.signature._deadline import deadline
from gxcheck_rules.signature._examples import report
from gxcheck.startup import compiled_on_use

#: A publication date labelled as such in the page text.  「采集时间」 (crawl time), 「生成日期」 and
#: file metadata (a PDF's CreationDate, docx core properties) are never publication dates.
_LABELLED = compiled_on_use(r"(?:发布时间|发布日期|公开日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_META = compiled_on_use(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def published(report) -> tuple[dt.date, str] | None:
    """The labelled publication date and where it was read, or ``None``."""
    if report.published:
        m = _META.match(report.published.strip())
        found = _date(m) if m else None
        if found:
            return found, f"网页元数据 PubDate「{report.published.strip()}」"
    for para in report.preface:
        m = _LABELLED.search(squash(para.text))
        found = _date(m) if m else None
        if found:
            return found, f"页面上的「{m.group(0).replace(':', '：')}」"
    return None


class D008(Rule):
    """文件标明的发布日期晚于发布截止日期。

    《政府信息公开条例》第四十九条：县级以上人民政府部门在每年 1 月 31 日前公布本部门上一年度的年度报告，
    县级以上地方人民政府在每年 3 月 31 日前公布本级政府的年度报告。只读文件里明确标为发布日期的内容：
    网页上的「发布时间」「发布日期」「公开日期」一行，或网页元数据 PubDate。PDF 的创建日期、Word 文档属性
    只是文件生成的时间，网页的「采集时间」是抓取的时间，都不是发布日期，不拿来判断。
    部门和乡镇的截止日期默认 1 月 31 日，可用 ``--deadline`` 或 gxcheck.toml 修改。
    """

    code = "D008"
    slug = "signature.published-late"
    title = "发布日期晚于截止日期"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第四十九条"
    formats = EVERY_FORMAT
    failing = (Example(text=report().replace("年度报告\n", "年度报告\n发布时间：2025-03-05\n", 1),
                       note="乡镇报告 3 月 5 日才发布"),)
    passing = (Example(text=report().replace("年度报告\n", "年度报告\n发布时间：2025-01-31\n", 1)),
               Example(text=report(title_agency="某某县人民政府", signoff="某某县人民政府")
                       .replace("年度报告\n", "年度报告\n发布日期：2025年3月10日\n", 1),
                       note="县政府本级报告可到 3 月 31 日"),
               Example(text=report().replace("年度报告\n", "年度报告\n采集时间：2025-12-30T21:37:37+08:00\n", 1),
                       note="采集时间不是发布日期"))

    def check(self, report):
        found, year = published(report), report.year or report.period_year
        if found is None or year is None:
            return
        date, source = found
        last_day = deadline(report, year, self.config)
        if date > last_day:
            yield self.finding(
                f"{source}表明报告于 {date.year}年{date.month}月{date.day}日 发布，晚于发布截止日期 "
                f"{last_day.year}年{last_day.month}月{last_day.day}日（条例第四十九条）。"
                "请按期发布年度报告；发布日期标错的，请改正",
                Location(part="preface"))
