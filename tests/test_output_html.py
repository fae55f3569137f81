"""``--format html``: a self-contained Chinese page a clerk can act on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gxcheck.ftypes import DocumentResult, Finding, Location, Severity
from gxcheck.output.html import document_html, verdict, where_words

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")


def run_html(*paths: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "gxcheck", "run", "--format", "html", *map(str, paths)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    return done.stdout


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_page_names_cells_and_explains_identity_in_words() -> None:
    page = run_html(CORPUS / "r020.docx", CORPUS / "r010.pdf")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "需要修改：3 个错误" in page
    # A001 in words, with the four numbers; the cell by its printed row and column names.
    assert "本年新收（2）加上年结转（0）共 2 件，但办理结果总计（2）加结转下年度（1）共 3 件" in page
    assert "表三（申请情况），「（七）总计」行，「总计」列" in page
    # A PDF finding gives its page; a docx finding quotes the paragraph instead of a block counter.
    assert "第 2 页" in page
    assert "以「2024年度,本镇未收到政府信息公开申请。」开头的段落" in page
    assert not re.search(r"第\d+行", page)
    # Self-contained: nothing fetched from anywhere.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@media print" in page


def test_verdict_sentences() -> None:
    ok = DocumentResult(path="a.txt")
    assert verdict(ok) == (True, "可以提交")
    warn = Finding(code="D001", severity=Severity.WARNING, message="晚了")
    err = Finding(code="A001", severity=Severity.ERROR, message="不等")
    assert verdict(DocumentResult(path="a.txt", findings=(err, warn))) == (False, "需要修改：1 个错误，1 个警告")


def test_lines_only_for_plain_text_and_markup_escaped() -> None:
    loc = Location(part="s5", line=12)
    assert where_words(loc, "a.txt") == "第五部分「存在的主要问题及改进情况」，第 12 行"
    assert where_words(loc, "a.docx") == "第五部分「存在的主要问题及改进情况」"
    bad = Finding(code="X001", severity=Severity.ERROR, message="<script>alert(1)</script>")
    fragment = document_html(DocumentResult(path="<b>.txt", findings=(bad,)))
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment and "&lt;b&gt;.txt" in fragment
