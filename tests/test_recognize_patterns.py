"""Text patterns of real published reports (crawler pages, Markdown, …), on files built here."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_path

from gxcheck.api import check, read
from gxcheck.ftypes import Report


def _crawled(tmp_path: Path, body: str) -> Report:
    """A page saved by a crawler: the whole report on one line."""
    filler = "我们坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。" * 3
    path = tmp_path / "page.txt"
    path.write_text("某某区人民政府2021年度政府信息公开工作年度报告\n" + body.format(filler=filler) + "\n",
                    encoding="utf-8")
    return read(path)


def test_heading_glued_to_a_number_is_found(tmp_path: Path) -> None:
    report = _crawled(tmp_path, "一、总体情况{filler}二、主动公开政府信息情况{filler}行政事业性收费24252.311082"
                                "三、收到和处理政府信息公开申请情况{filler}（七）总计630020469四、结转下年度继续办理1"
                                "四、政府信息公开行政复议、行政诉讼情况{filler}10203120001200000"
                                "五、存在的主要问题及改进情况{filler}六、其他需要报告的事项{filler}")
    assert [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.part("s3") is not None
    assert report.part("s3").heading == "三、收到和处理政府信息公开申请情况"  # type: ignore[union-attr]
    assert report.part("s5").heading == "五、存在的主要问题及改进情况"  # type: ignore[union-attr]


def test_row_label_of_table_three_is_not_part_three(tmp_path: Path) -> None:
    report = _crawled(tmp_path, "一、总体情况{filler}二、主动公开政府信息情况{filler}"
                                "结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开270{filler}"
                                "六、其他需要报告的事项{filler}")
    assert [p.key for p in report.parts] == ["s1", "s2", "s6"]


def test_real_crawled_page_has_all_six_parts() -> None:
    report = read(shared_path("real", "pingtan_2021_pagetxt.txt"))
    assert [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]


def _report_file(tmp_path: Path, text: str, name: str = "r.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_title_beginning_with_the_year_gives_agency_and_level(tmp_path: Path) -> None:
    for title, agency, level in (
        ("2024年上海市科学技术委员会政府信息公开工作年度报告", "上海市科学技术委员会", "department"),
        ("2024 年某某县人民政府政府信息公开工作年度报告", "某某县人民政府", "county"),
        ("2024年度某某镇人民政府政府信息公开工作年度报告", "某某镇人民政府", "township"),
    ):
        report = read(_report_file(tmp_path, f"{title}\n一、总体情况\n本年度我们认真做好政府信息公开工作。\n"))
        assert (report.title_agency, report.agency, report.level) == (agency, agency, level), title


def test_title_with_only_the_year_names_no_agency(tmp_path: Path) -> None:
    report = read(_report_file(tmp_path, "2024年政府信息公开工作年度报告\n一、总体情况\n本年度我们认真做好工作。\n"))
    assert report.title_agency is None and report.level == "unknown"


def test_all_blank_table_is_there_and_empty(tmp_path: Path) -> None:
    rows = ["规章\t\t\t", "行政规范性文件\t\t\t", "行政许可\t", "行政处罚\t", "行政强制\t", "行政事业性收费\t"]
    text = "\n".join(["某某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本年度我们认真做好政府信息公开工作。",
                      "二、主动公开政府信息情况", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", *rows,
                      "三、收到和处理政府信息公开申请情况", "本年度未收到申请。"])
    path = _report_file(tmp_path, text)
    table = read(path).tables.proactive
    assert table is not None and not table.has_numbers and not table.problems
    assert all(len(row.cells) == 3 for key, row in table.rows.items() if key in ("rules", "normative"))
    findings = check([path])[0].findings
    t001 = [f for f in findings if f.code == "T001" and f.location.table == "proactive"]
    assert len(t001) == 1 and "没有任何数字" in t001[0].message and not t001[0].undecided
    assert not [f for f in findings if f.code == "E004" and f.location.table == "proactive"]


def test_a_row_is_read_at_full_width_or_not_at_all() -> None:
    report = read(shared_path("real", "pingtan_2021_pagetxt.txt"))
    for table in (report.tables.proactive, report.tables.requests, report.tables.review):
        if table is None:
            continue
        assert all(len(row.cells) == 3 if key in ("rules", "normative") else len(row.cells) in (1, 5, 7)
                   for key, row in table.rows.items()), table.rows


_MARKDOWN = """# 某某县人民政府2023年政府信息公开工作年度报告

## 一、总体情况

本年度我们认真做好政府信息公开工作。

## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 13 | 0 | 55 |
| 行政许可 | 97 |
| 行政处罚 | 5 |

## 三、收到和处理政府信息公开申请情况

