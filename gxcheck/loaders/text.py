"""Plain-text reports (UTF-8 or GBK/GB18030): one block per line."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from gxcheck.ftypes import LoadedFile, Origin, ReadError, TextBlock
from gxcheck.hookspecs import hookimpl
from gxcheck.loaders._decode import MAX_TEXT_BYTES, decode_with_notes
from gxcheck.startup import compiled_on_use


def read_text(path: Path) -> tuple[str, list[str]]:
    size = path.stat().st_size
    if size == 0:
        raise ReadError("文件是空的")
    if size > MAX_TEXT_BYTES:
        raise ReadError(f"文件有 {size // (1024 * 1024)} MB，超过文本报告的合理大小，未读取")
    text, notes = decode_with_notes(path.read_bytes())
    if not text.strip():
        raise ReadError("文件中没有文字")
    return text, notes


_CONTROL = compiled_on_use(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


@hookimpl
def gxcheck_load(path: Path, format: str) -> Optional[LoadedFile]:
    if format != "text":
        return None
    text, notes = read_text(path)
    sample = text[:4000]
    if len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise ReadError("文件内容大多是不可显示的字符，不是文本报告")
    # One block for the whole file: the recognizer splits it into lines and numbers them from 1.
    blocks = (TextBlock(text=text.replace("\r\n", "\n").replace("\r", "\n"), origin=Origin(line=1)),)
    return LoadedFile(format="txt", blocks=blocks, notes=tuple(notes))
