#!/usr/bin/env python3
"""Time the reports LibreOffice converts (.doc/.wps, .rtf, .odt): seconds per report, and how much
of it is LibreOffice starting up.

    .venv/bin/python scripts/benchmark_convert.py [CORPUS_DIR] [--repeat N]

The corpus docx reports are saved as .doc by LibreOffice first (one call).  Then, as medians:
the whole gxcheck check of each .doc (converted with a fresh private profile, as gxcheck does it)
beside the same report as .docx; and ``soffice --convert-to docx`` alone of an empty .doc with a
fresh profile (the start-up, profile creation included), of the empty .doc with a profile made
before (start-up without creating the profile) and of a report .doc.  ``scripts/benchmark.py``
calls this too.  A measurement, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

from tabulate import tabulate

from gxcheck.engine import Engine
from gxcheck.loaders.docx._convert import find_soffice
from gxcheck.manager import Plugins

HERE = Path(__file__).resolve().parent


def _soffice_seconds(soffice: str, source: Path, profile: Optional[Path] = None) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``--convert-to docx`` of ``source``, with a fresh profile unless given."""
    with tempfile.TemporaryDirectory() as tmp:
        own = (profile or Path(tmp) / "profile").as_uri()
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation={own}", "--headless", "--norestore", "--nologo",
                        "--nodefault", "--nolockcheck", "--convert-to", "docx", "--outdir", str(Path(tmp) / "out"),
                        str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=300)
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def conversion(corpus: str, repeat: int) -> None:
    soffice = find_soffice()
    if soffice is None:
        print("\nconverted reports: LibreOffice is not installed, not measured")
        return
    docx = sorted(Path(corpus).glob("*.docx"))
    if not docx:
        print(f"\nconverted reports: no .docx in {corpus}, not measured")
        return
    engine = Engine(Plugins())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "empty.txt").write_text("\n", encoding="utf-8")
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                            "doc", "--outdir", str(work), *map(str, docx), str(work / "empty.txt")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=600)
        doc = [work / f"{d.stem}.doc" for d in docx]
        engine.check_file(docx[0])  # imports and caches warm, as in a long run
        per_doc, per_docx = [], []
        for d, x in zip(doc, docx):
            start = time.perf_counter()
            engine.check_file(d)
            per_doc.append(time.perf_counter() - start)
            start = time.perf_counter()
            engine.check_file(x)
            per_docx.append(time.perf_counter() - start)
        empty, kept = work / "empty.doc", work / "kept-profile"
        _soffice_seconds(soffice, empty, kept)  # made once, as a converter kept per worker would
        runs: dict[str, list[tuple[float, float]]] = {"report": [], "fresh": [], "kept": []}
        for _ in range(repeat):  # interleaved, so that a change in the machine's load hits all three alike
            runs["report"].append(_soffice_seconds(soffice, doc[0]))
            runs["fresh"].append(_soffice_seconds(soffice, empty))
            runs["kept"].append(_soffice_seconds(soffice, empty, kept))
    converted, direct = statistics.median(per_doc), statistics.median(per_docx)
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    print(f"\nconverted reports ({len(doc)} corpus docx saved as .doc): gxcheck {converted:.2f} s per report "
          f"(median), the same reports as .docx {direct:.3f} s")
    print(tabulate([[f"{doc[0].name}, fresh profile (as gxcheck)", f"{wall['report']:.2f}", f"{cpu['report']:.2f}"],
                    ["empty .doc, fresh profile", f"{wall['fresh']:.2f}", f"{cpu['fresh']:.2f}"],
                    ["empty .doc, profile made before", f"{wall['kept']:.2f}", f"{cpu['kept']:.2f}"]],
                   headers=[f"soffice --convert-to docx (median of {repeat})", "wall s", "CPU s"]))
    print(f"start-up share of converting {doc[0].name}: {wall['fresh'] / wall['report']:.0%} wall, "
          f"{cpu['fresh'] / cpu['report']:.0%} CPU (creating the profile: {(cpu['fresh'] - cpu['kept']) / cpu['report']:.0%} CPU)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    conversion(args.corpus, args.repeat)


if __name__ == "__main__":
    main()
