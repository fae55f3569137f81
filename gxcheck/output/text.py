"""``--format text`` (the default): findings in Chinese, grouped by file, with a summary table."""

from __future__ import annotations

from typing import Sequence

from tabulate import tabulate

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import SEVERITY_MARK, describe


class TextFormatter(Formatter):
    name = "text"
    description = "中文文字报告（默认），按文件分组，最后附汇总表"

    def document(self, result: DocumentResult) -> None:
        out = self.stream
        loud = [f for f in result.findings if not f.undecided]
        notices = [f for f in result.findings if f.undecided]
        errors = result.count(Severity.ERROR)
        warnings = result.count(Severity.WARNING)
        verdict = "未发现错误" if not errors else f"{errors} 个错误"
        out.write(f"\n■ {result.path}  —  {verdict}，{warnings} 个警告\n")
        if result.title or result.agency:
            out.write(f"  {result.title or ''}（{result.agency or '机关不详'}）\n")
        for f in loud:
            out.write(f"  [{SEVERITY_MARK[f.severity.value]}] {f.code} {describe(f.location)}：{f.message}\n")
        if notices:
            out.write(f"  另有 {len(notices)} 项无法判断：\n")
            for f in notices:
                out.write(f"    · {f.code} {describe(f.location)}：{f.message}\n")
        if not result.findings:
            out.write("  ✓ 所有规则均通过\n")

    def finish(self, results: Sequence[DocumentResult], seconds: float) -> None:
        rows = []
        for r in results:
            rows.append([r.path, r.count(Severity.ERROR), r.count(Severity.WARNING), r.count(Severity.INFO),
                         "无法读取" if r.error else ("有错误" if r.count(Severity.ERROR) else "通过")])
        self.stream.write("\n汇总\n")
        self.stream.write(tabulate(rows, headers=["文件", "错误", "警告", "提示", "结论"], tablefmt="simple"))
        total_errors = sum(r.count(Severity.ERROR) for r in results)
        failed = sum(1 for r in results if r.count(Severity.ERROR))
        self.stream.write(f"\n\n共检查 {len(results)} 个文件，{failed} 个有错误（共 {total_errors} 个错误），"
                          f"用时 {seconds:.2f} 秒\n")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [TextFormatter]
