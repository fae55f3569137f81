"""``--format pytest``: reads like a pytest session, for people used to test runners."""

from __future__ import annotations

from typing import BinaryIO, Optional, Sequence, TextIO

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, RunSummary, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe


class PytestFormatter(Formatter):
    """One line per file with a mark per rule: ``.`` passed, ``F`` error, ``W`` warning,
    ``i`` info, ``s`` undecided, ``E`` the file could not be read."""

    name = "pytest"
    description = "仿 pytest 的输出：每个文件一行，每条规则一个标记"

    def __init__(self, stream: TextIO, byte_stream: Optional[BinaryIO] = None) -> None:
        super().__init__(stream, byte_stream)
        self.rule_codes: list[str] = []
        #: the error lines of failed files, for the FAILURES section (passed files keep nothing)
        self.failures: list[tuple[str, list[str]]] = []

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.rule_codes = sorted(rule_codes)
        self.stream.write("=" * 30 + " gxcheck session starts " + "=" * 30 + "\n")
        self.stream.write(f"collected {total} reports × {len(self.rule_codes)} rules"
                          "  (. 通过  F 错误  W 警告  i 提示  s 无法判断  E 无法读取)\n\n")

    def document(self, result: DocumentResult) -> None:
        if result.error or result.count(Severity.ERROR):
            self.failures.append((result.path, [f"E   {f.code} {describe(f.location, result.format, f.message)}: {f.message}"
                                                for f in result.findings if f.severity is Severity.ERROR and f.counts]))
        if result.error:
            self.stream.write(f"{result.path} E\n")
            return
        by_code: dict[str, str] = {}
        rank = {"F": 0, "W": 1, "i": 2, "s": 3, ".": 4}
        for f in result.findings:
            if f.waiver is not None:  # accepted by the reviewer: the rule passes
                continue
            mark = "s" if f.undecided else {"error": "F", "warning": "W", "info": "i"}[f.severity.value]
            if rank[mark] < rank.get(by_code.get(f.code, "."), 4):
                by_code[f.code] = mark
        codes = sorted(set(self.rule_codes) | set(by_code))
        marks = "".join(by_code.get(code, ".") for code in codes)
        self.stream.write(f"{result.path} {marks}\n")

    def finish(self, summary: RunSummary) -> None:
        failures = self.failures
        if failures:
            self.stream.write("\n" + "=" * 37 + " FAILURES " + "=" * 37 + "\n")
            for path, lines in failures:
                self.stream.write("_" * 20 + f" {path} " + "_" * 20 + "\n")
                self.stream.writelines(line + "\n" for line in lines)
        failed = len(failures)
        passed = summary.documents - failed
        warnings = summary.warnings
        parts = [f"{failed} failed"] if failed else []
        parts.append(f"{passed} passed")
        if warnings:
            parts.append(f"{warnings} warning" + ("s" if warnings != 1 else ""))
        line = f" {', '.join(parts)} in {summary.seconds:.2f}s "
        self.stream.write("=" * max(0, (80 - len(line)) // 2) + line + "=" * max(0, (80 - len(line)) // 2) + "\n")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [PytestFormatter]
