"""Pictures in a PDF, rendered by PDFium and read by the installed OCR engine.

* Pages that are only pictures (scans): the whole page is read (:func:`ocr_pages`).
* Pictures on pages with a text layer (a table pasted as an image): :func:`picture_boxes`
  finds the image objects large enough to hold a table, the loader keeps those with no
  characters over them, and ``gxcheck.loaders._pictures`` reads, through
  :func:`render_box`, only those standing where a table should be.

The resolution is the lowest tried at which the PP-OCR models read every table digit of
the corpus (scripts/ocr_corpus.py): 2× the PDF's 72 dpi, capped in pixels so that a page
of hostile size cannot take the memory; a scan of more pages than :data:`MAX_OCR_PAGES`
is not read beyond them.  The pages of one scan are read side by side when the run leaves
cores free (:func:`page_threads`).
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Optional, Sequence

from gxcheck.ftypes import Block, OcrWord, TextBlock
from gxcheck.hookspecs import OcrFunction
from gxcheck.loaders.pdf._furniture import _is_page_number
from gxcheck.ocr import cores_per_file, layout, use_threads
from gxcheck.ocr.layout import MIN_TEXT_SCORE, Placed, join_cut_rows, read_page, straighten

#: PDF points to pixels: 144 dpi.
OCR_SCALE = 2.0
#: No page image larger than this (pixels): an A4 page at 144 dpi is 2 million.
MAX_OCR_PIXELS = 6_000_000
#: Annual reports run to 3–30 pages; a longer scan is read this far.
MAX_OCR_PAGES = 40


#: Address space OCR of a page takes at its peak (measured: rapidocr's models and one A4 page at
#: 144 dpi, 1.8 GB with one page at a time, 2.4 GB with two), in MB.
_FIRST_PAGE_MB = 1900
_MORE_PAGE_MB = 600


def _room_mb() -> Optional[float]:
    """Address space this process may still take (the worker's memory limit), ``None`` when unlimited."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY:
            return None
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return None  # not Linux: no address-space limit is set by gxcheck.worker either
    return (soft - used) / 2**20


def page_threads(pages: int) -> int:
    """How many pages of one scan to read side by side: the cores left to this file (shared with
    the other files checked at once, ``--jobs``), as many as the memory limit has room for (with
    the default 2048 MB a worker reads one page at a time), and no more than the pages."""
    threads = cores_per_file()
    room = _room_mb()
    if room is not None:
        threads = min(threads, 1 + int((room - _FIRST_PAGE_MB) // _MORE_PAGE_MB))
    return max(1, min(pages, threads))


def ocr_pages(data: bytes, numbers: Sequence[int], ocr: OcrFunction) -> Optional[dict[int, list[Block]]]:
    """The blocks of each picture-only page (1-based ``numbers``) by OCR; ``None`` when no engine runs.

    PDFium renders the pages one after another (it is not made for threads); the engine reads
    up to :func:`page_threads` of them at once, each page rendered while others are being read."""
    import pypdfium2

    if not layout.available():
        return None  # no OpenCV, so no OCR extra: the grids cannot be rebuilt
    numbers = list(numbers)[:MAX_OCR_PAGES]
    threads = page_threads(len(numbers))
    use_threads(cores_per_file() // threads)  # the cores the pages side by side leave to each
    out: dict[int, list[Placed]] = {}
    pending: deque[tuple[int, Any, Future[Optional[Sequence[OcrWord]]]]] = deque()

    def take() -> bool:
        number, image, reading = pending.popleft()
        words = reading.result()
        if words is None:
            return False
        if not any(w.score >= MIN_TEXT_SCORE for w in words):
            out[number] = []  # a photo, a stamp, noise: nothing the engine is sure of
            return True
        placed = read_page(image, words, number)
        out[number] = [(b, xs) for b, xs in placed if not isinstance(b, TextBlock) or not _is_page_number(b.text)]
        return True

    pdf = pypdfium2.PdfDocument(data)
    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="gxcheck-ocr")
    try:
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = min(OCR_SCALE, (MAX_OCR_PIXELS / max(1.0, width * height)) ** 0.5)
            image = straighten(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
            pending.append((number, image, pool.submit(ocr, image)))
            while len(pending) > threads:  # at most one page waits beyond those being read
                if not take():
                    return None
        while pending:
            if not take():
                return None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        pdf.close()
    # Only pages that follow one another: a text page between them has its own joining.
    numbers_read = sorted(out)
    for a, b in zip(numbers_read, numbers_read[1:]):
        if b == a + 1:
            join_cut_rows([out[a], out[b]])
    return {number: [block for block, _ in placed] for number, placed in out.items()}


#: (x0, top, x1, bottom) in points, ``top`` measured down from the top of the page (as pdfplumber).
Box = tuple[float, float, float, float]
#: A picture narrower than this share of the page, or lower than this many points, holds no table.
_MIN_PICTURE_WIDTH = 0.3
_MIN_PICTURE_HEIGHT = 40.0


def picture_boxes(data: bytes, numbers: Sequence[int]) -> dict[int, list[Box]]:
    """The image objects large enough to hold a table on pages ``numbers`` (1-based), top to bottom."""
    import pypdfium2
    import pypdfium2.raw as raw

    out: dict[int, list[Box]] = {}
    pdf = pypdfium2.PdfDocument(data)
    try:
        for number in list(numbers)[:MAX_OCR_PAGES]:
            page = pdf[number - 1]
            try:
                if page.get_rotation():
                    continue  # a turned page: its boxes are not where the text layer's are
                left, _, right, top = page.get_mediabox()
                for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=1):
                    x0, y0, x1, y1 = obj.get_bounds()
                    if x1 - x0 >= _MIN_PICTURE_WIDTH * (right - left) and y1 - y0 >= _MIN_PICTURE_HEIGHT:
                        out.setdefault(number, []).append((x0 - left, top - y1, x1 - left, top - y0))
            finally:
                page.close()
    finally:
        pdf.close()
    return {number: sorted(boxes, key=lambda b: b[1]) for number, boxes in out.items()}


def render_box(data: bytes, number: int, box: Box) -> object:
    """The part ``box`` of page ``number`` as an RGB image, at the resolution scans are read at."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[number - 1]
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        x0, y0, x1, y1 = (max(0.0, box[0] - 2), max(0.0, box[1] - 2), min(width, box[2] + 2), min(height, box[3] + 2))
        scale = min(OCR_SCALE, (MAX_OCR_PIXELS / max(1.0, (x1 - x0) * (y1 - y0))) ** 0.5)
        image = page.render(scale=scale, crop=(x0, height - y1, width - x1, y0)).to_pil().convert("RGB")
        page.close()
        return image
    finally:
        pdf.close()
