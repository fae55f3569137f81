"""File names that are not valid UTF-8, written out readably.

On Linux a file name is bytes; Python carries bytes that are not UTF-8 as lone surrogates
(``\\udcb1``), which no output can encode.  Such names are common on Chinese systems: a file
copied from an old Windows machine keeps its GBK name.  Every output (each format, ``show``,
the messages on stderr) is written through the error handler registered here, so a name is
shown as GBK where its bytes are GBK (「报告.txt」), and as ``%FF`` where they are not (no
backslash, so a JSON or CSV output stays valid); the output stays UTF-8 and nothing crashes.
"""

from __future__ import annotations

import codecs

HANDLER = "gxcheck.names"


def _raw_bytes(text: str) -> bytes:
    return bytes(ord(ch) - 0xDC00 for ch in text)


def readable(text: str) -> str:
    """``text`` with each run of undecodable file-name bytes decoded as GBK, else escaped."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(_bytes_as_text(_raw_bytes("".join(run))))
            run.clear()

    for ch in text:
        if 0xDC80 <= ord(ch) <= 0xDCFF:
            run.append(ch)
            continue
        flush()
        out.append("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch)
    flush()
    return "".join(out)


def _bytes_as_text(raw: bytes) -> str:
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return "".join(f"%{b:02X}" for b in raw)


def _handler(exc: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError) or exc.encoding.lower().replace("-", "") != "utf8":
        raise exc
    # The UTF-8 encoder takes only ASCII text from a handler: give it the bytes to write.
    return readable(exc.object[exc.start:exc.end]).encode("utf-8"), exc.end


def register() -> str:
    """Register the handler (once) and return its name, for ``stream.reconfigure(errors=...)``."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _handler)
    return HANDLER
