"""The built-in loaders as registered: thin hooks that import a loader the first time a file of
its format comes, so that ``gxcheck run one.txt`` does not pay for lxml, PDFium and the Word reader.

Each class is one plugin (``load-docx``, ``load-pdf``, ``load-html`` in pyproject's entry points);
the loading itself lives in :mod:`gxcheck.loaders.docx`, :mod:`gxcheck.loaders.pdf` and
:mod:`gxcheck.loaders.html`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Optional

from gxcheck.ftypes import LoadedFile
from gxcheck.hookspecs import OcrFunction, hookimpl


def _load(module: str, path: Path, format: str, **extra: Any) -> Optional[LoadedFile]:
    loaded: Optional[LoadedFile] = importlib.import_module(module).gxcheck_load(path=path, format=format, **extra)
    return loaded


class docx:
    """Word: .docx; and .doc/.wps, .rtf and .odt through LibreOffice."""

    @staticmethod
    @hookimpl
    def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
        return _load("gxcheck.loaders.docx", path, format, ocr=ocr) if format in ("docx", "doc", "rtf", "odt") else None


class pdf:
    """PDF with a text layer."""

    @staticmethod
    @hookimpl
    def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
        return _load("gxcheck.loaders.pdf", path, format, ocr=ocr) if format == "pdf" else None


class html:
    """Web pages as saved from a government site."""

    @staticmethod
    @hookimpl
    def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
        return _load("gxcheck.loaders.html", path, format, ocr=ocr) if format == "html" else None
