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


@pytest.fixture(scope="module")
def r002_scan(scans) -> Path:
    return image_only_pdf(shared_path("corpus", "r002.pdf"), scans / "r002-whole.pdf")


@pytest.mark.parametrize("name, variant", [("r002.pdf", "plain"), ("r034.pdf", "hard")])
def test_a_scan_reads_like_its_text_pdf(engine, scans, name, variant):
    original = shared_path("corpus", name)
    scan = image_only_pdf(original, scans / f"{variant}-{name}", variant)
    assert tables_of(engine, scan) == tables_of(engine, original)
    report = engine.read(scan)
    assert report.ocr_pages and any("OCR" in note for note in report.notes)
    cells = [c for t in (report.tables.proactive, report.tables.requests, report.tables.review)
             for row in t.rows.values() for c in row.cells]
    assert {c.read_as for c in cells} == {"ocr"}, "every cell of a scan says it was read from a picture"
    # Each number keeps how sure the engine was of it: read, so at least the threshold.
    assert all(layout.MIN_DIGIT_SCORE <= c.confidence <= 1 for c in cells if c.is_number)
    shown = report_json(str(scan), report)["cells_read"]
    total = shown["requests"]["total"]["0"]
    assert total["read_as"] == "ocr" and total["confidence"] == report.tables.requests.rows["total"].cells[0].confidence
    assert "由图片识别（OCR）" in report_text(str(scan), report)
    assert "cells_read" not in report_json(str(original), engine.read(original))


def test_a_digit_the_engine_is_unsure_of_is_left_unread_and_its_row_named(engine, scans, r002_scan):
    """Page 2 of r002 scanned with the left half of one digit gone (a faded or torn scan): table 三's
    「（一）予以公开」, 自然人, holds 1. The engine still reads a 「1」, but not surely enough."""
    import pypdfium2
    from PIL import ImageDraw

    from gxcheck.ocr.scans import SCAN_DPI

    original = shared_path("corpus", "r002.pdf")
    pdf = pypdfium2.PdfDocument(str(r002_scan))
    page = pdf[1].render(scale=SCAN_DPI / 72).to_pil().convert("L")
    pdf.close()
    # The cell in the text PDF, in points: 自然人's column of the table's first row on page 2.
    x0, top, x1, bottom = (round(v * SCAN_DPI / 72) for v in (297, 72, 328, 86))
    ink = page.crop((x0 + 4, top + 4, x1 - 4, bottom - 4)).point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink, "the digit is where the text PDF has it"
    left, _, right, _ = ink
    ImageDraw.Draw(page).rectangle((x0 + 4 + left, top + 4, x0 + 4 + (left + right) // 2, bottom - 4), fill=255)
    damaged = scans / "r002-damaged.pdf"
    page.convert("RGB").save(damaged, format="PDF", resolution=SCAN_DPI)

    report = engine.read(damaged)
    opened = report.tables.requests.rows["open"]
    unread = opened.cells[0]
    assert unread.unread and unread.read_as == "ocr" and unread.raw == layout.UNSURE
    assert unread.confidence is not None and unread.confidence < layout.MIN_DIGIT_SCORE
    # Every other cell of the table is read, and as the text PDF has it.
    control = engine.read(original).tables.requests
    for key, row in report.tables.requests.rows.items():
        for i, cell in enumerate(row.cells):
            if (key, i) != ("open", 0):
                assert (cell.status, cell.value) == (control.rows[key].cells[i].status,
                                                     control.rows[key].cells[i].value), (key, i)
    findings = engine.check_file(damaged).findings
    [notice] = [f for f in findings if f.code == "E004" and f.location.table == "requests"]
    assert "「（一）予以公开」一行「自然人」列有 1 个数字从图片中认不准" in notice.message
    assert "无法读取" in notice.message
    assert not [f for f in findings if f.code in ("A005", "A006") and f.location.table == "requests"], \
        "an unread digit is neither a wrong value nor a blank"
    assert report_json(str(damaged), report)["cells_read"]["requests"]["open"]["0"] == {
        "read_as": "ocr", "confidence": unread.confidence}
    assert "「〔无法识别〕」*" in report_text(str(damaged), report)


def test_scans_one_after_another_in_a_worker_stay_within_its_memory_limit(engine, scans, r002_scan):
    # Pages read side by side take more memory: a worker under the default limit must still read
    # a second three-page scan after the first (it once failed with E001 here).
    import shutil

    from gxcheck import worker
    from gxcheck.engine import check_files

    if not worker.available():
        pytest.skip("no fork here")
    second = shutil.copy(r002_scan, scans / "r002-again.pdf")
    results = list(check_files(engine, [r002_scan, Path(second)], jobs=1))
    assert [r.error for r in results] == [None, None]
    assert [f.code for f in results[0].findings] == [f.code for f in results[1].findings]


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
    monkeypatch.setattr(rapid, "_IDLE", {})  # no engine made yet: the models are loaded under the ban
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


def test_each_cell_keeps_the_lowest_score_of_its_words():
    words = [word("规章", 0, 0, score=0.97), word("1", 0, 1, score=0.93), word("2", 0, 2), word("3", 0, 3)]
    two_words = [OcrWord(text="行政", x0=110, y0=115, x1=140, y1=135, score=0.9),
                 OcrWord(text="许可", x0=150, y0=115, x1=180, y1=135, score=0.85)]
    [table] = layout.page_blocks(ruled_page(rows=2), words + [word("4", 1, 1)], page=1)
    assert table.confidence[0] == (0.97, 0.93, 0.99, 0.99)
    assert table.confidence[1] == (None, 0.99, None, None), "an empty cell has no score"
    [table] = layout.page_blocks(ruled_page(rows=1), two_words, page=1)
    assert table.rows[0][0] == "行政许可" and table.confidence[0][0] == 0.85


def test_a_number_read_from_a_picture_with_a_letter_in_it_stays_ocr():
    # The engine read 「1O」 for 10: the row is all numbers, so it is 10, and the cell says it came
    # from a picture (with the engine's confidence), not from an OCR program's text.
    from gxcheck.ftypes import LoadedFile, Origin, TextBlock
    from gxcheck.recognize import recognize

    values = ("1O", "0", "0", "0", "0", "0", "10")
    rows = (("三、收到和处理政府信息公开申请情况",) + ("",) * 7, ("一、本年新收政府信息公开申请数量",) + values)
    scores = ((0.99,) + (None,) * 7, (0.98, 0.91) + (0.99,) * 6)
    loaded = LoadedFile(format="pdf", blocks=(
        TextBlock(text="三、收到和处理政府信息公开申请情况", origin=Origin(page=1, ocr=True)),
        TableBlock(rows=rows, confidence=scores, origin=Origin(page=1, ocr=True))))
    cell = recognize(loaded, "scan.pdf").tables.requests.rows["new"].cells[0]
    assert (cell.value, cell.raw, cell.read_as, cell.confidence) == (10, "1O", "ocr", 0.91)


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
