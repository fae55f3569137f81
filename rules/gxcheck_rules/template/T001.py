from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import TABLE_NAMES, TABLE_PART
from gxcheck.ocr import PICTURE_HINT
from gxcheck_rules.template._examples import proactive, requests, review, tables

_PART_HEADING = {"proactive": "二、主动公开政府信息情况", "requests": "三、收到和处理政府信息公开申请情况",
                 "review": "四、政府信息公开行政复议、行政诉讼情况"}


class T001(Rule):
    """表二、表三、表四三张统计表都必须有，并且填有数字。

    2021 年全国统一格式用三张固定表格报告主动公开、依申请公开和复议诉讼情况，
    数字是报告的核心。表格缺失、以图片形式粘贴（无法核对），或者表格只有标签、
    单元格全部空白（例如直接提交了空白模板），都等于没有报告这些数字。
    没有发生的事项应填 0，不能空着。
    """

    code = "T001"
    slug = "template.table-missing"
    title = "统计表缺失或没有数字"
    severity = Severity.ERROR
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    failing = (
        Example(text=proactive() + review(), note="缺少表三"),
        Example(text=proactive() + requests(values={k: "\t" * 7 for k in (
            "new", "carried", "open", "partial", "deny_1", "deny_2", "deny_3", "deny_4", "deny_5", "deny_6",
            "deny_7", "deny_8", "unable_1", "unable_2", "unable_3", "noproc_1", "noproc_2", "noproc_3",
            "noproc_4", "noproc_5", "other_1", "other_2", "other_3", "total", "carry_over")}) + review(),
            note="表三只有标签，单元格全部空白"),
    )
    passing = (Example(text=tables()),)

    def check(self, report: Report) -> Iterator[Finding]:
        for name in ("proactive", "requests", "review"):
            table = report.tables.get(name)
            label = TABLE_NAMES[name]
            if table is None and TABLE_PART[name] in report.unread_pictures:
                yield self.finding(
                    f"没有读到{label}：第{_PART_HEADING[name][0]}部分中应为表格之处是一张图片，gxcheck 未能识别其中的数字。"
                    f"{PICTURE_HINT}，没有发生的事项填 0",
                    Location(part=TABLE_PART[name], table=name))
            elif table is None:
                yield self.finding(
                    f"没有找到{label}。第{_PART_HEADING[name][0]}部分「{_PART_HEADING[name]}」应按统一格式列出这张表；"
                    "如果表格是以图片形式粘贴的，请改为可编辑的表格，没有发生的事项填 0",
                    Location(part=TABLE_PART[name], table=name))
            elif not table.has_numbers:
                where = Location(part=TABLE_PART[name], table=name, page=table.origin.page, line=table.origin.line)
                if table.problems:
                    yield self.undecided(f"{label}中读不出可以确定位置的数字（{table.problems[0].message[:40]}），"
                                         "无法判断表格是否填写", where)
                else:
                    yield self.finding(f"{label}没有任何数字，单元格全部空白。请逐格填写本年度的数字，"
                                       "没有发生的事项填 0（空白不等于 0）", where)
