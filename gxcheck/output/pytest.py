"""``--format pytest``: reads like a pytest session, for people used to test runners."""

from __future__ import annotations

from typing import Sequence, TextIO

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe


class PytestFormatter(Formatter):
    """One line per file with a mark per rule: ``.`` passed, ``F`` error, ``W`` warning,
    ``i`` info, ``s`` undecided, ``E`` the file could not be read."""

    name = "pytest"
    description = "仿 pytest 的输出：每个文件一行，每条规则一个标记"

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.rule_codes: list[str] = []

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.rule_codes = sorted(rule_codes)
        self.stream.write("=" * 30 + " gxcheck session starts " + "=" * 30 + "\n")
        self.stream.write(f"collected {total} reports × {len(self.rule_codes)} rules"
                          "  (. 通过  F 错误  W 警告  i 提示  s 无法判断  E 无法读取)\n\n")

    def document(self, result: DocumentResult) -> None:
        if result.error:
            self.stream.write(f"{result.path} E\n")
            return
        by_code: dict[str, str] = {}
        rank = {"F": 0, "W": 1, "i": 2, "s": 3, ".": 4}
        for f in result.findings:
            mark = "s" if f.undecided else {"error": "F", "warning": "W", "info": "i"}[f.severity.value]
            if rank[mark] < rank.get(by_code.get(f.code, "."), 4):
                by_code[f.code] = mark
        codes = sorted(set(self.rule_codes) | set(by_code))
        marks = "".join(by_code.get(code, ".") for code in codes)
        self.stream.write(f"{result.path} {marks}\n")

    def finish(self, results: Sequence[DocumentResult], seconds: float) -> None:
        failures = [r for r in results if r.error or r.count(Severity.ERROR)]
        if failures:
            self.stream.write("\n" + "=" * 37 + " FAILURES " + "=" * 37 + "\n")
            for r in failures:
                self.stream.write("_" * 20 + f" {r.path} " + "_" * 20 + "\n")
                for f in r.findings:
                    if f.severity is Severity.ERROR and not f.undecided:
                        self.stream.write(f"E   {f.code} {describe(f.location)}: {f.message}\n")
        failed = len(failures)
        passed = len(results) - failed
        warnings = sum(r.count(Severity.WARNING) for r in results)
        parts = [f"{failed} failed"] if failed else []
        parts.append(f"{passed} passed")
        if warnings:
            parts.append(f"{warnings} warning" + ("s" if warnings != 1 else ""))
        line = f" {', '.join(parts)} in {seconds:.2f}s "
        self.stream.write("=" * max(0, (80 - len(line)) // 2) + line + "=" * max(0, (80 - len(line)) // 2) + "\n")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [PytestFormatter]
