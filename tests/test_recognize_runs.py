"""Run-together digits (crawler text): cut only where the row's own sums leave one way."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_path, show_json

from gxcheck.api import check, read
from gxcheck.national import REQUEST_ROW_SUMS, REVIEW_ROW_SUMS
from gxcheck.recognize.layouts import run_together
from gxcheck.recognize.layouts.base import Line
from gxcheck.ftypes import Origin
from gxcheck.recognize.runs import place


def test_as_many_runs_as_cells_is_as_written() -> None:
    assert place(["12", "0", "3"], 3) == (["12", "0", "3"], "written")


def test_as_many_digits_as_cells_is_one_digit_per_cell() -> None:
    assert place(["0000000"], 7) == (list("0000000"), "split")
    assert place(["500000", "5"], 7, REQUEST_ROW_SUMS) == (["5", "0", "0", "0", "0", "0", "5"], "split")


def test_a_longer_run_is_cut_when_one_way_adds_up() -> None:
    assert place(["640020470"], 7, REQUEST_ROW_SUMS) == (["64", "0", "0", "2", "0", "4", "70"], "split")
    # One run holding all three groups of table 四.
    cells, how = place(["10203120001200000"], 15, REVIEW_ROW_SUMS) or ([], "")
    assert [int(c) for c in cells] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0] and how == "split"
    # A space between runs is a cell boundary: 「230 000023」 is 23, 0 | 0, 0, 0, 0, 23.
    assert place(["230", "000023"], 7, REQUEST_ROW_SUMS) == (["23", "0", "0", "0", "0", "0", "23"], "split")


def test_two_ways_that_add_up_are_not_read() -> None:
    # 27/0/0/2/0/1/30 and 2/7/0/0/20/1/30 both add up.
    assert place(["270020130"], 7, REQUEST_ROW_SUMS) is None


def test_no_sums_no_cut_and_no_leading_zero() -> None:
    assert place(["693665"], 3) is None  # 69/3/665? 69/36/65? table 二 has no sum to go by
    assert place(["00"], 1) is None or place(["00"], 1) == (["00"], "written")
    assert place(["1001"], 3, ((0, 3),)) is None  # 1/0/01 would start a cell with 0; 10/0/1 does not add up
    assert place(["123"], 7, REQUEST_ROW_SUMS) is None  # fewer digits than cells: blanks were lost


def test_the_layout_keeps_ordinals_out_of_the_runs() -> None:
    lines = [Line("（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000", Origin(line=1), 0)]
    assert run_together.claims(lines) is False  # no anchor of any table: not a table's lines
    lines = [Line("申请人情况自然人总计一、本年新收政府信息公开申请数量640020470（三）不予公开1.属于国家秘密"
                  "00000002.其他法律行政法规禁止公开0000000", Origin(line=1), 0)]
    assert run_together.claims(lines)
    reading = run_together.read(lines, "requests")
    assert reading is not None and reading.layout == "run-together"
    assert [(label, runs) for label, runs, _ in reading.runs] == [
        ("申请人情况自然人总计", ()), ("一、本年新收政府信息公开申请数量", ("640020470",)), ("（三）不予公开", ()),
        ("1.属于国家秘密", ("0000000",)), ("2.其他法律行政法规禁止公开", ("0000000",))]


_ZERO = "0000000"
_ROWS_3 = ("（一）予以公开{open}（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000（三）不予公开1.属于国家秘密"
           "00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部"
           "事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000（四）无法提供"
           "1.本机关不掌握相关政府信息{unable}2.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000（五）不予处理"
           "1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求"
           "行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开"
           "申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000"
           "（七）总计{total}四、结转下年度继续办理{carry}")


def _page(tmp_path: Path, *, open_: str, unable: str, total: str, review: str, new: str = "640020470",
          carry: str = "1000001", part4: str = " 四、政府信息公开行政复议、行政诉讼情况 ") -> Path:
    filler = "我们坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。" * 3
    body = ("一、总体情况{f}二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000"
            "行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可2293 第二十条第（六）项信息内容 本年处理决定"
            "数量行政处罚1282行政强制42第二十条第（八）项信息内容 本年收费金额（单位：万元）行政事业性收费24252.311082"
            "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"
            "自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量{new}"
            "二、上年结转政府信息公开申请数量0000000三、本年度办理结果" + _ROWS_3 + part4 +
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
            "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计{review}"
            "五、存在的主要问题及改进情况{f}六、其他需要报告的事项{f}")
    path = tmp_path / "page.txt"
    path.write_text("某某区人民政府2021年度政府信息公开工作年度报告\n" + body.format(
        f=filler, new=new, open=open_, unable=unable, total=total, carry=carry, review=review) + "\n某某区人民政府\n"
        "2022年1月20日\n", encoding="utf-8")
    return path


def test_crawled_page_through_the_engine(tmp_path: Path) -> None:
    # 予以公开 「270020130」 can be cut two ways: it stays unread, and so do the sums that need it.
    path = _page(tmp_path, open_="270020130", unable="1000001", total="630020469", review="10203120001200000")
    report = read(path)
    t2, t3, t4 = report.tables.proactive, report.tables.requests, report.tables.review
    assert t2 is not None and t3 is not None and t4 is not None
    assert [c.value for c in t2.rows["rules"].cells] == [0, 0, 0]
    assert [c.value for c in t2.rows["license"].cells] == [2293] and t2.rows["license"].cells[0].read_as == "written"
    assert t2.rows["fees"].cells[0].value == 24252.311082
    assert "normative" not in t2.rows  # 「693665」 is never guessed
    assert [c.value for c in t3.rows["new"].cells] == [64, 0, 0, 2, 0, 4, 70]
    assert all(c.read_as == "split" for c in t3.rows["new"].cells)
    assert t3.rows["total"].cells[6].value == 69 and t3.rows["carry_over"].cells[6].value == 1
    assert "open" not in t3.rows
    assert [c.value for c in t4.rows["review"].cells] == [1, 0, 2, 0, 3]
    assert [c.value for c in t4.rows["suit_direct"].cells] == [12, 0, 0, 0, 12]
    findings = check([path])[0].findings
    e004 = [f for f in findings if f.code == "E004"]
    assert {f.location.table for f in e004} == {"proactive", "requests"}
    assert any("予以公开" in f.message and "270020130" in f.message for f in e004)
    assert any("693665" in f.message for f in e004)
    loud = {f.code for f in findings if f.severity.value != "info"}
    assert not loud & {"A001", "A002", "A003", "A004", "T001", "T003", "N005"}, findings
    assert any(f.code == "A002" and f.undecided for f in findings)


def test_split_rows_are_not_checked_by_their_own_sum_but_columns_are(tmp_path: Path) -> None:
    # Every row cut uniquely: the table balances, so nothing to say …
    path = _page(tmp_path, open_="610020467", unable="2000002", total="630020469", review="10203120001200000",
                 new="640020470", carry="1000001")
    findings = check([path])[0].findings
    assert not {f.code for f in findings if f.severity.value == "error"} & {"A001", "A002", "A003", "A004"}
    assert not [f for f in findings if f.code in ("A001", "A002") and f.undecided]
    # The column sums were not used to cut: they still find a wrong 结转下年度.
    path = _page(tmp_path, open_="610020467", unable="2000002", total="630020469", review="10203120001200000",
                 carry="2000002")
    assert {f.code for f in check([path])[0].findings if f.severity.value == "error"} & {"A001"}
    # … and a run that no cut makes add up is not read at all: E004 names the row.
    path = _page(tmp_path, open_="270020130", unable="1000001", total="630020469", review="10203120001200001")
    findings = check([path])[0].findings
    assert any(f.code == "E004" and f.location.table == "review" and "10203120001200001" in f.message
               for f in findings)
    assert not [f for f in findings if f.code == "A004" and not f.undecided]


def test_real_crawled_page_reads_what_its_readme_knows(capsys) -> None:
    (shown,) = show_json(capsys, str(shared_path("real", "pingtan_2021_pagetxt.txt")))
    t2, t3, t4 = (shown["tables"][k] for k in ("proactive", "requests", "review"))
    assert (t3["new"][6], t3["carried"][6], t3["total"][6], t3["carry_over"][6]) == (70, 0, 69, 1)
    assert t4 == {"review": [1, 0, 2, 0, 3], "suit_direct": [12, 0, 0, 0, 12], "suit_after": [0, 0, 0, 0, 0]}
    assert (t2["license"], t2["penalty"], t2["coercion"], t2["fees"]) == ([2293], [1282], [42], [24252.311082])
    assert "normative" not in t2 and any("693665" in p for p in shown["problems"]["proactive"])
    assert shown["cells_read"]["requests"]["new"]["6"]["read_as"] == "split"


def test_numbers_of_table_four_never_fill_table_three(tmp_path: Path) -> None:
    # Part 四's heading is lost in the run-on text: table 三 still ends where table 四's labels begin.
    path = _page(tmp_path, open_="610020467", unable="2000002", total="630020469", review="10203120001200000",
                 part4="")
    report = read(path)
    t3, t4 = report.tables.requests, report.tables.review
    assert t3 is not None and t4 is not None
    assert not t3.problems and not t3.unmatched_labels and len(t3.rows) == 25
    assert t3.rows["carry_over"].cells[6].value == 1
    assert [c.value for c in t4.rows["suit_direct"].cells] == [12, 0, 0, 0, 12]


def test_table_four_laid_out_with_spaces_after_a_lost_heading(tmp_path: Path) -> None:
    # A text dump whose part-四 heading is gone: 「行政复议  行政诉讼」 is the only heading-like line left,
    # and it is also the table's first row.
    text = shared_path("corpus", "r003.txt").read_text(encoding="utf-8")
    assert "四、政府信息公开行政复议、行政诉讼情况\n" in text
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    text = text.replace("0  0  0  0 0       0  0  0  0   0   0  0  0     0   0",
                        "1  0  0  0 1       0  0  0  0   0   0  0  0     0   0")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = read(path)
    t3, t4 = report.tables.requests, report.tables.review
    assert t3 is not None and t4 is not None and len(t3.rows) == 25 and not t3.problems
    assert [c.value for c in t4.rows["review"].cells] == [1, 0, 0, 0, 1]


def test_page_end_sign_off_and_blank_rows_of_run_together_text(tmp_path: Path) -> None:
    path = _page(tmp_path, open_="610020467", unable="2000002", total="630020469", review="10203120001200000")
    text = path.read_text(encoding="utf-8").replace("\n某某区人民政府\n2022年1月20日\n", "某某区人民政府2022年1月20日\n")
    # 规章 with every cell blank leaves its label glued to the next row's: its digits are not 规章's.
    text = text.replace("规章 000行政规范性文件693665", "规章行政规范性文件000")
    text = text.replace("2.其他法律行政法规禁止公开0000000", "2.其他法律行政法规禁止公开")
    path.write_text(text, encoding="utf-8")
    report = read(path)
    assert report.signoff.agency == "某某区人民政府" and str(report.signoff.date) == "2022-01-20"
    t2, t3 = report.tables.proactive, report.tables.requests
    assert t2 is not None and t3 is not None
    assert "rules" not in t2.rows  # not read (never given 行政规范性文件's 000)
    assert [c.value for c in t2.rows["normative"].cells] == [0, 0, 0]
    assert [c.status for c in t3.rows["deny_2"].cells] == ["blank"] * 7  # no digit after it: blank, not 0
    assert "deny" not in t3.rows  # a group row has no cells at all


def test_corpus_text_forms_read_no_wrong_number(engine) -> None:
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("text_forms", Path(__file__).parent.parent / "scripts" / "text_forms.py")
    assert spec is not None and spec.loader is not None
    forms = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(forms)
    truth = {t["file"]: t for t in json.loads(shared_path("corpus", "truth.json").read_text(encoding="utf-8"))}
    out = Path(__import__("tempfile").mkdtemp())
    for name in ("r001.html", "r000.docx"):
        source = shared_path("corpus", name)
        loaded = engine.plugins.load(source, "html" if name.endswith("html") else "docx")
        for make, suffix in ((forms.crawler_text, ".txt"), (forms.markdown_text, ".md")):
            target = out / (source.stem + suffix)
            target.write_text(make(loaded), encoding="utf-8")
            result = forms.measure(engine, source, target, truth[name])
            assert result["wrong"] == 0 and not result["false"], (name, suffix, result)
            assert result["read"] >= 0.9 * result["total"], (name, suffix, result)
