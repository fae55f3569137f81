from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck_rules.years._examples import report
from gxcheck_rules.years._pairs import named, usable_groups


class Y007(RunRule):
    """同一机关的报告在本次检查中缺了中间的年度：缺的那年无法做跨年比较。

    可能是那一年的报告没有放进来，也可能那一年没有发布。
    """

    code = "Y007"
    slug = "years.gap"
    title = "同一机关的报告缺少中间年度"
    per_body = True
    severity = Severity.INFO
    basis = "《政府信息公开条例》第四十九条：每年发布年度报告"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024), previous=report(2022)),)
    passing = (Example(text=report(2024), previous=report(2023)),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for group in usable_groups(facts):
            for last, this in zip(group, group[1:]):
                if last.year is None or this.year is None or this.year - last.year < 2:
                    continue
                missing = "、".join(str(y) for y in range(last.year + 1, this.year))
                message = (f"本次检查中这个机关有{named(last)}和 {this.year} 年报告，缺少 {missing} 年度的报告。"
                           "如已发布，请把它一并放入检查（跨年度核对要用相邻两年的报告）；未发布的，请向该机关核实")
                yield this.path, self.finding(message, Location())
