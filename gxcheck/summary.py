"""Running totals of a run: what the exit status, the formatters' last lines and
``--statistics`` need, kept as counters so that nothing grows with the number of files."""

from __future__ import annotations

from collections import Counter

from gxcheck.ftypes import DocumentResult, RunSummary, Severity


class Tally:
    def __init__(self) -> None:
        self.documents = self.failed = self.unreadable = self.waived = 0
        self.by_severity: Counter[Severity] = Counter()
        #: findings that count, by code; files they occur in; each code's severity
        self.codes: Counter[str] = Counter()
        self.files: Counter[str] = Counter()
        self.severity: dict[str, Severity] = {}

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.unreadable += result.error is not None
        self.failed += result.count(Severity.ERROR) > 0
        for f in result.findings:
            if f.waiver is not None:
                self.waived += 1
                continue
            if f.undecided:
                continue
            self.by_severity[f.severity] += 1
            self.codes[f.code] += 1
            self.severity[f.code] = f.severity
        for code in {f.code for f in result.findings if f.counts}:
            self.files[code] += 1

    def summary(self, seconds: float, known: int = 0, gone: int = 0, baselined: bool = False) -> RunSummary:
        return RunSummary(documents=self.documents, errors=self.by_severity[Severity.ERROR],
                          warnings=self.by_severity[Severity.WARNING], infos=self.by_severity[Severity.INFO],
                          failed=self.failed, unreadable=self.unreadable, waived=self.waived,
                          seconds=seconds, known=known, gone=gone, baselined=baselined)
