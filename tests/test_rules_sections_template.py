"""Behaviour of the sections (S002–S007) and template (T001–T006) rules beyond their examples."""

from __future__ import annotations


import pytest

from conftest import shared_path
from gxcheck_rules.sections._examples import report
from gxcheck_rules.template._examples import ZEROS7, proactive, requests, tables
from gxcheck_rules.template.T004 import looks_like_fragment

MY_CODES = ("S002", "S003", "S004", "S005", "S006", "S007", "T001", "T002", "T003", "T004", "T005", "T006")


def findings(engine, tmp_path, text, code):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = engine.check_file(path)
    return [f for f in result.findings if f.code == code and not f.undecided]


# --------------------------------------------------------------------------- S004

@pytest.mark.parametrize("statement", [
    "本年度未收取信息处理费。",
    "2024年度本机关没有收取政府信息公开信息处理费。",
    "依据《政府信息公开信息处理费管理办法》，本年度未发生信息处理费收取情况。",
    "我镇2024年度无收取信息处理费的情况，无其他需要报告的事项。",
    "2024 年，市政府全年收取政府信息公开信息处理费 3940 元。",
])
def test_fee_statements_that_name_the_fee_pass(engine, tmp_path, statement):
    assert findings(engine, tmp_path, report(bodies={"s6": statement}), "S004") == []


@pytest.mark.parametrize("statement,severity", [
    ("无", "warning"), ("无。", "warning"), ("无其他需要报告的事项。", "warning"),
    ("我单位 2024年度政务公开工作不存在收费情况。", "info"), ("本年度未收费。", "info"),
])
def test_fee_statement_missing_or_vague(engine, tmp_path, statement, severity):
    found = findings(engine, tmp_path, report(bodies={"s6": statement}), "S004")
    assert [f.severity.value for f in found] == [severity]
    assert found[0].location.part == "s6"


def test_fee_not_compared_with_administrative_fees(engine, tmp_path):
    text = report(bodies={"s6": "本年度未收取信息处理费。"}) + proactive()
    assert findings(engine, tmp_path, text, "S004") == []


# --------------------------------------------------------------------------- S002, S003, S005, S006, S007

def test_heading_problems_reported_once_per_heading(engine, tmp_path):
    text = report(headings={"s2": "主动公开政府信息情况", "s3": "收到和处理政府信息公开申请情况"})
    found = findings(engine, tmp_path, text, "S002")
    assert sorted(f.location.part for f in found) == ["s2", "s3"]


def test_wrong_ordinal_names_the_expected_one(engine, tmp_path):
    found = findings(engine, tmp_path, report(headings={"s6": "五、其他需要报告的事项"}), "S002")
    assert len(found) == 1 and "应为「六」" in found[0].message


def test_problems_part_with_content_passes(engine, tmp_path):
    assert findings(engine, tmp_path, report(), "S003") == []


@pytest.mark.parametrize("title", [
    "双溪镇2024年度政府信息公开工作年度报告\n",
    "西大沟镇2024年政府信息公开\n工作年度报告\n",
    "沭阳县发展和改革局2023年政府信息公开年度报告\n",
])
def test_title_variants_pass(engine, tmp_path, title):
    assert findings(engine, tmp_path, report(title=title), "S005") == []


def test_period_year_mismatch_is_an_error(engine, tmp_path):
    text = report(preface="本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n")
    found = findings(engine, tmp_path, text, "S006")
    assert [f.severity.value for f in found] == ["error"]


def test_accountability_not_required_of_departments(engine, tmp_path):
    text = report(title="崇阳县教育局2024年政府信息公开工作年度报告\n",
                  bodies={"s1": "本年度，我局认真推进政务公开工作。"}).replace("双溪镇人民政府", "崇阳县教育局")
    assert findings(engine, tmp_path, text, "S007") == []


# --------------------------------------------------------------------------- template

def test_2019_request_table_is_an_error_and_partial_copy_a_warning(engine, tmp_path):
    old = requests(drop=("other_1", "other_2", "other_3"), after={"noproc_5": "（六）其他处理" + ZEROS7 + "\n"})
    assert [f.severity.value for f in findings(engine, tmp_path, old, "T003")] == ["error"]
    partial = requests(drop=("other_3",))
    found = findings(engine, tmp_path, partial, "T003")
    assert [f.severity.value for f in found] == ["warning"] and "3.其他" in found[0].message


def test_2019_tables_do_not_also_count_as_shape_errors(engine, tmp_path):
    old = proactive(columns="本年新制作数量\t本年新公开数量\t对外公开总数量",
                    extra="其他对外管理服务事项\t1\t\t\n第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额\t\n"
                          "政府集中采购\t1\t2.5\t\n")
    assert findings(engine, tmp_path, old, "T002")
    assert findings(engine, tmp_path, old, "T004") == []
    old3 = requests(drop=("other_1", "other_2", "other_3"), after={"noproc_5": "（六）其他处理" + ZEROS7 + "\n"})
    assert findings(engine, tmp_path, old3, "T004") == []


def test_label_drift_one_finding_per_drift(engine, tmp_path):
    text = requests(labels={
        "other_1": "1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",
        "other_2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请",
    })
    found = findings(engine, tmp_path, text, "T005")
    assert len(found) == 1 and found[0].location.row == "other_1"


def test_normative_without_xingzheng_is_not_a_stale_template(engine, tmp_path):
    text = proactive(normative="规范性文件")
    assert findings(engine, tmp_path, text, "T002") == []
    assert [f.location.row for f in findings(engine, tmp_path, text, "T005")] == ["normative"]


def test_complete_tables_have_no_template_findings(engine, tmp_path):
    for code in ("T001", "T002", "T003", "T004", "T005"):
        assert findings(engine, tmp_path, tables(), code) == [], code


def test_extraction_fragments_are_told_apart_from_real_extra_rows():
    assert looks_like_fragment("本年度办理结果开")
    assert looks_like_fragment("(六)其他处1.申请人无正")
    assert not looks_like_fragment("合计")


# --------------------------------------------------------------------------- seeds and corpus

SEED_EXPECT = {
    "000": {("T003", "warning"), ("T005", "info")},
    "001": {("S002", "warning"), ("T005", "info"), ("T006", "info")},
    "002": {("S004", "warning")},
    "003": {("S004", "warning")},
    "004": {("S004", "info")},
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECT))
def test_seeds(engine, prefix):
    path = next(p for p in shared_path("seeds").glob(f"{prefix}_*.txt"))
    result = engine.check_file(path)
    mine = {(f.code, f.severity.value) for f in result.findings if f.code in MY_CODES and not f.undecided}
    loud = {c for c in mine if c[1] in ("error", "warning")}
    assert SEED_EXPECT[prefix] <= mine
    assert loud == {c for c in SEED_EXPECT[prefix] if c[1] != "info"}


def test_corpus_no_false_alarms(engine, truth):
    wanted = {"fee_not_reported": "S004", "old_template": "T003"}
    corpus = shared_path("corpus")
    for name, t in truth.items():
        result = engine.check_file(corpus / name)
        loud = {f.code for f in result.findings
                if f.code in MY_CODES and not f.undecided and f.severity.value in ("error", "warning")}
        expected = {wanted[d["kind"]] for d in t["defects"] if d["kind"] in wanted}
        assert loud == expected, name
