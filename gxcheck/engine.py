"""Checking files: load, recognize, run every rule; one file's trouble never stops the run."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from gxcheck.budget import check_size
from gxcheck.explain import link_explanations
from gxcheck.faults import describe_failure
from gxcheck.ftypes import Config, DocumentResult, Finding, Location, ReadError, Report, Severity
from gxcheck.facts import FactsList, FactsSource, body_parts, facts_of
from gxcheck.fingerprints import with_fingerprints
from gxcheck.manager import Plugins
from gxcheck.ocr import OCR_NOTE
from gxcheck.recognize import recognize
from gxcheck.rule import Rule, RunRule, at_most_one_notice, fold_repeats
from gxcheck.paths import expand_paths as expand_paths  # where the engine's callers find it
from gxcheck.paths import not_a_regular_file
from gxcheck.sniff import detect_format, is_own_output

_FORMAT_NAMES = {"doc": "旧版 Word/WPS 二进制文件（.doc/.wps）", "rtf": "RTF 文件（.rtf）",
                 "odt": "OpenDocument 文本（.odt）", "unknown": "无法识别的格式"}
#: Formats read by converting them with LibreOffice.
CONVERTED = ("doc", "rtf", "odt")
_INSTALL_LIBREOFFICE = ("请用 Word 或 WPS「另存为」.docx 后再检查；或安装 LibreOffice 后再运行"
                        "（Debian/Ubuntu：sudo apt install libreoffice-writer-nogui；Windows：安装 LibreOffice 并确保 soffice 在 PATH 中）")


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _by_severity(finding: Finding) -> tuple[int, str]:
    """How a file's findings are listed: errors first, then by code."""
    return _SEVERITY_ORDER[finding.severity.value], finding.code


def _said_from_picture(finding: Finding, report: Report) -> Finding:
    """A finding about a table of a scanned report: the numbers came from OCR, so say so
    (not when the table was not found at all: no number of it was read)."""
    table = finding.location.table
    if table is None or report.tables.get(table) is None or OCR_NOTE in finding.message:
        return finding
    return finding.model_copy(update={"message": f"{finding.message}（{OCR_NOTE}）"})


