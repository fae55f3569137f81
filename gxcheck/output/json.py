"""``--format json``: the machine-readable contract of ``spec/output.md`` (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any, Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Severity
from gxcheck.hookspecs import hookimpl

SCHEMA_VERSION = 1


def run_document(result: DocumentResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "location": f.location.as_dict(),
                "rule": f.rule,
                "pack": f.pack,
                **({"undecided": True} if f.undecided else {}),
                **({"explains": True} if f.explains else {}),
                **({"explained_by": f.explained_by} if f.explained_by else {}),
            }
            for f in result.findings
        ],
    }


class JsonFormatter(Formatter):
    name = "json"
    description = "一个 JSON 文档（供程序读取，见 spec/output.md）"

    def finish(self, results: Sequence[DocumentResult], seconds: float) -> None:
        doc = {
            "schema_version": SCHEMA_VERSION,
            "documents": [run_document(r) for r in results],
            "summary": {
                "documents": len(results),
                "errors": sum(r.count(Severity.ERROR) for r in results),
                "warnings": sum(r.count(Severity.WARNING) for r in results),
                "infos": sum(r.count(Severity.INFO) for r in results),
            },
        }
        json.dump(doc, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [JsonFormatter]