本年度未收到申请。
"""


def test_markdown_headings_and_pipe_tables(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    path = _report_file(folder, _MARKDOWN, name="r.md")
    report = read(path)
    assert report.title == "某某县人民政府2023年政府信息公开工作年度报告"
    assert [p.key for p in report.parts] == ["s1", "s2", "s3"]
    assert report.part("s2").heading == "二、主动公开政府信息情况"  # type: ignore[union-attr]
    table = report.tables.proactive
    assert table is not None and not table.problems
    assert [c.value for c in table.rows["normative"].cells] == [13, 0, 55]
    assert [c.value for c in table.rows["license"].cells] == [97]
    # Separator rows and pipes are layout, not words: no paragraph holds them.
    assert not any("|" in p.text or "---" in p.text for p in report.narrative)
    # A folder's .md files are reports too.
    assert [r.path for r in check([folder])] == [str(path)]


def test_real_markdown_extract_reads_what_its_readme_knows() -> None:
    path = shared_path("real", "sh_kewei_2024_extract.md")
    report = read(path)
    t2, t3, t4 = report.tables.proactive, report.tables.requests, report.tables.review
    assert t2 is not None and t3 is not None and t4 is not None and not t2.problems
    # 行政许可 97 sits in plain lines above the pipe rows of the same table: both are read.
    assert [c.value for c in t2.rows["normative"].cells] == [13, 0, 55]
    assert [c.value for c in t2.rows["license"].cells] == [97]
    assert (t3.rows["new"].cells[6].value, t3.rows["carried"].cells[6].value) == (34, 2)
    assert [c.value for c in t4.rows["review"].cells] == [1, 0, 0, 0, 1]
    assert [p.key for p in report.parts] == ["s1", "s3", "s2", "s4", "s5", "s6"]
    findings = check([path])[0].findings
    assert not [f for f in findings if f.code in ("S001", "T001", "T004")], findings
    assert not [f for f in findings if f.code.startswith("N") and not f.undecided], findings


_MIXED = """# 某某区科学技术委员会2024年政府信息公开工作年度报告

一、总体情况

本年度我委认真做好政府信息公开工作。

二、政府信息公开申请情况

全年收到政府信息公开申请3件，均已答复。

三、主动公开政府信息情况

第二十条第（五）项
信息内容本年处理决定数量
行政许可 97
第二十条第（六）项
行政处罚 5
行政强制 0
第二十条第（八）项
行政事业性收费 0
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 13 | 0 | 55 |

四、收到和处理政府信息公开申请情况

| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

（一）主要问题
公开内容还不够丰富。
（二）改进情况
下一步将加强培训。

六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_markdown_table_in_pipe_rows_and_plain_lines_under_a_later_heading(tmp_path: Path) -> None:
    report = read(_report_file(tmp_path, _MIXED, name="r.md"))
    t2, t3 = report.tables.proactive, report.tables.requests
    assert t2 is not None and {k: [c.value for c in r.cells] for k, r in t2.rows.items()} == {
        "rules": [0, 0, 0], "normative": [13, 0, 55], "license": [97], "penalty": [5], "coercion": [0], "fees": [0]}
    # Part 三's first heading is narrative; the table is under its second one.
    assert t3 is not None and [c.value for c in t3.rows["new"].cells] == [3, 0, 0, 0, 0, 0, 3]
    # Part 五 lost its heading; its sub-headings 「（一）主要问题」「（二）改进情况」 still name it.
    five = report.part("s5")
    assert five is not None and five.heading == "（一）主要问题" and five.ordinal is None


