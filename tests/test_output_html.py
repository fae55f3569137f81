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
    unread = Finding(code="E002", severity=Severity.ERROR, message="PDF 没有文字层")
    assert verdict(DocumentResult(path="a.pdf", findings=(unread,), error="PDF 没有文字层")) == (
        False, "无法读取这个文件，没有检查：请按下面的提示处理后重新检查")


def test_lines_only_for_plain_text_and_markup_escaped() -> None:
    loc = Location(part="s5", line=12)
    assert where_words(loc, "a.txt") == "第五部分「存在的主要问题及改进情况」，第 12 行"
    assert where_words(loc, "a.docx") == "第五部分「存在的主要问题及改进情况」"
    bad = Finding(code="X001", severity=Severity.ERROR, message="<script>alert(1)</script>")
    fragment = document_html(DocumentResult(path="<b>.txt", findings=(bad,)))
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment and "&lt;b&gt;.txt" in fragment


# --------------------------------------------------------------------------- the report as read

from lxml import html as lxml_html  # noqa: E402

from gxcheck.engine import Engine  # noqa: E402
from gxcheck.ftypes import Config  # noqa: E402
from gxcheck.manager import Plugins  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Plugins(), Config())


def checked_page(engine: Engine, path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(document_html(engine.check_file(path)))


def numbers_of(page: lxml_html.HtmlElement, code: str) -> list[str]:
    return [li.get("id").split("-f")[1] for li in page.xpath("//li[@data-targets]")
            if li.xpath(f"./span[@class='code' and text()='[{code}]']")]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_the_report_as_read_marks_every_cell_of_a_broken_identity(engine: Engine) -> None:
    page = checked_page(engine, CORPUS / "r020.docx")  # planted: 结转下年度/总计 is 1, should be 0
    # The six parts, found or missing, and the three tables with their official labels.
    parts = page.xpath("//ul[@class='parts']/li")
    assert len(parts) == 6 and all("已找到" in li.text_content() for li in parts)
    captions = [c.text_content() for c in page.xpath("//table/caption")]
    assert captions == ["表二（主动公开）", "表三（申请情况）", "表四（复议诉讼）"]
    requests = page.xpath("//table[contains(@class,'requests')]")[0].text_content()
    for label in ("申请人情况", "法人或其他组织", "社会公益组织", "三、本年度办理结果", "（七）总计", "四、结转下年度继续办理"):
        assert label in requests
    # A010 first, with the A001 and A003 findings it explains listed under it.
    [a010] = numbers_of(page, "A010")
    [a001] = numbers_of(page, "A001")
    [a003] = numbers_of(page, "A003")
    under = page.xpath(f"//li[@id='d0-f{a010}']//ol[contains(@class,'explained')]/li/@id")
    assert under == [f"d0-f{a001}", f"d0-f{a003}"] and int(a010) < int(a001) < int(a003)
    # Both sides of A001's identity in the 总计 column carry A001's number; A003's row all of it.
    def marked(n: str) -> set[str]:
        return {td.get("id").removeprefix("d0-c-requests-") for td in page.xpath("//td")
                if n in [a.text for a in td.xpath("./a[@class='mark']")]}
    assert marked(a001) == {"new-6", "carried-6", "total-6", "carry_over-6"}
    assert marked(a003) == {f"carry_over-{i}" for i in range(7)}
    likely = page.xpath("//td[contains(@class,'likely')]")
    assert [td.get("id") for td in likely] == ["d0-c-requests-carry_over-6"]
    assert likely[0].xpath("./span[@class='v']")[0].text == "1"
    left = page.xpath("//td[@id='d0-c-requests-new-6']")[0].get("class")
    right = page.xpath("//td[@id='d0-c-requests-total-6']")[0].get("class")
    assert "hit left" in left and "hit right" in right
    # Clicking a finding goes to its cells: the ids it names are in the page.
    targets = page.xpath(f"//li[@id='d0-f{a001}']/@data-targets")[0].split()
    assert all(page.xpath(f"//*[@id='{t}']") for t in targets) and len(targets) == 4


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_blank_cells_are_marked_never_zero(engine: Engine) -> None:
    page = checked_page(engine, CORPUS / "r046.pdf")  # written with blanks where the others write 0
    blanks = page.xpath("//td[contains(@class,'blank')]")
    assert blanks and all(td.xpath("./span[@class='v']")[0].text == "空白" for td in blanks)
    # Its broken 表四 total marks the total and the four results it should add up to.
    [a004] = numbers_of(page, "A004")
    cells = [td.get("id") for td in page.xpath("//td") if a004 in [a.text for a in td.xpath("./a")]]
    assert len(cells) == 5 and all(c.startswith("d0-c-review-") for c in cells)


def test_the_sentence_a_finding_quotes_is_marked(engine: Engine) -> None:
    page = checked_page(engine, EXAMPLES / "宁远县卫健委2025年报告.html")
    [n002] = numbers_of(page, "N002")
    [target] = page.xpath(f"//li[@id='d0-f{n002}']/@data-targets")[0].split()
    mark = page.xpath(f"//*[@id='{target}']")[0]
    assert mark.tag == "mark" and mark.text_content().startswith("2025年共收到政府信息公开申请8件")
    assert mark.getnext().text == n002  # the finding's number beside the sentence


def test_missing_parts_and_tables_are_said(engine: Engine, tmp_path: Path) -> None:
    short = tmp_path / "短.txt"
    short.write_text("某镇2024年政府信息公开工作年度报告\n一、总体情况\n本镇认真落实条例。\n", encoding="utf-8")
    page = checked_page(engine, short)
    states = [li.text_content() for li in page.xpath("//ul[@class='parts']/li")]
    assert states[0].endswith("已找到") and all(s.endswith("缺少") for s in states[1:])
    assert [p.text_content() for p in page.xpath("//p[@class='missing']")] == [
        "没有读到表二（主动公开）", "没有读到表三（申请情况）", "没有读到表四（复议诉讼）"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_cli_html_shows_the_report_and_json_points_to_the_likely_cell() -> None:
    page = run_html(CORPUS / "r020.docx", CORPUS / "r034.pdf")
    assert page.count("<h3>gxcheck 读到的报告</h3>") == 2
    assert 'id="d0-c-requests-carry_over-6"' in page and 'id="d1-c-requests-new-6"' in page
    done = subprocess.run([sys.executable, "-m", "gxcheck", "run", "--format", "json", str(CORPUS / "r020.docx")],
                          capture_output=True, text=True, encoding="utf-8")
    import json

    findings = json.loads(done.stdout)["documents"][0]["findings"]
    by_code = {f["code"]: f for f in findings}
    assert by_code["A010"]["explains"] is True
    assert by_code["A010"]["location"]["cells"] == [{"table": "requests", "row": "carry_over", "index": 6}]
    assert by_code["A001"]["explained_by"] == "A010" and by_code["A003"]["explained_by"] == "A010"
    assert {"table": "requests", "row": "new", "index": 6, "side": "left"} in by_code["A001"]["location"]["cells"]
    assert "cells" not in by_code["N001"]["location"] and "explained_by" not in by_code["N001"]
