"""``--format sarif``: SARIF 2.1.0, the exchange format code-scanning tools read.

One run; each finding a result with its rule id (the code), level (error / warning / note),
message, the file as an artifact location (relative URI) with the line where known, the
Chinese place as a logical location, the fingerprint as ``partialFingerprints["gxcheck/v1"]``
and, for a waived finding, an accepted external suppression with the reason.  Undecided
findings are results of kind ``open`` (SARIF's "could not be determined").

Results are written as files complete; ``tool.driver`` (with the rules that occurred)
follows them at the end — member order does not matter in JSON, and the rules are then known.
"""

from __future__ import annotations

import json
from typing import Any, Sequence
from urllib.parse import quote

from gxcheck import __version__
from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Finding, RunSummary
from gxcheck.hookspecs import hookimpl
from gxcheck.output._where import describe, shows_lines

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI for a path as given (any bytes of a non-UTF-8 name survive, escaped)."""
    raw = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    return quote(raw, safe="/")


def sarif_result(result: DocumentResult, f: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(result.path)}}
    if f.location.line and shows_lines(result.format):  # a Word file's paragraph count is no line
        physical["region"] = {"startLine": f.location.line}
    location: dict[str, Any] = {"physicalLocation": physical,
                                "logicalLocations": [{"name": describe(f.location, result.format, f.message), "kind": "element"}]}
    out: dict[str, Any] = {"ruleId": f.code, "message": {"text": f.message}, "locations": [location],
                           "partialFingerprints": {"gxcheck/v1": f.fingerprint}}
    if f.undecided:
        out.update(kind="open", level="none")
    else:
        out.update(kind="fail", level=_LEVEL[f.severity.value])
    if f.location.page:
        out["properties"] = {"page": f.location.page}
    if f.waiver is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.waiver.reason}]
    return out


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0（代码扫描平台、IDE 读取的交换格式）"

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.stream.write(f'{{"$schema": "{SARIF_SCHEMA}", "version": "2.1.0", "runs": [{{"results": [')
        self._first = True
        self._seen: dict[str, None] = {}

    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            self._seen.setdefault(f.code)
            self.stream.write(("\n" if self._first else ",\n") + json.dumps(sarif_result(result, f), ensure_ascii=False))
            self._first = False
        self.stream.flush()

    def _rule(self, code: str) -> dict[str, Any]:
        rule = self.rules.get(code)
        if rule is None:
            return {"id": code}
        return {"id": code, "name": rule.slug or code, "shortDescription": {"text": rule.title or code},
                "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
                **({"properties": {"basis": rule.basis}} if rule.basis else {})}

    def finish(self, summary: RunSummary) -> None:
        driver = {"name": "gxcheck", "version": __version__, "rules": [self._rule(c) for c in sorted(self._seen)]}
        self.stream.write(f'\n], "tool": {{"driver": {json.dumps(driver, ensure_ascii=False)}}}}}]}}\n')


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [SarifFormatter]
