"""``--format xlsx``: an Excel workbook (opens in WPS and Excel), written with openpyxl.

Sheet 「问题」: one row per finding — 文件, 机关, 年度, 代码, 级别, 说明, 位置, 豁免理由, 指纹.
Sheet 「文件」: one row per file — 文件, 标题, 机关, 级别, 年度, 格式, 错误, 警告, 提示, 结论.
The workbook is built in openpyxl's write-only mode (rows go to temporary files as files
finish, so memory stays flat) and saved at the end.  It is bytes: ``--output 结果.xlsx``,
or a pipe; never a terminal.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, RunSummary, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe

FINDING_HEADERS = ["文件", "机关", "年度", "代码", "级别", "说明", "位置", "豁免理由", "指纹"]
FILE_HEADERS = ["文件", "标题", "机关", "级别", "年度", "格式", "错误", "警告", "提示", "结论"]
#: What a cell of a workbook cannot hold: control characters and lone surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _clean(value: Any) -> Any:
    return _ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value


class XlsxFormatter(Formatter):
    name = "xlsx"
    description = "Excel 工作簿（WPS/Excel 可打开）：问题一表、文件一表；须配合 --output 文件名.xlsx"
    binary = True

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        from openpyxl import Workbook  # only this format needs it

        self.book = Workbook(write_only=True)
        self.findings = self.book.create_sheet("问题")
        self.files = self.book.create_sheet("文件")
        self.findings.append(FINDING_HEADERS)
        self.files.append(FILE_HEADERS)

    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            self.findings.append([_clean(v) for v in (
                result.path, result.agency or "", result.year, f.code,
                "无法判断" if f.undecided else f.severity.chinese, f.message, describe(f.location, result.format, f.message),
                f.waiver.reason if f.waiver else "", f.fingerprint)])
        errors = result.count(Severity.ERROR)
        verdict = "无法读取" if result.error else ("有错误" if errors else "通过")
        self.files.append([_clean(v) for v in (
            result.path, result.title or "", result.agency or "", result.level or "", result.year,
            result.format or "", errors, result.count(Severity.WARNING), result.count(Severity.INFO), verdict)])

    def finish(self, summary: RunSummary) -> None:
        assert self.byte_stream is not None, "the command line gives a binary format its byte stream"
        self.book.save(self.byte_stream)
        self.byte_stream.flush()


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [XlsxFormatter]
