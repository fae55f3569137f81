#!/usr/bin/env python3
"""Peak memory of the gxcheck parent process over 1,000 and 20,000 reports (issue 15, part 1).

    .venv/bin/python scripts/benchmark_memory.py [--sizes 1000,20000] [--format jsonl]

Makes N plain-text reports in a temporary folder — copies of a bundled example, each with its
own body name (「测试1号镇」…), so that the cross-year rules see N bodies, not one — and runs
``gxcheck run FOLDER --format F > /dev/null`` as a separate process, reading the parent's peak
RSS from ``wait4`` (workers are not counted: they come and go with each file). Each size runs
twice: with every rule (the years pack keeps each report's compact facts) and with ``--ignore Y``
(nothing is kept). Prints a table and the ratio of the largest size to the smallest.
A measurement, not a test: nothing here asserts a figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "reports" / "马店镇2024年报告.txt"
GXCHECK = str(Path(sys.executable).with_name("gxcheck"))


def make_reports(folder: Path, count: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"r{i:05d}.txt").write_text(text.replace("马店镇", f"测试{i}号镇"), encoding="utf-8")


def peak_rss_mib(args: list[str]) -> tuple[float, float]:
    """(peak RSS of the process in MiB, wall seconds)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(args, stdout=sink, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,20000")
    ap.add_argument("--format", default="jsonl")
    ap.add_argument("--jobs", default="2")
    opts = ap.parse_args()
    sizes = [int(x) for x in opts.sizes.split(",")]
    rows = []
    peaks: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory(prefix="gxcheck-mem-") as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            make_reports(folder, size)
            for label, extra in (("all rules", []), ("--ignore Y", ["--ignore", "Y"])):
                rss, wall = peak_rss_mib([GXCHECK, "run", str(folder), "-f", opts.format, "--no-progress",
                                          "--jobs", opts.jobs, *extra])
                peaks[(label, size)] = rss
                rows.append([size, label, f"{rss:.0f}", f"{wall:.0f}", f"{size / wall:.0f}"])
                print(f"{size} files, {label}: peak {rss:.0f} MiB, {wall:.0f} s", file=sys.stderr)
    print(tabulate(rows, headers=["files", "rules", "parent peak RSS (MiB)", "wall (s)", "files/s"]))
    for label in ("all rules", "--ignore Y"):
        ratio = peaks[(label, sizes[-1])] / peaks[(label, sizes[0])]
        print(f"{label}: peak RSS at {sizes[-1]} files / at {sizes[0]} files = {ratio:.2f}")


if __name__ == "__main__":
    main()
