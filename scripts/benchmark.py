#!/usr/bin/env python3
"""Time gxcheck per report and format, beside the cost of raw extraction of the same files.

    .venv/bin/python scripts/benchmark.py [CORPUS_DIR] [--repeat N]

For every file: the whole check (detect format, load, recognize, every rule) as
``gxcheck run`` does it per file, in-process; and the raw extraction a loader cannot
avoid (txt: read and decode; html: parse with lxml; docx: unzip and parse
document.xml; pdf: pdfplumber's text of every page). Prints the median per format
and the ratio. Then each PDF (and ``../shared/real/szfgs2024.pdf``) beside the PDFium text
floor, in CPU time, warm and cold (the first file of a fresh process): the floor is opening the
file with PDFium and getting the text of every page, nothing else; beside it the whole check (as
above: survey, PDFium, layout, tables, recognizing, every rule, facts) and, warm, the PDF loader
alone (the blocks of text lines and tables, before recognizing); ``--pdf-only`` runs just
that part. Then the whole folder
through ``gxcheck run --cache`` twice (first run, then the re-run that reads the result cache) as
separate processes, wall-clock; and the CPU time of ``gxcheck run`` on one text report beside
``python -c pass`` (``--startup-only`` runs just that; ``--against ../main`` times another
checkout's code too, run for run in turn).  Last, the self-check page
(needs the ``page`` extra): the server-side time of ``POST /check`` and ``POST /api/check`` for
a 5-page docx (the 临川区 example, 5 pages as LibreOffice lays it out) beside the CLI's in-process
check of it, and the weight of the page without a report; then the reports LibreOffice
converts (``scripts/benchmark_convert.py``: seconds per converted report, start-up share).

With the ``ocr`` extra, last, scans (image-only copies made here, as a scanner gives
them): seconds per scanned page (median over ``--ocr-reports`` corpus PDFs of 3–4
pages), seconds for a scanned 5-page report (the first five pages of
``real/szfgs2024.pdf``), and the scans through ``gxcheck run --cache-file`` twice.
``--only-ocr`` runs just that part; ``--ocr-reports 0`` leaves it out.
This is a measurement, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

from tabulate import tabulate

from gxcheck.engine import Engine
from gxcheck.manager import Plugins

HERE = Path(__file__).resolve().parent


def raw_txt(path: Path) -> None:
    from gxcheck.loaders._decode import decode_bytes

    decode_bytes(path.read_bytes())


def raw_html(path: Path) -> None:
    import lxml.html

    lxml.html.document_fromstring(path.read_bytes())


def raw_docx(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("word/document.xml"))


def raw_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdfium_text(path: Path) -> None:
    """The floor of any PDF reader built on PDFium: open the file, and get the text of every page."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


