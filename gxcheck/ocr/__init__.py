"""Reading pictures: scanned pages and tables pasted as images.

Two halves, kept apart so that another OCR engine can replace the built-in one:

* ``rapid``: the built-in engine plugin (hook ``gxcheck_ocr``), RapidOCR's PP-OCR models
  on onnxruntime, present only with the ``gxcheck[ocr]`` extra;
* ``layout``: from the words an engine found (each with its box) back to the blocks
  every loader produces — text lines, and table grids rebuilt from the ruling lines
  drawn on the image — so that the one recognizer and every rule work unchanged.
"""

#: Marks the text of every block read from a picture: findings that rest on it say so.
OCR_NOTE = "此数字由图片识别，请核对原件"
#: How to get OCR when it is not installed (said in E002).
INSTALL_HINT = "安装 OCR 扩展（pip install \"gxcheck[ocr]\"）后，gxcheck 可以识别扫描件"
#: How to get OCR for a table pasted as a picture (said where such a picture is left unread).
PICTURE_HINT = "安装 OCR 扩展（pip install \"gxcheck[ocr]\"）后，gxcheck 可以识别图片中的表格；或将表格改为可编辑的文字表格"
