"""``gxcheck schema``: a JSON Schema of ``gxcheck run --format json``, generated from models.

The models below mirror what ``gxcheck.output.json`` writes (docs/output.md explains each
field); a test validates real output against the schema, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    # The contract lets fields be added: readers must accept unknown ones.
    model_config = ConfigDict(extra="allow")


class WaiverOut(_Open):
    reason: str
    source: str
    expires: Optional[str] = Field(None, description="ISO date; absent when the waiver does not expire")


class FindingOut(_Open):
    code: str = Field(description="Stable rule code, e.g. A001")
    severity: Literal["error", "warning", "info"]
    message: str = Field(description="Chinese: what was expected, what was found, where")
    location: dict[str, Any] = Field(description="Canonical keys part/table/row/column; page/line/text where known")
    rule: str
    pack: str
    fingerprint: str = Field(description="Stable identity across runs (see gxcheck.fingerprints)")
    undecided: Optional[bool] = Field(None, description="True when the rule could not decide (a notice)")
    waiver: Optional[WaiverOut] = Field(None, description="Present when a reviewer's waiver accepts the finding")


class DocumentOut(_Open):
    path: str
    format: Optional[str]
    title: Optional[str]
    agency: Optional[str]
    level: Optional[str]
    year: Optional[int]
    body: Optional[str] = Field(description="The body key the cross-year rules group by")
    error: Optional[str] = Field(None, description="Present when the file could not be read")
    findings: list[FindingOut]


class BaselineOut(_Open):
    known: int
    gone: int


class SummaryOut(_Open):
    documents: int
    errors: int
    warnings: int
    infos: int
    waived: int
    baseline: Optional[BaselineOut] = None


class RunOut(_Open):
    schema_version: Literal[1]
    documents: list[DocumentOut]
    summary: SummaryOut


def run_schema() -> dict[str, Any]:
    schema = RunOut.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gxcheck run --format json (schema_version 1)"
    return schema
