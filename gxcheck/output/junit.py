"""``--format junit``: JUnit XML, for CI systems and test dashboards.

One ``<testsuite>`` per file (so each is complete when written, as files finish) and in it
one ``<testcase>`` per rule that ran: an error finding is a ``<failure>``, an undecided rule is
``<skipped>``, warnings and notes (and waived findings) are the case's ``<system-out>``.  A file
that cannot be read is one case with an ``<error>``.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Finding, RunSummary, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe

#: Characters XML 1.0 cannot hold (and lone surrogates of undecodable file names).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Written out here rather than taken from xml.sax.saxutils, which imports urllib.request,
# http.client and ssl: 7 ms of every start of gxcheck, as formats are registered at start.
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT_SPECIAL = re.compile("[&<>]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


def _text(value: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], _NOT_XML.sub("\ufffd", value))


def _attr(value: str) -> str:
    """A quoted attribute value."""
    return '"' + _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], _NOT_XML.sub("\ufffd", value)) + '"'


def _line(f: Finding, fmt: Optional[str]) -> str:
    waived = f"（已豁免：{f.waiver.reason}）" if f.waiver is not None else ""
    return f"[{f.severity.chinese}] {f.code} {describe(f.location, fmt, f.message)}：{f.message}{waived}"


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML（CI 与测试看板读取；每个文件一个测试套件，每条规则一个测试）"

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.rule_codes = sorted(rule_codes)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gxcheck">\n')

    def _case(self, path: str, code: str, findings: list[Finding], fmt: Optional[str]) -> tuple[str, str]:
        """(the case's XML, its outcome: passed / failure / skipped)."""
        rule = self.rules.get(code)
        name = f"{code} {rule.title}" if rule is not None and rule.title else code
        head = f"    <testcase classname={_attr(path)} name={_attr(name)}>"
        failing = [f for f in findings if f.severity is Severity.ERROR and f.counts]
        body, outcome = "", "passed"
        if failing:
            body += (f"<failure message={_attr(failing[0].message)} type={_attr(code)}>"
                     f"{_text(chr(10).join(_line(f, fmt) for f in failing))}</failure>")
            outcome = "failure"
        elif findings and all(f.undecided for f in findings):
            body += f"<skipped message={_attr(findings[0].message)}/>"
            outcome = "skipped"
        other = [f for f in findings if f not in failing]
        if other and outcome != "skipped":
            body += f"<system-out>{_text(chr(10).join(_line(f, fmt) for f in other))}</system-out>"
        return f"{head}{body}</testcase>\n", outcome

    def document(self, result: DocumentResult) -> None:
        if result.error and any(f.counts for f in result.findings):
            case = (f"    <testcase classname={_attr(result.path)} name={_attr('读取文件')}>"
                    f"<error message={_attr(result.error)} type=\"E001\">{_text(result.error)}</error></testcase>\n")
            self.stream.write(f"  <testsuite name={_attr(result.path)} tests=\"1\" failures=\"0\" errors=\"1\" "
                              f"skipped=\"0\" time=\"{result.seconds:.3f}\">\n{case}  </testsuite>\n")
            return
        by_code: dict[str, list[Finding]] = {code: [] for code in self.rule_codes}
        for f in result.findings:
            by_code.setdefault(f.code, []).append(f)
        cases = [self._case(result.path, code, findings, result.format) for code, findings in sorted(by_code.items())]
        failures = sum(1 for _, o in cases if o == "failure")
        skipped = sum(1 for _, o in cases if o == "skipped")
        self.stream.write(f"  <testsuite name={_attr(result.path)} tests=\"{len(cases)}\" failures=\"{failures}\" "
                          f"errors=\"0\" skipped=\"{skipped}\" time=\"{result.seconds:.3f}\">\n")
        self.stream.writelines(xml for xml, _ in cases)
        self.stream.write("  </testsuite>\n")
        self.stream.flush()

    def finish(self, summary: RunSummary) -> None:
        self.stream.write("</testsuites>\n")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [JunitFormatter]
