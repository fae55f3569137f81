"""Regressions found in review: renamed results keep their facts, per-path settings reach the
cross-year findings, baselines and waivers behave across folders, outputs go where asked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples" / "reports"
SHUANGXI = EXAMPLES / "双溪镇2024年报告.txt"
MADIAN = "马店镇2024年报告.txt"


def _docs(out: str) -> dict[str, dict]:
    return {Path(d["path"]).name: d for d in json.loads(out)["documents"]}


def _twins(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("x.txt", "y.txt"):
        shutil.copy(SHUANGXI, folder / name)


def test_cached_results_keep_their_cross_year_findings(capsys, tmp_path, monkeypatch):
    _twins(tmp_path / "c")
    monkeypatch.chdir(tmp_path / "c")
    runs = []
    for _ in range(2):
        _, out, _ = run_cli(capsys, "run", "-f", "json", "--cache-file", str(tmp_path / "cache.db"), ".")
        runs.append({name: [f["message"] for f in d["findings"] if f["code"] == "Y005"] for name, d in _docs(out).items()})
    assert runs[0] == runs[1] and len(runs[1]["x.txt"]) == 1 and "y.txt" in runs[1]["x.txt"][0]


def test_standard_input_keeps_its_cross_year_findings(tmp_path):
    _twins(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "gxcheck", "run", "-f", "json", "-", str(tmp_path / "y.txt")],
                          input=SHUANGXI.read_bytes(), capture_output=True, cwd=tmp_path, timeout=120)
    docs = _docs(proc.stdout.decode("utf-8"))
    y005 = {name: [f["message"] for f in d["findings"] if f["code"] == "Y005"] for name, d in docs.items()}
    assert len(y005["-"]) == 1 and "gxcheck-stdin" not in y005["y.txt"][0]


def test_per_path_settings_reach_cross_year_findings(capsys, tmp_path, monkeypatch):
    _twins(tmp_path / "sub")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck.toml").write_text('[[overrides]]\npaths = ["sub/x.txt"]\nignore = ["Y005"]\n'
                                           '[[overrides]]\npaths = ["sub/y.txt"]\nseverity = {Y005 = "error"}\n',
                                           encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "json", "sub")
    docs = _docs(out)
    assert not [f for f in docs["x.txt"]["findings"] if f["code"] == "Y005"]
    assert [f["severity"] for f in docs["y.txt"]["findings"] if f["code"] == "Y005"] == ["error"] and code == 1


def test_baselines_across_folders_and_rewritten_in_place(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "乡镇"
    folder.mkdir()
    shutil.copy(EXAMPLES / MADIAN, folder / MADIAN)
    monkeypatch.chdir(folder)
    run_cli(capsys, "run", "--no-progress", "--write-baseline", "known.json", ".")
    count = len(json.loads(Path("known.json").read_text(encoding="utf-8"))["findings"])
    run_cli(capsys, "run", "--no-progress", "--baseline", "known.json", "--write-baseline", "known.json", ".")
    assert len(json.loads(Path("known.json").read_text(encoding="utf-8"))["findings"]) == count
    # the township fixes part 六: one known finding is gone, whichever folder the reviewer runs from
    report = folder / MADIAN
    heading = "六、其他需要报告的事项\n"
    fixed = report.read_text(encoding="utf-8").replace(heading, heading + "本年度未收取信息处理费。\n")
    report.write_text(fixed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", "乡镇/known.json", "乡镇")
    assert json.loads(out)["summary"]["baseline"]["gone"] >= 1


def test_baseline_that_cannot_be_written_is_a_usage_error(capsys, tmp_path):
    code, out, err = run_cli(capsys, "run", "--write-baseline", str(tmp_path / "无此目录" / "k.json"), str(EXAMPLES))
    assert code == 2 and "无法写入基线文件" in err and "Traceback" not in err and out == ""


def test_json_has_the_baseline_block_even_when_nothing_is_known(capsys, tmp_path):
    empty = tmp_path / "k.json"
    empty.write_text('{"schema_version": 1, "findings": []}', encoding="utf-8")
    _, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", str(empty), str(EXAMPLES / MADIAN))
    assert json.loads(out)["summary"]["baseline"] == {"known": 0, "gone": 0}


def test_statistics_and_quiet_go_to_the_output_file(capsys, tmp_path):
    stats = tmp_path / "stats.txt"
    _, out, _ = run_cli(capsys, "run", "--statistics", "-o", str(stats), str(EXAMPLES))
    assert out == "" and "D001" in stats.read_text(encoding="utf-8")
    quiet = tmp_path / "q.txt"
    _, out, _ = run_cli(capsys, "run", "-q", "-o", str(quiet), str(EXAMPLES))
    assert out == "" and MADIAN in quiet.read_text(encoding="utf-8")


def test_a_waiver_for_a_file_not_checked_is_not_called_unused(capsys, tmp_path, monkeypatch):
    shutil.copy(EXAMPLES / MADIAN, tmp_path / MADIAN)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck-waivers.toml").write_text(
        '[[waiver]]\ncode = "A004"\nfile = "芦苇荡镇2024年报告.pdf"\nreason = "x"\n'
        f'[[waiver]]\ncode = "A001"\nfile = "{MADIAN}"\nreason = "y"\n', encoding="utf-8")
    _, _, err = run_cli(capsys, "run", "--no-progress", MADIAN)
    assert "A004" not in err and "A001" in err
    _, _, err = run_cli(capsys, "run", "--no-progress", "--select", "D", MADIAN)
    assert "未用上" not in err, "a waiver of a rule that did not run is not unused"


def test_expires_given_as_a_date_and_time_still_expires(capsys, tmp_path, monkeypatch):
    shutil.copy(EXAMPLES / MADIAN, tmp_path / MADIAN)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck-waivers.toml").write_text(
        f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "x"\nexpires = 2020-01-01T00:00:00\n', encoding="utf-8")
    _, out, err = run_cli(capsys, "run", "--no-progress", MADIAN)
    assert "已过期" in err and "[已豁免] D001" not in out


def test_junit_passes_an_unreadable_file_a_waiver_accepts(capsys, tmp_path, monkeypatch):
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck-waivers.toml").write_text('[[waiver]]\ncode = "E001"\nfile = "empty.txt"\nreason = "原件在档案室"\n',
                                                   encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "junit", "empty.txt")
    assert code == 0 and "<error" not in out and "已豁免" in out
