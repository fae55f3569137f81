"""Acceptance review: gxcheck as a reviewer, a clerk and an archive meet it, on the shared files and
on files built here; each test fails without the fix it guards."""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_cli, shared_path

# 「第12行」: a counter of paragraphs in a Word file or a web page, of extracted lines in a PDF.
_LINE = re.compile(r"第\s*\d+\s*行")


@pytest.mark.parametrize("fmt", ["text", "csv", "junit", "pytest", "sarif"])
def test_places_in_word_web_and_pdf_files_are_never_a_line_number(capsys, fmt):
    files = [str(shared_path("corpus", name)) for name in ("r020.docx", "r033.html", "r010.pdf")]
    _, out, _ = run_cli(capsys, "run", "--no-progress", "-f", fmt, *files)
    assert "N002" in out  # a finding about a paragraph, which carries a line internally
    assert not _LINE.search(out)
    if fmt == "sarif":
        regions = [loc["physicalLocation"].get("region") for run in json.loads(out)["runs"]
                   for r in run["results"] for loc in r["locations"]]
        assert regions and not any(regions)


def test_a_text_file_keeps_its_line_numbers(capsys):
    _, out, _ = run_cli(capsys, "run", "--no-progress", str(shared_path("corpus", "r003.txt")))
    assert re.search(r"S004 第六部分 / 第\d+行", out)
    _, out, _ = run_cli(capsys, "run", "--no-progress", "-f", "sarif", str(shared_path("corpus", "r003.txt")))
    assert any(loc["physicalLocation"].get("region", {}).get("startLine")
               for run in json.loads(out)["runs"] for r in run["results"] for loc in r["locations"])
