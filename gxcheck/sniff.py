"""Detect a file's format from its content, never from its name."""

from __future__ import annotations

import lzma
import re
import zipfile
import zlib
from pathlib import Path

from gxcheck.startup import compiled_on_use

#: Suffixes searched for when a folder is given.
REPORT_SUFFIXES = frozenset({".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps", ".rtf", ".odt"})

#: A PDF header after leading junk: 「%PDF-1.7」 ending its line, with an object after it.  Only
#: the mention 「%PDF-1.7」 inside html or text (no line end, no object) is not a PDF.
_LATE_PDF = compiled_on_use(rb"%PDF-\d\.\d[^\r\n<>]{0,16}[\r\n].*?\d+\s+\d+\s+obj\b", re.DOTALL)
_HTML = compiled_on_use(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|meta|p)[\s>/]", re.IGNORECASE)


def _is_late_pdf(head: bytes) -> bool:
    at = head.find(b"%PDF-", 0, 1024)
    return at >= 0 and _LATE_PDF.match(head, at) is not None


_ODT = b"application/vnd.oasis.opendocument.text"


def _is_odt(zf: zipfile.ZipFile) -> bool:
    """An OpenDocument text: its first entry ``mimetype`` says so (ODF 1.2 §3.3)."""
    try:
        info = zf.getinfo("mimetype")
    except KeyError:
        return False
    return info.file_size < 100 and zf.read(info).strip() in (_ODT, _ODT + b"-template")


def detect_format(path: Path) -> str:
    """``pdf``, ``docx``, ``doc`` (OLE: old Word or WPS), ``rtf``, ``odt`` (OpenDocument text),
    ``html``, ``text``, ``empty`` or ``unknown``: from the content, never from the name."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        return "empty"
    if head.startswith(b"%PDF") or _is_late_pdf(head):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        from gxcheck.loaders.docx._package import find_main_part

        try:
            with zipfile.ZipFile(path) as zf:
                # word/document.xml, or the main part _rels/.rels names (read within a size limit)
                main = find_main_part(zf)
                if main is None and _is_odt(zf):
                    return "odt"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
                zlib.error, lzma.LZMAError):
            return "docx"  # let the docx loader say precisely what is broken
        return "docx" if main is not None else "unknown"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _HTML.search(head[:2048]):
        return "html"
    return "text"


# gxcheck's own results saved among the reports (「gxcheck run . -f html -o 检查结果.html」): the
# page's generator mark (or the title it has always had), the text format's first file heading,
# the pytest format's first line.
_OWN_HTML = compiled_on_use(rb'<meta name="generator" content="gxcheck|<title>\s*'
                       + "政府信息公开工作年度报告(?:检查结果|自查)".encode())
_OWN_TEXT = compiled_on_use(r"\A\s*(?:■ [^\n]{1,400}?  —  (?:未发现错误|\d+ 个错误)，\d+ 个警告|=+ gxcheck session starts =+)")


def is_own_output(path: Path) -> bool:
    """Whether ``path`` is a result gxcheck wrote (html, text or pytest format), not a report."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if _OWN_HTML.search(head):
        return True
    return _OWN_TEXT.match(head.decode("utf-8", "ignore")) is not None

