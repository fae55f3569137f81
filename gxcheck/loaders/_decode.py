"""Decoding text whose encoding nobody declared (GBK is common on government sites)."""

from __future__ import annotations

from typing import Optional

from gxcheck.ftypes import ReadError

#: Refuse text files beyond this size: a report is a few dozen kilobytes.
MAX_TEXT_BYTES = 32 * 1024 * 1024


def decode_bytes(data: bytes, declared: Optional[str] = None) -> str:
    """UTF-8 when it is valid, else the declared charset, else GB18030, else a detector's guess.

    GB18030 is a superset of GBK and GB2312, so it also reads files labelled with those.
    charset-normalizer is only asked when neither of the usual two fits.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("文件含有二进制内容，不是文本文件")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    if declared:
        name = declared.lower().strip()
        candidates.append("gb18030" if name in {"gbk", "gb2312", "gb_2312", "x-gbk", "cp936"} else name)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # only for the rare file neither UTF-8 nor GB18030

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReadError("无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）")
    return data.decode(best.encoding, errors="replace")
