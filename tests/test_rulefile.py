"""Rules written in TOML: the expression grammar, the file's checks, and a pack run from gxcheck.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from gxcheck import expression
from gxcheck.engine import Engine
from gxcheck.ftypes import Cell, Report, Row, Table, Tables
from gxcheck.manager import Plugins
from gxcheck.rulefile import RuleFileError, parse_rule_file
from gxcheck.testing import Runner, cases

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "plugins" / "gxcheck-profile-hubei" / "gxcheck_profile_hubei" / "profile.toml"


def _report(**rows: tuple[float | None, ...]) -> Report:
    """A report whose table 三 has the given rows (None: a blank cell)."""
    table = Table(name="requests", rows={
        key: Row(key=key, cells=tuple(Cell(value=v, status="number") if v is not None else Cell() for v in values))
        for key, values in rows.items()})
    return Report(path="r.txt", format="text", tables=Tables(requests=table))


# -- the expression grammar ----------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("requests.new.total >= 0", True),
    ("requests.new.total == requests.new.natural + 2", True),
    ("requests.new.total - requests.new.natural == 2", True),
    ("requests.new.total < 3", False),
    ("requests.new.total > 10 or requests.new.natural == 1", True),
    ("requests.new.total > 10 and requests.new.natural == 1", False),
    ("(requests.new.total > 10 or requests.new[0] == 1) and 1 == 1", True),
    ("(requests.new.total + 1) - (requests.new.natural + 1) != 0", True),
])
def test_conditions_evaluate_over_table_cells(text: str, expected: bool) -> None:
    report = _report(new=(1, 0, 0, 0, 0, 2, 3))
    assert expression.evaluate(expression.parse(text), report) is expected


def test_a_blank_cell_makes_the_condition_undecided_never_zero() -> None:
    report = _report(new=(None, 0, 0, 0, 0, 0, 0))
    assert expression.evaluate(expression.parse("requests.new.natural == 0"), report) is expression.UNDECIDED
    assert expression.evaluate(expression.parse("requests.carried.total == 0"), report) is expression.UNDECIDED
    # … unless the decided side settles it.
    assert expression.evaluate(expression.parse("requests.new.natural == 0 or 1 == 1"), report) is True
    assert expression.evaluate(expression.parse("1 == 2 and requests.new.natural == 0"), report) is False


@pytest.mark.parametrize("text,column,words", [
    ("requests.new.total >=", 22, "结尾"),
    ("requests.nwe.total == 0", 10, "nwe"),
    ("requests.new.sum == 0", 14, "sum"),
    ("proactive.normative == 0", 21, "3 列"),
    ("proactive.normative[3] == 0", 21, "0 到 2"),
    ("proactive.normative.made == 0", 21, "位置"),
    ("tables.new.total == 0", 1, "tables"),
    ("requests.new.total", 19, "比较符号"),
    ("__import__('os').system('x') == 0", 12, "不认识的字符"),
    ("__import__.os == 0", 1, "__import__"),
    ("requests.new.total == 0; 1", 24, "；"),
    ("requests.new.total == 0 1", 25, "多余"),
])
def test_a_bad_condition_says_where_and_what(text: str, column: int, words: str) -> None:
    with pytest.raises(expression.ExpressionError) as err:
        expression.parse(text)
    assert err.value.column == column and words.replace("；", ";") in str(err.value), str(err.value)


def test_single_column_rows_need_no_index() -> None:
    tree = expression.parse("proactive.license >= 0 and proactive.normative[2] >= 0")
    assert [(c.table, c.row, c.column) for c in expression.cells(tree)] == [
        ("proactive", "license", 0), ("proactive", "normative", 2)]


# -- the rule file ---------------------------------------------------------------------

GOOD = '''name = "county"
[[rule]]
code = "CY001"
slug = "county.fee"
title = "第六部分没有写信息处理费"
severity = "warning"
reads = "s6"
must_contain_any = ["信息处理费"]
[[rule.failing]]
text = "六、其他需要报告的事项\\n无。\\n"
[[rule.passing]]
text = "六、其他需要报告的事项\\n本年度未收取信息处理费。\\n"
'''


def test_the_example_profile_declares_four_rules_whose_examples_pass() -> None:
    pack = parse_rule_file(PROFILE.read_text(encoding="utf-8"), str(PROFILE))
    assert pack.name == "profile-hubei" and [r.code for r in pack.rules] == ["HB001", "HB002", "HB003", "HB004"]
    runner = Runner(Plugins(extra=[(pack.name, pack)]))
    assert [(str(c), runner.problems(c)) for c in cases(pack.rules)] == [(str(c), []) for c in cases(pack.rules)]


@pytest.mark.parametrize("old,new,line,words", [
    ('severity = "warning"', 'severity = "fatal"', 6, "severity"),
    ('reads = "s6"', 'reads = "s9"', 7, "reads"),
    ('must_contain_any = ["信息处理费"]', 'must_contain_any = []', 8, "must_contain_any"),
    ('must_contain_any = ["信息处理费"]', 'must_match_any = ["(信息"]', 8, "正则表达式"),
    ('must_contain_any = ["信息处理费"]', 'check = "requests.new.totl == 0"', 8, "totl"),
    ('must_contain_any = ["信息处理费"]', 'max_length = "many"', 8, "非负整数"),
    ('must_contain_any = ["信息处理费"]', 'mustcontain = ["x"]', 8, "mustcontain"),
    ('must_contain_any = ["信息处理费"]', '', 3, "没有任何条件"),
    ('slug = "county.fee"', '', 3, "slug"),
    ('name = "county"', 'name = "County Pack"', 1, "name"),
    ('[[rule.passing]]', '[[rule.passing]]\nexpect = [{ severity = "loud" }]', 11, "passing"),
    ('title = "第六部分没有写信息处理费"', 'title = "未闭合', 5, "TOML"),
])
def test_a_bad_rule_file_names_the_file_the_line_and_the_problem(old: str, new: str, line: int, words: str) -> None:
    assert old in GOOD
    with pytest.raises(RuleFileError) as err:
        parse_rule_file(GOOD.replace(old, new), "县级.toml")
    assert f"县级.toml 第 {line} 行" in str(err.value) and words in str(err.value), str(err.value)


def _project(tmp_path: Path, rules: str = GOOD) -> Path:
    (tmp_path / "县级.toml").write_text(rules, encoding="utf-8")
    (tmp_path / "gxcheck.toml").write_text('rules = ["县级.toml"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某镇2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n",
                      encoding="utf-8")
    return report


def test_a_rule_file_in_the_config_is_a_pack_listed_run_and_switched_off(tmp_path: Path, capsys, monkeypatch) -> None:
    report = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "plugins")
    line = next(ln for ln in out.splitlines() if ln.startswith("county"))
    assert "规则文件" in line and "CY001" in line and "已加载" in line
    code, out, _ = run_cli(capsys, "run", "--format", "json", str(report))
    found = [f for f in json.loads(out)["documents"][0]["findings"] if f["code"] == "CY001"]
    assert found and found[0]["pack"] == "county" and found[0]["location"] == {"part": "s6"}
    assert "第六部分" in found[0]["message"] and "信息处理费" in found[0]["message"]
    code, out, _ = run_cli(capsys, "-p", "no:county", "run", "--format", "json", str(report))
    assert not [f for f in json.loads(out)["documents"][0]["findings"] if f["code"] == "CY001"]
    code, out, _ = run_cli(capsys, "test-rules", "county")
    assert code == 0 and "1 条规则，2 个示例：2 个通过" in out
    code, out, _ = run_cli(capsys, "rule", "CY001")
    assert "第六部分没有写信息处理费" in out and "本年度未收取信息处理费" in out


def test_a_bad_rule_file_in_the_config_stops_the_run(tmp_path: Path, capsys, monkeypatch) -> None:
    report = _project(tmp_path, GOOD.replace('reads = "s6"', 'reads = "s9"'))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "run", str(report))
    assert code == 2 and out == ""
    assert "县级.toml 第 7 行" in err and "s9" in err and "Traceback" not in err


def test_a_missing_rule_file_stops_the_run(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "gxcheck.toml").write_text('rules = ["没有.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "plugins")
    assert code == 2 and "没有.toml" in err


def test_a_rule_file_rule_with_a_missing_part_is_undecided_once(tmp_path: Path) -> None:
    pack = parse_rule_file(GOOD, "县级.toml")
    engine = Engine(Plugins(extra=[(pack.name, pack)]))
    path = tmp_path / "r.txt"
    path.write_text("某镇2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n", encoding="utf-8")
    found = [f for f in engine.check_file(path).findings if f.code == "CY001"]
    assert len(found) == 1 and found[0].undecided and "第六部分" in found[0].message
