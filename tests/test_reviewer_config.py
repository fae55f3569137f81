"""Issue 10, configuration like ruff's: found upward from each checked file, per-path overrides,
``gxcheck config`` saying where each setting came from; mistakes are usage errors (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples" / "reports"
SHUANGXI = "双溪镇2024年报告.txt"  # gives T003, S007 and T005
MADIAN = "马店镇2024年报告.txt"  # gives D001, D002 (errors), N003, S004, S006


def _tree(tmp_path: Path) -> Path:
    """root/乡镇/双溪镇…, root/乡镇/马店镇…, root/部门/临川区教育局…"""
    for folder, name in (("乡镇", SHUANGXI), ("乡镇", MADIAN), ("部门", "临川区教育局2025年报告.docx")):
        (tmp_path / folder).mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / name, tmp_path / folder / name)
    return tmp_path


def _codes(out: str) -> dict[str, list[str]]:
    return {Path(d["path"]).name: [f["code"] for f in d["findings"]] for d in json.loads(out)["documents"]}


def test_nearest_config_applies_to_each_file(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_text('ignore = ["S006"]\n', encoding="utf-8")
    (root / "乡镇" / "gxcheck.toml").write_text('ignore = ["S007"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    code, out, err = run_cli(capsys, "run", "-f", "json", ".")
    codes = _codes(out)
    assert "S007" not in codes[SHUANGXI] and "S006" in codes[MADIAN], "the nearest file wins, it is not merged"
    assert "S006" not in codes["临川区教育局2025年报告.docx"], "the parent folder's file applies below it"


def test_pyproject_tool_table_is_found_and_gxcheck_toml_wins(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.gxcheck]\nignore = ["D"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "run", "-f", "json", "乡镇")
    assert not [c for c in _codes(out)[MADIAN] if c.startswith("D")]
    (root / "gxcheck.toml").write_text('ignore = ["N"]\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "json", "乡镇")
    assert "D001" in _codes(out)[MADIAN] and "N003" not in _codes(out)[MADIAN]


def test_pyproject_without_tool_table_is_passed_over(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_text('ignore = ["S007"]\n', encoding="utf-8")
    (root / "乡镇" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    _, out, _ = run_cli(capsys, "run", "-f", "json", "乡镇")
    assert "S007" not in _codes(out)[SHUANGXI]


def test_explicit_config_is_used_for_every_file(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "乡镇" / "gxcheck.toml").write_text('ignore = ["S007"]\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["T"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    _, out, _ = run_cli(capsys, "run", "-f", "json", "--config", str(other), "乡镇")
    codes = _codes(out)[SHUANGXI]
    assert "S007" in codes and not [c for c in codes if c.startswith("T")]


def test_command_line_wins_over_files(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_text('ignore = ["S007"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    _, out, _ = run_cli(capsys, "run", "-f", "json", "--ignore", "T", "乡镇")
    assert "S007" in _codes(out)[SHUANGXI], "--ignore replaces the file's ignore list"


def test_overrides_by_path_change_severity_ignore_and_level(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_text(
        '[[overrides]]\npaths = ["乡镇/*"]\nignore = ["S006"]\nseverity = {D001 = "warning", D002 = "info"}\n'
        '\n[[overrides]]\npaths = ["部门"]\nlevel = "county"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    code, out, _ = run_cli(capsys, "run", "-f", "json", ".")
    docs = {Path(d["path"]).name: d for d in json.loads(out)["documents"]}
    madian = {f["code"]: f["severity"] for f in docs[MADIAN]["findings"]}
    assert madian["D001"] == "warning" and madian["D002"] == "info" and "S006" not in madian
    assert "S006" in [f["code"] for f in docs["临川区教育局2025年报告.docx"]["findings"]]
    assert docs["临川区教育局2025年报告.docx"]["level"] == "department", "level applies only when the title does not say"


def test_override_level_fills_an_unknown_level(capsys, tmp_path, monkeypatch):
    report = (EXAMPLES / SHUANGXI).read_text(encoding="utf-8").replace("双溪镇", "双溪")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text(report, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "run", "-f", "json", "a")
    before = json.loads(out)["documents"][0]["level"]
    (tmp_path / "gxcheck.toml").write_text('[[overrides]]\npaths = ["a/*"]\nlevel = "township"\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "run", "-f", "json", "a")
    assert before == "unknown" and json.loads(out)["documents"][0]["level"] == "township"


def test_gxcheck_config_prints_settings_and_their_sources(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_text('deadline = "02-15"\n[[overrides]]\npaths = ["乡镇/*"]\nignore = ["S007"]\n',
                                       encoding="utf-8")
    monkeypatch.chdir(root)
    code, out, _ = run_cli(capsys, "config", "乡镇/" + SHUANGXI)
    assert code == 0
    lines = {line.split(" = ")[0]: line for line in out.splitlines() if " = " in line}
    assert '"02-15"' in lines["deadline"] and "gxcheck.toml" in lines["deadline"]
    assert '"S007"' in lines["ignore"] and "overrides 第 1 个" in lines["ignore"]
    assert lines["select"].endswith("# 默认")
    code, out, _ = run_cli(capsys, "config", "部门")
    assert "[]" in [line for line in out.splitlines() if line.startswith("ignore")][0]


def test_config_mistakes_are_usage_errors_naming_file_and_key(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    monkeypatch.chdir(root)
    cases = {
        'ignor = ["S007"]\n': "ignor",
        'deadline = 131\n': "deadline",
        '[[overrides]]\nignore = ["S007"]\n': "paths",
        '[[overrides]]\npaths = ["乡镇/*"]\nseverity = {D001 = "fatal"}\n': "severity",
        '[[overrides]]\npaths = ["乡镇/*"]\nignore = ["S0077"]\n': "S0077",
        '[[overrides]]\npaths = ["乡镇/*"]\nlevel = "village"\n': "level",
        'copy_threshold = 70\n': "copy_threshold",
    }
    for text, key in cases.items():
        (root / "乡镇" / "gxcheck.toml").write_text(text, encoding="utf-8")
        code, out, err = run_cli(capsys, "run", "-f", "json", ".")
        assert code == 2 and key in err and "gxcheck.toml" in err and "Traceback" not in err, (text, err)
        assert out == "", "nothing is checked with a broken configuration"


def test_unreadable_config_is_a_usage_error(capsys, tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (root / "gxcheck.toml").write_bytes(b"\xff\xfe not toml")
    monkeypatch.chdir(root)
    code, _, err = run_cli(capsys, "run", ".")
    assert code == 2 and "gxcheck.toml" in err
