"""PDF reports (a text layer is required): text lines and ruled tables, page by page.

For every page, in reading order (top to bottom):

* each table found from ruling lines becomes a :class:`TableBlock` whose grid is
  pdfplumber's: the text of a merged cell at its top-left position, ``None`` in
  the positions the merge covers, ``""`` for an empty cell.  A table that runs
  over several pages gives one block per page (the recognizer joins them); a
  row that a page break cut in two is joined back here;
* each text line outside the tables becomes a :class:`TextBlock` (origin: page,
  and line number on that page).  Where words stand far apart (columns of a
  table laid out without ruling lines) they are joined by two spaces, so the
  columns stay apart.

Page furniture is dropped: page-number lines (「- 1 -」, 「第 3 页」, 「3/6」) and
running headers or footers (the same line at the top or bottom of most pages).

The pipeline, one module a step:

1. here: the size and page limits; ``_survey``: the real page count, and each page's content
   (nested forms drawn, streams inflated) within a budget, before PDFium parses it; the file
   opened, or a message saying why it cannot be;
2. ``_pdfium``: each page read by PDFium (pypdfium2): its characters and its
   ruling lines, in the shapes pdfplumber gives them.  Files PDFium cannot read
   (damaged ones, for pdfminer to say why) or reads oddly are read instead by
   ``_plumber`` (pdfplumber, pdfminer underneath), the same way, several times
   slower;
3. ``_layout``: each page's characters put in table cells (pdfplumber's table
   finder) or text lines;
4. ``_furniture``: page numbers and running headers dropped; then ``_layout``
   joins the table rows that page breaks cut;
5. here: the blocks, and notes on what could not be read.
"""

from __future__ import annotations

import bisect
import logging
from functools import partial
from pathlib import Path
from typing import Optional, Sequence

from gxcheck.budget import MAX_CHARS
from gxcheck.ftypes import Block, LoadedFile, Origin, ReadError, TableBlock, TextBlock
from gxcheck.hookspecs import OcrFunction, hookimpl
from gxcheck.loaders.pdf._furniture import _drop_furniture
from gxcheck.loaders.pdf._furniture import _is_page_number as _is_page_number  # for the tests
from gxcheck.loaders.pdf._layout import TABLE_SETTINGS as TABLE_SETTINGS
from gxcheck.loaders.pdf._layout import _join_pages, _Page
from gxcheck.loaders.pdf._pdfium import _pdfium_api, _read_pdfium_page, _UsePdfplumber
from gxcheck.loaders.pdf._plumber import _read_plumber_page
from gxcheck.loaders._pictures import Picture, read_pictures
from gxcheck.loaders.pdf._scan import Box, ocr_pages, picture_boxes, render_box
from gxcheck.loaders.pdf._survey import survey
from gxcheck.ocr import INSTALL_HINT, OCR_NOTE

# pdfminer logs what it works around in a damaged file ("Data-loss while decompressing…") as
# warnings, which Python would print on stderr: what matters reaches the user as a finding or note.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

#: Larger files are refused unread: no annual report comes near this.
MAX_PDF_BYTES = 64 * 1024 * 1024
#: More pages than this is not an annual report (they run to 3–30 pages).
MAX_PDF_PAGES = 200

_LOCKED = "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"
_ODD_ENCRYPTION = "PDF 已加密，且加密方式无法处理，无法读取；请提供未加密的文件"


def _check_page_count(count: int) -> None:
    if count == 0:
        raise ReadError("PDF 文件中没有页面", code="E001")
    if count > MAX_PDF_PAGES:
        raise ReadError(f"PDF 有 {count} 页，超过 {MAX_PDF_PAGES} 页的上限，不像年度报告，未读取", code="E001")


