"""OCR of scanned reports (the gxcheck[ocr] extra): image-only copies of corpus PDFs made here."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import shared_path
from gxcheck.engine import Engine
from gxcheck.ftypes import OcrWord, TableBlock
from gxcheck.manager import Plugins
from gxcheck.ocr import INSTALL_HINT, OCR_NOTE
from gxcheck.ocr import layout
from gxcheck.ocr.scans import image_only_pdf
from gxcheck.show import report_json, report_text

pytest.importorskip("rapidocr", reason="the OCR extra is not installed (pip install -e '.[ocr]')")


def tables_of(engine: Engine, path: Path) -> dict:
    result = engine.check_file(path)
    assert result.report is not None, result.error
    return report_json(str(path), result.report)["tables"]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scans")


@pytest.mark.parametrize("name, variant", [("r002.pdf", "plain"), ("r034.pdf", "hard")])
def test_a_scan_reads_like_its_text_pdf(engine, scans, name, variant):
    original = shared_path("corpus", name)
    scan = image_only_pdf(original, scans / f"{variant}-{name}", variant)
    assert tables_of(engine, scan) == tables_of(engine, original)
    report = engine.read(scan)
    assert report.ocr_pages and any("OCR" in note for note in report.notes)
    read = {c.read_as for t in (report.tables.proactive, report.tables.requests, report.tables.review)
            for row in t.rows.values() for c in row.cells}
    assert read == {"ocr"}, "every cell of a scan says it was read from a picture"
    shown = report_json(str(scan), report)["cells_read"]
    assert shown["requests"]["total"]["0"] == {"read_as": "ocr"}
    assert "由图片识别（OCR）" in report_text(str(scan), report)
    assert "cells_read" not in report_json(str(original), engine.read(original))


def test_a_planted_defect_in_a_scan_is_found_and_said_to_come_from_a_picture(engine, scans):
    # r046: table 三's 总计 for 法律服务机构 and table 四's second group do not add up.
    scan = image_only_pdf(shared_path("corpus", "r046.pdf"), scans / "r046.pdf", "hard", seed=3)
    errors = [f for f in engine.check_file(scan).findings if f.severity.value == "error"]
    assert {f.code for f in errors} == {f.code for f in engine.check_file(shared_path("corpus", "r046.pdf")).findings
                                        if f.severity.value == "error"}
    assert errors and all(OCR_NOTE in f.message for f in errors if f.location.table)


def test_without_an_ocr_engine_a_scan_is_e002_saying_how_to_get_one(scans):
    scan = image_only_pdf(shared_path("corpus", "r006.pdf"), scans / "r006.pdf")
    engine = Engine(Plugins(disabled=["ocr-rapidocr"]))
    [finding] = engine.check_file(scan).findings
    assert finding.code == "E002" and INSTALL_HINT in finding.message


def test_ocr_uses_the_models_inside_the_package_and_never_the_network(monkeypatch, scans):
    from gxcheck.ocr import rapid

    def refuse(*args, **kwargs):
        raise AssertionError("OCR tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(rapid, "_ENGINE", None)  # a fresh engine: models loaded under the ban
    scan = image_only_pdf(shared_path("corpus", "r010.pdf"), scans / "r010.pdf")
    report = Engine(Plugins()).read(scan)
    assert report.tables.review is not None


# --------------------------------------------------------------------------- the grid from ruling lines


def ruled_page(columns: int = 4, rows: int = 3):
    """A white page with a ruled table of ``rows`` × ``columns`` cells of 100 × 50 pixels at (100, 100)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (700, 500), "white")
    draw = ImageDraw.Draw(image)
    for r in range(rows + 1):
        draw.line([(100, 100 + 50 * r), (100 + 100 * columns, 100 + 50 * r)], fill="black", width=2)
    for c in range(columns + 1):
        draw.line([(100 + 100 * c, 100), (100 + 100 * c, 100 + 50 * rows)], fill="black", width=2)
    return image


def word(text: str, row: int, col: int, score: float = 0.99) -> OcrWord:
    x, y = 100 + 100 * col + 30, 100 + 50 * row + 15
    return OcrWord(text=text, x0=x, y0=y, x1=x + 20, y1=y + 20, score=score)


def test_words_are_placed_by_the_ruling_lines_not_by_their_order():
    # The engine missed the 「0」 of row 1, column 2: that cell stays empty, nothing shifts.
    words = [word("规章", 0, 0), word("1", 0, 1), word("2", 0, 2), word("3", 0, 3),
             word("许可", 1, 0), word("4", 1, 1), word("6", 1, 3),
             word("收费", 2, 0), word("7", 2, 1), word("8", 2, 2), word("9", 2, 3)]
    [table] = layout.page_blocks(ruled_page(), list(reversed(words)), page=1)
    assert isinstance(table, TableBlock)
    assert table.rows == (("规章", "1", "2", "3"), ("许可", "4", "", "6"), ("收费", "7", "8", "9"))


def test_an_unsure_digit_is_not_read_as_a_number():
    words = [word("规章", 0, 0), word("8", 0, 1, score=0.41), word("2", 0, 2), word("3", 0, 3)]
    [table] = layout.page_blocks(ruled_page(rows=1), words, page=1)
    assert table.rows[0][1] == layout.UNSURE


def test_a_cell_without_its_inner_line_is_one_merged_cell():
    from PIL import ImageDraw

    image = ruled_page(columns=3, rows=2)
    # Erase the line between row 0 and row 1 in column 0: a label spanning two rows.
    ImageDraw.Draw(image).rectangle([(103, 146), (197, 154)], fill="white")
    words = [word("行政复议", 0, 0), word("1", 0, 1), word("2", 0, 2), word("3", 1, 1), word("4", 1, 2)]
    [table] = layout.page_blocks(image, words, page=1)
    assert table.rows == (("行政复议", "1", "2"), (None, "3", "4"))


COLUMNS = (100, 200, 300, 400, 500)


def test_a_row_cut_by_a_page_break_is_joined():
    above = TableBlock(rows=(("（四）无法提供", "1.本机关不掌握相关政", "2", "0"),))
    below = TableBlock(rows=(("", "府信息", "", ""), (None, "2.没有现成信息", "0", "0")))
    pages = [[(above, COLUMNS)], [(below, COLUMNS)]]
    layout.join_cut_rows(pages)
    assert pages[0][0][0].rows == (("（四）无法提供", "1.本机关不掌握相关政府信息", "2", "0"),)
    assert pages[1][0][0].rows == (("", "2.没有现成信息", "0", "0"),)


def test_a_cut_row_is_matched_by_column_position_when_the_pages_split_columns_differently():
    # Page one merges the label columns into one; page two draws them apart.
    above = TableBlock(rows=(("（一）予以公开", "1", "0"),))
    below = TableBlock(rows=(("本年度办理结果", "开", "", ""), (None, "（二）部分公开", "0", "0")))
    pages = [[(above, (100, 300, 400, 500))], [(below, COLUMNS)]]
    layout.join_cut_rows(pages)
    assert pages[0][0][0].rows == (("（一）予以公开本年度办理结果开", "1", "0"),)
    assert pages[1][0][0].rows == (("", "（二）部分公开", "0", "0"),)


def test_a_row_of_its_own_after_a_page_break_is_not_joined():
    above = TableBlock(rows=(("1.属于国家秘密", "0", "0"),))
    below = TableBlock(rows=(("2.其他法律行政法规禁止公开", "", ""),))
    pages = [[(above, COLUMNS[:4])], [(below, COLUMNS[:4])]]
    layout.join_cut_rows(pages)
    assert pages[1][0][0].rows == below.rows
