#!/usr/bin/env python3
"""Check the corpus again as *text*: the forms real reports arrive in when nobody kept the file.

    .venv/bin/python scripts/text_forms.py [CORPUS_DIR] [--keep DIR]

From every html and docx report of the corpus, three text forms are made:

- ``crawler``: the page text as a crawler saves it — everything on one line, table cells run
  together without any separator (「…申请数量640020470二、上年结转…」);
- ``markdown``: what a converter writes — ``## `` before the part headings, tables as pipe rows
  with a ``|---|`` row under the first;
- ``ocr-page``: what an OCR program gives for the printed page — a line per table row, cells
  apart by spaces, so that a blank cell leaves no trace — with the confusions such programs make
  (see :func:`ocr_text`);
- ``ocr-table``: the same from a program that recognises the table's cells and writes a tab
  between them, blank ones included.

From every PDF: ``pdftotext -layout`` when it is installed, else pdfplumber's layout text (the
same idea: columns kept apart by spaces).

Each form is checked like any report, and measured against the corpus's ``truth.json`` and
against the findings on the original file:

- wrong: a cell read as a number other than the true one (must be 0);
- read: the share of the true cells read exactly (the target is at least 90%);
- false: an error or warning on the text form whose code the original file does not get
  (a cell that cannot be placed is E004, which is allowed: it says the numbers were not read).

The forms are made from what gxcheck's own html and docx loaders read (their text blocks and
grids), which are exact on this corpus. This is a measurement: it prints a table and exits 0.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

from tabulate import tabulate

from gxcheck.engine import Engine
from gxcheck.ftypes import DocumentResult, LoadedFile, TableBlock
from gxcheck.manager import Plugins
from gxcheck.recognize.cells import is_value_like
from gxcheck.show import report_json

HERE = Path(__file__).resolve().parent
_PART_HEADING = re.compile(r"^\s*[一二三四五六]、")
#: Allowed on a text form although the original does not have it: it says numbers were not read.
ALLOWED = {"E004"}


def _cells_of(block: TableBlock) -> list[list[str]]:
    return [[c for c in row if c is not None] for row in block.rows]


def crawler_text(loaded: LoadedFile) -> str:
    """Everything on one line; a table's cells run together."""
    parts: list[str] = []
    for block in loaded.blocks:
        if isinstance(block, TableBlock):
            parts.append("".join("".join(row) for row in _cells_of(block)))
        else:
            parts.append(block.text.replace("\n", ""))
    return "".join(parts) + "\n"


def markdown_text(loaded: LoadedFile) -> str:
    """Part headings as ``##`` headings, tables as pipe rows."""
    out: list[str] = []
    for block in loaded.blocks:
        if isinstance(block, TableBlock):
            rows = _cells_of(block)
            for n, row in enumerate(rows):
                out.append("| " + " | ".join(cell.replace("\n", "").replace("|", "／") for cell in row) + " |")
                if n == 0:
                    out.append("|" + "---|" * len(row))
            out.append("")
            continue
        for line in block.text.split("\n"):
            out.append(("## " + line) if _PART_HEADING.match(line) and len(line) <= 40 else line)
            out.append("")
    return "\n".join(out) + "\n"


# OCR's confusions, each with how often it is made: a letter for a digit inside a number, full-width
# digits, a lookalike for a character of the words (the text and the labels alike).
_DIGIT_SLIPS = {"0": ("O", 0.3), "1": ("l", 0.3)}
_GLYPH_SLIPS = {"未": "末", "已": "己", "项": "顶", "日": "曰", "沭": "沐"}
_GLYPH_RATE = 0.3
_FULL_WIDTH_RATE = 0.1
_NUMBER = re.compile(r"^\d{2,}(?:\.\d+)?$")


def _ocr_number(cell: str, rng: random.Random) -> str:
    """A number as OCR may give it: 「102」 as 「1O2」 or 「l02」, sometimes in full-width digits.
    A number of one digit is left alone: a lone 「O」 for 0 is A005 by the catalogue, not a slip to read."""
    if not _NUMBER.match(cell):
        return cell
    if rng.random() < _FULL_WIDTH_RATE:
        return cell.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return "".join(_DIGIT_SLIPS[ch][0] if ch in _DIGIT_SLIPS and rng.random() < _DIGIT_SLIPS[ch][1] else ch
                   for ch in cell)


def _ocr_words(text: str, rng: random.Random) -> str:
    return "".join(_GLYPH_SLIPS[ch] if ch in _GLYPH_SLIPS and rng.random() < _GLYPH_RATE else ch for ch in text)


def _is_value_row(row: list[str]) -> bool:
    """A row of the table's body: some cell of it is a number or blank (a header row has titles only)."""
    return any(is_value_like(cell) for cell in row) and any(cell.strip() for cell in row)