RAW: dict[str, Callable[[Path], None]] = {"txt": raw_txt, "html": raw_html, "docx": raw_docx, "pdf": raw_pdf}
TARGET_MS = {"txt": 10, "html": 20, "docx": 30, "pdf": 250}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def startup(corpus: str, repeat: int, against: str | None = None) -> None:
    """CPU seconds (user + system, the worker process included) of ``gxcheck run`` on one text report,
    beside ``python -c pass``: the median of ``repeat`` runs.  With ``against`` (another checkout, e.g.
    main's), its code is timed too, run for run in turn with this one, and both are printed."""
    import resource

    one = next(p for p in sorted(Path(corpus).iterdir()) if p.suffix == ".txt")
    gxcheck = Path(sys.executable).with_name("gxcheck")

    # With bytecode caches, as an installed gxcheck runs (PYTHONDONTWRITEBYTECODE would time the compiler).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    here = HERE.parent
    envs = {"this": dict(env, PYTHONPATH=f"{here}{os.pathsep}{here / 'rules'}")}
    if against:
        other = Path(against).resolve()
        envs["other"] = dict(env, PYTHONPATH=f"{other}{os.pathsep}{other / 'rules'}")
    commands = {name: [str(gxcheck), "run", "--no-progress", str(one)] for name in envs}
    commands["bare"], envs["bare"] = [sys.executable, "-c", "pass"], env

    def cpu(name: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(commands[name], stdout=subprocess.DEVNULL, check=False, env=envs[name])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    for name in commands:
        cpu(name)  # writes the bytecode caches
    times: dict[str, list[float]] = {name: [] for name in commands}
    load = os.getloadavg()[0]
    for _ in range(repeat):
        for name in commands:
            times[name].append(cpu(name))
    run, bare = (statistics.median(times[n]) for n in ("this", "bare"))
    print(f"\nstart-up: gxcheck run {one.name} {run:.3f} s CPU, python -c pass {bare:.3f} s ({run / bare:.0f}×)"
          f"; median of {repeat}, load average {load:.1f} → {os.getloadavg()[0]:.1f}")
    if against:
        theirs = statistics.median(times["other"])
        print(f"start-up of {against} the same way, in turn: {theirs:.3f} s CPU ({theirs / bare:.0f}×); "
              f"this code takes {run / theirs:.2f} of it")


_COLD = """
import sys, time
from pathlib import Path
path = Path(sys.argv[2])
if sys.argv[1] == "gxcheck":
    from gxcheck.engine import Engine
    from gxcheck.manager import Plugins
    engine = Engine(Plugins())
    start = time.process_time()
    engine.check_file(path)
else:  # the floor, as pdfium_text below, with nothing imported before it
    start = time.process_time()
    import pypdfium2
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
print(time.process_time() - start)
"""


def pdf_floor(pdfs: list[Path], repeat: int) -> None:
    """Each PDF's whole check beside the PDFium text floor, in CPU time (a busy machine then delays
    both but inflates neither much): warm (median of runs, after one; the files in turn, as a batch
    reads them), and cold (the first file of a fresh process: the PDF reader and PDFium still to
    import and start)."""
    engine = Engine(Plugins())

    def cpu_ms(fn: Callable[[], object]) -> float:
        start = time.process_time()
        fn()
        return (time.process_time() - start) * 1000

    def cold(kind: str, path: Path) -> float:
        runs = []
        for _ in range(max(1, repeat // 2)):
            out = subprocess.run([sys.executable, "-c", _COLD, kind, str(path)], capture_output=True, text=True,
                                 check=True).stdout
            runs.append(float(out.split()[-1]) * 1000)
        return statistics.median(runs)

    for path in pdfs:
        engine.check_file(path)
        pdfium_text(path)
    checks: dict[Path, list[float]] = {path: [] for path in pdfs}
    loads: dict[Path, list[float]] = {path: [] for path in pdfs}
    floors: dict[Path, list[float]] = {path: [] for path in pdfs}
    # Round after round, the files in turn (not one file again and again: the recognizer's and the
    # rules' caches, keyed by text, would then hold that very report's), and the three measures of a
    # file one after another, so that a busy moment weighs on all three.
    for _ in range(repeat):
        for path in pdfs:
            checks[path].append(cpu_ms(lambda path=path: engine.check_file(path)))
            loads[path].append(cpu_ms(lambda path=path: engine.plugins.load(path, "pdf")))
            floors[path].append(cpu_ms(lambda path=path: pdfium_text(path)))
    rows, ratios = [], []
    for path in pdfs:
        check, load, floor = checks[path], loads[path], floors[path]
        c, r, f = statistics.median(check), statistics.median(load), statistics.median(floor)
        cc, cf = cold("gxcheck", path), cold("floor", path)
        # The least of the runs too: on a busy machine the floor's median moves by 10–15% between rounds.
        ratios.append((c / f, r / f, cc / cf, min(check) / min(floor), min(load) / min(floor)))
        rows.append([path.name, f"{f:.1f}", f"{c:.1f}", f"{c / f:.2f}×", f"{r:.1f}", f"{r / f:.2f}×", f"{cf:.0f}",
                     f"{cc:.0f}", f"{cc / cf:.2f}×"])
    print("\nPDF against the PDFium text floor (open, and the text of every page), ms of CPU, median of "
          f"{repeat} warm runs (the files in turn, round after round); cold: the first file of a fresh process")
    print(tabulate(rows, headers=["file", "floor", "whole check", "ratio", "loader alone", "ratio", "floor (cold)",
                                  "check (cold)", "ratio"]))
    corpus = [r for p, r in zip(pdfs, ratios) if p.parent.name == "corpus"]
    for name, group in (("corpus PDFs", corpus), ("all", ratios)):
        if group:
            print(f"median ratio, {name}: whole check {statistics.median(g[0] for g in group):.2f}× warm, "
                  f"{statistics.median(g[2] for g in group):.2f}× cold; loader alone "
                  f"{statistics.median(g[1] for g in group):.2f}× warm; the least of the runs: whole check "
                  f"{statistics.median(g[3] for g in group):.2f}× ({sum(g[3] > 3 for g in group)} of {len(group)} "
                  f"above 3×), loader {statistics.median(g[4] for g in group):.2f}×")


def cached_rerun(corpus: str) -> None:
    """Seconds of a first ``gxcheck run --cache`` of the folder and of the re-run from the cache."""
    gxcheck = Path(sys.executable).with_name("gxcheck")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(gxcheck), "run", "--no-progress", "--cache-file", str(Path(tmp) / "c.sqlite"), corpus]
        seconds = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
            seconds.append(time.perf_counter() - start)
    print(f"\nresult cache: first run {seconds[0]:.2f} s, cached re-run {seconds[1]:.2f} s "
          f"({seconds[1] / seconds[0]:.0%} of the first)")


def _asgi_call(app: object, method: str, path: str, body: bytes = b"", content_type: str = "") -> tuple[float, bytes]:
    """Seconds the app spends answering one request (no network in between), and the answer's body."""
    import asyncio

    headers = [(b"host", b"127.0.0.1"), (b"content-length", str(len(body)).encode())]
    if content_type:
        headers.append((b"content-type", content_type.encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "server": ("127.0.0.1", 8765), "client": ("127.0.0.1", 50000)}
    chunks: list[bytes] = []
    given = False

    async def receive() -> dict[str, object]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)  # the client stays connected until the answer is sent
        return {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))  # type: ignore[arg-type]

    async def timed() -> float:
        start = time.perf_counter()
        await app(scope, receive, send)  # type: ignore[operator]
        return time.perf_counter() - start

    return asyncio.run(timed()), b"".join(chunks)


def _cli_run(engine: Engine, plugins: Plugins, path: Path, format: str) -> Callable[[], object]:
    """What ``gxcheck run PATH --format FORMAT`` does after start-up, writing into memory."""
    import io

    from gxcheck.run import RunOptions, run

    def once() -> object:
        formatter = plugins.formatters[format](io.StringIO(), None)
        formatter.rules = {rule.code: rule for _, rule in plugins.rules}
        engine.keep_reports = formatter.shows_reports
        try:
            return run(engine, formatter, RunOptions([path], progress=False))
        finally:
            engine.keep_reports = False

    return once


def page_check(repeat: int) -> None:
    """The page's server-side time for a 5-page docx beside the CLI's in-process check, and its weight."""
    import os
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    try:
        from gxcheck.serve import Checker, create_app
    except ImportError:
        print("\nself-check page: not measured (pip install -e '.[page]')")
        return
    docx = HERE.parent / "examples" / "reports" / "临川区教育局2025年报告.docx"
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.docx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + docx.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    kind = f"multipart/form-data; boundary={boundary}"
    checker = Checker()
    app = create_app(checker=checker)
    # Every worker process of the pool loads its engine once: warm them all before timing.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda _: _asgi_call(app, "POST", "/check", body, kind), range(2 * (os.cpu_count() or 1))))
    from gxcheck.output.html import document_html

    plugins = Plugins()
    engine = Engine(plugins)
    engine.check_file(docx, keep_report=False)
    run_html = _cli_run(engine, plugins, docx, "html")
    cli_times, html_times, run_times, page_times, api_times = [], [], [], [], []
    for _ in range(repeat):  # interleaved, so that other load on the machine touches all alike
        cli_times.append(median_ms(lambda: engine.check_file(docx, keep_report=False), 1))
        html_times.append(median_ms(lambda: document_html(engine.check_file(docx)), 1))
        run_times.append(median_ms(run_html, 1))
        page_times.append(_asgi_call(app, "POST", "/check", body, kind)[0] * 1000)
        api_times.append(_asgi_call(app, "POST", "/api/check", body, kind)[0] * 1000)
    cli, html, cli_run, page, api = map(statistics.median, (cli_times, html_times, run_times, page_times, api_times))
    # Where the difference goes: handing an empty task to an idle worker process and back.
    import asyncio

    pool = checker._get_pool()

    async def round_trip() -> float:
        start = time.perf_counter()
        await asyncio.wrap_future(pool.submit(len, b"x"))
        return (time.perf_counter() - start) * 1000

    trips = []
    for _ in range(repeat):
        engine.check_file(docx, keep_report=False)  # the server did something else in between
        trips.append(asyncio.run(round_trip()))
    trip = statistics.median(trips)
    _, result_page = _asgi_call(app, "POST", "/check", body, kind)
    _, empty = _asgi_call(app, "GET", "/")
    pool.shutdown(wait=True)  # let the workers exit before the interpreter does
    checker.close()
    print(f"\nself-check page, {docx.name} (5 pages), medians of {repeat}: the engine's check in this process "
          f"{cli:.1f} ms, with the html report rendered {html:.1f} ms; the CLI's in-process time "
          f"(`gxcheck run FILE --format html` after start-up: its run loop, which checks the file in a limited "
          f"worker process) {cli_run:.1f} ms")
    print(f"POST /check {page:.1f} ms: {page / cli_run:.2f}× the CLI's in-process time (target ≤ 1.2×), "
          f"{page / html:.2f}× the bare check with its html report, {page / cli:.2f}× the bare check; "
          f"POST /api/check {api:.1f} ms ({api / cli:.2f}× the bare check); an empty task to an idle "
          f"worker process and back {trip:.1f} ms")
    print(f"page weight: without a report {len(empty) / 1024:.1f} KB (target ≤ 200 KB, nothing else is loaded); "
          f"with this report and the report as read {len(result_page) / 1024:.1f} KB")


def _scan_of(source: Path, target: Path, pages: int = 0) -> tuple[Path, int]:
    """An image-only copy of the PDF ``source`` (its first ``pages`` pages when given), and its page count."""
    import pypdfium2

    from gxcheck.ocr.scans import image_only_pdf

    if pages:
        whole, part = pypdfium2.PdfDocument(str(source)), pypdfium2.PdfDocument.new()
        part.import_pages(whole, list(range(min(pages, len(whole)))))
        part.save(str(target.with_suffix(".text.pdf")))
        part.close()
        whole.close()
        source = target.with_suffix(".text.pdf")
    image_only_pdf(source, target)
    count = len(pypdfium2.PdfDocument(str(target)))
    if pages:
        source.unlink()
    return target, count


def ocr_section(corpus: str, reports: int) -> None:
    """Seconds per scanned page and per scanned 5-page report, and a cached re-run of the scans."""
    try:
        import rapidocr  # noqa: F401
    except ImportError:
        print("\nOCR: left out (the ocr extra is not installed: pip install -e '.[ocr]')")
        return
    engine = Engine(Plugins())
    pdfs = sorted(Path(corpus).glob("*.pdf"))[:reports]
    real = Path(corpus).parent / "real" / "szfgs2024.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scans"
        folder.mkdir()
        scans = [_scan_of(pdf, folder / pdf.name) for pdf in pdfs]
        engine.check_file(scans[0][0])  # load the models once
        per_page, cpu_per_page, per_report = [], [], []
        for scan, pages in scans:
            start, cpu = time.perf_counter(), time.process_time()
            engine.check_file(scan)
            seconds = time.perf_counter() - start
            per_report.append(seconds)
            per_page.append(seconds / pages)
            cpu_per_page.append((time.process_time() - cpu) / pages)
        total_pages = sum(pages for _, pages in scans)
        # CPU time (all of onnxruntime's threads) tells a busy machine from a slow check.
        print(f"\nOCR (pages rendered at 144 dpi): {statistics.median(per_page):.2f} s per scanned page "
              f"(median over {len(scans)} reports, {total_pages} pages; {min(per_page):.2f}–{max(per_page):.2f}; "
              f"CPU {statistics.median(cpu_per_page):.2f} s), {statistics.median(per_report):.2f} s per report")
        if real.is_file():
            five, pages = _scan_of(real, Path(tmp) / "five.pdf", pages=5)
            start, cpu = time.perf_counter(), time.process_time()
            engine.check_file(five)
            print(f"OCR: a scanned {pages}-page report ({real.name}) {time.perf_counter() - start:.2f} s "
                  f"(CPU {time.process_time() - cpu:.2f} s)")
        gxcheck = Path(sys.executable).with_name("gxcheck")
        cmd = [str(gxcheck), "run", "--no-progress", "--jobs", "1", "--cache-file", str(Path(tmp) / "c.sqlite"),
               str(folder)]
        seconds = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
            seconds.append(time.perf_counter() - start)
        print(f"OCR result cache: {len(scans)} scans, first run {seconds[0]:.2f} s, "
              f"cached re-run {seconds[1]:.2f} s ({seconds[1] / seconds[0]:.1%} of the first)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--page-only", action="store_true", help="only the self-check page's measurements")
    ap.add_argument("--ocr-reports", type=int, default=4, help="corpus PDFs scanned for the OCR part (0: none)")
    ap.add_argument("--only-ocr", action="store_true", help="only the OCR part")
    ap.add_argument("--pdf-only", action="store_true", help="only the PDFs against the PDFium text floor")
    ap.add_argument("--formats-only", action="store_true", help="only the whole check per format")
    ap.add_argument("--startup-only", action="store_true", help="only the start-up of gxcheck run one.txt")
    ap.add_argument("--against", default=None, metavar="CHECKOUT",
                    help="start-up: also time another checkout's code (e.g. ../main), in turn with this one")
    args = ap.parse_args()
    if args.startup_only:
        startup(args.corpus, args.repeat, args.against)
        return
    if args.page_only:
        page_check(args.repeat)
        return
    if args.only_ocr:
        ocr_section(args.corpus, max(1, args.ocr_reports))
        return
    real = Path(args.corpus).parent / "real" / "szfgs2024.pdf"  # beside the corpus, as ocr_section finds it
    if args.pdf_only:
        pdf_floor(sorted(Path(args.corpus).glob("*.pdf")) + ([real] if real.exists() else []), args.repeat)
        return
    files = sorted(p for p in Path(args.corpus).iterdir() if p.suffix.lstrip(".") in RAW)
    per_format_table(files, args.repeat)
    if args.formats_only:
        return
    pdf_floor([p for p in files if p.suffix == ".pdf"] + ([real] if real.exists() else []), args.repeat)
    startup(args.corpus, args.repeat, args.against)
    cached_rerun(args.corpus)
    page_check(args.repeat)

    from benchmark_convert import conversion  # beside this script

    conversion(args.corpus, args.repeat)
    if args.ocr_reports > 0:
        ocr_section(args.corpus, args.ocr_reports)


def per_format_table(files: list[Path], repeat: int) -> None:
    """The whole check of each report beside its raw extraction, the median per format (wall-clock):
    round after round, the files in turn, as a batch reads them."""
    engine = Engine(Plugins())
    for path in files:
        engine.check_file(path)  # warm caches and imports once
    times: dict[Path, tuple[list[float], list[float]]] = {path: ([], []) for path in files}
    for _ in range(repeat):
        for path in files:
            fmt = path.suffix.lstrip(".")
            times[path][0].append(median_ms(lambda path=path: engine.check_file(path), 1))
            times[path][1].append(median_ms(lambda path=path, fmt=fmt: RAW[fmt](path), 1))
    per_format: dict[str, tuple[list[float], list[float]]] = {}
    for path, (full, raw) in times.items():
        fmt = path.suffix.lstrip(".")
        per_format.setdefault(fmt, ([], []))[0].append(statistics.median(full))
        per_format[fmt][1].append(statistics.median(raw))
    rows = []
    for fmt in ("txt", "html", "docx", "pdf"):
        if fmt not in per_format:
            continue
        full, raw = per_format[fmt]
        f, r = statistics.median(full), statistics.median(raw)
        rows.append([fmt, len(full), f"{f:.1f}", f"{r:.1f}", f"{f / r:.1f}×" if r else "-", f"≤ {TARGET_MS[fmt]}"])
    print(tabulate(rows, headers=["format", "files", "gxcheck per report (ms, median)",
                                  "raw extraction (ms, median)", "ratio", "target (ms)"]))


if __name__ == "__main__":
    main()
