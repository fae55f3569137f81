"""The pdf loader: lines and ruled tables in reading order, page furniture dropped,
rows cut by page breaks joined, unreadable files refused with E001/E002.

The small PDFs are written here by hand (pdfplumber cannot write PDFs): ASCII text
in the standard Helvetica and Courier fonts, ruling lines, an image, encryption,
form XObjects.  The loader reads with PDFium and falls back to pdfplumber; the tests
taking the ``parser`` fixture run once with each, and both must read alike.
"""

from __future__ import annotations

import hashlib
import json
import random
import struct
from pathlib import Path
from typing import Optional, Sequence, Union

import pytest

from conftest import run_cli, shared_path, show_json
from gxcheck.ftypes import ReadError, TableBlock, TextBlock
from gxcheck.loaders import pdf as loader

# --------------------------------------------------------------------------- writing PDFs

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _standard_security(user: bytes, owner: bytes, permissions: int = -4) -> tuple[bytes, bytes, bytes, int]:
    """(file key, /O, /U, /P) of the PDF standard security handler, revision 2 (RC4, 40 bits)."""
    padded_user = (user + _PAD)[:32]
    o_key = hashlib.md5((owner + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(o_key, padded_user)
    key = hashlib.md5(padded_user + o_entry + struct.pack("<i", permissions) + _FILE_ID).digest()[:5]
    return key, o_entry, _rc4(key, _PAD), permissions


Obj = Union[bytes, tuple[bytes, bytes]]  # a plain object, or (extra dictionary entries, stream data)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
# A font without any way to Unicode (Identity encoding, no ToUnicode): its text is undecodable.
UNDECODABLE_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts [<< "
                    b"/Type /Font /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo << /Registry (Adobe) "
                    b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /Foo "
                    b"/Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 "
                    b"/StemV 80 >> /DW 1000 >>] >>")


def write_pdf(contents: Sequence[bytes], *, image: bool = False, encrypt: Optional[tuple[bytes, bytes]] = None,
              trailer_extra: bytes = b"", page_extra: bytes = b"", mediabox: bytes = b"0 0 612 792",
              forms: Sequence[bytes] = (), font1: bytes = HELVETICA) -> bytes:
    """A PDF with one page per content stream; fonts /F1 Helvetica, /F2 Courier; /Im1 a grey image;
    /Fm1, /Fm2 … the ``forms`` (form XObjects, each moved 10 right and 20 down by its /Matrix)."""
    objects: list[Obj] = [b"", b"",  # 1 catalog, 2 page tree: filled below
                          font1,
                          b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
                          (b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                           b"/BitsPerComponent 8", b"\x00\x80\xff\x40")]
    fonts = b"/Font << /F1 3 0 R /F2 4 0 R >>"
    xobjects = [b"/Im1 5 0 R"] if image else []
    for number, form in enumerate(forms, start=1):
        objects.append((b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 10 -20] "
                        b"/Resources << " + fonts + b" >>", form))
        xobjects.append(b"/Fm%d %d 0 R" % (number, len(objects)))
    kids = []
    for content in contents:
        objects.append((b"", content))
        content_ref = len(objects)
        xobject = b" /XObject << " + b" ".join(xobjects) + b" >>" if xobjects else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [" + mediabox + b"] " + page_extra
                       + b" /Resources << " + fonts + xobject + b" >> /Contents %d 0 R >>" % content_ref)
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    key = None
    if encrypt is not None:
        key, o_entry, u_entry, perms = _standard_security(*encrypt)
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
                       + u_entry.hex().encode() + b"> /P %d >>" % perms)
        trailer_extra += b" /Encrypt %d 0 R" % len(objects)
    if encrypt is not None or b"/Encrypt" in trailer_extra:
        trailer_extra += b" /ID [<" + _FILE_ID.hex().encode() + b"> <" + _FILE_ID.hex().encode() + b">]"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        if isinstance(obj, tuple):
            extra, data = obj
            if key is not None and not (encrypt and number == len(objects)):
                obj_key = hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10]
                data = _rc4(obj_key, data)
            body = b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
        else:
            body = obj
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def text(x: float, y: float, s: str, font: str = "F1", size: float = 12) -> bytes:
    escaped = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size:g} Tf {x:g} {y:g} Td ({escaped}) Tj ET\n".encode("latin-1")


