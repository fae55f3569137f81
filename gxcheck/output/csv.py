"""``--format csv``: one row per finding, Chinese headers, for a spreadsheet.

Columns: 文件, 标题, 机关, 年度, 代码, 级别, 说明, 位置, 豁免理由, 指纹. A file with no finding gets no row.
The text starts with a byte-order mark so that Excel and WPS take it as UTF-8.
Rows are written per document as results arrive.
"""

from __future__ import annotations

import csv
from typing import Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe

HEADERS = ["文件", "标题", "机关", "年度", "代码", "级别", "说明", "位置", "豁免理由", "指纹"]


class CsvFormatter(Formatter):
    name = "csv"
    description = "CSV 表格，每条问题一行（中文表头，Excel/WPS 可直接打开）"

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.stream.write("\ufeff")
        self._writer = csv.writer(self.stream, lineterminator="\r\n")
        self._writer.writerow(HEADERS)

    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            self._writer.writerow([result.path, result.title or "", result.agency or "", result.year or "", f.code,
                                   "无法判断" if f.undecided else f.severity.chinese, f.message,
                                   describe(f.location, result.format, f.message), f.waiver.reason if f.waiver else "", f.fingerprint])
        self.stream.flush()


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [CsvFormatter]
