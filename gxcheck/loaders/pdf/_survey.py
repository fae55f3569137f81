"""A PDF's structure looked over before PDFium reads it: its real pages, and what its pages cost.

PDFium parses a page's content in one native call, with no budget: a 3 KB file whose form
XObjects each draw the next one eight times makes it build 16 million objects (5 GB, or an abort
that takes the process down), and a content stream that inflates to 2 GB is inflated whole.
So, first, the file's objects are read here with pdfminer's parser, which decodes nothing
unasked, and for each page:

* its content streams, and those of the forms it draws (``/Name Do``), are inflated with a
  bounded inflate, each form once (its cost is remembered), and the bytes PDFium would parse,
  counting every time a form is drawn, are added up; past :data:`MAX_PAGE_CONTENT` the file is
  refused with a finding;
* the pages are counted by walking the page tree (loop-safe), not taken from ``/Count``, which a
  file may get wrong: a 3-page file that claims 100,000 is read as 3 pages.

A file pdfminer cannot parse is left to the readers to judge (they say why it cannot be read).
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from typing import Any, Optional

from gxcheck.ftypes import ReadError

#: Content bytes one page may make PDFium parse, counting each drawing of a form: an ordinary
#: page has 10–200 KB; 8-fold nested forms reach gigabytes.
MAX_PAGE_CONTENT = 48 * 1024 * 1024
#: Forms one page may draw, counting each drawing (a logo or a page wrapped in a form is one).
MAX_PAGE_FORMS = 10_000
#: Page-tree nodes walked at most (a report has 3–30 pages; more than 200 is refused anyway).
MAX_TREE_NODES = 5000

_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_FLATE = ("FlateDecode", "Fl")
_TEXTUAL = ("ASCIIHexDecode", "AHx", "ASCII85Decode", "A85")


@dataclass(frozen=True)
class _Cost:
    """What PDFium would parse: content bytes, and forms drawn (each drawing a tree of objects)."""

    bytes: int = 0
    forms: int = 0

    def __add__(self, other: "_Cost") -> "_Cost":
        return _Cost(self.bytes + other.bytes, self.forms + other.forms)

    def __sub__(self, other: "_Cost") -> "_Cost":
        return _Cost(self.bytes - other.bytes, self.forms - other.forms)

    def over(self, budget: "_Cost") -> bool:
        return self.bytes > budget.bytes or self.forms > budget.forms


_PAGE = _Cost(MAX_PAGE_CONTENT, MAX_PAGE_FORMS)


class _Budget(Exception):
    """The page costs more than the budget (raised from deep in the walk)."""


@dataclass(frozen=True)
class Survey:
    #: Pages found by walking the page tree.
    pages: int


def _name(obj: Any) -> str:
    return str(getattr(obj, "name", obj))


def _inflate(data: bytes, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of ``data`` inflated; a corrupt tail ends it (as PDFium reads
    what it can)."""
    out = io.BytesIO()
    d = zlib.decompressobj()
    chunk = data
    try:
        while chunk and out.tell() <= limit:
            out.write(d.decompress(chunk, limit + 1 - out.tell()))
            chunk = d.unconsumed_tail
    except zlib.error:
        pass
    return out.getvalue()


class _Pages:
    def __init__(self, doc: Any) -> None:
        from pdfminer.pdftypes import PDFStream, resolve1

        self.doc, self.resolve, self.stream_type = doc, resolve1, PDFStream
        self.cost: dict[int, _Cost] = {}  # form object id -> what drawing it costs
        self.active: set[int] = set()  # forms being walked (PDFium does not enter a form inside itself)

    def content(self, stream: Any, limit: int) -> bytes:
        """The decoded bytes of a content stream, at most ``limit`` + 1 of them."""
        data = stream.rawdata if stream.rawdata is not None else (stream.data or b"")
        if stream.decipher and stream.objid is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        for f, _ in stream.get_filters():
            kind = _name(f)
            if kind in _FLATE:
                data = _inflate(data, limit)
            elif kind in _TEXTUAL:
                from pdfminer.ascii85 import ascii85decode, asciihexdecode

                data = (asciihexdecode if kind in ("ASCIIHexDecode", "AHx") else ascii85decode)(data)
            else:  # LZW, run length, images: not measured (no content stream in a report uses them)
                return b""
        return data[: limit + 1]

    def drawn(self, data: bytes, resources: Any, budget: "_Cost") -> "_Cost":
        """What the forms drawn by content ``data`` with ``resources`` cost, within ``budget``."""
        resources = self.resolve(resources)
        xobjects = self.resolve(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return _Cost()
        total = _Cost()
        for match in _DO.finditer(data):
            ref = xobjects.get(match.group(1).decode("latin-1"))
            objid = getattr(ref, "objid", None)
            form = self.resolve(ref)
            if not isinstance(form, self.stream_type) or _name(form.get("Subtype")) != "Form":
                continue
            key = objid if objid is not None else id(form)
            if key in self.active:
                continue
            cost = self.cost.get(key)
            if cost is None:
                self.active.add(key)
                try:
                    inner = self.content(form, budget.bytes)
                    cost = _Cost(len(inner), 1) + self.drawn(inner, form.get("Resources", resources), budget)
                finally:
                    self.active.discard(key)
                self.cost[key] = cost
            total += cost
            if total.over(budget):
                raise _Budget
        return total

    def page_cost(self, page: dict[str, Any], resources: Any) -> None:
        contents = self.resolve(page.get("Contents"))
        streams = contents if isinstance(contents, list) else [contents]
        total = _Cost()
        for ref in streams:
            stream = self.resolve(ref)
            if not isinstance(stream, self.stream_type):
                continue
            data = self.content(stream, MAX_PAGE_CONTENT - total.bytes)
            total += _Cost(len(data), 0)
            if total.over(_PAGE):
                raise _Budget
            total += self.drawn(data, resources, _PAGE - total)
            if total.over(_PAGE):
                raise _Budget


def survey(data: bytes, max_pages: int) -> Optional[Survey]:
    """The real page count of the PDF ``data``; raises :class:`ReadError` for a page past the
    content budget.  ``None`` when pdfminer cannot parse the file (the readers will say why).
    Counting stops past ``max_pages``."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser

        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = _Pages(doc)
        root = pages.resolve(doc.catalog.get("Pages"))
    except Exception:  # damaged, encrypted with a password, …: PDFium or pdfminer says what
        return None
    if not isinstance(root, dict):
        return None
    count = nodes = 0
    seen: set[int] = set()
    stack: list[tuple[Any, Any]] = [(root, root.get("Resources"))]
    try:
        while stack and count <= max_pages and nodes < MAX_TREE_NODES:
            node, inherited = stack.pop()
            node = pages.resolve(node)
            nodes += 1
            if not isinstance(node, dict) or id(node) in seen:
                continue
            seen.add(id(node))
            resources = node.get("Resources", inherited)
            kids = pages.resolve(node.get("Kids"))
            if isinstance(kids, list) and _name(node.get("Type")) != "Page":
                stack.extend((kid, resources) for kid in reversed(kids))
                continue
            count += 1
            pages.page_cost(node, resources)
    except _Budget:
        raise ReadError(f"PDF 第 {count} 页的内容过于庞大（解压并展开嵌套的图形后超过 {MAX_PAGE_FORMS:,} 个图形"
                        f"或 {MAX_PAGE_CONTENT // (1024 * 1024)} MB），远超正常报告，可能是恶意构造的文件，未读取",
                        code="E001") from None
    except Exception:  # an odd object pdfminer chokes on: leave the judgement to the readers
        return None
    return Survey(pages=count)
