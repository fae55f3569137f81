"""``--format jsonl``: one JSON document per line, in input order, each written (and flushed)
as soon as it and those before it are checked; the fields are those of a document in
``--format json``, plus ``schema_version``. Memory stays flat however many files are checked."""

from __future__ import annotations

import json
from typing import Sequence

from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult
from gxcheck.hookspecs import hookimpl
from gxcheck.output.json import SCHEMA_VERSION, run_document


class JsonLinesFormatter(Formatter):
    name = "jsonl"
    description = "每行一个 JSON 文档（每份报告一行，边检查边输出）"

    def document(self, result: DocumentResult) -> None:
        line = {"schema_version": SCHEMA_VERSION, **run_document(result)}
        self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.stream.flush()


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [JsonLinesFormatter]
