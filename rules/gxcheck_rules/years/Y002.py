from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck_rules.years._examples import report
from gxcheck_rules.years._pairs import consecutive, named

_ROWS = {"rules": "规章", "normative": "行政规范性文件"}


class Y002(RunRule):
    """表二「现行有效件数」与上一年不衔接：不等于上一年现行有效 + 本年制发 − 本年废止。

    现行有效件数是累计数。实际报告常在清理文件后重新统计（真实数据中 3 对里只有 1 对衔接），
    所以这只是提示，请确认是重新统计还是填错。
    """

    code = "Y002"
    slug = "years.in-force"
    title = "现行有效件数与上一年不衔接"
    per_body = True
    severity = Severity.INFO
    basis = "2021 年格式表二：现行有效件数为累计数"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024, normative=(3, 1, 30)), previous=report(2023, normative=(2, 0, 20)),
                       note="20 + 3 − 1 = 22，却写 30"),)
    passing = (Example(text=report(2024, normative=(3, 1, 22)), previous=report(2023, normative=(2, 0, 20))),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for last, this in consecutive(facts):
            for key, label in _ROWS.items():
                before = last.tables.get("proactive", {}).get(key)
                now = this.tables.get("proactive", {}).get(key)
                if not before or not now or len(before) < 3 or len(now) < 3:
                    continue
                if before[2] is None or None in now[:3]:
                    continue
                made, repealed, in_force = now[0], now[1], now[2]
                assert made is not None and repealed is not None and in_force is not None
                expected = before[2] + made - repealed
                if expected != in_force:
                    message = (f"表二「{label}」：{named(last)}现行有效 {before[2]:g} 件，本年制发 {made:g}、废止 {repealed:g}，"
                               f"应为 {expected:g} 件，报告写 {in_force:g} 件。如是清理后重新统计，可在正文说明")
                    yield this.path, self.finding(message, Location(part="s2", table="proactive", row=key, column="in_force"))
