from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck.national import REVIEW_GROUP_LABELS
from gxcheck_rules.arithmetic._sums import blanks_note, compare, fmt, identity_cells, total_words

HEAD = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"


def review(*values: int) -> str:
    return HEAD + "\t".join(str(v) for v in values) + "\n"


class A004(Rule):
    """表四每一组（行政复议、直接起诉、复议后起诉）：总计应等于维持、纠正、其他结果、尚未审结之和。"""

    code = "A004"
    slug = "arithmetic.review-total"
    title = "表四各组总计"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号 表四"
    failing = (Example(text=review(1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                       note="行政复议：1 + 1 + 0 + 0 = 2，总计却写 3"),)
    passing = (Example(text=review(1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1)),)

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.review
        if table is None or not table.rows:
            yield self.undecided("没有找到表四的数字", Location(part="s4", table="review"))
            return
        for key, row in table.rows.items():
            if any(c.was_split for c in row.cells):
                continue  # cut out of a run of digits by this very sum: it holds by construction
            out = compare([row.cells[4]], row.cells[:4])
            where = Location(part="s4", table="review", row=key, column="total",
                             page=row.origin.page, line=row.origin.line)
            name = REVIEW_GROUP_LABELS[key]
            if out.verdict == "broken":
                blanks = blanks_note(row.cells[:4])
                where = where.model_copy(update={"cells": identity_cells(
                    "review", [(key, 4)], [(key, j) for j in range(4)])})
                yield self.finding(
                    f"表四「{name}」：总计{total_words(row.cells[4])}，但维持、纠正、其他结果、尚未审结之和为 "
                    f"{fmt(out.right)}{blanks}。总计应等于这四项之和，请核对这一组的五个数", where)
            elif out.verdict == "undecided":
                yield self.undecided(f"表四「{name}」有空白或无效单元格，总计无法核对", where)