def _unreadable(exc: BaseException) -> ReadError:
    # pdfplumber wraps pdfminer's exception in its own PdfminerException: look inside.
    seen = 0
    while exc.args and isinstance(exc.args[0], BaseException) and seen < 5:
        exc, seen = exc.args[0], seen + 1
    name = type(exc).__name__
    said = f"{name} {exc}".lower()
    if "password" in said:
        return ReadError(_LOCKED, code="E001")
    if "crypt" in said:
        return ReadError(_ODD_ENCRYPTION, code="E001")
    detail = str(exc).strip()[:120]
    return ReadError(f"PDF 文件已损坏或不完整，无法读取（{name}{': ' + detail if detail else ''}）", code="E001")


def _read_with_pdfium(data: bytes, real_pages: Optional[int] = None) -> list[_Page]:
    """The fast way; raises :class:`_UsePdfplumber` where pdfplumber should read the file instead.
    ``real_pages``, where the page tree was walked, overrides a page count that says more."""
    api = _pdfium_api()
    try:
        pdf = api.pdfium.PdfDocument(data)
    except api.pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == api.raw.FPDF_ERR_PASSWORD:
            raise ReadError(_LOCKED, code="E001") from None
        if code == api.raw.FPDF_ERR_SECURITY:
            raise ReadError(_ODD_ENCRYPTION, code="E001") from None
        raise _UsePdfplumber from exc  # damaged: pdfminer may still read it, or says why it cannot
    try:
        count = len(pdf) if real_pages is None else min(len(pdf), real_pages)
        _check_page_count(count)
        pages: list[_Page] = []
        for index in range(count):  # the characters are counted before they are read
            pages.append(_read_pdfium_page(api, pdf, index, MAX_CHARS - sum(p.info.chars for p in pages)))
        return pages
    finally:
        pdf.close()


