"""The real published files of ../shared/real read as their README says."""

from __future__ import annotations

import pytest

from conftest import run_json, shared_path, show_json

ARITHMETIC = {"A001", "A002", "A003", "A004", "A005"}


def _one(capsys, name: str) -> tuple[dict, dict]:
    path = str(shared_path("real", name))
    (shown,) = show_json(capsys, path)
    (ran,) = run_json(capsys, path)["documents"]
    return shown, ran


def _loud(doc: dict, severity: str) -> set[str]:
    return {f["code"] for f in doc["findings"] if f["severity"] == severity}


def test_huaian_city_pdf(capsys):
    shown, ran = _one(capsys, "szfgs2024.pdf")
    t3 = shown["tables"]["requests"]
    assert (t3["new"][6], t3["carried"][6], t3["total"][6], t3["carry_over"][6]) == (3119, 34, 3050, 103)
    assert shown["tables"]["review"] == {"review": [72, 64, 178, 37, 351], "suit_direct": [13, 4, 8, 1, 26],
                                         "suit_after": [12, 1, 1, 6, 20]}
    assert shown["level"] == "city" and shown["agency"] == "淮安市人民政府"
    assert _loud(ran, "error") == {"D001", "D002"}
    assert not _loud(ran, "warning"), "part 六 states 信息处理费 3940 元: a fee statement"


def test_pingtan_2024_html(capsys):
    shown, ran = _one(capsys, "pingtan_2024.html")
    t2 = shown["tables"]["proactive"]
    assert t2["normative"] == [62, 33, 440]
    assert (t2["license"], t2["penalty"], t2["coercion"], t2["fees"]) == ([4529], [1100], [65], [18651.06])
    t3 = shown["tables"]["requests"]
    assert (t3["new"][6], t3["carried"][6], t3["total"][6], t3["carry_over"][6]) == (218, 0, 218, 0)
    assert _loud(ran, "error") == {"D001", "D002"} and not _loud(ran, "warning")


def test_shuyang_blank_columns_stay_blank(capsys):
    shown, ran = _one(capsys, "shuyang_fgj_2023.html")
    t3 = shown["tables"]["requests"]
    assert t3["new"] == [26, None, None, None, None, None, 26]
    assert t3["total"][0] == t3["total"][6] == 26
    assert shown["signoff"]["date"] == "2024-01-17"
    assert "s5" in shown["parts"]  # 「存在的主要问题及整改措施」
    assert not _loud(ran, "error")
    assert "A006" in _loud(ran, "warning")


def test_pingtan_2019_page_text(capsys):
    shown, ran = _one(capsys, "pingtan_2019_pagetxt.txt")
    assert shown["year"] == 2019
    codes = {f["code"] for f in ran["findings"]}
    assert "T002" in codes and "E004" in codes
    assert not _loud(ran, "error") & ARITHMETIC, "run-together cells must not turn into arithmetic errors"


def test_blank_template(capsys):
    shown, ran = _one(capsys, "template_blank.docx")
    tables = shown["tables"]
    assert len(tables["requests"]) == 25
    for rows in tables.values():
        assert all(v is None for values in rows.values() for v in values), "blanks are not zeros"
    codes = {f["code"] for f in ran["findings"] if f["severity"] in ("error", "warning")}
    assert not codes & ARITHMETIC
    assert codes & {"T001", "A006"}


@pytest.mark.parametrize("name", ["szfgs2024.pdf", "pingtan_2024.html", "shuyang_fgj_2023.html"])
def test_narrative_agrees_with_tables_on_real_files(capsys, name):
    _, ran = _one(capsys, name)
    assert not {f["code"] for f in ran["findings"] if f["code"].startswith("N") and f["severity"] != "info"}
