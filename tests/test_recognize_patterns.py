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


def test_real_markdown_extract_reads_the_pipe_rows_of_table_two() -> None:
    # Its 行政许可 97 sits in text lines above the pipe rows: one region, two layouts, not read yet.
    table = read(shared_path("real", "sh_kewei_2024_extract.md")).tables.proactive
    assert table is not None and not table.problems
    assert [c.value for c in table.rows["normative"].cells] == [13, 0, 55]


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
