"""The survey reads a plainly laid out PDF itself (``loaders/pdf/_direct.py``): it must read what
pdfminer reads, and leave to pdfminer every file it is not sure of."""

from __future__ import annotations

import zlib
from typing import Any, Optional, Union

import pytest
from conftest import SHARED

from gxcheck.ftypes import ReadError
from gxcheck.loaders.pdf import _survey
from gxcheck.loaders.pdf._direct import Direct, Unsure
from test_hostile import _page, _pdf, _stream

pytest.importorskip("pdfminer")

PDFS = sorted(SHARED.glob("corpus/*.pdf")) + sorted(SHARED.glob("real/*.pdf")) + sorted(SHARED.glob("hostile/*.pdf"))


def by_pdfminer(data: bytes) -> Union[Optional[_survey.Survey], str]:
    """The survey as pdfminer alone reads the file."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1
    import io

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = _survey._Pages(resolve1, PDFStream)
        return _survey._walk(pages, pages.resolve(doc.catalog.get("Pages")), 200)
    except _survey._Budget:
        return "past the budget"
    except Exception:
        return None


def direct(data: bytes) -> Any:
    """The survey as read here, or the exception that sends the file to pdfminer."""
    try:
        d = Direct(data)
        return _survey._walk(_survey._Pages(d.resolve, _survey.Stream), d.resolve(d.catalog.get("Pages")), 200)
    except _survey._Budget:
        return "past the budget"
    except Exception as exc:
        return type(exc)


def surveyed(data: bytes) -> Union[Optional[_survey.Survey], str]:
    try:
        return _survey.survey(data, 200)
    except ReadError:
        return "past the budget"


@pytest.mark.skipif(not PDFS, reason="no shared PDFs here")
def test_every_pdf_at_hand_is_surveyed_as_pdfminer_surveys_it():
    read_here = 0
    for path in PDFS:
        data = path.read_bytes()
        theirs = by_pdfminer(data)
        assert surveyed(data) == theirs, path.name
        ours = direct(data)
        if isinstance(ours, _survey.Survey):
            assert ours == theirs, path.name
            read_here += 1
    assert read_here >= len(list(SHARED.glob("corpus/*.pdf")))  # the corpus PDFs are laid out plainly


def _one_page(**changes: bytes) -> dict[int, bytes]:
    objects = _page(_stream(b"BT /F1 12 Tf 72 700 Td (2024) Tj ET"), b"/Font << /F1 5 0 R >>")
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects.update({int(k[1:]): v for k, v in changes.items()})
    return objects


def test_a_plain_file_is_read_here_and_gives_pdfminers_pages():
    data = _pdf(_one_page())
    assert direct(data) == by_pdfminer(data) == _survey.Survey(pages=1)


_PAGE_3 = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"


@pytest.mark.parametrize("edit", [
    lambda d: d.replace(b"/Size", b"/Prev 9 /Size"),  # an incremental update
    lambda d: d.replace(b"/Size", b"/Encrypt 7 0 R /Size"),
    lambda d: d.replace(b"/Size", b"/XRefStm 9 /Size"),
    lambda d: _pdf(_one_page(k3=_PAGE_3.replace(b"/Type /Page ", b"/Type /P#61ge "))),  # a name with an escape
    lambda d: _pdf(_one_page(k4=_stream(b"BT /F1 12 Tf 72 700 Td (2024) Tj ET").replace(b"/Length 35", b"/Length 30"))),
    lambda d: _pdf(_one_page(k3=_PAGE_3.replace(b"612 792", b"612.0.5 792"))),
    lambda d: d.replace(b"3 0 obj", b"4 0 obj", 1),  # an object not where the table says
    lambda d: d.replace(b"\nendobj", b"\n      ", 1),  # read on into the next object by pdfminer
    lambda d: d.replace(b"xref\n", b"xref\n%comment\n"),
], ids=["prev", "encrypt", "xrefstm", "hex-name", "length", "odd-number", "moved", "no-endobj", "xref-comment"])
def test_what_is_not_plain_is_left_to_pdfminer(edit):
    plain = _pdf(_one_page())
    assert _pdf(_one_page(k3=_PAGE_3)) == plain
    data = edit(plain)
    assert data != plain
    assert direct(data) is Unsure
    assert surveyed(data) == by_pdfminer(data)


def test_a_page_past_the_budget_is_decided_by_pdfminer():
    bomb = zlib.compress(b"0 0 m " * (10 * 1024 * 1024), 9)
    data = _pdf(_page(_stream(bomb, b"/Filter /FlateDecode")))
    assert direct(data) == by_pdfminer(data) == "past the budget"
    with pytest.raises(ReadError, match="过于庞大"):
        _survey.survey(data, 200)


def test_strings_comments_and_references_are_read_as_pdfminer_reads_them():
    objects = _one_page(k3=b"<< /Type /Page /Parent 2 0 R % a comment\n /MediaBox [0 0 612 792] "
                           b"/Annots [(a (nested) string \\) here) <48 65 6C> null true] "
                           b"/Contents [4 0 R] /Resources << /Font << /F1 5 0 R >> >> /Extra null >>")
    data = _pdf(objects)
    assert direct(data) == by_pdfminer(data) == _survey.Survey(pages=1)
    page = Direct(data).resolve(Direct(data).catalog["Pages"])
    assert isinstance(page, dict) and page["Count"] == 1


def _packed_pdf() -> bytes:
    """A PDF whose cross-reference table is a stream, and whose catalog and pages are in an object stream."""
    packed = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>", _PAGE_3]
    body, places = b"", []
    for obj in packed:
        places.append(len(body))
        body += obj + b" "
    head = b" ".join(b"%d %d" % (n, at) for n, at in zip((1, 2, 3), places)) + b" "
    inner = zlib.compress(head + body)
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number, obj in ((4, _stream(b"BT /F1 12 Tf 72 700 Td (2024) Tj ET")),
                        (5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
                        (6, b"<< /Type /ObjStm /N 3 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
                         % (len(head), len(inner)) + inner + b"\nendstream")):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    offsets[7] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [b"\x02" + (6).to_bytes(4, "big") + k.to_bytes(2, "big") for k in range(3)]
    rows += [b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in (4, 5, 6, 7)]
    table = zlib.compress(b"".join(rows))
    out += (b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(table) + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[7])
    return bytes(out)


def test_a_cross_reference_stream_and_an_object_stream_are_read_here():
    data = _packed_pdf()
    assert Direct(data)._packed  # the catalog and the pages are in the object stream
    assert direct(data) == by_pdfminer(data) == _survey.Survey(pages=1)


@pytest.mark.skipif(not (SHARED / "real" / "szfgs2024.pdf").is_file(), reason="no shared PDF here")
def test_the_real_report_with_a_cross_reference_stream_is_read_here():
    data = (SHARED / "real" / "szfgs2024.pdf").read_bytes()
    assert b"/XRef" in data
    assert direct(data) == by_pdfminer(data) == _survey.Survey(pages=6)