def line(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return f"{x0:g} {y0:g} m {x1:g} {y1:g} l S\n".encode()


def grid(xs: Sequence[float], ys: Sequence[float], skip_vertical: Sequence[tuple[float, float]] = ()) -> bytes:
    """Ruling lines of a table: horizontal lines at ``ys``, vertical ones at ``xs`` between
    consecutive ``ys``, except the (x, y_top) pairs in ``skip_vertical`` (merged cells)."""
    out = b"0.5 w\n"
    for y in ys:
        out += line(xs[0], y, xs[-1], y)
    for x in xs:
        for top, bottom in zip(ys, ys[1:]):
            if (x, top) not in skip_vertical:
                out += line(x, top, x, bottom)
    return out


def save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(loaded) -> list[str]:
    return [b.text for b in loaded.blocks if isinstance(b, TextBlock)]


def tables(loaded) -> list[TableBlock]:
    return [b for b in loaded.blocks if isinstance(b, TableBlock)]


def _pdfplumber_only(monkeypatch) -> None:
    """Read as if PDFium could not: the loader's fallback, pdfplumber."""
    def refuse(data):
        raise loader._UsePdfplumber("test")

    monkeypatch.setattr(loader, "_read_with_pdfium", refuse)


@pytest.fixture(params=["pdfium", "pdfplumber"])
def parser(request, monkeypatch) -> str:
    if request.param == "pdfplumber":
        _pdfplumber_only(monkeypatch)
    else:  # PDFium must read these itself, without falling back
        def no_fallback(path):
            raise AssertionError(f"fell back to pdfplumber for {path}")

        monkeypatch.setattr(loader, "_read_with_pdfplumber", no_fallback)
    return request.param


# --------------------------------------------------------------------------- text and tables


def test_lines_in_reading_order_with_page_and_line(parser, tmp_path):
    # Drawn bottom first: the order on the page is what counts, not the content stream's.
    page1 = text(72, 600, "third line") + text(72, 700, "first line") + text(72, 650, "second (line)")
    page2 = text(72, 700, "next page")
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([page1, page2])))
    assert loaded.format == "pdf"
    assert [(b.text, b.origin.page, b.origin.line) for b in loaded.blocks] == [
        ("first line", 1, 1), ("second (line)", 1, 2), ("third line", 1, 3), ("next page", 2, 1)]


def test_words_are_spaced_and_columns_kept_apart(parser, tmp_path):
    content = text(72, 700, "two words") + text(72, 650, "Label") + text(300, 650, "12") + text(400, 650, "7")
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert texts(loaded) == ["two words", "Label  12  7"]


def test_fake_bold_is_read_once(parser, tmp_path):
    content = text(72, 700, "Bold") + text(72.3, 700, "Bold")
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert texts(loaded) == ["Bold"]


def test_page_numbers_and_running_headers_are_dropped(parser, tmp_path):
    marks = ["- {n} -", "\x97 {n} \x97", "{n}/3"]  # \x97 is an em dash in WinAnsi
    pages = []
    for n in (1, 2, 3):
        pages.append(text(200, 760, "Town of Example annual report 2024") + text(72, 700, f"body of page {n}")
                     + text(72, 680, "Town of Example annual report 2024 is quoted here too")
                     + text(290, 40, marks[n - 1].format(n=n)))
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf(pages)))
    assert texts(loaded) == ["body of page 1", "Town of Example annual report 2024 is quoted here too",
                             "body of page 2", "Town of Example annual report 2024 is quoted here too",
                             "body of page 3", "Town of Example annual report 2024 is quoted here too"]
    assert [b.origin.line for b in loaded.blocks] == [1, 2, 1, 2, 1, 2]


