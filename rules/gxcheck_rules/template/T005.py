from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck.national import TABLE_NAMES, row_label
from gxcheck_rules.template._examples import proactive, requests

#: (found, canonical, which rows to look at, what it is): drift seen in real reports.
DRIFT = (
    ("补证", "补正", ("unable_3", "other_1"), "错别字"),
    ("不再受理", "不再处理", ("other_1", "other_2"), "旧表述"),
    ("其他法律和行政法规", "其他法律行政法规", ("deny_2",), "多了「和」字"),
    ("其它", "其他", None, "用字不统一"),
)
_TABLE_PART = {"proactive": "s2", "requests": "s3", "review": "s4"}


def _short(label: str) -> str:
    return label if len(label) <= 16 else label[:15] + "…"


class T005(Rule):
    """表格的行名、栏目名与统一格式的文字不一致（错别字「补证」、旧表述「不再受理」、「规范性文件」少了「行政」等）。

    这类出入不影响读数——gxcheck 按位置读取数字——但说明表格不是用最新的统一格式
    （国办公开办函〔2021〕30号）填写的，或是复制过程中改动了文字。建议照统一格式改正。
    半角括号「(一)」、「1. 」之类的排版差别不报告。同一种出入在一张表里只报告一次。
    """

    code = "T005"
    slug = "template.label-drift"
    title = "表格行名与统一格式文字不一致"
    severity = Severity.INFO
    basis = "国办公开办函〔2021〕30号（三张统计表的行名和栏目名）"
    failing = (
        Example(text=requests(labels={"other_1": "1.申请人无正当理由逾期不补证、行政机关不再处理其政府信息公开申请"}),
                note="错别字「补证」"),
        Example(text=proactive(normative="规范性文件"), note="「行政规范性文件」少了「行政」"),
        Example(text=requests(labels={"deny_2": "2.其他法律和行政法规禁止公开"}), note="多了「和」字"),
    )
    passing = (Example(text=requests() + proactive()),)

    def check(self, report: Report) -> Iterator[Finding]:
        yield from self._proactive(report.tables.proactive)
        for name in ("requests", "review"):
            table = report.tables.get(name)
            if table is not None:
                yield from self._drift(name, table)

    def _proactive(self, table):
        if table is None:
            return
        row = table.rows.get("normative")
        if row is not None and "规范性文件" in squash(row.label) and "行政规范性文件" not in squash(row.label):
            yield self.finding(
                f"表二（主动公开）第二十条第（一）项的行名写作「{row.label}」，统一格式为「行政规范性文件」。"
                "数字照常读取；建议按现行格式改正行名",
                Location(part="s2", table="proactive", row="normative", page=row.origin.page, line=row.origin.line))
        yield from self._drift("proactive", table)

    def _drift(self, name, table):
        for found, canonical, keys, what in DRIFT:
            rows = [r for k, r in table.rows.items() if (keys is None or k in keys) and found in squash(r.label)]
            in_header = found in squash(table.header_text)
            if not rows and not in_header:
                continue
            if rows:
                first = rows[0]
                where_text = "、".join(f"「{_short(row_label(name, r.key))}」" for r in rows)
                yield self.finding(
                    f"{TABLE_NAMES[name]}{where_text}一行的行名写作「{found}」，统一格式为「{canonical}」（{what}）。"
                    "数字照常读取；建议按现行格式改正行名",
                    Location(part=_TABLE_PART[name], table=name, row=first.key, page=first.origin.page,
                             line=first.origin.line, text=first.label[:60]))
            else:
                yield self.finding(
                    f"{TABLE_NAMES[name]}的表头写作「{found}」，统一格式为「{canonical}」（{what}）。"
                    "建议按现行格式改正", Location(part=_TABLE_PART[name], table=name))
