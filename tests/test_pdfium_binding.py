"""The PDF loader calls PDFium's functions without ctypes argument checks (see ``_pdfium._Pdfium``):
the C types those functions take must be the ones its callers pass, or the calls go wrong silently."""

from __future__ import annotations

import ctypes
from contextlib import contextmanager
from typing import Any, Iterator

import pytest

from conftest import SHARED

pytest.importorskip("pypdfium2")

from gxcheck.loaders.pdf._pdfium import _Geometry, _pdfium_api, _pdfium_chars  # noqa: E402

#: The arguments that are neither a handle, an out-parameter nor a C int, and what callers pass for them.
OTHER = {("FPDFFont_GetDescent", 1): ctypes.c_float, ("FPDFFormObj_GetObject", 1): ctypes.c_ulong}


@contextmanager
def _first_page() -> Iterator[tuple[Any, Any, _Geometry]]:
    """The binding, the first page of ``real/szfgs2024.pdf`` (open while in use) and its geometry."""
    api = _pdfium_api()
    pdf = api.pdfium.PdfDocument(str(SHARED / "real" / "szfgs2024.pdf"))
    try:
        page = pdf[0]
        try:
            yield api, page, _Geometry(page.get_mediabox(fallback_ok=False) or page.get_bbox(), page.get_rotation())
        finally:
            page.close()
    finally:
        pdf.close()


def test_every_bound_function_takes_what_its_callers_pass():
    api = _pdfium_api()
    raw = api.raw
    for name in api._FUNCTIONS.values():
        for k, argtype in enumerate(getattr(raw, name).argtypes):
            if (name, k) in OTHER:
                assert argtype is OTHER[(name, k)], (name, k, argtype)
            else:
                assert issubclass(argtype, ctypes._Pointer) or argtype is ctypes.c_int, (name, k, argtype)


def test_pointers_come_back_as_numbers_and_go_in_as_argument_objects():
    api = _pdfium_api()
    for name in ("text_object", "font", "page_object", "form_object", "segment"):
        assert getattr(api, name).restype is ctypes.c_void_p  # plain: an int (or None), a dictionary key
    assert api.font.argtypes == (ctypes.c_void_p,)  # called with a text object as a number
    # A handle is the argument object ctypes makes of a pointer, which it copies into each call.
    assert type(api.handle(12345)).__name__ == "CArgObject"


def test_the_functions_keep_the_gil_and_the_calling_convention():
    api = _pdfium_api()
    flag = getattr(ctypes, "_FUNCFLAG_PYTHONAPI", 0)
    for attr, name in api._FUNCTIONS.items():
        bound, original = type(getattr(api, attr)), type(getattr(api.raw, name))
        assert bound._flags_ == original._flags_ | flag, (attr, bound._flags_, original._flags_)


@pytest.mark.skipif(not (SHARED / "real" / "szfgs2024.pdf").is_file(), reason="no shared PDF here")
def test_a_characters_text_object_is_the_page_object_it_came_from():
    """The drawing's walk skips the text objects the characters named: they must be the page's own."""
    with _first_page() as (api, page, geo):
        textpage = page.get_textpage()
        named: set[int] = set()
        _pdfium_chars(api, api.address(textpage.raw), geo, named)
        textpage.close()
        handle = api.address(page.raw)
        objects = {api.page_object(handle, k) for k in range(api.count_objects(handle))}
        texts = {o for o in objects if api.object_type(api.handle(o)) == api.raw.FPDF_PAGEOBJ_TEXT}
        assert len(named) > 300 and named <= texts


@pytest.mark.skipif(not (SHARED / "real" / "szfgs2024.pdf").is_file(), reason="no shared PDF here")
def test_characters_are_read_the_same_page_after_page():
    """A second reading of a page (new text page, new handles) gives the very same characters."""
    with _first_page() as (api, page, geo):
        readings = []
        for _ in range(2):
            textpage = page.get_textpage()
            readings.append(_pdfium_chars(api, api.address(textpage.raw), geo))
            textpage.close()
        assert readings[0] == readings[1] and len(readings[0]) > 300


@pytest.mark.skipif(not (SHARED / "real" / "szfgs2024.pdf").is_file(), reason="no shared PDF here")
def test_the_page_text_gives_each_characters_code():
    """Where the page's text lines up with its characters, its codes are PDFium's, character by character."""
    from gxcheck.loaders.pdf._pdfium import _NOT_IN_TEXT, _page_codes

    api = _pdfium_api()
    pdf = api.pdfium.PdfDocument(str(SHARED / "real" / "szfgs2024.pdf"))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            tp = api.address(textpage.raw)
            count = api.count_chars(tp)
            codes = _page_codes(api, tp, count)
            assert codes is not None and len(codes) == count > 300
            assert all(code == api.unicode(tp, k) for k, code in enumerate(codes) if code not in _NOT_IN_TEXT)
            textpage.close()
            page.close()
    finally:
        pdf.close()
