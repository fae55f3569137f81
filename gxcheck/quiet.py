"""``gxcheck run -q``: only the files with errors, one line each."""

from __future__ import annotations

from gxcheck.ftypes import DocumentResult, Severity


def quiet_line(result: DocumentResult) -> str:
    """「路径：N 个错误（D001 D002）」 for a file with errors, else ""."""
    codes = sorted({f.code for f in result.findings if f.severity == Severity.ERROR and f.counts})
    if not codes:
        return ""
    return f"{result.path}：{result.count(Severity.ERROR)} 个错误（{' '.join(codes)}）\n"