def test_heading_with_a_typo_is_the_part_with_a_heading_warning(tmp_path: Path) -> None:
    from gxcheck.national import PARTS

    headings = [f"{p.ordinal}、{p.heading}" for p in PARTS]
    headings[3] = "四、政府信息公开行政法复议、行政诉讼情况"
    body = "\n".join(f"{h}\n本部分内容按要求如实填写。" for h in headings)
    path = _report_file(tmp_path, f"某某县人民政府2023年政府信息公开工作年度报告\n{body}\n某某县人民政府\n2024年1月20日\n")
    report = read(path)
    assert [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    findings = check([path])[0].findings
    assert not [f for f in findings if f.code == "S001"]
    s002 = [f for f in findings if f.code == "S002"]
    assert len(s002) == 1 and s002[0].location.part == "s4" and "文字有误" in s002[0].message
    # A row label of table 三 with part 四's ordinal is still no heading.
    from gxcheck.recognize.structure import match_heading

    assert match_heading("四、结转下年度继续办理") is None and match_heading("三、本年度办理结果") is None


_REPORT_2008 = """某某县人民政府2017年政府信息公开工作年度报告
一、概述
本年度我县认真贯彻《条例》，扎实推进政府信息公开工作。
二、主动公开政府信息情况
全年主动公开政府信息120条，其中政府集中采购项目类信息7条。
三、政府信息依申请公开工作情况
本年度收到政府信息公开申请3件，均已按时答复。
四、因政府信息公开申请行政复议、提起行政诉讼的情况
本年度未发生。
五、主要问题和改进措施
公开内容还不够丰富。
六、政府信息公开情况统计表
指标名称	计量单位	2017年度	历年累计
主动公开文件数	条	120	1200
受理依申请公开信息总数	条	3	30
某某县人民政府
2018年3月20日
"""


def test_a_report_in_the_2008_format_gets_one_notice_and_no_current_format_rules(tmp_path: Path) -> None:
    path = _report_file(tmp_path, _REPORT_2008)
    report = read(path)
    assert report.report_format == "2008"
    findings = check([path])[0].findings
    assert [f.code for f in findings if f.code == "T007"] == ["T007"]
    assert not [f for f in findings if f.code[0] in "STAN" and f.code != "T007"], findings
    # Without its year the 2008 statistics table still tells the format.
    undated = _report_file(tmp_path, _REPORT_2008.replace("2017年政府", "政府"), name="undated.txt")
    assert read(undated).report_format == "2008"


def test_real_2018_report_is_not_a_2021_report_full_of_defects(capsys) -> None:
    from conftest import run_json

    (doc,) = run_json(capsys, str(shared_path("real", "pingtan_2018_pagetxt.txt")))["documents"]
    codes = [f["code"] for f in doc["findings"]]
    assert codes.count("T007") == 1
    assert not [c for c in codes if c[0] in "STAN" and c != "T007"], codes
    assert not [c for c in codes if c == "E004"]


def test_a_rule_runs_only_on_the_formats_it_declares(tmp_path: Path) -> None:
    from gxcheck import EVERY_FORMAT, Finding, Rule
    from gxcheck.engine import Engine
    from gxcheck.manager import Plugins

    class Current(Rule):
        code = "X901"

        def check(self, report: Report):  # type: ignore[no-untyped-def]
            yield self.finding("x")

    class Every(Current):
        code = "X902"
        formats = EVERY_FORMAT

    assert Rule.formats == frozenset({"2019"})
    engine = Engine(Plugins())
    engine.rules = [("test", Current()), ("test", Every())]
    old = engine.read(_report_file(tmp_path, _REPORT_2008))
    new = engine.read(_report_file(tmp_path, _REPORT_2008.replace("2017年", "2021年").replace(
        "指标名称", "项目"), name="new.txt"))
    codes = lambda found: sorted(f.code for f in found)  # noqa: E731
    assert codes(engine.check_report(old)) == ["X902"]
    assert codes(engine.check_report(new)) == ["X901", "X902"]
    assert isinstance(engine.check_report(new)[0], Finding)


def test_stale_2019_words_are_read_in_table_two_never_in_prose(tmp_path: Path) -> None:
    from gxcheck_rules.template._examples import tables

    text = ("某某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度我县认真做好政府信息公开工作。\n"
            + tables().replace("二、主动公开政府信息情况\n",
                               "二、主动公开政府信息情况\n全年主动公开政府集中采购项目类信息7条，本年新制作数量有所增加。\n"))
    findings = check([_report_file(tmp_path, text)])[0].findings
    assert not [f for f in findings if f.code == "T002"]


def test_table_three_found_but_not_placeable_rules_say_once_they_cannot_decide(tmp_path: Path) -> None:
    from gxcheck.national import STANDARD_REQUEST_KEYS
    from gxcheck_rules.template._examples import tables

    # Table 三 laid out with spaces, every row short of two of its seven cells (a text dump lost them).
    text = ("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度我县认真做好政府信息公开工作。\n"
            + tables(values={k: "  0" * 5 for k in STANDARD_REQUEST_KEYS}))
    path = _report_file(tmp_path, text)
    table = read(path).tables.requests
    assert table is not None and not table.rows and table.rows_unread
    findings = check([path])[0].findings
    on_three = [f for f in findings if f.location.table == "requests" or f.code in ("T003", "A001", "A002", "A003")]
    assert [f.code for f in on_three if f.code == "E004"] == ["E004"]
    for code in ("T003", "A001", "A002", "A003"):
        said = [f for f in on_three if f.code == code]
        assert len(said) == 1 and said[0].undecided and "无法确定位置" in said[0].message, (code, said)
    assert not [f for f in on_three if f.severity.value == "error"], on_three
