"""Pages that are only pictures (scans): rendered by PDFium and read by the installed OCR engine.

The resolution is the lowest at which the PP-OCR models read every table digit of
the corpus (see scripts/benchmark_ocr.py): 2× the PDF's 72 dpi, capped in pixels so
that a page of hostile size cannot take the memory; a scan of more pages than
:data:`MAX_OCR_PAGES` is not read beyond them.
"""

from __future__ import annotations

from typing import Optional, Sequence

from gxcheck.ftypes import Block, TextBlock
from gxcheck.hookspecs import OcrFunction
from gxcheck.loaders.pdf._furniture import _is_page_number
from gxcheck.ocr import layout
from gxcheck.ocr.layout import MIN_TEXT_SCORE, Placed, join_cut_rows, read_page, straighten

#: PDF points to pixels: 144 dpi.
OCR_SCALE = 2.0
#: No page image larger than this (pixels): an A4 page at 144 dpi is 2 million.
MAX_OCR_PIXELS = 6_000_000
#: Annual reports run to 3–30 pages; a longer scan is read this far.
MAX_OCR_PAGES = 40


def ocr_pages(data: bytes, numbers: Sequence[int], ocr: OcrFunction) -> Optional[dict[int, list[Block]]]:
    """The blocks of each picture-only page (1-based ``numbers``) by OCR; ``None`` when no engine runs."""
    import pypdfium2

    if not layout.available():
        return None  # no OpenCV, so no OCR extra: the grids cannot be rebuilt
    out: dict[int, list[Placed]] = {}
    pdf = pypdfium2.PdfDocument(data)
    try:
        for number in list(numbers)[:MAX_OCR_PAGES]:
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = min(OCR_SCALE, (MAX_OCR_PIXELS / max(1.0, width * height)) ** 0.5)
            image = straighten(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
            words = ocr(image)
            if words is None:
                return None
            if not any(w.score >= MIN_TEXT_SCORE for w in words):
                out[number] = []  # a photo, a stamp, noise: nothing the engine is sure of
                continue
            placed = read_page(image, words, number)
            out[number] = [(b, xs) for b, xs in placed if not isinstance(b, TextBlock) or not _is_page_number(b.text)]
    finally:
        pdf.close()
    # Only pages that follow one another: a text page between them has its own joining.
    numbers_read = sorted(out)
    for a, b in zip(numbers_read, numbers_read[1:]):
        if b == a + 1:
            join_cut_rows([out[a], out[b]])
    return {number: [block for block, _ in placed] for number, placed in out.items()}
