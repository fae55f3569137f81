from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import OUTCOME_KEYS, REQUEST_COLUMN_KEYS, REQUEST_COLUMN_LABELS, REQUEST_ROWS, row_label
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.arithmetic._sums import blanks_note, compare, fmt, identity_cells, is_blank, total_words


def outcome_rows(table):
    """The rows whose sum is （七）总计: sub-rows where the file has them, else the group row
    (a 2019 table has （六）其他处理 alone).  Subtotal rows are never counted twice."""
    keys = []
    for spec in REQUEST_ROWS:
        if spec.group_of:
            if spec.key in table.rows and not any(k in table.rows for k in spec.group_of):
                keys.append(spec.key)
        elif spec.key in OUTCOME_KEYS and spec.key in table.rows:
            keys.append(spec.key)
    return keys


class A002(Rule):
    """表三每一列：（七）总计应等于 22 个办理结果（予以公开……其他处理）之和。

    每一件申请只计一种办理结果（「区分处理的，只计这一情形」），所以各办理结果之和就是总计。
    文件里若另有（三）至（六）的小计行，小计必须等于其分项，且不重复计入总计。
    空白单元格不当作 0；总计有数而各分项全为空白，同样是错误。
    """

    code = "A002"
    slug = "arithmetic.outcome-total"
    title = "表三办理结果之和等于总计"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号 表三"
    failing = (Example(text=requests((3, 0, 0, 0, 0, 0, 3), ZERO, (3, 0, 0, 0, 0, 0, 3), ZERO,
                                     {"open": (1, 0, 0, 0, 0, 0, 1), "unable_1": (1, 0, 0, 0, 0, 0, 1)}),
                       note="总计 3 件，但办理结果只有 1 + 1 = 2 件"),)
    passing = (Example(text=requests((3, 0, 0, 0, 0, 0, 3), ZERO, (3, 0, 0, 0, 0, 0, 3), ZERO,
                                     {"open": (2, 0, 0, 0, 0, 0, 2), "unable_1": (1, 0, 0, 0, 0, 0, 1)})),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.requests
        if table is None or "total" not in table.rows:
            why = ("表三有的行的数字无法确定位置（见 E004），其中可能有「（七）总计」"
                   if table is not None and table.rows_unread else "没有找到表三的「（七）总计」行")
            yield self.undecided(why, Location(part="s3", table="requests"))
            return
        keys = outcome_rows(table)
        if table.rows_unread and any(k not in table.rows for k in OUTCOME_KEYS if not k.startswith("other_")):
            yield self.undecided("表三有的行读不出可以确定位置的数字（见 E004），各办理结果之和无法核对",
                                 Location(part="s3", table="requests"))
            return
        if not keys:
            yield self.undecided("表三没有办理结果各行", Location(part="s3", table="requests"))
            return
        total = table.rows["total"]
        for i, col in enumerate(REQUEST_COLUMN_KEYS):
            out = compare([total.cells[i]], [table.rows[k].cells[i] for k in keys])
            if out.verdict not in ("broken", "undecided"):
                continue  # nothing to say: no need to say where
            where = Location(part="s3", table="requests", row="total", column=col,
                             page=total.origin.page, line=total.origin.line)
            name = REQUEST_COLUMN_LABELS[col]
            if out.verdict == "broken":
                where = where.model_copy(update={"cells": identity_cells(
                    "requests", [("total", i)], [(k, i) for k in keys])})
                outcomes = [table.rows[k].cells[i] for k in keys]
                detail = "，而各办理结果全部空白" if all(is_blank(c) for c in outcomes) else blanks_note(outcomes)
                yield self.finding(
                    f"表三「{name}」列：（七）总计{total_words(total.cells[i])}，但各办理结果之和为 {fmt(out.right)}{detail}。"
                    "每件申请只能计入一种办理结果，请核对各行", where)
            elif out.verdict == "undecided":
                yield self.undecided(f"表三「{name}」列有空白或无效单元格，总计无法核对", where)
        for spec in REQUEST_ROWS:
            subs = [k for k in spec.group_of if k in table.rows]
            if not spec.group_of or spec.key not in table.rows or not subs:
                continue
            group = table.rows[spec.key]
            for i, col in enumerate(REQUEST_COLUMN_KEYS):
                out = compare([group.cells[i]], [table.rows[k].cells[i] for k in subs])
                if out.verdict == "broken":
                    parts = [table.rows[k].cells[i] for k in subs]
                    yield self.finding(
                        f"表三小计行「{row_label('requests', spec.key)}」「{REQUEST_COLUMN_LABELS[col]}」列"
                        f"{total_words(group.cells[i])}，但其分项之和为 {fmt(out.right)}{blanks_note(parts)}。"
                        "小计应等于其分项之和，请核对这几行",
                        Location(part="s3", table="requests", row=spec.key, column=col,
                                 page=group.origin.page, line=group.origin.line,
                                 cells=identity_cells("requests", [(spec.key, i)], [(k, i) for k in subs])))
