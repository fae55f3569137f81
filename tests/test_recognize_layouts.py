"""The recognizer's text layouts and phases, on small inputs built here."""

from __future__ import annotations

from pathlib import Path

from gxcheck.api import read
from gxcheck.ftypes import Cell, Origin, Report, Row, Table, Tables
from gxcheck.recognize import layouts
from gxcheck.recognize.layouts import cell_per_line, space_tokens, tab_rows
from gxcheck.recognize.cells import parse_cell
from gxcheck.recognize.layouts.base import Line
from gxcheck.recognize.report import find_headings
from gxcheck.show import cells_read_json, report_json


def _lines(text: str) -> list[Line]:
    return [Line(t, Origin(line=i + 1), i) for i, t in enumerate(text.split("\n"))]


def test_layouts_are_tried_in_documented_order() -> None:
    assert [layout.name for layout in layouts.LAYOUTS] == ["markdown-pipes", "tab-rows", "cell-per-line", "run-together",
                                                        "space-tokens"]


def test_tab_rows_read_one_row_per_line() -> None:
    lines = _lines("行政许可\t3\t1\n行政处罚\t2\t0\n以下是说明。")
    assert tab_rows.claims(lines)
    reading = layouts.read_region(lines, "proactive")
    assert reading is not None and reading.layout == "tab-rows" and reading.is_grid
    assert [cells for cells, _, _ in reading.rows] == [("行政许可", "3", "1"), ("行政处罚", "2", "0")]
    assert reading.consumed == {0, 1}


def test_cell_per_line_a_blank_line_ends_the_row() -> None:
    lines = _lines("\t行政许可\n\t3\n\n\t行政处罚\n\t2\n")
    assert not tab_rows.claims(lines) and cell_per_line.claims(lines)
    reading = layouts.read_region(lines, "proactive")
    assert reading is not None and reading.layout == "cell-per-line"
    assert [cells for cells, _, _ in reading.rows] == [("行政许可", "3"), ("行政处罚", "2")]


def test_space_tokens_start_at_the_anchor_and_stop_at_prose() -> None:
    prose = "我们将继续做好政府信息公开工作，进一步提高公开质量和效率，回应社会关切。"
    lines = _lines(f"前言文字\n行政复议 结果维持 5\n1 2 3\n{prose}\n9 9")
    reading = space_tokens.read(lines, "review")
    assert reading is not None and not reading.is_grid
    assert [t for t, _ in reading.tokens] == ["行政复议", "结果维持", "5", "1", "2", "3"]
    assert reading.consumed == {1, 2}


def test_no_anchor_no_tokens() -> None:
    assert space_tokens.read(_lines("只是一段文字"), "requests") is None


def test_headings_phase_takes_the_first_of_each_part() -> None:
    lines = _lines("一、总体情况\n正文\n二、主动公开政府信息情况\n一、总体情况")
    assert find_headings(lines) == {0: ("s1", "一"), 2: ("s2", "二")}


def test_tab_table_read_through_the_engine(tmp_path: Path) -> None:
    text = "\n".join([
        "某某市人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度我们认真做好政府信息公开工作。",
        "二、主动公开政府信息情况",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t1\t0\t5",
        "规范性文件\t2\t1\t9",
    ])
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = read(path)
    table = report.tables.proactive
    assert table is not None
    assert [c.value for c in table.rows["rules"].cells] == [1, 0, 5]
    assert [c.value for c in table.rows["normative"].cells] == [2, 1, 9]


def test_cells_say_how_they_were_read() -> None:
    assert parse_cell("3").read_as == "written" and parse_cell("3").confidence is None
    split = parse_cell("4", read_as="split")
    assert split.value == 4 and split.read_as == "split"
    ocr = parse_cell("7", read_as="ocr", confidence=0.9)
    table = Table(name="review", rows={"review": Row(key="review", cells=(parse_cell("1"), split, ocr))})
    report = Report(path="x", format="txt", tables=Tables(review=table))
    assert cells_read_json(report) == {"review": {"review": {"1": {"read_as": "split"},
                                                             "2": {"read_as": "ocr", "confidence": 0.9}}}}
    assert Cell().read_as == "written"


def test_show_json_of_a_plain_report_has_no_cells_read(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("某某市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n"
                    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t5\n规范性文件\t2\t1\t9\n",
                    encoding="utf-8")
    assert "cells_read" not in report_json(str(path), read(path))

