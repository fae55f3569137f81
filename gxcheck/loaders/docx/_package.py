"""The .docx zip package: finding and reading its XML parts safely.

A .docx is a zip of XML parts.  Nothing is extracted to disk: a part is inflated
only after its declared size is checked, and then with a bounded read, so a zip
bomb (or a header that lies about its size) costs at most the limit.  The XML
parser resolves no entities, loads no DTD and fetches nothing.  Also here: the
two small helpers for the values found in the parts.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from typing import Optional

from lxml import etree

from gxcheck.ftypes import ReadError

#: Largest numbering.xml / styles.xml / .rels part read for list numbering.
MAX_AUX_XML = 16 * 1024 * 1024

#: The WordprocessingML namespaces a main part may use.
W_NS = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
#: Values that switch an on/off property (``w:vanish``, ``w:isLgl``) off.
OFF = frozenset({"0", "false", "off"})


def xml_parser(recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           remove_comments=True, remove_pis=True, recover=recover)


def to_int(text: Optional[str], default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Inflate one member, refusing (by its header, then by a bounded read) more than ``limit``."""
    if info.file_size > limit:
        raise ReadError(f"文档内容部分（{info.filename}）解压后有 {info.file_size // (1024 * 1024)} MB，"
                        f"超过合理大小（{limit // (1024 * 1024)} MB），可能是恶意构造的压缩文件，未读取")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise ReadError("文件已加密（设置了密码），无法读取；请取消密码后再检查") from exc
    except NotImplementedError as exc:
        raise ReadError("文件使用了不支持的压缩方式，无法读取；请用 Word 或 WPS 重新另存为 .docx") from exc
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as exc:
        raise ReadError("文件不是有效的 Word 文档（压缩数据损坏）") from exc
    if len(data) > limit:
        raise ReadError(f"文档内容部分（{info.filename}）解压后超过合理大小（{limit // (1024 * 1024)} MB），"
                        "可能是恶意构造的压缩文件，未读取")
    return data


def find_main_part(zf: zipfile.ZipFile) -> Optional[zipfile.ZipInfo]:
    """The main document part: ``word/document.xml``, or wherever the package relationships say."""
    infos = {i.filename: i for i in zf.infolist()}
    if "word/document.xml" in infos:
        return infos["word/document.xml"]
    # The package relationships name the main part when it is not the usual one.
    rels = infos.get("_rels/.rels")
    if rels is not None:
        try:
            root = etree.fromstring(read_member(zf, rels, MAX_AUX_XML), xml_parser())
        except (ReadError, etree.XMLSyntaxError):
            root = None
        if root is not None:
            for rel in root:
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    target = str(rel.get("Target", "")).lstrip("/")
                    if target in infos:
                        return infos[target]
    lowered = {name.lower(): info for name, info in infos.items()}
    return lowered.get("word/document.xml")


def aux_root(zf: zipfile.ZipFile, main: str, name: str, must_contain: bytes = b"") -> Optional[etree._Element]:
    """A helper part next to the main part (numbering, styles), or None when absent or unusable."""
    folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
    try:
        info = zf.getinfo(folder + name)
        data = read_member(zf, info, MAX_AUX_XML)
    except (KeyError, ReadError):
        return None
    if must_contain and must_contain not in data:
        return None
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError:
        return None