@pytest.mark.parametrize("mark", ["- 1 -", "Page 1 of 1", "1"])
def test_page_number_of_a_single_page(parser, tmp_path, mark):
    content = text(72, 700, "Title of the report") + text(72, 680, "body") + text(300, 40, mark)
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert texts(loaded) == ["Title of the report", "body"]


def test_a_title_is_not_a_running_header(parser, tmp_path):
    pages = [text(72, 760, "Title") + text(72, 700, "one"), text(72, 760, "Other") + text(72, 700, "two")]
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf(pages)))
    assert texts(loaded) == ["Title", "one", "Other", "two"]


def test_ruled_table_is_a_grid_between_its_text_lines(parser, tmp_path):
    xs, ys = (72, 172, 272, 372), (700, 680, 660, 640)
    content = (text(72, 720, "Before") + grid(xs, ys, skip_vertical=[(272, 660)])
               + text(75, 686, "Head") + text(175, 686, "Col1") + text(275, 686, "Col2")
               + text(75, 666, "Row1") + text(275, 666, "5")
               + text(75, 646, "Row2") + text(175, 646, "wide cell")
               + text(72, 620, "After"))
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    kinds = [(b.kind, b.text if isinstance(b, TextBlock) else None) for b in loaded.blocks]
    assert kinds == [("text", "Before"), ("table", None), ("text", "After")]
    table = tables(loaded)[0]
    assert table.origin.page == 1
    assert table.rows == (("Head", "Col1", "Col2"), ("Row1", "", "5"), ("Row2", "wide cell", None))
    assert [b.origin.line for b in loaded.blocks if isinstance(b, TextBlock)] == [1, 2]


def test_text_broken_inside_a_cell_keeps_its_line_break(parser, tmp_path):
    content = (grid((72, 122, 222), (700, 660)) + text(75, 688, "long", size=10) + text(75, 674, "label", size=10)
               + text(125, 688, "3", size=10))
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert tables(loaded)[0].rows == (("long\nlabel", "3"),)


def test_text_set_vertically_in_cells_reads_in_order(parser, tmp_path):
    def turned(x: float, y: float, s: str, up: bool) -> bytes:
        matrix = "0 1 -1 0" if up else "0 -1 1 0"
        return f"BT /F2 10 Tf {matrix} {x:g} {y:g} Tm ({s}) Tj ET\n".encode()

    content = (grid((72, 122, 172, 222), (760, 680))
               + turned(100, 690, "Total", up=True) + turned(112, 690, "sum", up=True)
               + turned(145, 750, "Down", up=False) + text(175, 740, "7"))
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert tables(loaded)[0].rows == (("Total\nsum", "Down", "7"),)


def test_a_box_around_a_paragraph_is_text(parser, tmp_path):
    content = grid((72, 500), (700, 640)) + text(80, 680, "boxed preface line one") + text(80, 660, "line two")
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert not tables(loaded)
    assert texts(loaded) == ["boxed preface line one", "line two"]


def _split_table_pdf(last_label: str, rest: str) -> bytes:
    """Page 1 ends with a row whose label goes on, on page 2 (Courier 10: 6 pt a character)."""
    xs = (72, 134, 200)
    page1 = (text(72, 740, "Table") + grid(xs, (720, 700, 680))
             + text(74, 706, "Label", "F2", 10) + text(137, 706, "Value", "F2", 10)
             + text(74, 686, last_label, "F2", 10) + text(137, 686, "5", "F2", 10))
    page2 = (grid(xs, (760, 740, 720)) + text(74, 746, rest, "F2", 10)
             + text(74, 726, "2. next", "F2", 10) + text(137, 726, "6", "F2", 10) + text(72, 700, "After"))
    return write_pdf([page1, page2])


def test_row_cut_by_a_page_break_is_joined(parser, tmp_path):
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", _split_table_pdf("1. abcdefg", "hij")))
    first, second = tables(loaded)
    assert first.rows == (("Label", "Value"), ("1. abcdefg\nhij", "5"))
    assert second.rows == (("2. next", "6"),)
    assert (first.origin.page, second.origin.page) == (1, 2)
    assert texts(loaded) == ["Table", "After"]


