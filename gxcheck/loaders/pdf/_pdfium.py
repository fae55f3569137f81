"""Reading a page with PDFium (pypdfium2): its characters, and the tables its ruling lines draw.

PDFium interprets a page many times faster than pdfminer.  What is taken from it
is shaped as pdfplumber shapes pdfminer's output (the same character boxes, the
same edges from lines, rectangles and curves, the same coordinates), and the
tables are found from those edges by pdfplumber's table finder (its steps redone
on tuples in ``_cells``, with the same results), so both readers read a file
alike.  One known difference: where a font's descriptor gives no /Descent,
pdfminer takes it as 0 and PDFium takes the font program's, so such characters
sit up to ~0.2 em lower.
"""

from __future__ import annotations

from itertools import filterfalse, repeat
from typing import Any, Callable, Collection, Optional

from gxcheck.budget import MAX_CHARS
from gxcheck.ftypes import ReadError
from gxcheck.loaders.pdf._cells import Edges, _Edge, find_tables
from gxcheck.loaders.pdf._layout import Bbox, _Char, _layout_page, _Page


class _UsePdfplumber(Exception):
    """This file is better read by pdfplumber (PDFium failed on it, or saw no text where there is some)."""


class _Pdfium:
    """pypdfium2, and the raw PDFium functions this loader calls, bound once to be called the C way.

    ctypes checks and converts each argument against a function's ``argtypes``, which costs more
    than the call itself (about 0.3 µs against 0.18 µs, and there are five calls per character).  So
    the functions are bound without ``argtypes``: they are called with handles as ctypes' argument
    objects (``handle``: made once from an address, they are copied as they are, where ctypes makes
    one for every call from a ``c_void_p``), out-parameters as ``byref``, ``int`` indices (C
    ``int``), and the one ``float`` and one ``unsigned long`` argument as ``c_float`` and
    ``c_ulong``.  Results that are pointers (a character's text object, a text object's font, the
    objects of a page or a form, a path's segments) come back as numbers (or None): dictionary keys,
    made handles to be passed back.

    And the functions keep the GIL, as Python's own C API is called through ``ctypes.pythonapi``:
    they return in well under a microsecond and call nothing back, and letting other threads run
    and waiting to take the GIL again cost about a sixth of the call."""

    _FUNCTIONS = {
        # the text page, character by character
        "count_chars": "FPDFText_CountChars", "unicode": "FPDFText_GetUnicode",
        "get_text": "FPDFText_GetText", "text_index": "FPDFText_GetTextIndexFromCharIndex",
        "map_error": "FPDFText_HasUnicodeMapError", "text_object": "FPDFText_GetTextObject",
        "loose_box": "FPDFText_GetLooseCharBox", "origin": "FPDFText_GetCharOrigin",
        "char_matrix": "FPDFText_GetMatrix", "font_size": "FPDFText_GetFontSize",
        "font": "FPDFTextObj_GetFont", "descent": "FPDFFont_GetDescent",
        # the page's objects, and the segments of paths
        "count_objects": "FPDFPage_CountObjects", "page_object": "FPDFPage_GetObject",
        "count_form_objects": "FPDFFormObj_CountObjects", "form_object": "FPDFFormObj_GetObject",
        "object_type": "FPDFPageObj_GetType", "object_matrix": "FPDFPageObj_GetMatrix",
        "draw_mode": "FPDFPath_GetDrawMode", "count_segments": "FPDFPath_CountSegments",
        "segment": "FPDFPath_GetPathSegment", "segment_point": "FPDFPathSegment_GetPoint",
        "segment_type": "FPDFPathSegment_GetType", "segment_close": "FPDFPathSegment_GetClose",
    }

    #: Functions called with a number for their one argument, a handle (a text object): ctypes turns
    #: it into a pointer by ``argtypes`` in about half the time a handle takes to be made.
    _FROM_NUMBERS = ("font",)

    # The functions bound in __init__, one per entry of _FUNCTIONS.
    count_chars: Callable[..., Any]
    unicode: Callable[..., Any]
    get_text: Callable[..., Any]
    text_index: Callable[..., Any]
    map_error: Callable[..., Any]
    text_object: Callable[..., Any]
    loose_box: Callable[..., Any]
    origin: Callable[..., Any]
    char_matrix: Callable[..., Any]
    font_size: Callable[..., Any]
    font: Callable[..., Any]
    descent: Callable[..., Any]
    count_objects: Callable[..., Any]
    page_object: Callable[..., Any]
    count_form_objects: Callable[..., Any]
    form_object: Callable[..., Any]
    object_type: Callable[..., Any]
    object_matrix: Callable[..., Any]
    draw_mode: Callable[..., Any]
    count_segments: Callable[..., Any]
    segment: Callable[..., Any]
    segment_point: Callable[..., Any]
    segment_type: Callable[..., Any]
    segment_close: Callable[..., Any]

    def __init__(self) -> None:
        import ctypes

        import pypdfium2
        import pypdfium2.raw as raw

        self.ctypes, self.pdfium, self.raw = ctypes, pypdfium2, raw

        #: A handle from its address (a number), as ctypes passes it fastest.  It holds the address
        #: only: it is used while what it points to (a page, a text page, an object) is open.
        self.handle: Callable[[Optional[int]], Any] = ctypes.c_void_p.from_param
        types: dict[type, Any] = {}  # each calling convention's type of functions that keep the GIL
        for attr, name in self._FUNCTIONS.items():
            fn = getattr(raw, name)
            kind = types.get(type(fn)) or types.setdefault(type(fn), _holding_gil(type(fn)))
            bound = kind(ctypes.cast(fn, ctypes.c_void_p).value)  # the same function, called the same way
            restype = fn.restype
            if isinstance(restype, type) and issubclass(restype, ctypes._Pointer):
                restype = ctypes.c_void_p  # a number, or None for NULL
            bound.restype = restype
            if attr in self._FROM_NUMBERS:  # its one argument, a handle, given as a number
                bound.argtypes = (ctypes.c_void_p,)
            setattr(self, attr, bound)

    def address(self, handle: Any) -> Any:
        """A pypdfium2 handle (``page.raw``, ``textpage.raw``) as this class's functions take it."""
        return self.handle(self.ctypes.cast(handle, self.ctypes.c_void_p).value)


