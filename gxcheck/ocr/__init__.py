"""Reading pictures: scanned pages and tables pasted as images.

Two halves, kept apart so that another OCR engine can replace the built-in one:

* ``rapid``: the built-in engine plugin (hook ``gxcheck_ocr``), RapidOCR's PP-OCR models
  on onnxruntime, present only with the ``gxcheck[ocr]`` extra;
* ``layout``: from the words an engine found (each with its box) back to the blocks
  every loader produces — text lines, and table grids rebuilt from the ruling lines
  drawn on the image — so that the one recognizer and every rule work unchanged.
"""

import os as _os

#: Marks the text of every block read from a picture: findings that rest on it say so.
OCR_NOTE = "此数字由图片识别，请核对原件"
#: How to get OCR when it is not installed (said in E002).
INSTALL_HINT = "安装 OCR 扩展（pip install \"gxcheck[ocr]\"）后，gxcheck 可以识别扫描件"
#: How to get OCR for a table pasted as a picture (said where such a picture is left unread).
PICTURE_HINT = "安装 OCR 扩展（pip install \"gxcheck[ocr]\"）后，gxcheck 可以识别图片中的表格；或将表格改为可编辑的文字表格"


#: How many threads one call of the OCR engine may use; the loaders set it (see :func:`use_threads`).
_engine_threads = 1


def cores_per_file() -> int:
    """The cores this process may use, shared with the other files checked at once (``--jobs``)."""
    from gxcheck import worker

    cores = len(_os.sched_getaffinity(0)) if hasattr(_os, "sched_getaffinity") else _os.cpu_count() or 1
    return max(1, cores // worker.files_at_once())


def use_threads(threads: int) -> None:
    """Let each following call of the OCR engine use ``threads`` threads: the cores left to the file,
    divided among the pictures read side by side. The engine need not start more than that (the
    built-in one sizes onnxruntime's pool by it, so that pages and files never oversubscribe)."""
    global _engine_threads
    _engine_threads = max(1, threads)


def engine_threads() -> int:
    """How many threads one call of the OCR engine may use (1 unless a loader said otherwise)."""
    return _engine_threads
