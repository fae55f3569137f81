"""Decoding text whose encoding nobody declared (GBK is common on government sites)."""

from __future__ import annotations

from typing import Optional

from gxcheck.ftypes import ReadError

#: Refuse text files beyond this size: a report is a few dozen kilobytes.
MAX_TEXT_BYTES = 32 * 1024 * 1024


#: A GBK/GB18030 file with at most this many undecodable bytes is read; each bad byte becomes U+FFFD.
MAX_BAD_BYTES = 8
#: A few NUL bytes (a copy-paste slip) do not make a file binary; more than this in the sample do.
MAX_STRAY_NULS = 8

#: Characters written alike in simplified and traditional script and common in every report. Text
#: decoded with the right table is full of them; Big5 bytes read as GB18030 (which accepts almost
#: any byte pair) give rare characters instead.
_COMMON = frozenset("的一是在不了有和人中大上年工作政府信息公度告行情本全主要求")
_BIG5 = ("cp950", "big5hkscs")
_BIG5_NOTE = "文件按繁体中文 Big5 编码读取"
_UNKNOWN_ENCODING = "编码无法识别：文件的文字编码既不是 UTF-8，也不是 GBK/GB18030 或 Big5。请另存为 UTF-8 文本后再检查"


def _common_share(text: str) -> float:
    """Of the Chinese characters in the first part of ``text``, the share that are common ones."""
    sample = text[:20000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return sum(1 for ch in sample if ch in _COMMON) / han if han else 0.0


def _big5(data: bytes, other: Optional[str]) -> Optional[str]:
    """The text of ``data`` read as Big5, when that reads as Chinese and ``other`` (the same bytes
    read as GB18030, if they could be) does not."""
    for encoding in _BIG5:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if share >= 0.05 and (other is None or share > 2 * _common_share(other)):
            return text
        return None
    return None


def decode_bytes(data: bytes, declared: Optional[str] = None) -> str:
    """The text of ``data`` (see :func:`decode_with_notes`), without the notes."""
    return decode_with_notes(data, declared)[0]


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """``utf-16-le`` or ``utf-16-be`` when the sample, read so, is plainly Chinese or ASCII text
    (UTF-16 written without a byte-order mark is full of NUL bytes)."""
    sample = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\t\r\n"
                    or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e")
        if plain >= 0.9 * len(text):
            return encoding
    return None


def decode_with_notes(data: bytes, declared: Optional[str] = None) -> tuple[str, list[str]]:
    """UTF-8 when it is valid, else the declared charset, else GB18030, else a detector's guess.

    GB18030 is a superset of GBK and GB2312, so it also reads files labelled with those.
    charset-normalizer is only asked when neither of the usual two fits.  A few stray bytes
    (an undecodable byte in a GBK file, a lone NUL) are read past and named in a note.
    """
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), notes
        except UnicodeDecodeError:
            raise ReadError("文件以 UTF-16 标记开头，但内容不是有效的 UTF-16 文字") from None
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data[:8192])
        if utf16 is not None:
            try:
                return data.decode(utf16), notes
            except UnicodeDecodeError:
                pass
        nuls = data.count(0)
        if data[:8192].count(0) > MAX_STRAY_NULS or nuls > MAX_STRAY_NULS:
            raise ReadError("文件含有二进制内容，不是文本文件")
        data = data.replace(b"\x00", b"")
        notes.append(f"文件中有 {nuls} 个空字节（NUL），已跳过；请检查文件是否完整")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    candidates = []
    if declared:
        name = declared.lower().strip()
        candidates.append("gb18030" if name in {"gbk", "gb2312", "gb_2312", "x-gbk", "cp936"} else name)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        big5 = _big5(data, text) if encoding == "gb18030" else None
        return (big5, notes + [_BIG5_NOTE]) if big5 is not None else (text, notes)
    big5 = _big5(data, None)
    if big5 is not None:
        return big5, notes + [_BIG5_NOTE]
    lenient = _few_bad_bytes(data)
    if lenient is not None:
        return lenient, notes + [_bad_byte_note(lenient)]
    if notes:  # NUL bytes, and text neither UTF-8 nor GB18030: not a text file after all
        raise ReadError("文件含有二进制内容，不是文本文件")
    from charset_normalizer import from_bytes  # only for the rare file neither UTF-8 nor GB18030

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReadError(_UNKNOWN_ENCODING)
    text = data.decode(best.encoding, errors="replace")
    if sum(1 for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff") >= 200 and _common_share(text) < 0.02:
        raise ReadError(_UNKNOWN_ENCODING)  # Chinese characters, but not a sentence of them: a wrong guess
    return text, notes


def _few_bad_bytes(data: bytes) -> Optional[str]:
    """GB18030 or UTF-8 text with at most :data:`MAX_BAD_BYTES` bytes that fit neither."""
    best: Optional[str] = None
    for encoding in ("gb18030", "utf-8"):
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        if bad <= MAX_BAD_BYTES and (best is None or text.count("\ufffd") < best.count("\ufffd")):
            best = text
    return best


def _bad_byte_note(text: str) -> str:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "\ufffd" in line]
    where = "、".join(f"第 {n} 行" for n in lines[:5]) + ("等" if len(lines) > 5 else "")
    return (f"文件中有 {text.count(chr(0xFFFD))} 处无法识别的字节（{where}），已显示为「\ufffd」；"
            "其余内容按 GBK/GB18030 或 UTF-8 读取，请检查这些位置")
