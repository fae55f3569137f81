from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck_rules.template._examples import proactive

#: Words found only in table 二 of the 2019 trial format (国办公开办函〔2019〕60号).
MARKERS_2019 = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
    "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购", "采购项目数量", "采购总金额",
)
_MARKERS = tuple(squash(m) for m in MARKERS_2019)


def stale_markers(report) -> list[str]:
    """The 2019 words found in table 二 (its labels and headers), never in prose: a narrative may
    well say 「政府集中采购项目类信息7条」."""
    table = report.tables.proactive
    texts: list[str] = []
    if table is not None:
        texts.append(table.header_text)
        texts.extend(table.unmatched_labels)
        texts.extend(row.label for row in table.rows.values())
        # Rows not read at full width are not rows, but their labels are still the table's words.
        texts.extend(p.label for p in table.problems)
    flat = squash("".join(texts))
    return [m for m, s in zip(MARKERS_2019, _MARKERS) if s in flat]


class T002(Rule):
    """表二不能沿用 2019 年试行格式的栏目和行（本年新制作数量、其他对外管理服务事项、第二十条第（九）项……）。

    2019 年的试行格式（国办公开办函〔2019〕60号）已被 2021 年的全国统一格式
    （国办公开办函〔2021〕30号）取代：表二的栏目改为「本年制发件数、本年废止件数、现行有效件数」
    和「本年处理决定数量」，删去了「其他对外管理服务事项」和第二十条第（九）项「政府集中采购」。
    用旧表填报，数字的含义与现行格式不同，无法汇总比较。请换用 2021 年格式的表二重新填写。
    仅把「行政规范性文件」写成「规范性文件」不算旧格式（见 T005）。
    """

    code = "T002"
    slug = "template.stale-2019"
    title = "表二使用了 2019 年试行格式"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号（取代国办公开办函〔2019〕60号）"
    failing = (
        Example(text=proactive(columns="本年新制作数量\t本年新公开数量\t对外公开总数量"),
                note="第二十条第（一）项用了 2019 年的栏目"),
        Example(text=proactive(extra="第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t1\t2.5\t\n"),
                note="多了 2019 年的第二十条第（九）项"),
    )
    passing = (Example(text=proactive()), Example(text=proactive(normative="规范性文件"), note="这是 T005 的事"))

    def check(self, report: Report) -> Iterator[Finding]:
        found = stale_markers(report)
        if not found:
            return
        table = report.tables.proactive
        where = Location(part="s2", table="proactive",
                         page=table.origin.page if table else None, line=table.origin.line if table else None)
        words = "、".join(f"「{w}」" for w in found[:5])
        yield self.finding(
            f"表二（主动公开）出现了 2019 年试行格式的栏目或行：{words}。现行格式（国办公开办函〔2021〕30号）"
            "的表二栏目为「本年制发件数、本年废止件数、现行有效件数」「本年处理决定数量」「本年收费金额（单位：万元）」，"
            "没有「其他对外管理服务事项」和第二十条第（九）项。请换用 2021 年格式的表二重新填写", where)
