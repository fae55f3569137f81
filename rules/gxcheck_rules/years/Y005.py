from collections import Counter
from pathlib import Path
from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck.facts import bodies
from gxcheck_rules.years._examples import report


#: How many of the other copies a finding names (an archive may hold dozens of one report).
_SHOWN = 3


class Y005(RunRule):
    """同一机关同一年度的报告在本次检查中出现了两份：两份都不做跨年比较。

    常见原因是草稿和定稿放在同一文件夹，或同一报告存了两种格式。请只保留一份。
    """

    code = "Y005"
    slug = "years.duplicate"
    title = "同一机关同一年度有两份报告"
    per_body = True
    severity = Severity.INFO
    basis = "每个机关每年一份年度报告"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024), previous=report(2024)),)
    passing = (Example(text=report(2024), previous=report(2023)),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for group in bodies([f for f in facts if f.year is not None]):
            counts = Counter(f.year for f in group)
            for fact in group:
                if counts[fact.year] < 2:
                    continue
                same = [o for o in group if o.year == fact.year]
                others = [o for o in same if o is not fact]
                names = Counter(Path(o.path).name for o in same)
                # A name alone where it tells the file; the path where two folders hold one name.
                shown = "、".join(Path(o.path).name if names[Path(o.path).name] == 1 else o.path
                                 for o in others[:_SHOWN])
                more = f"等 {len(others)} 份" if len(others) > _SHOWN else ""
                both = "两份" if len(same) == 2 else f"这 {len(same)} 份"
                message = (f"本次检查中还有同一机关 {fact.year} 年度的报告：{shown}{more}。"
                           f"{both}都不与其他年度比较，请只保留一份")
                yield fact.path, self.finding(message, Location())
