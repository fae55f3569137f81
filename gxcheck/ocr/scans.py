"""Image-only copies of text PDFs, for measuring OCR (tests and scripts/ocr_corpus.py).

``plain``: every page rendered and written back as a picture, as a scanner would give it.
``hard``: the same on a greyish, unevenly lit background, turned by up to ±1°, saved as
JPEG at quality 60 — a poor office scan.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

#: Scanner resolution of the copies.
SCAN_DPI = 150


def _hard(image: Any, seed: int) -> Any:
    from PIL import Image, ImageChops, ImageFilter

    rng = random.Random(seed)
    page = image.convert("L")
    grey = Image.linear_gradient("L").resize(page.size).point(lambda v: 215 + v * 25 // 255)
    page = ImageChops.darker(page, grey)
    page = page.rotate(rng.uniform(-1.0, 1.0), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=225)
    page = page.filter(ImageFilter.GaussianBlur(0.4))
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def image_only_pdf(source: Path, target: Path, variant: str = "plain", seed: int = 0) -> Path:
    """Write an image-only copy of the PDF ``source`` to ``target``."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    try:
        pages: list[Any] = []
        for index in range(len(pdf)):
            image = pdf[index].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
            pages.append(_hard(image, seed + index) if variant == "hard" else image)
    finally:
        pdf.close()
    pages[0].save(target, format="PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI)
    return target
