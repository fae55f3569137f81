from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck.national import REQUEST_COLUMN_KEYS, REQUEST_COLUMN_LABELS
from gxcheck_rules.years._examples import report
from gxcheck_rules.years._pairs import consecutive, named


class Y001(RunRule):
    """表三「二、上年结转」与上一年报告的「四、结转下年度继续办理」不一致。

    上一年没有办完、结转到下一年的申请，就是下一年的「上年结转」：两份报告中这两个数应当相同。
    实际数据中同一机关相邻两年的这条链条都成立（6 对中 6 对），断开几乎总是填错了。
    每一列一条，引用两年的数字。
    """

    code = "Y001"
    slug = "years.carry-over"
    title = "上年结转与上一年的结转下年度不一致"
    per_body = True
    severity = Severity.WARNING
    basis = "2021 年格式表三：上年结转 = 上一年结转下年度继续办理"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024, carried=(1, 0, 0, 0, 0, 0, 1)), previous=report(2023, carry_over=(2, 0, 0, 0, 0, 0, 2)),
                       note="2023 年结转下年度 2 件，2024 年却写上年结转 1 件"),)
    passing = (Example(text=report(2024, carried=(2, 0, 0, 0, 0, 0, 2)), previous=report(2023, carry_over=(2, 0, 0, 0, 0, 0, 2))),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for last, this in consecutive(facts):
            before = last.tables.get("requests", {}).get("carry_over")
            now = this.tables.get("requests", {}).get("carried")
            if not before or not now:
                continue
            for index, column in enumerate(REQUEST_COLUMN_KEYS):
                if index >= len(before) or index >= len(now) or before[index] is None or now[index] is None:
                    continue
                if before[index] != now[index]:
                    message = (f"表三「{REQUEST_COLUMN_LABELS[column]}」列：本年「上年结转」为 {now[index]:g}，"
                               f"但{named(last)}的「结转下年度继续办理」为 {before[index]:g}。请核对两年的这两个数")
                    yield this.path, self.finding(message, Location(part="s3", table="requests", row="carried", column=column))
