"""``gxcheck run --statistics``: how many findings of each code, over every file checked (as ruff's)."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from gxcheck.ftypes import DocumentResult


def statistics_table(results: Iterable[DocumentResult], titles: dict[str, str]) -> str:
    """One row per code, most frequent first: count, code, severity, title, files affected.
    Column widths count a Chinese character as two (tabulate with wcwidth)."""
    from tabulate import tabulate

    count: Counter[str] = Counter()
    files: Counter[str] = Counter()
    severity: dict[str, str] = {}
    documents = 0
    for result in results:
        documents += 1
        for code in {f.code for f in result.findings}:
            files[code] += 1
        for f in result.findings:
            count[f.code] += 1
            severity[f.code] = f.severity.chinese
    if not count:
        return f"{documents} 份报告，没有发现问题\n"
    rows = [[n, code, severity[code], titles.get(code, ""), files[code]]
            for code, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]
    table = tabulate(rows, headers=["数量", "代码", "级别", "规则", "涉及报告"])
    return f"{table}\n共 {sum(count.values())} 条问题、{len(count)} 种代码，检查了 {documents} 份报告\n"
