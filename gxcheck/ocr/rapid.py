"""The built-in OCR engine: RapidOCR (PP-OCR detection and recognition models on onnxruntime).

The models ship inside the ``rapidocr`` wheel and are used from there; nothing is
downloaded.  Without the ``gxcheck[ocr]`` extra the hook answers ``None`` and the
loaders report scanned pages as unreadable (E002), saying how to install it.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from gxcheck.ftypes import OcrWord
from gxcheck.hookspecs import hookimpl

_ENGINE: Any = None
_MISSING = object()

# rapidocr drops words below its own text_score (0.5); gxcheck keeps every word and
# decides itself what is too unsure to be a number (see gxcheck.ocr.layout).
_PARAMS = {"Global.text_score": 0.0, "Global.use_cls": False, "Global.log_level": "error"}


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr import RapidOCR
        except ImportError:
            _ENGINE = _MISSING
        else:
            import logging  # here, not at start: only the OCR engine brings it

            _ENGINE = RapidOCR(params=_PARAMS)
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _ENGINE


def available() -> bool:
    return _engine() is not _MISSING


@hookimpl
def gxcheck_ocr(image: Any) -> Optional[Sequence[OcrWord]]:
    engine = _engine()
    if engine is _MISSING:
        return None
    import numpy

    result = engine(numpy.asarray(image.convert("RGB")))
    if result.boxes is None or result.txts is None:
        return []
    words = []
    for box, text, score in zip(result.boxes, result.txts, result.scores):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        words.append(OcrWord(text=str(text), x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys), score=float(score)))
    return words
