from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import row_label
from gxcheck_rules.template._examples import ZEROS7, requests

_SUBROWS = ("other_1", "other_2", "other_3")


class T003(Rule):
    """表三「（六）其他处理」下应有三个子项：1. 逾期不补正、2. 逾期不缴费、3. 其他。

    2021 年的全国统一格式把「（六）其他处理」分为三个子项分别统计；2019 年的试行格式只有
    「（六）其他处理」一行。只有一行（错误）说明用的是旧表，只有其中一两个子项（警告）
    通常是从不完整的文件复制来的。缺少子项时，这些情形的申请无处可填，总计也对不上。
    请按现行格式补齐三个子项。
    """

    code = "T003"
    slug = "template.other-processing-rows"
    title = "表三「（六）其他处理」子项不全"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号 表三"
    failing = (
        Example(text=requests(drop=_SUBROWS, after={"noproc_5": "（六）其他处理" + ZEROS7 + "\n"}),
                note="2019 年格式：（六）其他处理只有一行（错误）"),
        Example(text=requests(drop=("other_3",)), note="只有子项 1、2（警告）"),
    )
    passing = (Example(text=requests()),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        if table is None:
            yield self.undecided("没有找到表三，无法检查「（六）其他处理」的子项", Location(part="s3", table="requests"))
            return
        present = [k for k in _SUBROWS if k in table.rows]
        missing = [k for k in _SUBROWS if k not in table.rows]
        if not missing:
            return
        if table.rows_unread and "other" not in table.rows:
            # The missing sub-rows may be among the rows whose numbers could not be placed.
            yield self.undecided("表三有的行的数字无法确定位置（见 E004），无法检查「（六）其他处理」的子项是否齐全",
                                 Location(part="s3", table="requests"))
            return
        if not present:
            if "other" not in table.rows:
                return  # no （六） at all: T004 reports the missing rows
            row = table.rows["other"]
            yield self.finding(
                "表三「（六）其他处理」只有一行，没有分列子项——这是 2019 年试行格式的表三。现行格式应分为"
                "「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」"
                "「2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」「3.其他」三行，"
                "请换用 2021 年格式的表三重新填写",
                Location(part="s3", table="requests", row="other", page=row.origin.page, line=row.origin.line))
            return
        last = table.rows[present[-1]]
        names = "、".join(f"「{row_label('requests', k)}」" for k in missing)
        have = "、".join(k[-1] for k in present)
        yield self.finding(
            f"表三「（六）其他处理」只有子项 {have}，缺少 {names}。现行格式（国办公开办函〔2021〕30号）"
            "在（六）下列三个子项，请补齐缺少的行（没有发生的填 0）",
            Location(part="s3", table="requests", row=missing[0], page=last.origin.page, line=last.origin.line),
            severity=Severity.WARNING)
