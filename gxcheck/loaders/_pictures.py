"""Pictures standing where a table should be (a table pasted as an image), read by OCR.

Reports often paste table 二, 三 or 四 as a picture into an otherwise written docx,
web page or PDF.  Each loader finds the pictures of its file and says where in its
flow of blocks each one stands (:class:`Picture`); this module decides which of them
stand *where a table should be* — inside part 二, 三 or 四 (found by the part headings
of the text) when that part has no table of its own — and reads those, and only
those, through the OCR engine the manager hands the loader.  A part whose table the
text already gives is never read by OCR; a logo, a photo or a seal elsewhere is never
even opened.

Each picture read becomes the grid blocks every loader gives (``gxcheck.ocr.layout``:
rows and columns from the picture's ruling lines), so the recognizer and the rules
see a table like any other.  Without an OCR engine the picture is left unread, the
loader says so, and the part is listed in ``LoadedFile.unread_pictures`` so that the
finding about the missing table can say what to install.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from gxcheck.ftypes import Block, Origin, TableBlock, TextBlock
from gxcheck.hookspecs import OcrFunction
from gxcheck.national import PART_NAMES, TABLE_PART
from gxcheck.ocr import OCR_NOTE, PICTURE_HINT, cores_per_file, use_threads
from gxcheck.ocr import layout
from gxcheck.recognize.structure import match_heading

#: The parts that hold a table (二, 三, 四).
TABLE_PARTS = frozenset(TABLE_PART.values())
#: A picture file larger than this is not opened (a photo of a table is a few MB at most).
MAX_PICTURE_BYTES = 20 * 1024 * 1024
#: Pictures of more pixels than this are not decoded (a decompression bomb stops here) …
MAX_PICTURE_PIXELS = 40_000_000
#: … and a picture is shrunk to at most this many before OCR (an A4 page at 144 dpi is 2 million).
MAX_OCR_PIXELS = 6_000_000
#: The picture formats read; others (EMF/WMF drawings, SVG) are not pictures of a scan.
PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")
#: No report has more tables than this pasted as pictures.
MAX_PICTURES = 12


@dataclass(frozen=True)
class Picture:
    """A picture in the flow of a file: after the first ``at`` blocks."""

    at: int
    origin: Origin
    #: Opens the picture as an RGB ``PIL.Image.Image`` (``None`` when it cannot be); ``None`` for a
    #: picture the file only links to (a web page's ``<img src="http://…">``): that is never opened.
    open: Optional[Callable[[], Optional[Any]]]


@dataclass
class PicturesRead:
    """The blocks with the tables read from pictures put in their places, and what to tell the user."""

    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    #: How many pictures were read as tables.
    read: int = 0
    #: Parts (``s2``–``s4``) where a picture stands for the table and no OCR engine could read it.
    unread: tuple[str, ...] = ()


def where_tables_belong(blocks: Sequence[Block], pictures: Sequence[Picture]) -> list[tuple[Picture, str]]:
    """The pictures standing where a table should be, each with the part (``s2``–``s4``) it stands in."""
    part_after: list[Optional[str]] = []  # the part each block belongs to
    with_table: set[str] = set()
    part: Optional[str] = None
    for block in blocks:
        if isinstance(block, TextBlock):
            found = match_heading(block.text)
            if found:
                part = found[0]
        elif part is not None and any(any(cell and cell.strip() for cell in row if cell) for row in block.rows):
            with_table.add(part)
        part_after.append(part)
    out = []
    for picture in pictures:
        here = part_after[picture.at - 1] if 0 < picture.at <= len(part_after) else None
        if here in TABLE_PARTS and here not in with_table:
            out.append((picture, here))
    return out


def open_picture(data: bytes) -> Optional[Any]:
    """The picture in ``data`` as an RGB image small enough for OCR; ``None`` when it is not one gxcheck reads."""
    if len(data) > MAX_PICTURE_BYTES:
        return None
    from PIL import Image

    try:
        stored = Image.open(io.BytesIO(data), formats=PICTURE_FORMATS)
        width, height = stored.size  # read from the header: nothing is decoded yet
        if width * height > MAX_PICTURE_PIXELS or min(width, height) < 16:
            return None
        image = stored.convert("RGB")
    except Exception:  # Pillow raises many kinds for a broken or unknown picture: it is simply not read
        return None
    if width * height > MAX_OCR_PIXELS:
        scale = (MAX_OCR_PIXELS / (width * height)) ** 0.5
        image = image.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    return image


def _tables_of(image: Any, ocr: OcrFunction, origin: Origin) -> Optional[list[Block]]:
    """The ruled tables OCR finds in ``image``; ``None`` when no engine runs."""
    image = layout.straighten(image)
    words = ocr(image)
    if words is None:
        return None
    blocks = layout.page_blocks(image, words, page=origin.page or 1)
    placed = origin.model_copy(update={"ocr": True})
    return [b.model_copy(update={"origin": placed}) for b in blocks if isinstance(b, TableBlock)]


def read_pictures(blocks: Sequence[Block], pictures: Sequence[Picture], ocr: Optional[OcrFunction]) -> PicturesRead:
    """``blocks`` with each picture that stands where a table should be replaced by the tables OCR reads in it."""
    slots = where_tables_belong(blocks, pictures)
    out = PicturesRead(blocks=list(blocks))
    if not slots:
        return out
    engine = ocr if ocr is not None and layout.available() else None
    use_threads(cores_per_file())  # one picture at a time: each may use every core left to the file
    found: list[tuple[int, list[Block]]] = []
    unread: list[str] = []
    unopened: list[str] = []
    empty: list[str] = []
    linked: list[str] = []
    for picture, part in slots[:MAX_PICTURES]:
        if picture.open is None:
            linked.append(part)
            continue
        if engine is None:
            unread.append(part)
            continue
        image = picture.open()
        if image is None:
            unopened.append(part)
            continue
        tables = _tables_of(image, engine, picture.origin)
        if tables is None:
            unread.append(part)
        elif not tables:
            empty.append(part)
        else:
            found.append((picture.at, tables))
    for at, tables in reversed(found):  # from the end, so the earlier positions still hold
        out.blocks[at:at] = tables
    out.read = len(found)
    out.unread = tuple(dict.fromkeys(unread))

    def names(parts: list[str]) -> str:
        return "、".join(PART_NAMES[p] for p in dict.fromkeys(parts))

    if found:
        parts = [part for (picture, part) in slots if any(picture.at == at for at, _ in found)]
        out.notes.append(f"{names(parts)}的表格是图片，由 OCR 识别；{OCR_NOTE}")
    if unread:
        out.notes.append(f"{names(unread)}应为表格之处是一张图片，未能识别其中的数字；{PICTURE_HINT}")
    if unopened:
        out.notes.append(f"{names(unopened)}应为表格之处的图片无法打开（格式不支持或文件损坏），其内容未读取")
    if linked:
        out.notes.append(f"{names(linked)}应为表格之处是一张链接到别处的图片；gxcheck 不打开文件中的链接，"
                         "其内容未读取，请把图片放进文件或改为文字表格")
    if empty:
        out.notes.append(f"{names(empty)}应为表格之处的图片中没有认出带表格线的表格，其内容未读取")
    return out
