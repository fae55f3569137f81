"""``gxcheck run``: files → results → waivers and baseline → formatter, as each file completes.

The command line (``gxcheck.cli``) parses the options into :class:`RunOptions`; this module
does the run.  Nothing here keeps every result: the formatter gets each document once, the
totals are counters (:class:`gxcheck.summary.Tally`), and only the rules over the whole run
(the years pack) make the results wait — then they are held until those rules have spoken.
"""

from __future__ import annotations

import sys
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator, Optional, Sequence, TextIO

from gxcheck.engine import Engine, check_files
from gxcheck.facts import FactsFile
from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult
from gxcheck.spill import Spill
from gxcheck.summary import Tally

if TYPE_CHECKING:
    from gxcheck.baseline import Baseline, BaselineWriter
    from gxcheck.cache import ResultCache
    from gxcheck.waivers import Waivers


@dataclass
class RunOptions:
    files: Sequence[Path]
    previous: Sequence[Path] = ()
    jobs: int = 0
    progress: bool = True
    quiet: bool = False
    #: ``-`` stood for standard input, read into this file
    stdin_path: Optional[Path] = None
    cache: Optional["ResultCache"] = None
    #: salt of a file's cache key: its settings when they differ from the run's
    cache_salt: Callable[[Path], str] = lambda path: ""
    waivers: Optional["Waivers"] = None
    baseline: Optional["Baseline"] = None
    write_baseline: Optional["BaselineWriter"] = None
    extra_outputs: list[Callable[[DocumentResult], None]] = field(default_factory=list)
    #: How files are checked, in order: by default here (``check_files``); ``--dask`` on a cluster.
    check: Optional[Callable[[Sequence[Path]], Iterator[DocumentResult]]] = None
    #: The process is the command's own (``gxcheck run`` itself, not a program calling ``cli.main``):
    #: a lone small text file may then be checked in it rather than in a forked worker.
    here: bool = False


def _checked(engine: Engine, options: RunOptions) -> Iterator[DocumentResult]:
    files = list(options.files) + list(options.previous)
    check = options.check or (lambda todo: check_files(engine, todo, jobs=options.jobs, here=options.here))
    if options.cache is None:
        yield from check(files)
        return
    from gxcheck.cache import cached_results

    yield from cached_results(options.cache, files, check, salt=options.cache_salt, with_reports=engine.keep_reports)


def run(engine: Engine, formatter: Formatter, options: RunOptions, quiet_stream: TextIO = sys.stdout) -> Tally:
    """Check the files and hand each result to ``formatter``; the totals are returned."""
    tally = Tally()
    total = len(options.files) + len(options.previous)
    formatter.start(len(options.files), [rule.code for _, rule in engine.rules])
    start = time.perf_counter()
    only_compared = {str(p) for p in options.previous}
    # Rules over the whole run need every report first: then the results wait for them, on
    # disk (only the compact facts stay in memory), and are written when those rules have spoken.
    cross = bool(engine.run_rules) and total > 1
    held = _Spill() if cross else None

    def emit(result: DocumentResult) -> None:
        if str(result.path) in only_compared:
            return
        if options.waivers is not None:
            result = options.waivers.apply(result)
        if options.write_baseline is not None:  # before --baseline hides the known ones: they are still known
            options.write_baseline.add(result)
        if options.baseline is not None:
            result = options.baseline.apply(result)
        tally.add(result)
        formatter.document(result)
        for out in options.extra_outputs:
            out(result)

    progress = None
    if options.progress and sys.stderr.isatty() and total > 1:
        from tqdm import tqdm  # only when a person is watching; it writes to stderr, never among the findings

        progress = tqdm(total=total, unit="份", desc="检查", file=sys.stderr, leave=False)
    try:
        for result in _checked(engine, options):
            if options.stdin_path is not None and result.path == str(options.stdin_path):
                result = result.renamed("-")
            if held is not None:
                held.add(result)
            else:
                emit(result)
            if progress is not None:
                progress.update(1)
    finally:
        if progress is not None:
            progress.close()
        if options.cache is not None:
            options.cache.close()
    if held is not None:
        extra = engine.run_findings(held.facts)
        for result in held.results():
            emit(engine.with_run_findings(result, extra))
    baseline = options.baseline
    formatter.finish(tally.summary(time.perf_counter() - start, known=baseline.hidden if baseline else 0,
                                   gone=baseline.gone if baseline else 0, baselined=baseline is not None))
    if options.write_baseline is not None:
        options.write_baseline.write()
    return tally


class _Spill:
    """Results waiting for the rules over the whole run: pickled to a temporary file, in order;
    their facts go to a :class:`~gxcheck.facts.FactsFile` (on disk too, an index in memory)."""

    def __init__(self) -> None:
        self.spill = Spill()
        self.facts = FactsFile()
        self.offsets = array("q")

    def add(self, result: DocumentResult) -> None:
        if result.facts is not None:
            self.facts.add(result.facts)
        self.offsets.append(self.spill.add(result.model_copy(update={"facts": None})))

    def results(self) -> Iterator[DocumentResult]:
        try:
            for offset in self.offsets:
                yield self.spill.load(offset)
        finally:
            self.spill.close()
            self.facts.close()


def open_output(path: Optional[str], binary: bool) -> tuple[TextIO, Optional[BinaryIO], Callable[[], None]]:
    """(text stream, byte stream, close) for ``--output FILE`` or standard output.

    Raises ValueError with a Chinese message for a binary format bound for a terminal, or a
    file that cannot be opened."""
    if path is None:
        if binary and sys.stdout.isatty():
            raise ValueError("这是二进制格式（表格文件），不能显示在终端上：请用 --output 结果.xlsx 写入文件")
        return sys.stdout, (sys.stdout.buffer if binary else None), lambda: None
    try:
        if binary:
            fh = open(path, "wb")
            return sys.stdout, fh, fh.close
        from gxcheck.names import register as register_names  # names that are not UTF-8: readable

        text = open(path, "w", encoding="utf-8", newline="", errors=register_names())
    except OSError as exc:
        from gxcheck.faults import os_reason

        raise ValueError(f"无法写入输出文件 {path}：{os_reason(exc, writing=True)}") from None
    return text, None, text.close
