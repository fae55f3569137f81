"""Word reports: .docx read directly from its XML; old .doc/.wps through LibreOffice.

The pipeline, one module a step:

1. ``_package`` opens the zip (never extracting it), finds the main part
   (``word/document.xml``) and inflates it within a size limit; the XML parser
   resolves no entities and fetches nothing.
2. ``_numbering`` loads Word's list definitions, so that automatic numbers
   (「一、」 produced by Word, not typed) are rendered as Word shows them.
3. ``_body`` walks ``w:body`` in order: every paragraph becomes a
   :class:`TextBlock`, every table a :class:`TableBlock`, text boxes follow
   the paragraph that anchors them; ``_grid`` lays merged cells out on the
   table's grid.
4. ``_convert`` turns old .doc/.wps files into .docx with LibreOffice first,
   and recognises password-protected files.

The file is never written to.  This module holds the ``gxcheck_load`` hook.
"""

from __future__ import annotations

import zipfile
from functools import partial
from pathlib import Path
from typing import Any, Optional

from lxml import etree

from gxcheck.ftypes import Block, LoadedFile, Origin, ReadError
from gxcheck.hookspecs import OcrFunction, hookimpl
from gxcheck.loaders._pictures import MAX_PICTURE_BYTES, Picture, PicturesRead, open_picture, read_pictures

from ._body import BodyReader
from ._convert import converted_to_docx, find_soffice, is_encrypted_ole
from ._numbering import _chinese  # noqa: F401  (checked by the tests through this module)
from ._numbering import Numbering
from ._package import W_NS, aux_root, find_main_part, read_member, xml_parser
from gxcheck.startup import compiled_on_use

#: Largest ``word/document.xml`` (uncompressed) that will be read.
MAX_DOCUMENT_XML = 64 * 1024 * 1024
#: Most paragraphs (``<w:p>``) read: a report has a few hundred; counted before the XML is parsed,
#: so a part of a million tiny paragraphs costs a scan, not minutes and gigabytes.
MAX_PARAGRAPHS = 50_000
#: A character reference to a UTF-16 half (``&#xD800;``…``&#57343;``), which is no character:
#: libxml2 lets it through, and the text then cannot be decoded.
_SURROGATE_REF = compiled_on_use(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}"
                            rb"|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));")
