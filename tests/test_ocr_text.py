"""Reports that arrive as text an OCR program produced (issue 7, pattern 4), on files built here.

The report below is laid out as OCR programs write a printed page: one line per table row, the
cells apart by spaces. Each test damages it the way OCR does — a letter for a digit (「1O2」), a
lookalike character in a heading or a row label (「事顶」, 「尚末审结」, 沐/沭), made-up column titles
(「数据1 数据2 …」), a header not read at all — and runs the real engine on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from conftest import run_cli, show_json

from gxcheck.api import check, read
from gxcheck.ftypes import DocumentResult

TITLE = "沭阳县某某镇人民政府2024年政府信息公开工作年度报告"
SIGNOFF = "沭阳县某某镇人民政府"
HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
ZERO = "0 0 0 0 0 0 0"
#: Table 三: (label, cells) in order; ``None`` for the group rows, which have no cells.
REQUESTS: tuple[tuple[str, Optional[str]], ...] = (
    ("一、本年新收政府信息公开申请数量", "102 1 0 0 0 7 110"),
    ("二、上年结转政府信息公开申请数量", "10 0 0 0 0 0 10"),
    ("三、本年度办理结果", None),
    ("（一）予以公开", "80 1 0 0 0 5 86"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "11 0 0 0 0 1 12"),
    ("（三）不予公开", None),
    *((f"{i}.{label}", ZERO) for i, label in enumerate(
        ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息",
         "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"), start=1)),
    ("（四）无法提供", None),
    ("1.本机关不掌握相关政府信息", "11 0 0 0 0 1 12"),
    ("2.没有现成信息需要另行制作", ZERO),
    ("3.补正后申请内容仍不明确", ZERO),
    ("（五）不予处理", None),
    *((f"{i}.{label}", ZERO) for i, label in enumerate(
        ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"),
        start=1)),
    ("（六）其他处理", None),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ZERO),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ZERO),
    ("3.其他", ZERO),
    ("（七）总计", "102 1 0 0 0 7 110"),
    ("四、结转下年度继续办理", "10 0 0 0 0 0 10"),
)
REQUESTS_HEADER = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）  申请人情况",
                   "自然人  法人或其他组织  总计", "商业企业  科研机构  社会公益组织  法律服务机构  其他")
#: Table 二: header lines (``None`` cells) and rows.
PROACTIVE: tuple[tuple[str, Optional[str]], ...] = (
    ("第二十条第（一）项", None), ("信息内容  本年制发件数  本年废止件数  现行有效件数", None),
    ("规章", "0  0  0"), ("行政规范性文件", "10  1  101"),
    ("第二十条第（五）项", None), ("信息内容  本年处理决定数量", None), ("行政许可", "1102"),
    ("第二十条第（六）项", None), ("信息内容  本年处理决定数量", None), ("行政处罚", "210"), ("行政强制", "0"),
    ("第二十条第（八）项", None), ("信息内容  本年收费金额（单位：万元）", None), ("行政事业性收费", "12.36"),
)
REVIEW_HEADER = ("行政复议  行政诉讼", "结果维持  结果纠正  其他结果  尚未审结  总计  未经复议直接起诉  复议后起诉",
                 "结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计")
REVIEW = "1  0  1  0  2  10  0  0  1  11  0  0  0  0  0"
PROSE = ("主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作扎实推进，群众满意度不断提升，"
         "我们坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。")

#: What the undamaged report holds, as ``show --format json`` prints it.
WANT_PROACTIVE = {"rules": [0, 0, 0], "normative": [10, 1, 101], "license": [1102], "penalty": [210],
                  "coercion": [0], "fees": [12.36]}
WANT_REVIEW = {"review": [1, 0, 1, 0, 2], "suit_direct": [10, 0, 0, 1, 11], "suit_after": [0, 0, 0, 0, 0]}


def _lines(rows: tuple[tuple[str, Optional[str]], ...] | list[tuple[str, Optional[str]]]) -> list[str]:
    return [f"{label}  {cells}" if cells else label for label, cells in rows]


def ocr_report(*, proactive=PROACTIVE, requests_header=REQUESTS_HEADER, requests=REQUESTS,
               review_header=REVIEW_HEADER, review=REVIEW, headings=HEADINGS, signoff=SIGNOFF) -> str:
    out = [TITLE, "", headings[0], "2024年，本镇共收到政府信息公开申请110件，上年结转10件。" + PROSE, "", headings[1]]
    out += _lines(proactive) + [headings[2], *requests_header] + _lines(requests)
    out += [headings[3], *review_header, review]
    out += [headings[4], "一是公开内容还不够丰富。" + PROSE, headings[5], "本年度没有收取信息处理费。" + PROSE,
            "", signoff, "2025年1月20日", ""]
    return "\n".join(out)


def with_cells(rows, label: str, cells: str):
    assert any(row_label == label for row_label, _ in rows), label
    return tuple((row_label, cells if row_label == label else old) for row_label, old in rows)


def _write(tmp_path: Path, text: str, name: str = "ocr.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _loud(result: DocumentResult) -> list[str]:
    return sorted(f"{f.code} {f.message}" for f in result.findings if f.severity.value in ("error", "warning"))


def _shown(capsys, path: Path) -> dict:
    [doc] = show_json(capsys, str(path))
    return doc


@pytest.fixture
def clean(tmp_path: Path, capsys) -> dict:
    """The undamaged report: what every damaged copy is compared with."""
    path = _write(tmp_path, ocr_report(), "clean.txt")
    assert _loud(check([path])[0]) == []
    doc = _shown(capsys, path)
    assert doc["tables"]["proactive"] == WANT_PROACTIVE and doc["tables"]["review"] == WANT_REVIEW
    assert len(doc["tables"]["requests"]) == 25 and "cells_read" not in doc
    return doc


# --------------------------------------------------------------------------- digits


def test_letters_read_for_digits_inside_numbers_are_read_and_marked(tmp_path: Path, capsys, clean: dict) -> None:
    requests = with_cells(REQUESTS, "一、本年新收政府信息公开申请数量", "1O2 1 0 0 0 7 ll0")
    requests = with_cells(requests, "二、上年结转政府信息公开申请数量", "l0 0 0 0 0 0 1o")
    proactive = with_cells(PROACTIVE, "行政规范性文件", "l0  1  1O1")
    proactive = with_cells(proactive, "行政许可", "1lO2")
    proactive = with_cells(proactive, "行政处罚", "２l０")  # full-width digits around the letter
    proactive = with_cells(proactive, "行政事业性收费", "l2.36")
    review = "1  0  1  0  2  l0  0  0  1  1l  0  0  0  0  0"
    path = _write(tmp_path, ocr_report(proactive=proactive, requests=requests, review=review))
    assert _loud(check([path])[0]) == []  # the identities hold with the numbers read
    doc = _shown(capsys, path)
    assert doc["tables"] == clean["tables"]
    lookalike = {"read_as": "lookalike"}
    assert doc["cells_read"] == {
        "proactive": {"normative": {"0": lookalike, "2": lookalike}, "license": {"0": lookalike},
                      "penalty": {"0": lookalike}, "fees": {"0": lookalike}},
        "requests": {"new": {"0": lookalike, "6": lookalike}, "carried": {"0": lookalike, "6": lookalike}},
        "review": {"suit_direct": {"0": lookalike, "4": lookalike}},
    }
    cell = read(path).tables.requests.cell("new", 0)  # type: ignore[union-attr]
    assert (cell.value, cell.raw, cell.read_as) == (102, "1O2", "lookalike")
    code, out, _ = run_cli(capsys, "show", str(path))
    assert code == 0 and "102（原文「1O2」）‡" in out and "带 ‡ 的数字" in out


def test_a_lone_O_is_not_read_as_0(tmp_path: Path, clean: dict) -> None:
    """The catalogue's A005: 「O」 for 0 is a cell that holds no number. Only a letter among digits is read."""
    path = _write(tmp_path, ocr_report(requests=with_cells(REQUESTS, "2.重复申请", "0 O 0 0 0 0 0")))
    cell = read(path).tables.requests.cell("noproc_2", 1)  # type: ignore[union-attr]
    assert (cell.status, cell.value, cell.read_as) == ("invalid", None, "written")
    codes = [f.code for f in check([path])[0].findings if f.severity.value == "error"]
    assert codes == ["A005"]


