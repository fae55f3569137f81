"""Start-up: checking a text report imports no reader, output format or table library it does not
use, and what replaces tabulate lays the summary out as tabulate does (the speed itself is measured
in scripts/benchmark.py, not here)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from tabulate import tabulate

from conftest import run_cli, run_json, shared_path
from gxcheck.output import text as text_format

_PROBE = """
import sys
from gxcheck.cli import main
code = main(["run", "--no-progress", sys.argv[1]])
heavy = [m for m in ("lxml.etree", "gxcheck.loaders.pdf", "gxcheck.loaders.docx", "gxcheck.loaders.html",
                     "pypdfium2", "pdfplumber", "gxcheck.show", "gxcheck.distributed", "asyncio",
                     "concurrent.futures", "tabulate", "wcwidth", "opencc") if m in sys.modules]
print("HEAVY", heavy, code)
"""


def test_a_text_report_loads_no_pdf_word_or_html_reader_nor_the_cluster_or_pool_machinery_nor_tabulate_or_opencc():
    seed = shared_path("seeds", "000_6b3625ffea8c0954.txt")
    out = subprocess.run([sys.executable, "-c", _PROBE, str(seed)], capture_output=True, text=True,
                         encoding="utf-8", check=True).stdout
    assert "HEAVY [] 0" in out



_IMPORT_PROBE = """
import sys
import gxcheck.cli
formats = sorted(m for m in sys.modules if m.startswith("gxcheck.output"))
from gxcheck.manager import Plugins
plugins = Plugins()
heavy = [m for m in ("pypdfium2", "pdfplumber", "pdfminer", "lxml", "docx", "openpyxl", "tabulate", "wcwidth",
                     "opencc", "cn2an", "rapidocr", "logging", "xml.sax", "urllib.request", "http.client", "ssl",
                     "asyncio", "gxcheck.output.report_view", "gxcheck.loaders.pdf", "gxcheck.loaders.docx",
                     "gxcheck.loaders.html") if m in sys.modules]
print("FORMATS", formats, "HEAVY", heavy, "HAS", sorted(plugins.formatters))
"""


def test_the_command_imports_no_output_format_and_its_plugins_no_reader_or_library_they_need_later():
    """``import gxcheck.cli`` brings no output format; loading every plugin brings the formats' own
    modules but none of the libraries they, the readers or OCR use once chosen (PDF, Word, HTML, Excel,
    tabulate, opencc, cn2an, logging, XML)."""
    out = subprocess.run([sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    assert "FORMATS [] HEAVY [] HAS ['csv', 'html', 'json', 'jsonl', 'junit', 'pytest', 'sarif', 'text', 'xlsx']" in out


def test_the_lazy_loaders_still_read_every_format(engine):
    for name in ("r000.docx", "r001.html", "r002.pdf"):
        result = engine.check_file(shared_path("corpus", name))
        assert result.error is None and result.report is not None and result.report.tables is not None


def test_a_pdf_read_by_pdfium_does_not_import_pdfplumber():
    """Its tables are found by loaders/pdf/_cells.py (pdfminer's parser still surveys the file first)."""
    probe = ("import sys; from pathlib import Path; from gxcheck.engine import Engine; from gxcheck.manager import Plugins;"
             "r = Engine(Plugins()).check_file(Path(sys.argv[1]));"
             "print('SLOW', r.error, [m for m in ('pdfplumber', 'pdfminer.layout') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", probe, str(shared_path("corpus", "r002.pdf"))], capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    assert "SLOW None []" in out


_HEADERS = ["文件", "错误", "警告", "提示", "结论"]
_NAMES = ["/work/shared/corpus/r003.txt", "a/报告.txt", "乡镇/双溪镇（2023）.docx", "ｒ００１.txt", "报告 2023.pdf",
          "〇〇【正式】.txt", "x" * 80, "C:\\报告\\a b.docx",
          # what tabulate reads otherwise (numbers, booleans, blanks, padding) or measures otherwise (tabs,
          # combining marks, emoji, accents, controls): these go to tabulate itself
          "-", "123", "１２３", "1,000", "1e5", "nan", "inf", "True", "", " a.txt", "a\tb.txt", "a\u0301.txt",
          "😀.txt", "é.txt", "a\nb.txt", "\x1b[31mred\x1b[0m.txt"]


def test_the_summary_table_is_laid_out_as_tabulate_lays_it_out():
    rng = random.Random(15)
    for _ in range(2000):
        rows = [[rng.choice(_NAMES), rng.choice([0, 1, 12, 345, 100000]), rng.randint(0, 30), rng.randint(0, 9),
                 rng.choice(["通过", "有错误", "无法读取"])] for _ in range(rng.randint(1, 4))]
        assert text_format.summary_table(rows) == tabulate(rows, headers=_HEADERS, tablefmt="simple"), rows
    assert text_format.summary_table([]) == tabulate([], headers=_HEADERS, tablefmt="simple")


def test_the_characters_counted_two_columns_wide_are_so_for_wcwidth():
    import wcwidth

    wide = [chr(c) for low, high in text_format._WIDE for c in range(low, high + 1)]
    assert {wcwidth.wcswidth(c) for c in wide} == {2}
    assert {wcwidth.wcswidth(chr(c)) for c in range(0x20, 0x7F)} == {1}
    assert all(text_format._width(c) == 2 for c in wide)


@pytest.mark.parametrize("name", ["报告（2023）.txt", "1e5", "a\u0301.txt"])
def test_the_text_format_closes_with_the_summary_of_each_file(tmp_path, capsys, monkeypatch, name):
    """Whether laid out here or by tabulate, the table ends the text output with every file's row."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(shared_path("corpus", "r003.txt").read_bytes())
    findings = run_json(capsys, name)["documents"][0]["findings"]
    counts = [sum(f["severity"] == level for f in findings) for level in ("error", "warning", "info")]
    code, out, _ = run_cli(capsys, "run", "--no-progress", name)
    table = out.split("\n汇总\n", 1)[1].split("\n\n共检查", 1)[0]
    assert table == tabulate([[name, *counts, "有错误" if counts[0] else "通过"]], headers=_HEADERS, tablefmt="simple")
