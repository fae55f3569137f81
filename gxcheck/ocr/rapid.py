"""The built-in OCR engine: RapidOCR (PP-OCR detection and recognition models on onnxruntime).

The models ship inside the ``rapidocr`` wheel and are used from there; nothing is
downloaded.  Without the ``gxcheck[ocr]`` extra the hook answers ``None`` and the
loaders report scanned pages as unreadable (E002), saying how to install it.

The hook may be called from several threads at once (the pages of a scan are read side
by side when cores are free): each call takes an engine no other call is using, made
the first time one is needed and kept for the next pages and files.  Each engine runs
onnxruntime on as many threads as the loader left to one call (``gxcheck.ocr.use_threads``:
the cores left to the file, divided among the pages read side by side), so that pages side
by side, and files side by side under ``--jobs``, never ask for more threads than there are
cores (onnxruntime's pool would spin waiting on a core another page holds).
"""

from __future__ import annotations

import threading
from typing import Any, Optional, Sequence

from gxcheck.ftypes import OcrWord
from gxcheck.hookspecs import hookimpl
from gxcheck.ocr import engine_threads

_MISSING = object()
#: Engines no call is using, by their onnxruntime threads; ``{0: [_MISSING]}`` without rapidocr.
_IDLE: dict[int, list[Any]] = {}
_LOCK = threading.Lock()

# rapidocr drops words below its own text_score (0.5); gxcheck keeps every word and
# decides itself what is too unsure to be a number (see gxcheck.ocr.layout).
# Recognition pads each word to at least 320 pixels wide (rapidocr's default): at 240 a cell's 「0」
# costs a quarter less, but a lone 「1」 of a table pasted as a picture read at 0.76, not 0.99.
_PARAMS = {"Global.text_score": 0.0, "Global.use_cls": False, "Global.log_level": "error"}


def _take(threads: int) -> Any:
    with _LOCK:
        if 0 in _IDLE:
            return _MISSING
        if _IDLE.get(threads):
            return _IDLE[threads].pop()
    try:
        from rapidocr import RapidOCR
    except ImportError:
        with _LOCK:
            _IDLE[0] = [_MISSING]
        return _MISSING
    import logging  # here, not at start: only the OCR engine brings it

    engine = RapidOCR(params={**_PARAMS, "EngineConfig.onnxruntime.intra_op_num_threads": threads})
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def _give_back(threads: int, engine: Any) -> None:
    with _LOCK:
        _IDLE.setdefault(threads, []).append(engine)


def available() -> bool:
    engine = _take(1)
    if engine is _MISSING:
        return False
    _give_back(1, engine)
    return True


@hookimpl
def gxcheck_ocr(image: Any) -> Optional[Sequence[OcrWord]]:
    threads = engine_threads()
    engine = _take(threads)
    if engine is _MISSING:
        return None
    import numpy

    try:
        result = engine(numpy.asarray(image.convert("RGB")))
    finally:
        _give_back(threads, engine)
    if result.boxes is None or result.txts is None:
        return []
    words = []
    for box, text, score in zip(result.boxes, result.txts, result.scores):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        words.append(OcrWord(text=str(text), x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys), score=float(score)))
    return words