@pytest.mark.parametrize("last_label, rest", [
    ("1. ab", "hij"),           # the label above ends well before the border: it was complete
    ("1. abcdefg", "2. hij"),   # an ordinal opens a row of its own
    ("1. abcdefg", "12"),       # a number is a value, not the rest of a label
])
def test_rows_not_cut_stay_apart(parser, tmp_path, last_label, rest):
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", _split_table_pdf(last_label, rest)))
    first, second = tables(loaded)
    assert first.rows[-1] == (last_label, "5")
    assert second.rows[0] == (rest, "")


# --------------------------------------------------------------------------- unreadable files


def test_scanned_pdf_has_no_text_layer(parser, tmp_path):
    page = b"q 500 0 0 700 50 50 cm /Im1 Do Q\n"
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "scan.pdf", write_pdf([page, page], image=True)))
    assert info.value.code == "E002"
    assert "没有文字层" in info.value.message and "扫描件" in info.value.message


def test_drawing_without_text(parser, tmp_path):
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "box.pdf", write_pdf([b"10 10 100 100 re S\n"])))
    assert info.value.code == "E002"


def test_scanned_page_among_text_pages_is_noted(parser, tmp_path):
    data = write_pdf([text(72, 700, "text page"), b"q 500 0 0 700 50 50 cm /Im1 Do Q\n"], image=True)
    loaded = loader.read_pdf(save(tmp_path, "mixed.pdf", data))
    assert texts(loaded) == ["text page"]
    assert any("第 2 页" in note for note in loaded.notes)


def test_password_protected_pdf(parser, tmp_path):
    data = write_pdf([text(72, 700, "secret")], encrypt=(b"user-password", b"owner"))
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "locked.pdf", data))
    assert info.value.code == "E001"
    assert "需要密码" in info.value.message


def test_pdf_with_only_an_owner_password_is_read(parser, tmp_path):
    # Encrypted with an empty user password (restrictions only): opens like any PDF.
    data = write_pdf([text(72, 700, "open to all")], encrypt=(b"", b"owner"))
    assert texts(loader.read_pdf(save(tmp_path, "restricted.pdf", data))) == ["open to all"]


def test_unknown_encryption_is_refused_cleanly(parser, tmp_path):
    data = write_pdf([text(72, 700, "x")], trailer_extra=b" /Encrypt << /Filter /NoSuchHandler /V 9 >>")
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "odd.pdf", data))
    assert info.value.code == "E001"
    assert "加密" in info.value.message


def test_garbage_after_the_header(tmp_path):
    data = b"%PDF-1.4\n" + random.Random(7).randbytes(4000)
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "garbage.pdf", data))
    assert info.value.code == "E001"
    assert "损坏" in info.value.message