def ocr_text(loaded: LoadedFile, seed: str, between: str = "  ") -> str:
    """The page as an OCR program writes it: a line per table row, ``between`` its cells; in
    numbers of two digits or more a 0 read as O and a 1 as l, some numbers in full-width digits;
    未/已/项/日/沭 read as their lookalikes 末/己/顶/曰/沐. And, one file in three each, the tables'
    header rows (every row above a table's first row of numbers, in each block of table 二) given as
    made-up titles 「数据1 数据2 …」, or lost altogether."""
    rng = random.Random(seed)
    header = ("kept", "titles", "lost")[rng.randrange(3)]
    out: list[str] = []
    for block in loaded.blocks:
        if not isinstance(block, TableBlock):
            out.extend(_ocr_words(line, rng) for line in block.text.split("\n"))
            continue
        rows = [[cell.replace("\n", "") for cell in row] for row in _cells_of(block)]
        above: list[list[str]] = []
        for row in rows:
            if not _is_value_row(row):
                above.append(row)
                continue
            if above and header == "kept":
                out.extend(between.join(_ocr_words(cell, rng) for cell in r) for r in above)
            elif above and header == "titles":
                out.append(between.join(f"数据{i}" for i in range(1, max(len(r) for r in above) + 1)))
            above = []
            out.append(between.join(_ocr_number(c, rng) if _NUMBER.match(c.strip()) else _ocr_words(c, rng)
                                    for c in row))
        out.extend(between.join(_ocr_words(cell, rng) for cell in r) for r in above)
        out.append("")
    return "\n".join(out) + "\n"


def pdf_layout_text(path: Path) -> tuple[str, str]:
    """(text, tool): ``pdftotext -layout`` when installed, else pdfplumber's layout text."""
    tool = shutil.which("pdftotext")
    if tool:
        done = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
        return done.stdout.decode("utf-8", errors="replace"), "pdftotext -layout"
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text(layout=True) or "" for page in pdf.pages]
    return "\n".join(pages), "pdfplumber layout"


def _truth_cells(tables: dict[str, Any]) -> Iterator[tuple[tuple[str, str, int], Any]]:
    for name in ("proactive", "requests"):
        for key, values in tables[name].items():
            for i, v in enumerate(values):
                yield (name, key, i), v
    groups = ("review", "suit_direct", "suit_after")
    for i, v in enumerate(tables["review"]):
        yield ("review", groups[i // 5], i % 5), v


def _loud(result: DocumentResult) -> set[str]:
    return {f.code for f in result.findings if f.severity.value in ("error", "warning")}


def measure(engine: Engine, original: Path, form: Path, truth: dict[str, Any]) -> dict[str, Any]:
    report = engine.read(form) if form.stat().st_size else None
    shown = report_json(str(form), report)["tables"] or {}
    total = read = wrong = 0
    wrong_cells: list[str] = []
    for (table, row, i), want in _truth_cells(truth["tables"]):
        if want == "skip":
            continue
        total += 1
        cells = (shown.get(table) or {}).get(row)
        value = cells[i] if cells and i < len(cells) else None
        if want is None:  # a blank cell: read when its row is read and it stays blank
            read += cells is not None and value is None
            if value is not None:
                wrong += 1
                wrong_cells.append(f"{table}.{row}[{i}] {value}≠blank")
            continue
        if value is None:
            continue
        if abs(float(value) - float(want)) < 1e-9:
            read += 1
        else:
            wrong += 1
            wrong_cells.append(f"{table}.{row}[{i}] {value}≠{want}")
    false = sorted(_loud(engine.check_file(form)) - _loud(engine.check_file(original)) - ALLOWED)
    return {"total": total, "read": read, "wrong": wrong, "wrong_cells": wrong_cells, "false": false}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--keep", help="write the text forms into this folder (default: a temporary one)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    truth = {t["file"]: t for t in json.loads((corpus / "truth.json").read_text(encoding="utf-8"))}
    plugins = Plugins()
    engine = Engine(plugins)
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gxcheck-text-forms-"))
    out.mkdir(parents=True, exist_ok=True)
    per_form: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for source in sorted(corpus.iterdir()):
        if source.name not in truth or source.suffix not in (".html", ".docx", ".pdf"):
            continue
        forms: list[tuple[str, str, str]] = []
        if source.suffix == ".pdf":
            text, tool = pdf_layout_text(source)
            forms.append((tool, ".txt", text))
        else:
            loaded = plugins.load(source, "html" if source.suffix == ".html" else "docx")
            assert loaded is not None
            forms += [("crawler", ".txt", crawler_text(loaded)), ("markdown", ".md", markdown_text(loaded)),
                      ("ocr-page", ".txt", ocr_text(loaded, source.name)),
                      ("ocr-table", ".txt", ocr_text(loaded, source.name, "\t"))]
        for name, suffix, text in forms:
            target = out / f"{source.stem}.{name.split()[0]}{suffix}"
            target.write_text(text, encoding="utf-8")
            per_form.setdefault(name, []).append((source.name, measure(engine, source, target, truth[source.name])))
    rows = []
    for name, results in per_form.items():
        total = sum(r["total"] for _, r in results)
        read = sum(r["read"] for _, r in results)
        wrong = sum(r["wrong"] for _, r in results)
        false = [f"{file}: {', '.join(r['false'])}" for file, r in results if r["false"]]
        rows.append([name, len(results), f"{read}/{total} ({100 * read / total:.1f}%)", wrong, len(false)])
        for file, r in results:
            if r["wrong_cells"]:
                print(f"{name} {file}: wrong {', '.join(r['wrong_cells'][:5])}", file=sys.stderr)
        for line in false:
            print(f"{name} {line}: not on the original", file=sys.stderr)
    print(tabulate(rows, headers=["form", "files", "cells read", "wrong numbers", "files with false findings"]))
    print(f"\nforms written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
