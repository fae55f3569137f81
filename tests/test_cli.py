"""The command line as a user meets it: commands, formats, exit codes, messages."""

from __future__ import annotations

import json
import re

from conftest import run_cli, shared_path

SEED_OK = ("seeds", "000_6b3625ffea8c0954.txt")
SEED_BAD = ("seeds", "002_06c4d2819f1ca5c3.txt")


def test_run_text_is_chinese_and_exit_code_says_errors(capsys):
    code, out, _ = run_cli(capsys, "run", "--no-progress", str(shared_path(*SEED_OK)))
    assert code == 0
    assert "未发现错误" in out and "汇总" in out
    code, out, _ = run_cli(capsys, "run", "--no-progress", str(shared_path(*SEED_BAD)))
    assert code == 1
    assert "D001" in out and "落款" in out and "错误" in out


def test_run_json_contract(capsys):
    code, out, _ = run_cli(capsys, "run", "--format", "json", str(shared_path(*SEED_BAD)))
    doc = json.loads(out)
    assert doc["schema_version"] == 1
    (document,) = doc["documents"]
    finding = next(f for f in document["findings"] if f["code"] == "D001")
    assert finding["severity"] == "error" and finding["location"] == {"part": "signoff"}
    assert {"documents", "errors", "warnings", "infos"} <= set(doc["summary"])
    assert doc["summary"]["errors"] >= 2


def test_run_pytest_format(capsys):
    code, out, _ = run_cli(capsys, "run", "--format", "pytest", str(shared_path(*SEED_OK)),
                           str(shared_path(*SEED_BAD)))
    assert code == 1
    assert "FAILURES" in out and "D001" in out
    marks = [line.rsplit(" ", 1)[1] for line in out.splitlines() if line.startswith(str(shared_path("seeds")))]
    assert len(marks) == 2 and len({len(m) for m in marks}) == 1 and len(marks[0]) > 30, "a mark per rule"
    assert set(marks[0]) <= set(".FWis") and "F" in marks[1]
    assert re.search(r"=+ 1 failed, 1 passed.* in \d+\.\d\ds =+$", out.strip())


def test_show_text_and_json(capsys):
    code, out, _ = run_cli(capsys, "show", str(shared_path("seeds", "001_59c43b68021cf45a.txt")))
    assert code == 0 and "行政处罚" in out and "乌苏市西大沟镇人民政府" in out
    code, out, _ = run_cli(capsys, "show", "--format", "json", str(shared_path(*SEED_OK)))
    (doc,) = json.loads(out)
    assert doc["format"] == "txt" and doc["parts"] == ["s1", "s2", "s3", "s4", "s5", "s6"]


def test_folder_is_searched_recursively(tmp_path, capsys):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "r.txt").write_bytes(shared_path(*SEED_OK).read_bytes())
    (tmp_path / "notes.csv").write_text("not a report", encoding="utf-8")  # .md is a report suffix (issue 7)
    code, out, _ = run_cli(capsys, "run", "--format", "json", str(tmp_path))
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(out)["documents"]] == ["r.txt"]


def test_missing_path_is_a_usage_error_without_traceback(capsys):
    code, out, err = run_cli(capsys, "run", "/no/such/folder")
    assert code == 2
    assert err.strip() == "gxcheck: 找不到路径：/no/such/folder"


def test_unknown_format_and_bad_option(capsys):
    code, _, err = run_cli(capsys, "run", "--format", "xml", str(shared_path(*SEED_OK)))
    assert code == 2 and "xml" in err
    code, _, err = run_cli(capsys, "-p", "narrative", "rules")
    assert code == 2 and "no:" in err


def test_rules_and_rule_and_plugins(capsys):
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0 and "A001" in out and "arithmetic" in out
    code, out, _ = run_cli(capsys, "rule", "a001")
    assert code == 0 and "勾稽" in out and "会报告的写法" in out
    code, _, err = run_cli(capsys, "rule", "Z999")
    assert code == 2 and "Z999" in err
    code, out, _ = run_cli(capsys, "plugins")
    assert code == 0 and "load-text" in out and "已加载" in out


def test_disabling_a_pack_removes_its_rules(capsys):
    code, out, _ = run_cli(capsys, "-p", "no:signature", "run", "--format", "json", str(shared_path(*SEED_BAD)))
    codes = {f["code"] for f in json.loads(out)["documents"][0]["findings"]}
    assert not codes & {"D001", "D002"}
    code, out, _ = run_cli(capsys, "-p", "no:signature", "plugins")
    assert re.search(r"signature\s+gxcheck \S+\s+已停用", out)


def test_select_and_ignore(capsys):
    code, out, _ = run_cli(capsys, "run", "--format", "json", "--ignore", "D", str(shared_path(*SEED_BAD)))
    assert not any(f["code"].startswith("D") for f in json.loads(out)["documents"][0]["findings"])
    code, out, _ = run_cli(capsys, "run", "--format", "json", "--select", "D001", str(shared_path(*SEED_BAD)))
    assert {f["code"] for f in json.loads(out)["documents"][0]["findings"]} == {"D001"}


def test_config_file_and_deadline(tmp_path, capsys, monkeypatch):
    report = tmp_path / "late.txt"
    report.write_text("双溪镇2024年度政府信息公开工作年度报告\n六、其他需要报告的事项\n无收取信息处理费。\n"
                      "双溪镇人民政府\n2025年2月20日\n", encoding="utf-8")

    def d005(*extra: str) -> bool:
        _, out, _ = run_cli(capsys, "run", "--format", "json", *extra, str(report))
        return "D005" in {f["code"] for f in json.loads(out)["documents"][0]["findings"]}

    monkeypatch.chdir(tmp_path)
    assert d005()
    assert not d005("--deadline", "03-31")
    (tmp_path / "gxcheck.toml").write_text('deadline = "02-28"\n', encoding="utf-8")
    assert not d005()
    (tmp_path / "gxcheck.toml").write_text('deadline = "31 Jan"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "run", str(report))
    assert code == 2 and "deadline" in err and "Traceback" not in err


def test_disabling_an_unknown_plugin_is_an_error(capsys):
    code, _, err = run_cli(capsys, "-p", "no:narativ", "rules")
    assert code == 2 and "narativ" in err and "narrative" in err