def test_a_row_with_other_text_keeps_its_lookalikes_as_written(tmp_path: Path) -> None:
    """「O86」 would be a number of several digits starting with 0: not a reading. With it in the row,
    「8O」 is not read either; both are reported as written (A005), nothing is placed."""
    path = _write(tmp_path, ocr_report(requests=with_cells(REQUESTS, "（一）予以公开", "8O 1 0 0 0 5 O86")))
    row = read(path).tables.requests.rows["open"]  # type: ignore[union-attr]
    assert [c.status for c in row.cells] == ["invalid", "number", "number", "number", "number", "number", "invalid"]
    a005 = [f for f in check([path])[0].findings if f.code == "A005"]
    assert sorted(f.location.column for f in a005) == ["natural", "total"]


@pytest.mark.parametrize("cells", ["1|0 1 0 0 0 7 110", "1O2 l 0 0 0 7 110"])
def test_an_ambiguous_row_is_left_unread_with_E004(tmp_path: Path, cells: str) -> None:
    """「1|0」: the bar may be a ruling line between two cells as well as a 1; a lone 「l」 is no
    number-shaped token (a ruling line or a 1). The row is not read, and E004 names it."""
    path = _write(tmp_path, ocr_report(requests=with_cells(REQUESTS, "一、本年新收政府信息公开申请数量", cells)))
    table = read(path).tables.requests
    assert table is not None and "new" not in table.rows and table.rows["carried"].cells[0].value == 10
    e004 = [f for f in check([path])[0].findings if f.code == "E004"]
    assert len(e004) == 1 and "本年新收" in e004[0].message


# --------------------------------------------------------------------------- words


