"""Detect a file's format from its content, never from its name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

#: Suffixes searched for when a folder is given.
REPORT_SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps"})

_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|meta|p)[\s>/]", re.IGNORECASE)


def detect_format(path: Path) -> str:
    """``pdf``, ``docx``, ``doc`` (OLE: old Word or WPS), ``html``, ``text``, ``empty`` or ``unknown``."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        return "empty"
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "docx"  # let the docx loader say precisely what is broken
        if "word/document.xml" in names:
            return "docx"
        return "unknown"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "unknown"
    if _HTML.search(head[:2048]):
        return "html"
    return "text"
