from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck.national import TABLE_NAMES, TABLE_PART
from gxcheck_rules.years._examples import report
from gxcheck_rules.years._pairs import consecutive, named

#: Both values at least this, and one over five times the other.
_SMALLEST = 10
_FACTOR = 5


class Y006(RunRule):
    """表二至表四的数字比上一年变化超过五倍（增或减），且两年的数都不小于 10：请确认没有多写或少写一位。

    每张表一条，列出这些格子。数字确实大变（机构合并、专项整治）时，可在正文说明原因。
    """

    code = "Y006"
    slug = "years.jump"
    title = "数字比上一年变化超过五倍"
    per_body = True
    severity = Severity.INFO
    basis = "年度数据的合理性"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024, licence=200), previous=report(2023, licence=20)),)
    passing = (Example(text=report(2024, licence=60), previous=report(2023, licence=20)),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for last, this in consecutive(facts):
            for name, rows in this.tables.items():
                before_rows = last.tables.get(name, {})
                jumps = []
                for key, values in rows.items():
                    for index, now in enumerate(values):
                        before = before_rows.get(key, ())[index] if index < len(before_rows.get(key, ())) else None
                        if now is None or before is None or min(now, before) < _SMALLEST:
                            continue
                        if max(now, before) > _FACTOR * min(now, before):
                            jumps.append(f"{key}[{index + 1}] {before:g} → {now:g}")
                if jumps:
                    message = (f"{TABLE_NAMES[name]}有 {len(jumps)} 个数字与{named(last)}相比变化超过五倍："
                               f"{'；'.join(jumps[:6])}。请确认没有多写或少写一位")
                    yield this.path, self.finding(message, Location(part=TABLE_PART[name], table=name))
