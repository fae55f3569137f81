"""``--format text`` (the default): findings in Chinese, grouped by file, with a summary table."""

from __future__ import annotations

from typing import BinaryIO, Optional, Sequence, TextIO

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, RunSummary, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import SEVERITY_MARK, describe


#: ANSI styles: errors red, warnings yellow, notes cyan, codes dim, paths bold.
_COLORS = {"error": "31;1", "warning": "33", "info": "36", "code": "2", "path": "1"}


class TextFormatter(Formatter):
    name = "text"
    description = "中文文字报告（默认），按文件分组，最后附汇总表"

    def __init__(self, stream: TextIO, byte_stream: Optional[BinaryIO] = None) -> None:
        super().__init__(stream, byte_stream)
        #: one short row per file for the closing table (path and three counts, not the findings)
        self.rows: list[list[object]] = []

    def _paint(self, text: str, kind: str) -> str:
        return f"\033[{_COLORS[kind]}m{text}\033[0m" if self.color else text

    def document(self, result: DocumentResult) -> None:
        out = self.stream
        self.rows.append([result.path, result.count(Severity.ERROR), result.count(Severity.WARNING),
                          result.count(Severity.INFO),
                          "无法读取" if result.error else ("有错误" if result.count(Severity.ERROR) else "通过")])
        loud = [f for f in result.findings if not f.undecided and f.waiver is None]
        waived = [f for f in result.findings if f.waiver is not None]
        notices = [f for f in result.findings if f.undecided and f.waiver is None]
        errors = result.count(Severity.ERROR)
        warnings = result.count(Severity.WARNING)
        verdict = "未发现错误" if not errors else f"{errors} 个错误"
        took = f"（用时 {result.seconds:.2f} 秒）" if self.verbose else ""
        out.write(f"\n■ {self._paint(result.path, 'path')}  —  {verdict}，{warnings} 个警告{took}\n")
        if result.title or result.agency:
            out.write(f"  {result.title or ''}（{result.agency or '机关不详'}）\n")
        for f in loud:
            mark = self._paint(f"[{SEVERITY_MARK[f.severity.value]}]", f.severity.value)
            out.write(f"  {mark} {self._paint(f.code, 'code')} {describe(f.location, result.format, f.message)}：{f.message}\n")
            if self.verbose:
                quote = f"  引文：「{f.location.text}」" if f.location.text else ""
                out.write(f"        规则 {f.pack}.{f.rule}{quote}\n")
        for f in waived:
            assert f.waiver is not None
            out.write(f"  [已豁免] {f.code} {describe(f.location, result.format, f.message)}：{f.message}（理由：{f.waiver.reason}）\n")
        if notices:
            out.write(f"  另有 {len(notices)} 项无法判断：\n")
            for f in notices:
                out.write(f"    · {f.code} {describe(f.location, result.format, f.message)}：{f.message}\n")
        if not result.findings:
            out.write("  ✓ 所有规则均通过\n")

    def finish(self, summary: RunSummary) -> None:
        self.stream.write("\n汇总\n")
        self.stream.write(summary_table(self.rows))
        waived = f"，{summary.waived} 条已豁免" if summary.waived else ""
        known = f"；基线中已知的 {summary.known} 条未列出，{summary.gone} 条已不再出现" if summary.baselined else ""
        self.stream.write(f"\n\n共检查 {summary.documents} 个文件，{summary.failed} 个有错误（共 {summary.errors} 个错误）"
                          f"{waived}{known}，用时 {summary.seconds:.2f} 秒\n")


_HEADERS = ["文件", "错误", "警告", "提示", "结论"]
#: Characters two columns wide (as wcwidth, which tabulate measures with, has them): the CJK
#: ideographs, CJK punctuation up to 〩 and the full-width forms.  tests/test_startup.py checks them.
_WIDE = ((0x3001, 0x3029), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def _width(text: str) -> Optional[int]:
    """Columns ``text`` takes on a terminal, when it is only printable ASCII and the characters of
    :data:`_WIDE`; ``None`` for anything else (controls, combining marks, other scripts)."""
    if text.isascii():
        return len(text) if text.isprintable() else None
    width = 0
    for char in text:
        code = ord(char)
        if 0x20 <= code < 0x7F:
            width += 1
        elif any(low <= code <= high for low, high in _WIDE):
            width += 2
        else:
            return None
    return width


def _plain(path: str) -> bool:
    """Whether tabulate would take ``path`` as the plain text it is: not blank or padded, not
    ``True``/``False``, nothing it could read as a number (``12``, ``1e5``, ``1,000``, ``nan``)."""
    if not path or path != path.strip() or path in ("True", "False") or _width(path) is None:
        return False
    for candidate in (path, path.replace(",", "")):
        try:
            float(candidate)
            return False
        except ValueError:
            pass
    return True


def summary_table(rows: Sequence[Sequence[object]]) -> str:
    """The closing table: one row per file (path, errors, warnings, notes, verdict), laid out as
    ``tabulate(rows, headers, tablefmt="simple")`` lays it out, character for character.

    Importing tabulate and wcwidth costs about 10 ms, a twentieth of ``gxcheck run one.txt``, so
    the usual rows (file names of ASCII and Chinese, counts, the verdicts) are laid out here;
    anything else is handed to tabulate itself (tests/test_startup.py compares the two)."""
    widths: list[int] = []
    for column, header in enumerate(_HEADERS):
        cells = [row[column] for row in rows]
        if column in (1, 2, 3):
            if not all(type(c) is int and c >= 0 for c in cells):
                return _tabulated(rows)
            sizes = [len(str(c)) for c in cells]
        else:
            if not all(isinstance(c, str) and (_plain(c) if column == 0 else _width(c)) for c in cells):
                return _tabulated(rows)
            sizes = [_width(str(c)) or 0 for c in cells]
        widths.append(max([(_width(header) or 0) + 2, *sizes]))  # tabulate: a header and two spaces at least
    if not rows:
        return _tabulated(rows)

    def line(cells: Sequence[object]) -> str:
        out = []
        for column, (cell, width) in enumerate(zip(cells, widths)):
            text = str(cell)
            pad = " " * (width - (_width(text) or 0))
            out.append(pad + text if column in (1, 2, 3) else text + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(_HEADERS), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])


def _tabulated(rows: Sequence[Sequence[object]]) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=_HEADERS, tablefmt="simple")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [TextFormatter]
