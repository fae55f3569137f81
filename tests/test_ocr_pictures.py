"""Tables pasted as pictures into a written report (docx, web page, text PDF), read by OCR.

The files are built here from a corpus PDF: its text and tables written into a new docx
or web page, table 三 replaced by a picture of it cropped from the PDF's own pages
(rendered by PDFium at the resolution scans are read at); the text PDF is that docx
exported by LibreOffice.  The same file with table 三 left as a table is the control:
read from the picture, table 三 must hold the same numbers, and the findings must be
the same, saying that the numbers came from a picture.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Optional, Sequence

import pytest

from conftest import shared_path
from gxcheck.engine import Engine
from gxcheck.ftypes import TableBlock
from gxcheck.hookspecs import hookimpl
from gxcheck.loaders.pdf import TABLE_SETTINGS, read_pdf
from gxcheck.manager import Plugins
from gxcheck.ocr import OCR_NOTE, PICTURE_HINT
from gxcheck.show import report_json

pytest.importorskip("rapidocr", reason="the OCR extra is not installed (pip install -e '.[ocr]')")

#: r022: table 三 runs from page 1 (its second table) onto page 2 (its first), and its
#: 科研机构 column does not balance (a planted defect: A001).
SOURCE = "r022.pdf"
TABLE_3_PIECES = ((0, 1), (1, 0))
#: Table 三 is the 2nd and 3rd table block the PDF loader gives (one per page).
TABLE_3_BLOCKS = (2, 3)
SCALE = 2.0  # 144 dpi, as scans are read


def table_picture(pdf: Path, pieces: Sequence[tuple[int, int]] = TABLE_3_PIECES) -> Any:
    """The table as one picture: each piece (page, table on that page) cropped at its ruling, stacked."""
    import pdfplumber
    import pypdfium2
    from PIL import Image

    crops = []
    document = pypdfium2.PdfDocument(str(pdf))
    with pdfplumber.open(pdf) as plumber:
        for n, (page, index) in enumerate(pieces):
            x0, top, x1, bottom = plumber.pages[page].find_tables(TABLE_SETTINGS)[index].bbox
            image = document[page].render(scale=SCALE).to_pil().convert("RGB")
            # Pieces meet at their ruling lines, so the joined table has one line there, not two.
            above = 2 if n else 8
            below = 2 if n + 1 < len(pieces) else 8
            crops.append(image.crop((int(x0 * SCALE) - 8, int(top * SCALE) - above,
                                     int(x1 * SCALE) + 8, int(bottom * SCALE) + below)))
    document.close()
    picture = Image.new("RGB", (max(c.width for c in crops), sum(c.height for c in crops)), "white")
    y = 0
    for crop in crops:
        picture.paste(crop, (0, y))
        y += crop.height
    return picture


def png(picture: Any) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def docx_of(pdf: Path, target: Path, picture: Optional[Any] = None, replace: Sequence[int] = (),
            extra_picture_after: Optional[int] = None) -> Path:
    """The PDF's text and tables as a docx; the tables numbered in ``replace`` become ``picture``.

    ``extra_picture_after``: a picture (a photo, say) also put after that table."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    tables = 0
    for block in read_pdf(pdf).blocks:
        if not isinstance(block, TableBlock):
            document.add_paragraph(block.text)
            continue
        tables += 1
        if tables in replace:
            if tables == replace[0] and picture is not None:
                document.add_picture(io.BytesIO(png(picture)), width=Cm(15))
            continue
        table = document.add_table(rows=len(block.rows), cols=max(map(len, block.rows)))
        table.style = "Table Grid"  # ruled, as reports are
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text or ""
        if tables == extra_picture_after and picture is not None:
            document.add_picture(io.BytesIO(png(picture)), width=Cm(15))
    document.save(target)
    return target