def _read_with_pdfplumber(path: Path) -> list[_Page]:
    """The slow way, kept for the files PDFium cannot read: pdfplumber parses and finds the tables."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            _check_page_count(len(pdf.pages))
            pages = []
            for page in pdf.pages:
                pages.append(_read_plumber_page(page))
                page.close()  # free the page's parsed objects
            return pages
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, …
        raise _unreadable(exc) from None


def read_pdf(path: Path, ocr: Optional[OcrFunction] = None) -> LoadedFile:
    """Blocks of the PDF at ``path``; raises :class:`ReadError` when it cannot be read.

    Pages that are only pictures (scans) are read by ``ocr`` when an OCR engine is installed."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ReadError(f"PDF 文件有 {size / (1024 * 1024):.0f} MB，超过 {MAX_PDF_BYTES // (1024 * 1024)} MB 的上限，"
                        "不像年度报告，未读取", code="E001")
    data = path.read_bytes()
    surveyed = survey(data, MAX_PDF_PAGES)  # the real pages, and no page past the content budget
    if surveyed is not None:
        _check_page_count(surveyed.pages)
    try:
        read = _read_with_pdfium(data, surveyed.pages if surveyed is not None else None)
    except ReadError:
        raise
    except Exception:  # _UsePdfplumber, or PDFium failing in a way not foreseen: the slow way
        read = _read_with_pdfplumber(path)

    pages = [page.items for page in read]
    heights = [page.height for page in read]
    total_chars = sum(page.info.chars for page in read)
    undecodable = sum(page.info.undecodable for page in read)
    image_pages = [n for n, page in enumerate(read, start=1) if not page.info.chars and page.info.has_images]
    text_pages_with_images = [n for n, page in enumerate(read, start=1) if page.info.chars and page.info.has_images]
    trouble_pages = [n for n, page in enumerate(read, start=1) if page.info.table_trouble]

    scanned = ocr_pages(data, image_pages, ocr) if image_pages and ocr is not None else None
    if total_chars == 0 and scanned is not None and not any(scanned.values()):
        raise ReadError("PDF 没有文字层，可能是扫描件（页面只是图片），但 OCR 也没有在图片中认出文字；"
                        "请提供带文字层的 PDF 或原始 Word 文档", code="E002")
    if total_chars == 0 and not scanned:
        if image_pages:
            raise ReadError("PDF 没有文字层，可能是扫描件（页面只是图片），无法读取文字；"
                            f"请提供带文字层的 PDF 或原始 Word 文档，或{INSTALL_HINT}", code="E002")
        raise ReadError("PDF 没有文字层：文件中没有任何文字", code="E002")
    if total_chars and undecodable > 0.5 * total_chars:
        raise ReadError("PDF 的文字无法解码（字体缺少编码表，提取出来是乱码），无法读取；"
                        "请提供原始 Word 文档或重新导出的 PDF", code="E002")

    _drop_furniture(pages, heights)
    _join_pages(pages)

    notes: list[str] = []
    unread = [n for n in image_pages if not scanned or n not in scanned]
    if scanned:
        notes.append(f"第 {'、'.join(map(str, sorted(scanned)))} 页是图片（扫描件），文字由 OCR 识别；{OCR_NOTE}")
    if unread:
        hint = "" if scanned else f"；{INSTALL_HINT}"
        notes.append(f"第 {'、'.join(map(str, unread))} 页没有文字层（可能是扫描图片），其内容未读取{hint}")
    if trouble_pages:
        notes.append(f"第 {'、'.join(map(str, trouble_pages))} 页的表格线无法解析，这些页按文字行读取")
    if undecodable:
        notes.append(f"有 {undecodable} 个字符无法解码（字体缺少编码表），显示为 (cid:…)")

    blocks: list[Block] = []
    #: Where each block is: (page, top, bottom, right edge) in points.
    spans: list[tuple[int, float, float, float]] = []
    for number, items in enumerate(pages, start=1):
        if scanned and number in scanned:
            blocks.extend(scanned[number])
            spans.extend((number, 0.0, 0.0, 0.0) for _ in scanned[number])
            continue
        line_no = 0
        for it in items:
            if it.line is not None:
                line_no += 1
                blocks.append(TextBlock(text=it.line.text, origin=Origin(page=number, line=line_no)))
                spans.append((number, it.line.top, it.line.bottom, it.line.x1))
            elif it.grid is not None:
                rows = it.grid.rows()
                if rows:
                    blocks.append(TableBlock(rows=rows, origin=Origin(page=number)))
                    spans.append((number, it.grid.bbox[1], it.grid.bbox[3], it.grid.bbox[2]))
    ocr_pictures = 0
    unread_pictures: tuple[str, ...] = ()
    if text_pages_with_images:
        pictures = _pictures_without_text(data, picture_boxes(data, text_pages_with_images), spans)
        if pictures:
            found = read_pictures(blocks, pictures, ocr)
            blocks, ocr_pictures, unread_pictures = found.blocks, found.read, found.unread
            notes.extend(found.notes)
    return LoadedFile(format="pdf", blocks=tuple(blocks), notes=tuple(notes), ocr_pages=tuple(sorted(scanned or ())),
                      ocr_pictures=ocr_pictures, unread_pictures=unread_pictures)


def _pictures_without_text(data: bytes, boxes: dict[int, list[Box]],
                           spans: Sequence[tuple[int, float, float, float]]) -> list[Picture]:
    """The pictures of text pages that no text line or table of the text layer stands over, placed
    among the blocks by their top (a picture with text over it is a background or a stamp)."""
    starts = [(page, top) for page, top, _, _ in spans]
    out = []
    for number, page_boxes in boxes.items():
        for box in page_boxes:
            x0, top, _, bottom = box
            if any(page == number and top <= (above + below) / 2 <= bottom and right > x0
                   for page, above, below, right in spans):
                continue
            out.append(Picture(at=bisect.bisect_left(starts, (number, top)), origin=Origin(page=number),
                               open=partial(render_box, data, number, box)))
    return sorted(out, key=lambda p: p.at)


@hookimpl
def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
    if format != "pdf":
        return None
    return read_pdf(path, ocr)