def test_lookalike_characters_in_headings_labels_and_names(tmp_path: Path, capsys, clean: dict) -> None:
    headings = list(HEADINGS)
    headings[5] = "六、其他需要报告的事顶"  # 顶 for 项
    requests = tuple((label.replace("已获取", "己获取").replace("逾期未按", "逾期末按"), cells)
                     for label, cells in REQUESTS)
    review_header = tuple(line.replace("尚未审结", "尚末审结") for line in REVIEW_HEADER)
    proactive = tuple((label.replace("第（一）项", "第（一）顶"), cells) for label, cells in PROACTIVE)
    path = _write(tmp_path, ocr_report(headings=tuple(headings), requests=requests, review_header=review_header,
                                       proactive=proactive, signoff="沐阳县某某镇人民政府"))
    report = read(path)
    assert [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.parts[5].heading == "六、其他需要报告的事顶"  # kept as written
    assert report.signoff.agency == "沐阳县某某镇人民政府"
    assert _loud(check([path])[0]) == []  # no S002 for the heading, no D003 for 沐/沭, no T004 for the labels
    assert _shown(capsys, path)["tables"] == clean["tables"]


def test_the_vocabulary_uses_no_lookalike_it_folds() -> None:
    """Folding must never change a word of the format itself, or matching it would break."""
    from gxcheck import national
    from gxcheck.national import LOOKALIKE_GLYPHS, fold_lookalikes

    folded = {c for group in LOOKALIKE_GLYPHS for c in group[1:]}
    words: list[str] = []
    for value in vars(national).values():
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                words.append(item)
            elif isinstance(item, (tuple, list, frozenset, set)):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif hasattr(item, "pattern") and isinstance(item.pattern, str):
                words.append(item.pattern)
            elif hasattr(item, "__dataclass_fields__") and not isinstance(item, type):
                stack.extend(getattr(item, name) for name in item.__dataclass_fields__)
    assert len(words) > 200
    assert [w for w in words if folded & set(w) and w not in LOOKALIKE_GLYPHS] == []
    assert fold_lookalikes("尚末审结、己获取、事顶、沐阳") == "尚未审结、已获取、事项、沭阳"


# --------------------------------------------------------------------------- headers


def _titles(n: int) -> str:
    return "  ".join(f"数据{i}" for i in range(1, n + 1))


def test_made_up_column_titles_are_layout(tmp_path: Path, capsys, clean: dict) -> None:
    proactive = tuple((_titles(3 if "制发" in label else 1), None) if label.startswith("信息内容") else (label, cells)
                      for label, cells in PROACTIVE)
    requests = with_cells(REQUESTS, "一、本年新收政府信息公开申请数量", "1O2 1 0 0 0 7 110")
    path = _write(tmp_path, ocr_report(proactive=proactive, requests_header=(_titles(7),), requests=requests,
                                       review_header=(_titles(15),)))
    assert _loud(check([path])[0]) == []
    assert _shown(capsys, path)["tables"] == clean["tables"]


def test_made_up_titles_over_a_lost_column_leave_the_rows_unread(tmp_path: Path) -> None:
    """Six titles and six numbers a row where the format has seven: which column was lost is not
    known, so no row is read (E004), and no number is placed in a wrong column."""
    requests = tuple((label, " ".join(cells.split()[:6]) if cells else cells) for label, cells in REQUESTS)
    path = _write(tmp_path, ocr_report(requests_header=(_titles(6),), requests=requests))
    assert read(path).tables.requests.rows == {}  # type: ignore[union-attr]
    loud = _loud(check([path])[0])
    assert [line[:4] for line in loud] == ["E004"]


def test_a_lost_header_reads_the_rows_by_their_labels(tmp_path: Path, capsys, clean: dict) -> None:
    proactive = tuple((label, cells) for label, cells in PROACTIVE if cells)
    path = _write(tmp_path, ocr_report(proactive=proactive, requests_header=(), review_header=()))
    assert _loud(check([path])[0]) == []
    assert _shown(capsys, path)["tables"] == clean["tables"]


def test_a_lost_header_and_a_row_of_the_wrong_width(tmp_path: Path) -> None:
    """Three numbers after 行政许可, whose row has one cell: which is its number is not known."""
    proactive = with_cells(tuple((label, cells) for label, cells in PROACTIVE if cells), "行政许可", "5  2  7")
    path = _write(tmp_path, ocr_report(proactive=proactive, requests_header=(), review_header=()))
    table = read(path).tables.proactive
    assert table is not None and "license" not in table.rows and table.rows["penalty"].cells[0].value == 210
    loud = _loud(check([path])[0])
    assert any(line.startswith("E004") and "行政许可" in line for line in loud)
    assert not any("缺少" in line for line in loud)  # the row is there, its numbers are not read


def test_a_lost_header_over_table_four_short_of_a_number(tmp_path: Path) -> None:
    path = _write(tmp_path, ocr_report(review_header=(), review="1  0  1  0  2  10  0  0  1  11  0  0  0  0"))
    table = read(path).tables.review
    assert table is not None and table.rows == {}  # never a short row
    assert [line[:4] for line in _loud(check([path])[0])] == ["E004"]