_PARAGRAPH = compiled_on_use(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")

_ENCRYPTED = "文件已加密（设置了打开密码），无法读取；请取消密码后另存为 .docx 再检查"


def _media(zf: zipfile.ZipFile, main: str) -> dict[str, str]:
    """The main part's embedded pictures: relationship id → member name (``word/media/…``).

    Targets outside the package (``TargetMode="External"``, a link to a file or URL) are
    left out: gxcheck never opens what a document only points to."""
    rels = aux_root(zf, main, "_rels/" + main.rsplit("/", 1)[-1] + ".rels")
    if rels is None:
        return {}
    folder = main.rsplit("/", 1)[0].split("/") if "/" in main else []
    out = {}
    for rel in rels:
        target, rid = str(rel.get("Target", "")), rel.get("Id")
        if not rid or rel.get("TargetMode") == "External" or not str(rel.get("Type", "")).endswith("/image"):
            continue
        parts = [] if target.startswith("/") else list(folder)
        for piece in target.lstrip("/").split("/"):
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece and piece != ".":
                parts.append(piece)
        out[str(rid)] = "/".join(parts)
    return out


def _read_pictures(path: Path, main: str, blocks: list[Block], found: list[tuple[int, str, int]],
                   ocr: Optional[OcrFunction]) -> PicturesRead:
    """Tables pasted as pictures (``word/media``) where a table should be, read by OCR."""
    with zipfile.ZipFile(path) as zf:
        media = _media(zf, main)

    pictures = [Picture(at=at, origin=Origin(line=line), open=partial(_open_member, path, media[rid]))
                for at, rid, line in found if rid in media]
    return read_pictures(blocks, pictures, ocr)


def _open_member(path: Path, name: str) -> Optional[Any]:
    """The picture stored as ``name`` in the package, within the size limit; ``None`` if it cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            return open_picture(read_member(zf, zf.getinfo(name), MAX_PICTURE_BYTES))
    except (KeyError, ReadError):
        return None


def read_docx(path: Path, fmt: str = "docx", ocr: Optional[OcrFunction] = None) -> LoadedFile:
    """Read a .docx file into blocks; raises :class:`ReadError` when it cannot be read.

    A picture standing where a table should be is read by ``ocr`` (see ``gxcheck.loaders._pictures``)."""
    try:
        zf = zipfile.ZipFile(path)
    except OSError as exc:
        raise ReadError(f"无法打开文件：{exc.strerror or exc}") from exc
    except Exception as exc:  # BadZipFile, truncated or hostile archives of every kind
        if is_encrypted_ole(path):  # Office encryption wraps the .docx in an OLE container
            raise ReadError(_ENCRYPTED) from exc
        raise ReadError("文件不是有效的 Word 文档（zip 结构损坏）") from exc
    with zf:
        info = find_main_part(zf)
        if info is None:
            raise ReadError("文件不是有效的 Word 文档：压缩包里没有正文部分（word/document.xml）")
        data = read_member(zf, info, MAX_DOCUMENT_XML)
        _check_paragraphs(data)
        notes: list[str] = []
        data, surrogates = _SURROGATE_REF.subn(b"&#xFFFD;", data)
        if surrogates:
            notes.append(f"Word 正文中有 {surrogates} 处无效的字符引用（如 &#xD800;，不是任何文字），已按「\ufffd」读取")
        try:
            root = etree.fromstring(data, xml_parser())
        except etree.XMLSyntaxError:
            try:
                root = etree.fromstring(data, xml_parser(recover=True))
            except etree.XMLSyntaxError:
                root = None
            if root is not None:
                notes.append("Word 正文部分（document.xml）有损坏，已尽量读取，内容可能不全")
        if root is None:
            raise ReadError("文件已损坏：Word 正文部分（document.xml）不是有效的 XML")
        ns = etree.QName(root).namespace if isinstance(root.tag, str) else None
        if ns not in W_NS:
            raise ReadError("文件不是有效的 Word 文档：正文部分的格式无法识别")
        try:
            numbering = Numbering.load(zf, info.filename, ns, data)
        except Exception:  # list numbers are a nicety: an odd numbering part must not stop the read
            numbering = None
            notes.append("自动编号的定义无法读取，段落前的自动编号（如「一、」）未显示")
    body = root.find(f"{{{ns}}}body")
    if body is None:
        raise ReadError("文件不是有效的 Word 文档：正文部分没有内容（缺少 body）")
    reader = BodyReader(ns, numbering)
    blocks = reader.read_body(body)
    notes.extend(reader.notes)
    if not reader.pictures:
        return LoadedFile(format=fmt, blocks=tuple(blocks), notes=tuple(notes))
    read = _read_pictures(path, info.filename, blocks, reader.pictures, ocr)
    return LoadedFile(format=fmt, blocks=tuple(read.blocks), notes=tuple(notes + read.notes),
                      ocr_pictures=read.read, unread_pictures=read.unread)


def _check_paragraphs(data: bytes) -> None:
    count = 0
    for _ in _PARAGRAPH.finditer(data):
        count += 1
        if count > MAX_PARAGRAPHS:
            raise ReadError(f"Word 正文有超过 {MAX_PARAGRAPHS:,} 个段落，远多于任何一份年度报告（通常几百段），"
                            "可能是恶意构造或重复粘贴的文件，未读取；请确认文件内容后再检查")


#: Formats LibreOffice converts to .docx, with the suffix the copy it converts is given.
_CONVERTED = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}
_CONVERTED_NAMES = {"doc": "旧版 Word/WPS 文件", "rtf": "RTF 文件", "odt": "OpenDocument 文本"}


@hookimpl
def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
    if format == "docx":
        return read_docx(path, ocr=ocr)
    if format in _CONVERTED:
        if format == "doc" and is_encrypted_ole(path):
            raise ReadError(_ENCRYPTED)
        soffice = find_soffice()
        if soffice is None:
            return None  # the engine explains how to convert
        with converted_to_docx(path, soffice, suffix=_CONVERTED[format]) as converted:
            loaded = read_docx(converted, fmt=format, ocr=ocr)
        note = f"{_CONVERTED_NAMES[format]}已用 LibreOffice 转换为 .docx 后读取"
        return loaded.model_copy(update={"notes": loaded.notes + (note,)})
    return None