class CountingOcr:
    """Counts the pictures sent to OCR, then lets the installed engine read them."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl(tryfirst=True)
    def gxcheck_ocr(self, image: Any) -> None:
        self.calls += 1


def counted() -> tuple[Engine, CountingOcr]:
    counter = CountingOcr()
    return Engine(Plugins(extra=[("counting-ocr", counter)])), counter


def errors(result) -> list[tuple[str, str]]:
    return sorted((f.code, f.message) for f in result.findings if f.severity.value == "error")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    pdf = shared_path("corpus", SOURCE)
    picture = table_picture(pdf)
    return {
        "pdf": pdf,
        "control": docx_of(pdf, folder / "control.docx"),
        "picture": docx_of(pdf, folder / "picture.docx", picture, TABLE_3_BLOCKS),
        "photo": docx_of(pdf, folder / "photo.docx", picture, extra_picture_after=3),
    }


def test_a_docx_whose_table_3_is_a_picture_is_checked(files, truth):
    engine, counter = counted()
    control, read = engine.check_file(files["control"]), engine.check_file(files["picture"])
    assert counter.calls == 1
    tables = report_json("x", read.report)["tables"]
    assert tables == report_json("x", control.report)["tables"]
    assert tables["requests"] == truth[SOURCE]["tables"]["requests"]
    # The planted defect is found, and said to rest on numbers read from a picture.
    assert [code for code, _ in errors(read)] == [code for code, _ in errors(control)] == ["A001", "A001"]
    assert [m for _, m in errors(read)] == [f"{m}（{OCR_NOTE}）" for _, m in errors(control)]
    assert any("第三部分的表格是图片" in note for note in read.report.notes)


def test_ocr_never_runs_where_the_text_gives_the_table(files):
    engine, counter = counted()
    result = engine.check_file(files["photo"])
    assert counter.calls == 0
    assert errors(result) == errors(engine.check_file(files["control"]))


def test_without_an_ocr_engine_the_picture_is_said_to_need_the_extra(files):
    result = Engine(Plugins(disabled=["ocr-rapidocr"])).check_file(files["picture"])
    [t001] = [f for f in result.findings if f.code == "T001"]
    assert t001.location.table == "requests" and "图片" in t001.message and PICTURE_HINT in t001.message
    assert any(PICTURE_HINT in note for note in result.report.notes)


# --------------------------------------------------------------------------- web pages


def html_of(pdf: Path, target: Path, table_3: str = "") -> Path:
    """The PDF's text and tables as a web page; table 三 replaced by ``table_3`` (markup) when given."""
    from html import escape

    out = ["<html><head><meta charset='utf-8'><title>x</title></head><body><div id='zoom'>"]
    tables = 0
    for block in read_pdf(pdf).blocks:
        if not isinstance(block, TableBlock):
            out.append(f"<p>{escape(block.text)}</p>")
            continue
        tables += 1
        if table_3 and tables in TABLE_3_BLOCKS:
            out.append(table_3 if tables == TABLE_3_BLOCKS[0] else "")
            continue
        out.append("<table border='1'>")
        for row in block.rows:
            out.append("<tr>" + "".join(f"<td>{escape(c or '').replace(chr(10), '<br>')}</td>" for c in row) + "</tr>")
        out.append("</table>")
    out.append("</div></body></html>")
    target.write_text("\n".join(out), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    import base64

    folder = tmp_path_factory.mktemp("pages")
    pdf = shared_path("corpus", SOURCE)
    picture = png(table_picture(pdf))
    (folder / "t3.png").write_bytes(picture)
    inline = f"<p><img src='data:image/png;base64,{base64.b64encode(picture).decode()}'></p>"
    linked = (f"<p><img src='t3.png'><img src='{(folder / 't3.png').as_uri()}'>"
              "<img src='http://127.0.0.1:9/t3.png'><img src='//example.invalid/t3.png'></p>")
    return {"control": html_of(pdf, folder / "control.html"), "inline": html_of(pdf, folder / "inline.html", inline),
            "linked": html_of(pdf, folder / "linked.html", linked)}


def test_a_web_page_whose_table_3_is_a_data_uri_picture_is_checked(pages, truth):
    engine, counter = counted()
    control, read = engine.check_file(pages["control"]), engine.check_file(pages["inline"])
    assert counter.calls == 1
    tables = report_json("x", read.report)["tables"]
    assert tables == report_json("x", control.report)["tables"]
    assert tables["requests"] == truth[SOURCE]["tables"]["requests"]
    assert [m for _, m in errors(read)] == [f"{m}（{OCR_NOTE}）" for _, m in errors(control)]


_WATCHING: list[tuple[str, str]] = []
_ON = [False]


def _audit(event: str, args: tuple) -> None:
    if _ON[0] and (event.startswith(("socket.", "urllib.")) or (event == "open" and "t3.png" in str(args[0]))):
        _WATCHING.append((event, str(args[:2])))


def test_a_picture_the_page_only_links_to_is_never_opened(pages):
    import sys

    from gxcheck.loaders.html import read_html

    sys.addaudithook(_audit)  # stays for the process; records only while _ON
    calls: list[Any] = []
    _ON[0] = True
    try:
        loaded = read_html(pages["linked"], ocr=lambda image: calls.append(image))
    finally:
        _ON[0] = False
    assert _WATCHING == [] and calls == []
    assert not any(isinstance(b, TableBlock) and "申请人情况" in str(b.rows) for b in loaded.blocks)
    assert any("链接到别处的图片" in note and "不打开" in note for note in loaded.notes)


# --------------------------------------------------------------------------- text PDFs


def with_picture(pdf: Path, target: Path, page: int, box: tuple[float, float, float, float]) -> Path:
    """``pdf`` with a picture of table 三 put on ``page`` (0-based) over ``box`` (x0, top, x1, bottom)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    x0, top, x1, bottom = box
    there = document[page]
    image = pypdfium2.PdfImage.new(document)
    image.set_bitmap(pypdfium2.PdfBitmap.from_pil(table_picture(pdf)))
    image.set_matrix(pypdfium2.PdfMatrix().scale(x1 - x0, bottom - top).translate(x0, there.get_height() - bottom))
    there.insert_obj(image)
    there.gen_content()
    document.save(str(target))
    document.close()
    return target


def as_pdf(source: Path, folder: Path) -> Path:
    """``source`` printed to PDF by LibreOffice (as a clerk exports a Word report)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / (source.stem + ".pdf")


@pytest.fixture(scope="module")
def pdfs(files, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    pdf = shared_path("corpus", SOURCE)
    # Over the empty foot of page 1, inside part 三, whose table the text layer gives.
    return {"pasted": as_pdf(files["picture"], folder), "beside": with_picture(pdf, folder / "beside.pdf", 0, (90, 716, 510, 800))}


def test_a_table_pasted_as_a_picture_into_a_text_pdf_is_read_from_that_region(files, pdfs, truth):
    engine, counter = counted()
    read = engine.check_file(pdfs["pasted"])
    assert counter.calls == 1  # the picture of table 三, nothing else
    assert read.report.ocr_pages == ()  # no page is a scan
    assert report_json("x", read.report)["tables"]["requests"] == truth[SOURCE]["tables"]["requests"]
    control = engine.check_file(files["control"])
    assert [m for _, m in errors(read)] == [f"{m}（{OCR_NOTE}）" for _, m in errors(control)]


def test_ocr_never_runs_on_a_pdf_whose_text_layer_gives_the_table(pdfs):
    from gxcheck.loaders.pdf._scan import picture_boxes

    assert list(picture_boxes(pdfs["beside"].read_bytes(), [1, 2])) == [1]  # the picture is there
    engine, counter = counted()
    result = engine.check_file(pdfs["beside"])
    assert counter.calls == 0
    assert errors(result) == errors(engine.check_file(shared_path("corpus", SOURCE)))
