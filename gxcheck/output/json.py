"""``--format json``: the machine-readable contract of ``docs/output.md`` (schema_version 1).

The document is written as the run goes: the opening at the start, each file's object as soon
as it is checked, the summary at the end — so an interrupted run leaves every finished file
on disk and memory does not grow with the number of files.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Finding, RunSummary
from gxcheck.hookspecs import hookimpl

SCHEMA_VERSION = 1


def run_finding(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"code": f.code, "severity": f.severity.value, "message": f.message,
                           "location": f.location.as_dict(), "rule": f.rule, "pack": f.pack,
                           "fingerprint": f.fingerprint}
    if f.undecided:
        out["undecided"] = True
    if f.explains:
        out["explains"] = True
    if f.explained_by:
        out["explained_by"] = f.explained_by
    if f.waiver is not None:
        out["waiver"] = {"reason": f.waiver.reason, "source": f.waiver.source,
                         **({"expires": f.waiver.expires.isoformat()} if f.waiver.expires else {})}
    return out


def run_document(result: DocumentResult) -> dict[str, Any]:
    return {"path": result.path, "format": result.format, "title": result.title, "agency": result.agency,
            "level": result.level, "year": result.year, "body": result.body,
            **({"error": result.error} if result.error else {}),
            "findings": [run_finding(f) for f in result.findings]}


def run_summary(summary: RunSummary) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": summary.documents, "errors": summary.errors,
                           "warnings": summary.warnings, "infos": summary.infos, "waived": summary.waived}
    if summary.baselined or summary.known or summary.gone:
        out["baseline"] = {"known": summary.known, "gone": summary.gone}
    return out


class JsonFormatter(Formatter):
    name = "json"
    description = "一个 JSON 文档（供程序读取，见 docs/output.md），边检查边写出"

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.stream.write(f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "documents": [')
        self._first = True

    def document(self, result: DocumentResult) -> None:
        text = json.dumps(run_document(result), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.stream.write(("\n    " if self._first else ",\n    ") + text)
        self._first = False
        self.stream.flush()

    def finish(self, summary: RunSummary) -> None:
        tail = "\n  ]" if not self._first else "]"
        self.stream.write(f'{tail},\n  "summary": {json.dumps(run_summary(summary), ensure_ascii=False)}\n}}\n')


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [JsonFormatter]
