"""A PDF's objects read straight from its bytes, for the survey, where the file is laid out plainly.

pdfminer's parser takes most of the survey's time (about 0.7 ms of CPU for the dozen objects a
3-page report needs, 1.9 ms for ``real/szfgs2024.pdf``: it reads a token at a time in Python).
Most PDFs hold one cross-reference table (or stream), no encryption and no incremental update;
there the objects are read here as pdfminer reads them — dictionaries (entries whose value is
``null`` left out), lists, numbers, names as ``str``, strings as ``bytes``, references, streams
of ``/Length`` bytes, the objects of an object stream as one run — with a regular expression a
token.  Anything else raises :class:`Unsure` and pdfminer reads the file as before: an update
(``/Prev``, ``/XRefStm``), encryption, an object not where the table says, a stream not ended
by ``endstream`` right after its ``/Length`` bytes, a name with a ``#`` escape or outside ASCII,
a filter other than Flate, a token pdfminer might read otherwise (``1.2.3``, a stray keyword).
``tests/test_pdf_survey.py`` compares both readings.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, Iterable, Optional


class Unsure(Exception):
    """The file is not laid out plainly enough to be read here: pdfminer reads it."""


class Ref:
    """A reference to object ``objid`` (pdfminer's ``PDFObjRef``)."""

    __slots__ = ("objid",)

    def __init__(self, objid: int) -> None:
        self.objid = objid


class Stream:
    """A stream as the survey reads one (pdfminer's ``PDFStream``): its dictionary and raw bytes."""

    decipher = None
    data = None

    def __init__(self, doc: "Direct", attrs: dict[str, Any], rawdata: bytes) -> None:
        self.doc, self.attrs, self.rawdata = doc, attrs, rawdata
        self.objid: Optional[int] = None
        self.genno: Optional[int] = None

    def get(self, name: str, default: Any = None) -> Any:
        return self.attrs.get(name, default)

    def _get_any(self, names: Iterable[str], default: Any = None) -> Any:
        for name in names:
            if name in self.attrs:
                return self.attrs[name]
        return default

    def get_filters(self) -> list[tuple[Any, Any]]:
        """The filters and their parameters, resolved, as pdfminer pairs them."""
        filters = self._get_any(("F", "Filter"))
        params = self._get_any(("DP", "DecodeParms", "FDecodeParms"), {})
        if not filters:
            return []
        if not isinstance(filters, list):
            filters = [filters]
        if not isinstance(params, list):
            params = [params] * len(filters)
        resolve = self.doc.resolve
        return list(zip([resolve(f) for f in filters], [resolve(p) for p in params]))


_SPACE = rb" \t\n\r\x0b\x0c"  # what pdfminer takes for white space (\s): not NUL
_SKIP = re.compile(rb"(?:[" + _SPACE + rb"]+|%[^\r\n]*)*")
_REGULAR = re.compile(rb"[^" + _SPACE + rb"()<>\[\]{}/%]+")
_NAME = re.compile(rb"/([^" + _SPACE + rb"()<>\[\]{}/%#]*)")
_NUMBER = re.compile(rb"[+-]?(?:\d+(\.\d*)?|\.\d+)")
_INT = re.compile(rb"\d+")
_HEX = re.compile(rb"<([0-9A-Fa-f" + _SPACE + rb"]*)>")
_STRING_STEP = re.compile(rb"[()\\]")
_EOL = re.compile(rb"[\r\n]")
_OBJECT_HEAD = re.compile(rb"[" + _SPACE + rb"]*(\d+)[" + _SPACE + rb"]+\d+[" + _SPACE + rb"]+obj(?![^" + _SPACE +
                          rb"()<>\[\]{}/%])")
_ENDSTREAM = re.compile(rb"[" + _SPACE + rb"]*endstream")
_KEYWORDS = {b"true": True, b"false": False, b"null": None}
#: Deeper nesting than this is no report's: pdfminer reads such a file.
_MAX_DEPTH = 64
#: A cross-reference or object stream inflating past this is read by pdfminer.
_MAX_INFLATED = 16 * 1024 * 1024


class Direct:
    """The objects of the PDF ``data`` with one cross-reference table or stream; raises
    :class:`Unsure` (when made, or when an object is read) where pdfminer should read it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._objects: dict[int, Any] = {}
        self._offsets: dict[int, int] = {}
        #: Objects kept in object streams: (the stream's number, the object's place in it).
        self._packed: dict[int, tuple[int, int]] = {}
        self._streams: dict[int, tuple[list[Any], int]] = {}  # object streams read: objects, count
        start = self._startxref()
        head = _OBJECT_HEAD.match(data, start)
        trailer = self._read_xref(start) if head is None else self._read_xref_stream(start)
        if "Encrypt" in trailer or "Prev" in trailer or "XRefStm" in trailer:
            raise Unsure
        catalog = self.resolve(trailer.get("Root"))
        if not isinstance(catalog, dict):
            raise Unsure
        self.catalog: dict[str, Any] = catalog

    # ------------------------------------------------------------------ cross-reference table

    def _line(self, pos: int) -> tuple[bytes, int]:
        """The line at ``pos`` with its end of line (pdfminer's ``nextline``), and where the next starts."""
        data = self.data
        if pos >= len(data):
            raise Unsure  # pdfminer: end of file inside the table
        m = _EOL.search(data, pos)
        if m is None:
            return data[pos:], len(data)
        end = m.end()
        if data[m.start()] == 0x0D and data[end:end + 1] == b"\n":
            end += 1
        return data[pos:end], end

    def _startxref(self) -> int:
        """Where the cross-reference table starts: the number on the line after the last
        「startxref」 line (pdfminer's ``find_xref``)."""
        data = self.data
        at = data.rfind(b"startxref")
        if at < 0:
            raise Unsure
        before = max(data.rfind(b"\r", 0, at), data.rfind(b"\n", 0, at)) + 1
        line, pos = self._line(at)
        if data[before:at].strip() or line.strip() != b"startxref":
            raise Unsure
        while True:
            line, pos = self._line(pos)
            if line.strip():
                break
        if not line.strip().isdigit() or data[pos:].strip(b" \t\n\r\x0b\x0c%EOF"):
            raise Unsure  # something after it (another line pdfminer would read first)
        return int(line.strip())

    def _read_xref(self, start: int) -> dict[str, Any]:
        data = self.data
        pos = _SKIP.match(data, start).end()  # type: ignore[union-attr]
        if data[pos:pos + 4] != b"xref" or _REGULAR.match(data, pos).group() != b"xref":  # type: ignore[union-attr]
            raise Unsure  # a cross-reference stream
        pos += 4
        offsets = self._offsets
        while True:
            line, after = self._line(pos)
            stripped = line.strip()
            if not stripped:
                pos = after
                continue
            if stripped.startswith(b"trailer"):
                break
            fields = stripped.split(b" ")
            if len(fields) != 2 or not all(f.isdigit() for f in fields):
                raise Unsure
            first, count = int(fields[0]), int(fields[1])
            pos = after
            for objid in range(first, first + count):
                line, pos = self._line(pos)
                entry = line.strip().split(b" ")
                if len(entry) != 3 or not entry[0].isdigit() or not entry[1].isdigit():
                    raise Unsure
                if entry[2] == b"n":
                    offsets[objid] = int(entry[0])
        pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
        if self._word(pos) != b"trailer":
            raise Unsure
        trailer, pos = self._object(data, pos + len(b"trailer"), 0)
        # pdfminer takes the last object before 「startxref」 for the trailer: nothing else may stand there.
        if not isinstance(trailer, dict) or self._word(pos) != b"startxref":
            raise Unsure
        return trailer

    def _word(self, pos: int) -> Optional[bytes]:
        """The keyword (or number) at ``pos``, after white space; None where another token stands."""
        m = _REGULAR.match(self.data, _SKIP.match(self.data, pos).end())  # type: ignore[union-attr]
        return m.group() if m is not None else None

    def _read_xref_stream(self, start: int) -> dict[str, Any]:
        """A cross-reference stream (pdfminer's ``PDFXRefStream``): its entries, and its
        dictionary, the trailer."""
        head = _OBJECT_HEAD.match(self.data, start)
        attrs, pos = self._object(self.data, head.end(), 0)  # type: ignore[union-attr]
        if not isinstance(attrs, dict) or self._word(pos) != b"stream":
            raise Unsure
        stream, pos = self._stream(attrs, _SKIP.match(self.data, pos).end())  # type: ignore[union-attr]
        size, widths = attrs.get("Size"), attrs.get("W")
        index = attrs.get("Index", [0, size])
        if (self._word(pos) != b"endobj" or attrs.get("Type") != "XRef" or not isinstance(index, list)
                or len(index) % 2 or not all(type(v) is int for v in index) or not isinstance(widths, list)
                or len(widths) != 3 or not all(type(v) is int and v in (0, 1, 2, 3, 4, 8) for v in widths)):
            raise Unsure
        table = self._decoded(stream)
        w1, w2, _ = widths
        size = sum(widths)
        if not size:
            raise Unsure
        decided: set[int] = set()  # the first range that holds an object says where it is
        at = 0
        for first, count in zip(index[::2], index[1::2]):
            for objid in range(first, first + count):
                entry = table[at:at + size]
                at += size
                if len(entry) < size:
                    raise Unsure
                if objid in decided:
                    continue
                decided.add(objid)
                kind = int.from_bytes(entry[:w1], "big") if w1 else 1
                second, third = int.from_bytes(entry[w1:w1 + w2], "big"), int.from_bytes(entry[w1 + w2:], "big")
                if kind == 1:
                    self._offsets[objid] = second
                elif kind == 2:
                    self._packed[objid] = (second, third)
        return attrs

    def _decoded(self, stream: Stream) -> bytes:
        """A cross-reference or object stream's data, decoded: inflated (within a bound), PNG
        predictors undone (pdfminer's ``apply_png_predictor``); no other filter is read here."""
        filters = stream.get_filters()
        if not filters:
            return stream.rawdata
        if len(filters) != 1 or filters[0][0] not in ("FlateDecode", "Fl"):
            raise Unsure
        inflate = zlib.decompressobj()
        try:
            data = inflate.decompress(stream.rawdata, _MAX_INFLATED)
        except zlib.error:
            raise Unsure from None
        if inflate.unconsumed_tail or not inflate.eof:
            raise Unsure  # past the bound, or cut short: pdfminer decides
        params = filters[0][1]
        predictor = params.get("Predictor") if isinstance(params, dict) else None
        if predictor is None or predictor == 1:
            return data
        if type(predictor) is not int or predictor < 10:
            raise Unsure
        colors, columns, bits = (params.get(k, d) for k, d in (("Colors", 1), ("Columns", 1), ("BitsPerComponent", 8)))
        if not all(type(v) is int for v in (colors, columns, bits)):
            raise Unsure
        from pdfminer.utils import apply_png_predictor

        return apply_png_predictor(predictor, colors, columns, bits, data)

    # ------------------------------------------------------------------ objects

    def resolve(self, value: Any) -> Any:
        """``value``, references followed (pdfminer's ``resolve1``): ``None`` for an object not in the table."""
        while isinstance(value, Ref):
            value = self._get(value.objid)
        return value

    def _get(self, objid: int) -> Any:
        if objid in self._objects:
            return self._objects[objid]
        at = self._offsets.get(objid)
        if at is None:
            if objid in self._packed:
                return self._unpacked(objid)
            return None  # pdfminer: not found, the reference resolves to None
        head = _OBJECT_HEAD.match(self.data, at)
        if head is None or int(head.group(1)) != objid:
            raise Unsure
        obj, pos = self._object(self.data, head.end(), 0)
        if isinstance(obj, dict) and self._word(pos) == b"stream":
            obj, pos = self._stream(obj, _SKIP.match(self.data, pos).end())  # type: ignore[union-attr]
            obj.objid = objid
        # pdfminer reads up to 「endobj」 and takes the first object of the last four it read there.
        if self._word(pos) != b"endobj":
            raise Unsure
        self._objects[objid] = obj
        return obj

    def _unpacked(self, objid: int) -> Any:
        """An object kept in an object stream.  pdfminer reads the whole stream as one run of
        objects and takes the object at its place after the 2 × N numbers that start it."""
        number, place = self._packed[objid]
        if number not in self._streams:
            stream = self._get(number)
            if not isinstance(stream, Stream) or stream.get("Type") != "ObjStm" or type(stream.get("N")) is not int:
                raise Unsure
            data = self._decoded(stream)
            objects: list[Any] = []
            pos = _SKIP.match(data).end()  # type: ignore[union-attr]
            while pos < len(data):
                obj, pos = self._object(data, pos, 0, refs=False)
                objects.append(obj)
                pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
            self._streams[number] = (objects, stream.get("N"))
        objects, count = self._streams[number]
        if not 0 <= 2 * count + place < len(objects):
            raise Unsure
        obj = objects[2 * count + place]
        self._objects[objid] = obj
        return obj

    def _stream(self, attrs: dict[str, Any], at: int) -> tuple[Stream, int]:
        """The stream whose dictionary is ``attrs`` and whose keyword 「stream」 is at ``at``, and
        where its 「endstream」 ends."""
        length = self.resolve(attrs.get("Length"))
        _, start = self._line(at)  # its data starts after the keyword's line
        if type(length) is not int or length < 0 or start + length > len(self.data):
            raise Unsure
        end = _ENDSTREAM.match(self.data, start + length)
        if end is None:
            raise Unsure  # /Length is not where the stream ends: pdfminer looks for its end
        return Stream(self, attrs, self.data[start:start + length]), end.end()

    def _object(self, data: bytes, pos: int, depth: int, refs: bool = True) -> tuple[Any, int]:
        """The object at ``pos`` of ``data`` (after white space), and where it ends; with ``refs``
        false, a number followed by 「0 R」 is that number (as at the top of an object stream)."""
        pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
        if depth > _MAX_DEPTH or pos >= len(data):
            raise Unsure
        c = data[pos]
        if c == 0x2F:  # /name
            m = _NAME.match(data, pos)
            end = m.end()  # type: ignore[union-attr]
            if data[end:end + 1] == b"#":
                raise Unsure
            try:
                return m.group(1).decode("ascii"), end  # type: ignore[union-attr]
            except UnicodeDecodeError:
                raise Unsure from None
        if c == 0x3C:  # << dictionary >> or <hex string>
            if data[pos + 1:pos + 2] == b"<":
                return self._dictionary(data, pos + 2, depth)
            m = _HEX.match(data, pos)  # its extent: the survey reads no string's value
            if m is None:
                raise Unsure
            return m.group(1), m.end()
        if c == 0x5B:  # [ array ]
            items: list[Any] = []
            pos += 1
            while True:
                pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
                if data[pos:pos + 1] == b"]":
                    return items, pos + 1
                item, pos = self._object(data, pos, depth + 1)
                items.append(item)
        if c == 0x28:  # (literal string): its extent; the survey reads no string's value
            return self._string(data, pos)
        token = _REGULAR.match(data, pos)
        if token is None:
            raise Unsure  # ) > ] } where an object should be
        word, end = token.group(), token.end()
        if word in _KEYWORDS:
            return _KEYWORDS[word], end
        number = _NUMBER.fullmatch(word)
        if number is None:
            raise Unsure
        if number.group(1) is not None or b"." in word:
            return float(word), end
        if refs and _INT.fullmatch(word):  # perhaps 「12 0 R」
            gen = _REGULAR.match(data, _SKIP.match(data, end).end())  # type: ignore[union-attr]
            if gen is not None and _INT.fullmatch(gen.group()):
                r = _REGULAR.match(data, _SKIP.match(data, gen.end()).end())  # type: ignore[union-attr]
                if r is not None and r.group() == b"R":
                    return Ref(int(word)), r.end()
        return int(word), end

    def _dictionary(self, data: bytes, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        while True:
            pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
            if data[pos:pos + 2] == b">>":
                return out, pos + 2
            if data[pos:pos + 1] != b"/":
                raise Unsure  # a key that is not a name
            key, pos = self._object(data, pos, depth + 1)
            pos = _SKIP.match(data, pos).end()  # type: ignore[union-attr]
            if data[pos:pos + 2] == b">>":
                raise Unsure  # a key without its value
            value, pos = self._object(data, pos, depth + 1)
            if value is not None:
                out[key] = value

    def _string(self, data: bytes, pos: int) -> tuple[bytes, int]:
        """A literal string from its 「(」 at ``pos`` to its own 「)」 (nested ones counted, escapes skipped)."""
        depth, at = 0, pos
        while True:
            m = _STRING_STEP.search(data, at)
            if m is None:
                raise Unsure
            c, at = data[m.start()], m.end()
            if c == 0x5C:  # \: the next byte is escaped
                at += 1
            elif c == 0x28:
                depth += 1
            else:
                depth -= 1
                if not depth:
                    return data[pos + 1:at - 1], at
