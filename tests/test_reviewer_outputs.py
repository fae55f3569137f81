"""Issue 10, outputs reviewers open: SARIF, JUnit, Excel, CSV, JSON with its schema; --output;
colour and -v; every format written per document as files complete."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples" / "reports"
GXCHECK = [sys.executable, "-m", "gxcheck"]

# The parts of SARIF 2.1.0 that gxcheck writes, as the OASIS standard defines them (sarif-schema-2.1.0,
# §3.13 sarifLog … §3.35 suppression): required members, closed objects, the enumerations.
_MESSAGE = {"type": "object", "additionalProperties": False, "properties": {"text": {"type": "string"}},
            "required": ["text"]}
SARIF_SUBSET = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object", "additionalProperties": False, "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
    },
    "definitions": {
        "run": {"type": "object", "additionalProperties": False, "required": ["tool"],
                "properties": {"tool": {"$ref": "#/definitions/tool"},
                               "results": {"type": "array", "items": {"$ref": "#/definitions/result"}}}},
        "tool": {"type": "object", "additionalProperties": False, "required": ["driver"],
                 "properties": {"driver": {"$ref": "#/definitions/toolComponent"}}},
        "toolComponent": {"type": "object", "additionalProperties": False, "required": ["name"],
                          "properties": {"name": {"type": "string"}, "version": {"type": "string"},
                                         "rules": {"type": "array", "uniqueItems": True,
                                                   "items": {"$ref": "#/definitions/reportingDescriptor"}}}},
        "reportingDescriptor": {
            "type": "object", "additionalProperties": False, "required": ["id"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": _MESSAGE,
                           "defaultConfiguration": {"type": "object", "additionalProperties": False,
                                                    "properties": {"level": {"enum": ["none", "note", "warning", "error"]}}},
                           "properties": {"type": "object"}}},
        "result": {
            "type": "object", "additionalProperties": False, "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"}, "message": _MESSAGE,
                "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
                "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                "suppressions": {"type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/suppression"}},
                "properties": {"type": "object"}}},
        "location": {"type": "object", "additionalProperties": False,
                     "properties": {"physicalLocation": {"$ref": "#/definitions/physicalLocation"},
                                    "logicalLocations": {"type": "array", "items": {
                                        "type": "object", "additionalProperties": False,
                                        "properties": {"name": {"type": "string"}, "kind": {"type": "string"}}}}}},
        "physicalLocation": {"type": "object", "additionalProperties": False,
                             "properties": {"artifactLocation": {
                                 "type": "object", "additionalProperties": False,
                                 "properties": {"uri": {"type": "string", "format": "uri-reference"}}},
                                 "region": {"type": "object", "additionalProperties": False,
                                            "properties": {"startLine": {"type": "integer", "minimum": 1}}}}},
        "suppression": {"type": "object", "additionalProperties": False, "required": ["kind"],
                        "properties": {"kind": {"enum": ["inSource", "external"]},
                                       "status": {"enum": ["accepted", "underReview", "rejected"]},
                                       "justification": {"type": "string"}}},
    },
}


def test_sarif_validates_and_carries_fingerprints_and_waivers(capsys, tmp_path, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck-waivers.toml").write_text(
        f'[[waiver]]\ncode = "D001"\nfile = "{EXAMPLES / "马店镇2024年报告.txt"}"\nreason = "已确认"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "sarif", str(EXAMPLES))
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SUBSET, format_checker=jsonschema.FormatChecker())
    results = log["runs"][0]["results"]
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == rules and "A001" in rules
    assert all(len(r["partialFingerprints"]["gxcheck/v1"]) == 16 for r in results)
    assert [r["ruleId"] for r in results if r.get("suppressions")] == ["D001"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert any("%E9%A9%AC" in u for u in uris), "Chinese file names are percent-encoded URIs"


def test_junit_parses_with_a_junit_reader(capsys):
    junitparser = pytest.importorskip("junitparser")
    code, out, _ = run_cli(capsys, "run", "-f", "junit", str(EXAMPLES))
    xml = junitparser.JUnitXml.fromstring(out.encode("utf-8"))
    suites = list(xml)
    assert len(suites) == 5
    madian = next(s for s in suites if "马店镇" in s.name)
    failed = {case.name.split()[0] for case in madian if any(isinstance(r, junitparser.Failure) for r in case.result)}
    assert failed == {"D001", "D002"} and madian.failures == 2 and madian.tests > 20


def test_junit_unreadable_file_is_an_error_case(capsys, tmp_path):
    junitparser = pytest.importorskip("junitparser")
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 broken \x00\x01")
    _, out, _ = run_cli(capsys, "run", "-f", "junit", str(bad))
    (suite,) = list(junitparser.JUnitXml.fromstring(out.encode("utf-8")))
    assert suite.errors == 1


def test_xlsx_has_both_sheets_with_chinese_headers(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "结果.xlsx"
    code, out, _ = run_cli(capsys, "run", "-f", "xlsx", "--output", str(target), str(EXAMPLES))
    assert code == 1 and out == ""
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["问题", "文件"]
    findings = list(book["问题"].iter_rows(values_only=True))
    files = list(book["文件"].iter_rows(values_only=True))
    assert findings[0][:7] == ("文件", "机关", "年度", "代码", "级别", "说明", "位置")
    assert len(files) == 6 and files[0][0] == "文件"
    madian = [row for row in findings[1:] if "马店镇" in row[0]]
    assert {row[3] for row in madian} >= {"D001", "D002"} and madian[0][2] == 2024


def test_xlsx_is_never_written_to_a_terminal(tmp_path):
    main, child = pty.openpty()
    proc = subprocess.run([*GXCHECK, "run", "-f", "xlsx", str(EXAMPLES / "马店镇2024年报告.txt")],
                          stdin=subprocess.DEVNULL, stdout=child, stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    os.close(child)
    os.close(main)
    assert proc.returncode == 2 and "--output" in proc.stderr.decode("utf-8")


def test_output_file_for_text_formats(capsys, tmp_path):
    target = tmp_path / "结果.json"
    code, out, _ = run_cli(capsys, "run", "-f", "json", "-o", str(target), str(EXAMPLES))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["documents"] == 5
    code, _, err = run_cli(capsys, "run", "-o", str(tmp_path / "无此目录" / "x.txt"), str(EXAMPLES))
    assert code == 2 and "无法写入" in err


def test_csv_has_year_and_fingerprint(capsys):
    _, out, _ = run_cli(capsys, "run", "-f", "csv", str(EXAMPLES / "马店镇2024年报告.txt"))
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows and all(r["年度"] == "2024" and len(r["指纹"]) == 16 for r in rows)


def test_json_documents_say_what_was_read_and_match_the_schema(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    _, schema_text, _ = run_cli(capsys, "schema")
    code, out, _ = run_cli(capsys, "run", "-f", "json", str(EXAMPLES), str(ROOT / "README.md"))
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(schema_text))
    first = next(d for d in doc["documents"] if d["path"].endswith(".docx"))
    assert (first["format"], first["level"], first["year"]) == ("docx", "department", 2025)
    assert first["title"] and first["agency"] == "临川区教育局"


class _Recorder(io.StringIO):
    """Records, for every write, how many files the engine had checked by then."""

    def __init__(self, counter: list[int]) -> None:
        super().__init__()
        self.counter = counter
        self.marks: list[tuple[int, str]] = []

    def write(self, text: str) -> int:
        self.marks.append((self.counter[0], text))
        return super().write(text)


@pytest.mark.parametrize("name", ["text", "json", "jsonl", "csv", "sarif", "junit", "pytest", "html"])
def test_every_format_writes_as_documents_complete(name, monkeypatch):
    from urllib.parse import quote

    import gxcheck.run as gxrun
    from gxcheck.engine import Engine
    from gxcheck.ftypes import Config
    from gxcheck.manager import Plugins

    counter = [0]  # results handed over by the engine so far
    original = gxrun.check_files

    def counting(*args, **kwargs):
        for result in original(*args, **kwargs):
            counter[0] += 1
            yield result

    monkeypatch.setattr(gxrun, "check_files", counting)
    plugins = Plugins()
    stream = _Recorder(counter)
    files = sorted(EXAMPLES.iterdir())
    # the cross-year rules make results wait for the whole run (on disk); without them, nothing waits
    engine = Engine(plugins, Config(ignore=("Y",)))
    gxrun.run(engine, plugins.formatters[name](stream), gxrun.RunOptions(files=files, jobs=1, progress=False))
    assert counter[0] == len(files)
    first = files[0].name
    written_at = next(n for n, text in stream.marks if first in text or quote(first) in text)
    assert 1 <= written_at < len(files), f"{name}: the first file's result waited for the whole run"


def test_colour_follows_no_color_and_force_color(tmp_path):
    report = str(EXAMPLES / "马店镇2024年报告.txt")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    plain = subprocess.run([*GXCHECK, "run", report], capture_output=True, env=env, cwd=ROOT, timeout=120)
    forced = subprocess.run([*GXCHECK, "run", report], capture_output=True, env={**env, "FORCE_COLOR": "1"},
                            cwd=ROOT, timeout=120)
    both = subprocess.run([*GXCHECK, "run", report], capture_output=True,
                          env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"}, cwd=ROOT, timeout=120)
    assert b"\x1b[" not in plain.stdout and b"\x1b[31;1m" in forced.stdout and b"\x1b[" not in both.stdout


def test_verbose_names_the_rule_and_the_time(capsys):
    _, out, _ = run_cli(capsys, "run", "-v", "--no-progress", str(EXAMPLES / "马店镇2024年报告.txt"))
    assert "规则 signature." in out and "用时" in out.splitlines()[1]


def test_with_cross_year_rules_results_wait_on_disk_and_keep_input_order(capsys, tmp_path):
    import shutil

    series = sorted(p for p in (ROOT.parent / "shared" / "series").iterdir() if p.suffix in (".txt", ".html", ".docx"))
    if len(series) < 4:
        pytest.skip("needs ../shared/series")
    for p in series[:6]:
        shutil.copy(p, tmp_path / p.name)
    _, out, _ = run_cli(capsys, "run", "-f", "jsonl", str(tmp_path))
    paths = [json.loads(line)["path"] for line in out.splitlines()]
    assert paths == [str(tmp_path / p.name) for p in sorted(series[:6], key=lambda p: p.name)]


def test_junit_escapes_what_xml_cannot_hold_as_is():
    import xml.etree.ElementTree as ET

    from gxcheck.output.junit import _attr, _text

    nasty = 'a"b<c>&d\n\te\x01f'
    element = ET.fromstring(f"<x v={_attr(nasty)}>{_text(nasty)}</x>")
    assert element.get("v") == 'a"b<c>&d\n\te\ufffdf' and element.text == 'a"b<c>&d\n\te\ufffdf'
