"""Start-up: checking a text report imports no reader it does not use (the speed itself is measured
in scripts/benchmark.py, not here)."""

from __future__ import annotations

import subprocess
import sys

from conftest import shared_path

_PROBE = """
import sys
from gxcheck.cli import main
code = main(["run", "--no-progress", sys.argv[1]])
heavy = [m for m in ("lxml.etree", "gxcheck.loaders.pdf", "gxcheck.loaders.docx", "gxcheck.loaders.html",
                     "pypdfium2", "pdfplumber", "gxcheck.show", "gxcheck.distributed", "asyncio",
                     "concurrent.futures") if m in sys.modules]
print("HEAVY", heavy, code)
"""


def test_a_text_report_loads_no_pdf_word_or_html_reader_nor_the_cluster_or_pool_machinery():
    seed = shared_path("seeds", "000_6b3625ffea8c0954.txt")
    out = subprocess.run([sys.executable, "-c", _PROBE, str(seed)], capture_output=True, text=True,
                         encoding="utf-8", check=True).stdout
    assert "HEAVY [] 0" in out


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
