from typing import Iterator, Optional, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck_rules.years._examples import report
from gxcheck_rules.years._pairs import consecutive, named

_TABLES = ("requests", "review")


def _numbers(fact: Facts) -> Optional[dict[str, dict[str, tuple[Optional[float], ...]]]]:
    tables = {name: fact.tables[name] for name in _TABLES if name in fact.tables}
    return tables if len(tables) == len(_TABLES) else None


class Y004(RunRule):
    """表三和表四与上一年报告的数字完全相同（其中至少三个不为 0）：多半是把去年的表格又贴了一遍。"""

    code = "Y004"
    slug = "years.same-tables"
    title = "表三、表四与上一年完全相同"
    per_body = True
    severity = Severity.WARNING
    basis = "年度报告应反映本年数据"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024, new=(3, 1, 0, 0, 0, 0, 4), licence=9),
                       previous=report(2023, new=(3, 1, 0, 0, 0, 0, 4), licence=7)),)
    passing = (Example(text=report(2024, new=(3, 1, 0, 0, 0, 0, 4)), previous=report(2023, new=(2, 1, 0, 0, 0, 0, 3))),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for last, this in consecutive(facts):
            now, before = _numbers(this), _numbers(last)
            if now is None or before is None or now != before:
                continue
            values = [v for table in now.values() for row in table.values() for v in row]
            if sum(1 for v in values if v) < 3:
                continue
            message = (f"表三、表四的 {len(values)} 个数字与{named(last)}完全相同。"
                       "请确认没有误用上一年的表格，填入本年的数据")
            yield this.path, self.finding(message, Location(part="s3", table="requests"))