@pytest.mark.parametrize("name", ["corpus/r002.pdf", "real/szfgs2024.pdf"])
def test_truncated_pdf(tmp_path, name):
    data = shared_path(*name.split("/")).read_bytes()
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "half.pdf", data[: len(data) // 2]))
    assert info.value.code == "E001"


def test_size_and_page_limits(parser, tmp_path, monkeypatch):
    path = save(tmp_path, "three.pdf", write_pdf([text(72, 700, "page")] * 3))
    monkeypatch.setattr(loader, "MAX_PDF_PAGES", 2)
    with pytest.raises(ReadError, match="3 页") as info:
        loader.read_pdf(path)
    assert info.value.code == "E001"
    monkeypatch.setattr(loader, "MAX_PDF_PAGES", 200)
    monkeypatch.setattr(loader, "MAX_PDF_BYTES", 100)
    with pytest.raises(ReadError, match="上限"):
        loader.read_pdf(path)


def test_table_finding_trouble_falls_back_to_text(parser, tmp_path, monkeypatch):
    import pdfplumber.page

    def broken(*args, **kwargs):
        raise ValueError("odd drawing")

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", broken)
    monkeypatch.setattr("gxcheck.loaders.pdf._pdfium._tables_from_edges", broken)
    content = grid((72, 172, 272), (700, 680)) + text(75, 686, "Cell") + text(175, 686, "9")
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", write_pdf([content])))
    assert texts(loaded) == ["Cell  9"]
    assert any("表格线" in note for note in loaded.notes)


def test_text_without_unicode_is_undecodable(parser, tmp_path):
    content = b"BT /F1 12 Tf 72 700 Td <0041004200430044> Tj ET\n" + text(72, 650, "ok", font="F2")
    with pytest.raises(ReadError) as info:
        loader.read_pdf(save(tmp_path, "cid.pdf", write_pdf([content], font1=UNDECODABLE_FONT)))
    assert info.value.code == "E002" and "无法解码" in info.value.message


_TABLE = grid((72, 172, 272, 372), (700, 680, 660, 640), skip_vertical=[(272, 660)]) + b"".join(
    text(x + 3, y - 14, s) for x, y, s in [(72, 700, "Head"), (172, 700, "Col1"), (272, 700, "Col2"), (72, 680, "Row1"),
                                           (272, 680, "5"), (72, 660, "Row2"), (172, 660, "wide cell")])
_ROWS = (("Head", "Col1", "Col2"), ("Row1", "", "5"), ("Row2", "wide cell", None))


@pytest.mark.parametrize("how", ["form", "scaled", "mediabox", "rects", "thin rects", "one path"])
def test_tables_however_drawn(parser, tmp_path, how):
    cells = [(72, 700, "A"), (172, 700, "B"), (272, 700, "C"), (72, 680, "1"), (172, 680, "2"), (272, 680, "3")]
    small = b"".join(text(x + 3, y - 14, s) for x, y, s in cells)
    rows = _ROWS
    if how == "form":  # drawn in a form XObject, itself placed with a CTM
        data = write_pdf([b"q 1 0 0 1 5 5 cm /Fm1 Do Q\n" + text(72, 100, "After")], forms=[_TABLE])
    elif how == "scaled":
        data = write_pdf([b"q 0.5 0 0 0.5 36 100 cm\n" + _TABLE + b"Q\n" + text(72, 100, "After")])
    elif how == "mediabox":  # a page whose MediaBox does not start at 0 0
        data = write_pdf([_TABLE + text(72, 100, "After")], mediabox=b"-20 30 600 830")
    else:
        rows = (("A", "B", "C"), ("1", "2", "3"))
        if how == "rects":  # each cell a stroked rectangle, the header on a filled one
            drawn = b"0.9 g 72 680 300 20 re f 0 g\n" + b"".join(
                b"%d %d 100 20 re S\n" % (x, y) for x in (72, 172, 272) for y in (680, 660))
        elif how == "thin rects":  # rules drawn as thin filled rectangles
            drawn = b"".join(b"72 %d 300 0.5 re f\n" % y for y in (700, 680, 660)) + b"".join(
                b"%d 660 0.5 40 re f\n" % x for x in (72, 172, 272, 372))
        else:  # every rule a subpath of one path
            drawn = b" ".join([b"72 %d m 372 %d l" % (y, y) for y in (700, 680, 660)]
                              + [b"%d 700 m %d 660 l" % (x, x) for x in (72, 172, 272, 372)]) + b" S\n"
        data = write_pdf([drawn + small + text(72, 100, "After")])
    loaded = loader.read_pdf(save(tmp_path, "a.pdf", data))
    assert [t.rows for t in tables(loaded)] == [rows]
    assert texts(loaded) == ["After"]


def _both(path: Path, monkeypatch):
    """The file read by PDFium, and by pdfplumber."""
    fast = loader.read_pdf(path)
    with monkeypatch.context() as m:
        _pdfplumber_only(m)
        slow = loader.read_pdf(path)
    return fast, slow


@pytest.mark.parametrize("variant", ["rotate 90", "rotate 180", "rotate 270", "rotated mediabox", "curves"])
def test_pdfium_reads_odd_pages_as_pdfplumber_does(tmp_path, monkeypatch, variant):
    pages = [text(72, 720, "Before") + _TABLE + text(72, 620, "After"), text(72, 700, "page two")]
    if variant.startswith("rotate "):
        data = write_pdf(pages, page_extra=b"/Rotate " + variant.split()[1].encode())
    elif variant == "rotated mediabox":
        data = write_pdf(pages, page_extra=b"/Rotate 90", mediabox=b"-20 30 600 830")
    else:  # a closed polyline, a diagonal, a Bézier curve and a box closed by hand beside a table
        drawn = (b"72 700 m 372 700 l 372 660 l 72 660 l h S\n172 700 m 172 660 l 72 700 l S\n272 700 m 272 660 l S\n"
                 b"72 680 m 372 680 l S\n100 600 m 150 650 200 650 250 600 c S\n"
                 b"300 600 m 350 600 l 350 550 l 300 550 l 300 600 l S\n")
        data = write_pdf([drawn + text(75, 686, "A") + text(175, 686, "B") + text(275, 666, "C")])
    fast, slow = _both(save(tmp_path, "a.pdf", data), monkeypatch)
    assert fast == slow
    assert tables(fast)


def test_pdfium_trouble_falls_back_to_pdfplumber(tmp_path, monkeypatch):
    path = save(tmp_path, "a.pdf", write_pdf([text(72, 720, "Before") + _TABLE]))

    def broken(*args, **kwargs):
        raise RuntimeError("PDFium trouble")

    monkeypatch.setattr("gxcheck.loaders.pdf._pdfium._Drawing", broken)
    loaded = loader.read_pdf(path)
    assert texts(loaded) == ["Before"] and [t.rows for t in tables(loaded)] == [_ROWS]


def test_read_many_times_in_one_process(tmp_path):
    path = save(tmp_path, "a.pdf", write_pdf([text(72, 720, "Before") + _TABLE] * 3))
    first = loader.read_pdf(path)
    for _ in range(40):
        assert loader.read_pdf(path) == first


def test_only_pdf_is_mine(tmp_path):
    path = save(tmp_path, "a.pdf", write_pdf([text(72, 700, "x")]))
    no_ocr = lambda image: None  # noqa: E731
    assert loader.gxcheck_load(path=path, format="text", ocr=no_ocr) is None
    assert texts(loader.gxcheck_load(path=path, format="pdf", ocr=no_ocr)) == ["x"]


# --------------------------------------------------------------------------- real files


def _corpus_pdfs() -> list[Path]:
    corpus = shared_path("corpus")
    return sorted(corpus.glob("*.pdf")) + [shared_path("real", "szfgs2024.pdf")]


def test_corpus_and_real_pdfs_load_and_stay_untouched():
    for path in _corpus_pdfs():
        before = path.read_bytes()
        loaded = loader.read_pdf(path)
        assert path.read_bytes() == before
        assert len(tables(loaded)) >= 3, path.name
        lines = texts(loaded)
        assert lines and not any(loader._is_page_number(t) for t in lines), path.name
        for block in tables(loaded):
            widths = {len(row) for row in block.rows}
            assert len(widths) == 1 and block.origin.page, path.name


@pytest.mark.parametrize("name", ["corpus/r034.pdf", "corpus/r046.pdf", "real/szfgs2024.pdf"])
def test_real_files_read_by_pdfium_as_by_pdfplumber(monkeypatch, name):
    path = shared_path(*name.split("/"))
    fast, slow = _both(path, monkeypatch)
    assert fast == slow


def test_real_files_need_no_fallback(monkeypatch):
    def no_fallback(path):
        raise AssertionError(f"fell back to pdfplumber for {path}")

    monkeypatch.setattr(loader, "_read_with_pdfplumber", no_fallback)
    for path in _corpus_pdfs():
        assert tables(loader.read_pdf(path)), path.name


def test_szfgs_blocks():
    loaded = loader.read_pdf(shared_path("real", "szfgs2024.pdf"))
    lines = texts(loaded)
    assert lines[:2] == ["淮安市人民政府", "2024 年政府信息公开工作年度报告"]
    assert "- 1 -" not in lines and "六、其他需要报告的事项" in lines
    assert "制。报告所列统计期限自 2024年 1月 1日至 2024年 12月 31日。" in lines  # boxed preface: text
    grids = tables(loaded)
    assert [g.origin.page for g in grids] == [3, 4, 4, 5, 5]  # 二 over pages 3-4, 三 over 4-5, 四
    requests_end = grids[3].rows
    assert requests_end[0][1:4] == ("法提供", "2.没有现成信息需要另行制作", "11")
    assert requests_end[-1] == ("四、结转下年度继续办理", None, None, "103", "0", "0", "0", "0", "0", "103")
    assert grids[4].rows[-1] == ("72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20")


def test_szfgs_end_to_end(capsys):
    [doc] = show_json(capsys, str(shared_path("real", "szfgs2024.pdf")))
    assert doc["format"] == "pdf"
    assert doc["parts"] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    req = doc["tables"]["requests"]
    assert (req["new"][6], req["carried"][6], req["total"][6], req["carry_over"][6]) == (3119, 34, 3050, 103)
    assert req["new"] == [3001, 53, 0, 0, 61, 4, 3119]
    assert req["unable_2"] == [11, 0, 0, 0, 0, 0, 11]  # first row after the page break
    assert doc["tables"]["review"] == {"review": [72, 64, 178, 37, 351], "suit_direct": [13, 4, 8, 1, 26],
                                       "suit_after": [12, 1, 1, 6, 20]}
    pro = doc["tables"]["proactive"]
    assert pro["rules"] == [1, 0, 11] and pro["penalty"] == [3985758] and pro["fees"] == [96171.6]


@pytest.mark.parametrize("name", [
    "r002.pdf",  # plain
    "r026.pdf",  # labels broken over lines
    "r034.pdf",  # narrow table: rows cut by page breaks
    "r046.pdf",  # blank cells (not zeros) and full-width digits
])
def test_corpus_pdf_values_match_truth(capsys, truth, name):
    [doc] = show_json(capsys, str(shared_path("corpus", name)))
    expected = truth[name]["tables"]
    got = doc["tables"]
    for key, values in expected["proactive"].items():
        assert got["proactive"][key] == values, key
    for key, values in expected["requests"].items():
        assert got["requests"][key] == values, key
    review = got["review"]
    assert review["review"] + review["suit_direct"] + review["suit_after"] == expected["review"]


def test_blank_cells_stay_blank(capsys):
    [doc] = show_json(capsys, str(shared_path("corpus", "r046.pdf")))
    requests = doc["tables"]["requests"]
    assert requests["new"] == [None] * 7
    assert sum(v is None for row in requests.values() for v in row) >= 170


def test_run_goes_on_after_an_unreadable_pdf(tmp_path, capsys):
    bad = save(tmp_path, "bad.pdf", b"%PDF-1.4\n" + random.Random(1).randbytes(3000))
    scanned = save(tmp_path, "scan.pdf", write_pdf([b"q 500 0 0 700 50 50 cm /Im1 Do Q\n"], image=True))
    good = shared_path("corpus", "r003.txt")
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(bad), str(scanned), str(good))
    assert code in (0, 1), err
    docs = {Path(d["path"]).name: d for d in json.loads(out)["documents"]}
    assert [f["code"] for f in docs["bad.pdf"]["findings"]] == ["E001"]
    assert [f["code"] for f in docs["scan.pdf"]["findings"]] == ["E002"], docs["scan.pdf"]["findings"]
    assert "扫描件" in docs["scan.pdf"]["findings"][0]["message"]
    assert not any(f["code"] in ("E001", "E002") for f in docs["r003.txt"]["findings"])
    assert "Traceback" not in err