class Engine:
    """Checks files with one set of plugins. ``configs`` gives each file its own settings (the
    nearest configuration file and its overrides); files whose settings differ from ``config``
    are checked by an engine made for those settings, kept for the next file that shares them."""

    def __init__(self, plugins: Plugins, config: Config = Config(),
                 configs: Optional[Callable[[Path], Config]] = None) -> None:
        self.plugins = plugins
        self.config = config
        self.configs = configs
        self._engines: dict[Config, Engine] = {}
        self.rules: list[tuple[str, Rule]] = [
            (pack, cls(config)) for pack, cls in plugins.rules if self._selected(cls.code)
        ]
        self._meta = {cls.code: (pack, cls) for pack, cls in plugins.rules}
        #: Whether batch checks (:func:`check_files`) keep each parsed report in its result, for an
        #: output that shows the report (``--format html``); off, a big batch keeps only findings.
        self.keep_reports = False
        #: Rules over the whole run: they need every report's facts.
        self.run_rules: list[tuple[str, RunRule]] = [(p, r) for p, r in self.rules if isinstance(r, RunRule)]

    def _selected(self, code: str) -> bool:
        def hit(prefixes: Sequence[str]) -> bool:
            return any(code.startswith(p.upper()) for p in prefixes)

        if self.config.select and not hit(self.config.select):
            return False
        return not hit(self.config.ignore)

    def _engine_finding(self, code: str, message: str) -> Finding:
        pack, cls = self._meta.get(code, ("engine", None))
        severity = cls.severity if cls else Severity.ERROR
        return Finding(code=code, severity=severity, message=message, location=Location(),
                       rule=cls.slug if cls else "", pack=pack)

    def read(self, path: Path) -> Report:
        """Load and recognize one file; raises :class:`ReadError` for an unreadable one."""
        odd = not_a_regular_file(path)  # a FIFO, a device, a link to nothing: never opened
        if odd is not None:
            raise ReadError(odd)
        fmt = detect_format(path)
        if fmt == "empty":
            raise ReadError("文件是空的")
        if fmt in ("html", "text") and is_own_output(path):
            raise ReadError("这是 gxcheck 自己写出的检查结果，不是年度报告，未检查；"
                            "请把检查结果保存在报告所在的文件夹以外（例如 -o ../检查结果.html）")
        loaded = self.plugins.load(path, fmt)
        if loaded is None:
            if fmt in CONVERTED:
                raise ReadError(f"这是{_FORMAT_NAMES[fmt]}，需要用 LibreOffice 转换，但本机没有找到 LibreOffice。"
                                + _INSTALL_LIBREOFFICE)
            raise ReadError(f"{_FORMAT_NAMES.get(fmt, fmt)}：没有能读取这种文件的加载插件")
        check_size(loaded)  # millions of characters are no report: refused before recognizing
        return recognize(loaded, str(path))

    def check_report(self, report: Report) -> list[Finding]:
        findings: list[Finding] = []
        for pack, rule in self.rules:
            if rule.engine_only or isinstance(rule, RunRule) or report.report_format not in rule.formats:
                continue  # engine findings, rules over a whole run, rules for another report format
            try:
                found = fold_repeats(at_most_one_notice(rule.check(report)))
            except Exception as exc:  # a broken rule must not hide the others
                findings.append(self._engine_finding(
                    "E003", f"规则 {rule.code}（插件「{pack}」）运行出错：{type(exc).__name__}: {exc}"))
                continue
            findings.extend(f.model_copy(update={"pack": pack}) for f in found)
        return [_said_from_picture(f, report) for f in findings] if report.ocr_pages or report.ocr_pictures else findings

    def for_file(self, path: Path) -> "Engine":
        """The engine whose settings are those in force for ``path``."""
        config = self.configs(path) if self.configs is not None else self.config
        if config == self.config:
            return self
        if config not in self._engines:
            self._engines[config] = Engine(self.plugins, config)
        return self._engines[config]

    def _as_configured(self, findings: list[Finding]) -> list[Finding]:
        if not self.config.severity:
            return findings
        wanted = dict(self.config.severity)
        return [f.model_copy(update={"severity": Severity(wanted[f.code])}) if f.code in wanted else f
                for f in findings]

    def check_file(self, path: Path, keep_report: bool = True) -> DocumentResult:
        """Everything about one file. ``keep_report=False`` leaves the parsed report out of
        the result (a batch of thousands only needs the findings)."""
        engine = self.for_file(path)
        if engine is not self:
            return engine.check_file(path, keep_report)
        start = time.perf_counter()
        try:
            report = self.read(path)
        except ReadError as exc:
            finding = self._engine_finding(exc.code, exc.message)
            # A file that cannot be read is always reported, whatever is selected or ignored.
            return with_fingerprints(DocumentResult(path=str(path), findings=(finding,),
                                                    error=exc.message, seconds=time.perf_counter() - start))
        except Exception as exc:  # a hostile or broken file: say so and go on
            message = describe_failure(exc)
            return with_fingerprints(DocumentResult(path=str(path), findings=(self._engine_finding("E001", message),),
                                                    error=message, seconds=time.perf_counter() - start))
        if report.level == "unknown" and self.config.level is not None:
            report = report.model_copy(update={"level": self.config.level})
        findings = link_explanations(self._as_configured(self.check_report(report)))
        findings.sort(key=_by_severity)
        facts = facts_of(report, str(path)) if self.run_rules else None
        parts = body_parts(report.agency)
        result = DocumentResult(path=str(path), report=report if keep_report else None, title=report.title,
                                agency=report.agency, findings=tuple(findings), seconds=time.perf_counter() - start,
                                facts=facts, format=report.format, level=report.level, year=report.year,
                                body="".join(parts) if parts else None)
        return with_fingerprints(result)

    def run_findings(self, source: FactsSource) -> dict[str, list[Finding]]:
        """The findings of the rules over the whole run, by the path of the report they belong to.
        Rules of one body at a time get one core name's reports per call (see ``RunRule.per_body``)."""
        extra: dict[str, list[Finding]] = {}
        for pack, rule in self.run_rules:
            for facts in (source.by_core() if rule.per_body else [source.all()]):
                try:
                    for path, finding in rule.check_run(facts):
                        extra.setdefault(path, []).append(finding.model_copy(update={"pack": pack}))
                except Exception as exc:  # a broken rule must not hide the others
                    crash = self._engine_finding(
                        "E003", f"规则 {rule.code}（插件「{pack}」）运行出错：{type(exc).__name__}: {exc}")
                    for fact in facts:
                        extra.setdefault(fact.path, []).append(crash)
        return extra

    def with_run_findings(self, result: DocumentResult, extra: dict[str, list[Finding]]) -> DocumentResult:
        """The result with the findings of the rules over the run that belong to it, as the
        settings in force for its file select and grade them."""
        engine = self.for_file(Path(result.path))
        added = engine._as_configured([f for f in extra.get(result.path, ()) if engine._selected(f.code)])
        if not added:
            return result
        findings = sorted(result.findings + tuple(added), key=_by_severity)
        return with_fingerprints(result.model_copy(update={"findings": tuple(findings)}))

    def check_run(self, results: Sequence[DocumentResult]) -> list[DocumentResult]:
        """The results with the findings of the rules over the whole run added to them."""
        if not self.run_rules:
            return list(results)
        extra = self.run_findings(FactsList([r.facts for r in results if r.facts is not None]))
        return [self.with_run_findings(result, extra) for result in results]


# Worker processes get the engine by inheritance (fork), so plugins load once.
_worker_engine: Optional[Engine] = None


def _check_in_worker(path: Path) -> DocumentResult:
    assert _worker_engine is not None
    return _worker_engine.check_file(path, keep_report=_worker_engine.keep_reports)


def check_files(engine: Engine, files: Sequence[Path], jobs: int = 0, here: bool = False) -> Iterator[DocumentResult]:
    """Check files, in order, using ``jobs`` processes (0: every core). Results carry no report
    unless ``engine.keep_reports`` is set. ``here``: the process is the command's own, so a lone
    file that suits may be checked in it, under the same limits (:func:`gxcheck.worker.suits_here`)."""
    jobs = jobs or os.cpu_count() or 1
    from gxcheck import worker

    memory_mb, seconds = worker.limits_from_env()
    if worker.available() and (memory_mb > 0 or seconds > 0):
        if here and len(files) == 1 and worker.suits_here(engine, files[0]):
            yield worker.check_here(engine, files[0], memory_mb, seconds)
            return
        # every file in a limited worker process, also with --jobs 1 (see gxcheck/worker.py)
        yield from worker.check_isolated(engine, files, jobs, memory_mb, seconds)
        return
    if jobs <= 1 or len(files) < 4 or "fork" not in multiprocessing.get_all_start_methods():
        for path in files:
            yield engine.check_file(path, keep_report=engine.keep_reports)
        return
    from concurrent.futures import ProcessPoolExecutor  # not at import: it brings logging, and one file needs no pool

    global _worker_engine
    _worker_engine = engine
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=ctx) as pool:
        chunk = max(1, min(16, len(files) // (jobs * 4)))
        yield from pool.map(_check_in_worker, files, chunksize=chunk)