def _holding_gil(function_type: Any) -> Any:
    """The ctypes function type of ``function_type``'s calling convention whose functions keep
    the GIL while they run (ctypes' flag for the functions of ``ctypes.pythonapi``); the type
    itself where this Python's ctypes has no such flag."""
    import ctypes

    flag, base = getattr(ctypes, "_FUNCFLAG_PYTHONAPI", None), getattr(ctypes, "_CFuncPtr", None)
    if flag is None or base is None:
        return function_type
    return type("HoldingGil", (base,), {"_flags_": function_type._flags_ | flag, "_restype_": ctypes.c_int})


_PDFIUM: Optional[_Pdfium] = None


def _pdfium_api() -> _Pdfium:
    global _PDFIUM
    if _PDFIUM is None:
        _PDFIUM = _Pdfium()
    return _PDFIUM


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as pdfminer's mult_matrix)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


class _Geometry:
    """Where pdfplumber puts a point of a page: pdfminer's page matrix (MediaBox origin,
    /Rotate), then pdfplumber's flip (``top`` measured down from the top)."""

    def __init__(self, mediabox: Bbox, rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        self.ctm: Matrix = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                            270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        if rotation in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        self.height = ny1 - ny0
        self.dx, self.dy = nx0, ny0


#: Where PDFium's page text does not give a character's code (a control character, a code with no
#: Unicode): that character's code is asked for by itself.
_NOT_IN_TEXT = frozenset({0xFFFE, 0xFFFD, *range(0x20)})


#: UTF-16's halves of a character outside the BMP.
_SURROGATES = frozenset(range(0xD800, 0xE000))


def _page_codes(api: _Pdfium, tp: Any, count: int) -> Optional[list[int]]:
    """The code of each of the ``count`` characters of text page ``tp``, from the page's text in
    one call (``FPDFText_GetText``) — where that text lines up with the characters one to one: as
    long as they are, its first and last characters are the first and last of the text, and no
    character is outside the BMP (two UTF-16 units).  ``None`` where it does not (a character
    left out of the text, one written as two): the codes are then asked for one by one."""
    if count <= 0:
        return None
    text = (api.ctypes.c_ushort * (count + 1))()
    if (api.get_text(tp, 0, count, text) != count + 1 or api.text_index(tp, 0) != 0
            or api.text_index(tp, count - 1) != count - 1):
        return None
    codes: list[int] = text[:count]
    if not _SURROGATES.isdisjoint(codes):
        return None
    return codes


def _pdfium_chars(api: _Pdfium, tp: Any, geo: _Geometry, text_objects: Optional[set[int]] = None) -> list[_Char]:
    """The characters of text page ``tp`` (a handle) as pdfplumber gives them: the box pdfminer
    draws (the advance wide, the font size high from the descent below the baseline), ``size``
    its height; quarter-turned ones marked.  PDFium's own spaces and line breaks are left out.
    The text objects the characters belong to are added to ``text_objects``, when given."""
    ctypes = api.ctypes
    box, ox, oy = api.raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    matrix, value, thousand = api.raw.FS_MATRIX(), ctypes.c_float(), ctypes.c_float(1000.0)
    linear = memoryview(matrix).cast("B")[:16]  # the matrix's a, b, c, d (its first 16 bytes)
    box_p, ox_p, oy_p, matrix_p, value_p = map(ctypes.byref, (box, ox, oy, matrix, value))
    unicode, text_object, map_error = api.unicode, api.text_object, api.map_error
    loose_box, origin, char_matrix, font_size = api.loose_box, api.origin, api.char_matrix, api.font_size
    font_of, descent_of, handle = api.font, api.descent, api.handle
    a0, b0, c0, d0, e0, f0 = geo.ctm
    turned_page = (a0, b0, c0, d0) != (1, 0, 0, 1)
    height, dx, dy = geo.height, geo.dx, geo.dy
    count = api.count_chars(tp)
    codes = _page_codes(api, tp, count)
    # Per text object (one per character in many files), from the matrix it is set with (text
    # matrix and CTM, then the page's), its font size and descent: the matrix's first row (the
    # advance), where the box's lower and upper corners lie from the origin, the size, the
    # length of the advance for a width of 1, whether it runs across, and which way it reads.
    objects: dict[int, tuple[float, float, float, float, float, float, float, float, bool, Optional[str]]] = {}
    # The same, per shape: the bytes of the matrix's a, b, c, d, the font size and the font (many
    # text objects of one character share one): it is worked out once for them all.
    shapes: dict[tuple[bytes, float, Optional[int]], tuple[float, float, float, float, float, float, float, float,
                                                               bool, Optional[str]]] = {}
    descents: dict[int, float] = {}  # per font: its descent for a size of 1000 (pdfminer's units)
    # The text of each code PDFium gives (decodable, in the BMP), "" for white space.
    texts: dict[int, str] = {}
    out: list[_Char] = []
    append = out.append
    skip = -1  # the second half of a character outside the BMP
    # The characters of one text object come one after another: its shape is kept at hand.
    last_obj: Optional[int] = None
    known = None
    for index in range(count):
        if index == skip:
            continue
        obj = text_object(tp, index)
        if not obj:  # put in by PDFium: a space or line break it inferred
            continue
        code = codes[index] if codes is not None else unicode(tp, index)
        if code in _NOT_IN_TEXT:
            code = unicode(tp, index)
        if map_error(tp, index):
            text = f"(cid:{code})"  # as pdfminer writes a character it cannot decode
        else:
            text = texts.get(code)  # type: ignore[assignment]
            if text is None:
                if 0xD800 <= code < 0xDC00 and index + 1 < count and 0xDC00 <= unicode(tp, index + 1) < 0xE000:
                    # Outside the BMP, given as two UTF-16 halves (where wchar_t is 16 bits).
                    text = chr(0x10000 + ((code - 0xD800) << 10) + (unicode(tp, index + 1) - 0xDC00))
                    skip = index + 1
                else:
                    text = chr(code) if code and not 0xD800 <= code < 0xE000 else "\ufffd"
                    text = "" if text.isspace() else text
                    if not 0xD800 <= code < 0xE000:  # half a pair is kept: the next one may be whole
                        texts[code] = text
            if not text:
                continue
        if obj != last_obj:
            last_obj = obj
            known = objects.get(obj)
            if known is None:
                char_matrix(tp, index, matrix_p)
                size = font_size(tp, index)
                font = font_of(obj)
                # A size of zero is left out: 0.0 and -0.0 are one key but not one result.
                shape = (linear.tobytes(), size, font) if size else None
                known = shapes.get(shape) if shape is not None else None
                if known is None:
                    ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
                    a, b, c, d = ma, mb, mc, md
                    if turned_page:
                        a, b, c, d = a * a0 + b * c0, a * b0 + b * d0, c * a0 + d * c0, c * b0 + d * d0
                    unit = descents.get(font or 0)
                    if unit is None:
                        unit = descents[font or 0] = (value.value if font and descent_of(handle(font), thousand, value_p)
                                                      else 0.0)
                    desc = -abs(unit) * size / 1000
                    rotated = None
                    if not (a * d > 0 and b * c <= 0):
                        rotated = "up" if b > 0 else "down"
                    # The advance runs along the matrix's first row: measure it where that row is longest.
                    horizontal = abs(ma) >= abs(mb)
                    known = (a, b, c * desc, d * desc, c * (desc + size), d * (desc + size), size,
                             abs(ma) if horizontal else abs(mb), horizontal, rotated)
                    if shape is not None:
                        shapes[shape] = known
                objects[obj] = known
        a, b, low_x, low_y, up_x, up_y, size, scale, horizontal, rotated = known  # type: ignore[misc]
        loose_box(tp, index, box_p)
        origin(tp, index, ox_p, oy_p)
        adv = ((box.right - box.left) if horizontal else (box.top - box.bottom)) / scale if scale else 0.0
        if turned_page:
            x, y = ox.value, oy.value
            px, py = a0 * x + c0 * y + e0, b0 * x + d0 * y + f0  # the origin on pdfminer's page
        else:  # the same sums without the terms that are zero: the same numbers
            px, py = ox.value + e0, oy.value + f0
        lx, ly = px + low_x, py + low_y
        ux, uy = px + a * adv + up_x, py + b * adv + up_y
        if ux < lx:
            lx, ux = ux, lx
        if uy < ly:
            ly, uy = uy, ly
        x0, x1, top, bottom = lx + dx, ux + dx, height - uy - dy, height - ly - dy
        # The centre: halved by multiplying (the same number; a float multiplication is quicker).
        append((text, x0, x1, top, bottom, (uy - ly) or size or 10.0, rotated, (x0 + x1) * 0.5, (top + bottom) * 0.5))
    if text_objects is not None:
        text_objects.update(objects)
    return out


#: PDFium's kinds of path segment (FPDF_SEGMENT_*).
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


class _Drawing:
    """What is drawn on a page, walked once (into form XObjects too): pdfplumber's edges of its
    lines, rectangles and curves, as ``_cells`` takes them (:class:`Edges`: tuples, the vertical
    apart from the horizontal), and whether it has images or text objects.  ``text_objects`` are
    text objects already known (their characters read): they are not asked their type (many pages
    have one text object per character)."""

    def __init__(self, api: _Pdfium, page: Any, geo: _Geometry, text_objects: Collection[int] = ()) -> None:
        self.api, self.geo, self._texts = api, geo, text_objects
        # The edges of lines, of rectangles and of curves, each kind's vertical and horizontal ones.
        self._lines: tuple[list[_Edge], list[_Edge]] = ([], [])
        self._rects: tuple[list[_Edge], list[_Edge]] = ([], [])
        self._curves: tuple[list[_Edge], list[_Edge]] = ([], [])
        self.has_images = self.has_text = self.has_paths = False
        ctypes = api.ctypes
        self._matrix, self._x, self._y = api.raw.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._matrix_p, self._x_p, self._y_p, self._fill_p, self._stroke_p = map(
            ctypes.byref, (self._matrix, self._x, self._y, self._fill, self._stroke))
        count = api.count_objects(page)
        self._walk(list(map(api.page_object, repeat(page, count), range(count))), geo.ctm, 0)

    @property
    def edges(self) -> Edges:
        """The edges in pdfplumber's order: those of lines, then of rectangles, then of curves."""
        (lines_v, lines_h), (rects_v, rects_h), (curves_v, curves_h) = self._lines, self._rects, self._curves
        return Edges(lines_v + rects_v + curves_v, lines_h + rects_h + curves_h)

    def _walk(self, objects: list[Optional[int]], ctm: Matrix, depth: int) -> None:
        api, raw = self.api, self.api.raw
        object_type, text, image, path, form = (api.object_type, raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE,
                                                raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM)
        others = list(filterfalse(self._texts.__contains__, objects))
        if len(others) < len(objects):
            self.has_text = True
        handle = api.handle
        placed: dict[bytes, Matrix] = {}  # per object matrix, its product with ctm
        for address in others:
            if not address:
                continue
            obj = handle(address)
            kind = object_type(obj)
            if kind == path:
                self._path(obj, self._placed(obj, ctm, placed))
            elif kind == text:
                self.has_text = True
            elif kind == image:
                self.has_images = True
            elif kind == form and depth < 15:
                c_ulong = api.ctypes.c_ulong
                inner = [api.form_object(obj, c_ulong(k)) for k in range(max(api.count_form_objects(obj), 0))]
                self._walk(inner, self._placed(obj, ctm, placed), depth + 1)

    def _placed(self, obj: Any, ctm: Matrix, placed: dict[bytes, Matrix]) -> Matrix:
        """The object's matrix, then ``ctm``: where its points go on pdfminer's page.  Most objects
        of a page share one matrix: the product is made once per matrix (``placed``, by its bytes)."""
        m = self._matrix
        if not self.api.object_matrix(obj, self._matrix_p):
            return _mult(_IDENTITY, ctm)
        key = bytes(m)
        product = placed.get(key)
        if product is None:
            product = placed[key] = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
        return product

    def _path(self, obj: Any, matrix: Matrix) -> None:
        """A path object's subpaths, each as pdfminer writes it: its operators (``m``, ``l``, ``c``,
        ``h``) and its points on pdfminer's page.  PDFium keeps the three points of a curve as three
        segments, and a closing ``h`` as a flag on the last one."""
        api = self.api
        if api.draw_mode(obj, self._fill_p, self._stroke_p):
            if not self._fill.value and not self._stroke.value:
                return  # neither filled nor stroked (a clipping path): pdfminer does not see it
        a, b, c, d, e, f = matrix
        x, y, x_p, y_p = self._x, self._y, self._x_p, self._y_p
        segment_of, point_of, type_of, closes = api.segment, api.segment_point, api.segment_type, api.segment_close
        shape = ""
        pts: list[tuple[float, float]] = []
        bezier = 0
        handle = api.handle
        for k in range(api.count_segments(obj)):
            address = segment_of(obj, k)
            if not address:
                continue
            segment = handle(address)
            if not point_of(segment, x_p, y_p):
                continue
            kind = type_of(segment)
            if kind == _LINETO:
                shape += "l"
            elif kind == _MOVETO:
                if shape:
                    self._subpath(shape, pts)
                    pts = []
                shape, bezier = "m", 0
            elif kind == _BEZIERTO:
                bezier += 1
                if bezier % 3:
                    continue
                shape += "c"
            else:
                continue
            px, py = x.value, y.value
            pts.append((a * px + c * py + e, b * px + d * py + f))
            if closes(segment):
                shape += "h"
                pts.append(pts[0])
        if shape:
            self._subpath(shape, pts)

    def _subpath(self, shape: str, pts: list[tuple[float, float]]) -> None:
        """One subpath, as pdfminer classes it: a line, a rectangle, or a curve (pdfminer's paint_path)."""
        if len(shape) < 2 or shape[0] != "m":
            return
        self.has_paths = True
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
        if shape == "ml" or shape == "mlh":
            self._line(pts)
        elif not ((shape == "mlllh" or shape == "mllll") and self._rectangle(pts)):
            self._curve(pts)

    def _line(self, pts: list[tuple[float, float]]) -> None:
        """pdfplumber's edge of a line: horizontal where its ends are level, else vertical."""
        (xa, ya), (xb, yb) = pts[0], pts[1]
        # min() and max() spelled out (exactly: the first of equals, NaN as they take it): a page
        # has many lines, and the calls cost more than the comparisons.
        x0, x1 = (xb if xb < xa else xa), (xb if xb > xa else xa)
        y0, y1 = (yb if yb < ya else ya), (yb if yb > ya else ya)
        height, dx, dy = self.geo.height, self.geo.dx, self.geo.dy
        top, bottom = height - y1 - dy, height - y0 - dy
        if top == bottom:
            self._lines[1].append((x0 + dx, top, x1 + dx, bottom, x1 - x0))
        else:
            self._lines[0].append((x0 + dx, top, x1 + dx, bottom, y1 - y0))

    def _rectangle(self, pts: list[tuple[float, float]]) -> bool:
        """pdfplumber's four edges of a rectangle (top, bottom, left, right), if the five points
        draw one with its sides along the axes."""
        (xa, ya), (xb, yb), (xc, yc), (xd, yd), _ = pts
        if not (pts[0] == pts[4] and ((xa == xb and yb == yc and xc == xd and yd == ya)
                                      or (ya == yb and xb == xc and yc == yd and xd == xa))):
            return False
        x0, x1 = min(xa, xc), max(xa, xc)
        y0, y1 = min(ya, yc), max(ya, yc)
        height, dx, dy = self.geo.height, self.geo.dx, self.geo.dy
        top, bottom, h, w = height - y1 - dy, height - y0 - dy, y1 - y0, x1 - x0
        x0, x1 = x0 + dx, x1 + dx
        vertical, horizontal = self._rects
        horizontal += ((x0, top, x1, top, w), (x0, top + h, x1, bottom, w))
        vertical += ((x0, top, x0, bottom, h), (x1, top, x1, bottom, h))
        return True

    def _curve(self, pts: list[tuple[float, float]]) -> None:
        """pdfplumber's edges of a curve: one per piece between its points, those upright or level."""
        height, dx, dy = self.geo.height, self.geo.dx, self.geo.dy
        flipped = [(px + dx, height - dy - py) for px, py in pts]
        vertical, horizontal = self._curves
        for (xa, ya), (xb, yb) in zip(flipped, flipped[1:]):
            if xa == xb:
                vertical.append((xa, min(ya, yb), xa, max(ya, yb), abs(ya - yb)))
            elif ya == yb:
                horizontal.append((min(xa, xb), ya, max(xa, xb), ya, abs(xa - xb)))


def _tables_from_edges(edges: Edges) -> list[list[Bbox]]:
    """The cells of each table, as pdfplumber's table finder (strategy "lines") finds them on these edges."""
    return find_tables(edges)


def _read_pdfium_page(api: _Pdfium, pdf: Any, index: int, chars_left: Optional[int] = None) -> _Page:
    """Page ``index`` of an open ``pypdfium2.PdfDocument``, laid out.  Raises :class:`ReadError`
    before reading them when the page has more than ``chars_left`` characters."""
    page = pdf[index]
    try:
        box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
        geo = _Geometry(box, page.get_rotation())
        textpage = page.get_textpage()
        try:
            tp = api.address(textpage.raw)
            total = api.count_chars(tp)
            if chars_left is not None and total > chars_left:
                raise ReadError(f"PDF 中的文字超过 {MAX_CHARS:,} 字（到第 {index + 1} 页为止），远多于任何一份年度报告"
                                "（通常不到 2 万字），可能是恶意构造的文件，未读取", code="E001")
            text_objects: set[int] = set()
            chars = _pdfium_chars(api, tp, geo, text_objects)
        finally:
            textpage.close()
        drawing = _Drawing(api, api.address(page.raw), geo, text_objects)
    finally:
        page.close()
    if total <= 0 and drawing.has_text:
        raise _UsePdfplumber(f"page {index + 1}: text objects but no characters")
    find = (lambda edges=drawing.edges: _tables_from_edges(edges)) if drawing.has_paths else None
    return _layout_page(chars, find, geo.height, drawing.has_images)
