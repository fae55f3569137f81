"""``gxcheck run --statistics``: how many findings of each code, over every file checked (as ruff's)."""

from __future__ import annotations

from gxcheck.summary import Tally


def statistics_table(tally: Tally, titles: dict[str, str]) -> str:
    """One row per code, most frequent first: count, code, severity, title, files affected.
    Column widths count a Chinese character as two (tabulate with wcwidth).  Waived and
    undecided findings are not counted."""
    from tabulate import tabulate

    if not tally.codes:
        return f"{tally.documents} 份报告，没有发现问题\n"
    rows = [[n, code, tally.severity[code].chinese, titles.get(code, ""), tally.files[code]]
            for code, n in sorted(tally.codes.items(), key=lambda kv: (-kv[1], kv[0]))]
    table = tabulate(rows, headers=["数量", "代码", "级别", "规则", "涉及报告"])
    return f"{table}\n共 {sum(tally.codes.values())} 条问题、{len(tally.codes)} 种代码，检查了 {tally.documents} 份报告\n"
