"""Issue 7, pattern 9: a frame drawn around the text before table 二 (as some WPS-exported files
have) makes the grid begin with 「二、主动公开政府信息情况」 and the narrative; those rows are text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import shared_path
from gxcheck.engine import Engine

PROSE = "本年度，我乡主动公开政府信息共计若干条，涵盖机构职能、政策文件、财政资金等内容，公开渠道包括门户网站和政务新媒体。"


def framed(source: Path, target: Path) -> Path:
    """The report with part 二's heading and a paragraph moved into merged rows at the top of table 二."""
    import docx

    document = docx.Document(str(source))
    heading = next(p for p in document.paragraphs if p.text.strip().startswith("二、"))
    table = document.tables[0]
    heading._p.getparent().remove(heading._p)
    first = table.rows[0]._tr
    for text in (PROSE, heading.text):  # added at the top, last one first
        row = table.add_row()
        row.cells[0].merge(row.cells[-1]).text = text
        first.addprevious(row._tr)
        first = row._tr
    document.save(str(target))
    return target


def _codes(engine: Engine, path: Path) -> list[str]:
    return sorted(f.code for f in engine.check_file(path).findings)


def test_a_framed_heading_and_paragraph_are_text_not_table_rows(engine, tmp_path):
    original = shared_path("corpus", "r000.docx")
    report = engine.read(framed(original, tmp_path / "framed.docx"))
    assert [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert any(PROSE in para.text for part in report.parts if part.key == "s2" for para in part.paragraphs)
    def values(table):
        return {key: [c.value for c in row.cells] for key, row in table.rows.items()}

    assert values(report.tables.proactive) == values(engine.read(original).tables.proactive)
    assert _codes(engine, tmp_path / "framed.docx") == _codes(engine, original)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to print the docx as a PDF")
def test_a_framed_pdf_finds_part_two(engine, tmp_path):
    source = framed(shared_path("corpus", "r000.docx"), tmp_path / "framed.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    codes = _codes(engine, tmp_path / "framed.pdf")
    assert "S001" not in codes


def test_a_table_label_row_stays_in_the_table(engine):
    # 「第二十条第（一）项」 spans table 二's first row: a label, short and without a sentence's marks.
    report = engine.read(shared_path("corpus", "r000.docx"))
    assert "rules" in report.tables.proactive.rows
