"""OCR on scans of the corpus: how many table cells are read right, and whether any error is false.

For every text PDF of a folder (default ../shared/corpus) an image-only copy is made
(``plain``, and ``hard``: grey, turned, JPEG 60; see gxcheck.ocr.scans); gxcheck reads
the copy, and its tables and error findings are compared with those of the original.

    .venv/bin/python scripts/ocr_corpus.py [FOLDER] [--variant plain|hard|both] [--limit N]

Needs the OCR extra: pip install -e '.[ocr]'.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from gxcheck import Config
from gxcheck.engine import Engine
from gxcheck.manager import Plugins
from gxcheck.ocr.scans import image_only_pdf
from gxcheck.show import report_json


def cells(engine: Engine, path: Path) -> tuple[dict[str, object], set[str]]:
    result = engine.check_file(path)
    tables = report_json(str(path), result.report)["tables"] if result.report is not None else {}
    errors = {f"{f.code}:{f.location.model_dump_json()}" for f in result.findings if f.severity.value == "error"}
    return tables, errors


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def compare(original: dict, scanned: dict) -> tuple[int, int]:
    right = total = 0
    for table, rows in original.items():
        for key, values in rows.items():
            got = (scanned.get(table) or {}).get(key) or []
            for index, value in enumerate(values):
                total += 1
                right += index < len(got) and got[index] == value
    return right, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    parser.add_argument("--variant", choices=["plain", "hard", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    engine = Engine(Plugins(), Config())
    pdfs = sorted(Path(args.folder).glob("*.pdf"))[: args.limit or None]
    variants = ["plain", "hard"] if args.variant == "both" else [args.variant]
    with tempfile.TemporaryDirectory() as tmp:
        for variant in variants:
            right = total = false_errors = missed_errors = 0
            seconds: list[float] = []
            per_page: list[float] = []
            for index, pdf in enumerate(pdfs):
                want_tables, want_errors = cells(engine, pdf)
                scan = image_only_pdf(pdf, Path(tmp) / f"{variant}-{pdf.name}", variant, seed=index)
                start = time.perf_counter()
                got_tables, got_errors = cells(engine, scan)
                seconds.append(time.perf_counter() - start)
                per_page.append(seconds[-1] / page_count(scan))
                r, t = compare(want_tables, got_tables)
                right, total = right + r, total + t
                false_errors += len(got_errors - want_errors)
                missed_errors += len(want_errors - got_errors)
                print(f"  {variant} {pdf.name}: {r}/{t} cells, {len(got_errors - want_errors)} false errors, "
                      f"{len(want_errors - got_errors)} missed, {seconds[-1]:.1f} s", flush=True)
            print(f"{variant}: cells {100 * right / max(1, total):.1f}% ({right}/{total}) · false errors {false_errors}"
                  f" · errors missed {missed_errors} · median {statistics.median(seconds):.1f} s a report,"
                  f" {statistics.median(per_page):.1f} s a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
