"""Issue 10: fingerprints, waivers and baselines, through the real command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples" / "reports"
MADIAN = "马店镇2024年报告.txt"  # errors D001 and D002; warnings N003, S004; info S006


def _copy(tmp_path: Path, name: str = MADIAN) -> Path:
    target = tmp_path / name
    shutil.copy(EXAMPLES / name, target)
    return target


def _findings(out: str) -> list[dict]:
    return [f for d in json.loads(out)["documents"] for f in d["findings"]]


def test_fingerprints_survive_reformatting_and_renaming(capsys, tmp_path):
    original = _copy(tmp_path)
    _, out, _ = run_cli(capsys, "run", "-f", "json", str(original))
    before = {(f["code"], f["fingerprint"]) for f in _findings(out)}
    assert all(len(fp) == 16 for _, fp in before) and len({fp for _, fp in before}) == len(before)
    text = original.read_text(encoding="utf-8")
    # the same report saved again: Windows line ends, blank lines between paragraphs, a new name
    reformatted = tmp_path / "另存" / "马店镇报告（定稿）.txt"
    reformatted.parent.mkdir()
    reformatted.write_bytes(text.replace("\n", "\r\n\r\n").encode("utf-8"))
    _, out, _ = run_cli(capsys, "run", "-f", "json", str(reformatted))
    assert {(f["code"], f["fingerprint"]) for f in _findings(out)} == before


def test_fingerprint_changes_with_the_body_or_year(capsys, tmp_path):
    original = _copy(tmp_path)
    _, out, _ = run_cli(capsys, "run", "-f", "json", str(original))
    d001 = next(f["fingerprint"] for f in _findings(out) if f["code"] == "D001")
    other = tmp_path / "other.txt"
    other.write_text(original.read_text(encoding="utf-8").replace("马店镇", "牛店镇"), encoding="utf-8")
    _, out, _ = run_cli(capsys, "run", "-f", "json", str(other))
    assert next(f["fingerprint"] for f in _findings(out) if f["code"] == "D001") != d001


def _waive(tmp_path: Path, body: str) -> Path:
    file = tmp_path / "gxcheck-waivers.toml"
    file.write_text(body, encoding="utf-8")
    return file


def test_waived_finding_is_shown_and_does_not_count(capsys, tmp_path, monkeypatch):
    report = _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _, _ = run_cli(capsys, "run", "--no-progress", MADIAN)
    assert code == 1
    _waive(tmp_path, f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "县政府办确认已另行公开"\n')
    code, out, _ = run_cli(capsys, "run", "-f", "json", MADIAN)
    assert code == 1, "D002 still counts"
    waived = [f for f in _findings(out) if f.get("waiver")]
    assert [f["code"] for f in waived] == ["D001"] and waived[0]["waiver"]["reason"] == "县政府办确认已另行公开"
    assert json.loads(out)["summary"]["waived"] == 1
    _waive(tmp_path, f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "已确认"\n'
                     f'[[waiver]]\ncode = "D002"\nbody = "马店镇"\nyear = 2024\nreason = "已确认"\n')
    code, out, _ = run_cli(capsys, "run", "--no-progress", MADIAN)
    assert code == 0 and "[已豁免] D001" in out and "[已豁免] D002" in out and "理由：已确认" in out
    assert report.read_text(encoding="utf-8") == (EXAMPLES / MADIAN).read_text(encoding="utf-8")


def test_expired_waiver_stops_waiving_and_is_reported(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _waive(tmp_path, f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "暂缓"\nexpires = {yesterday}\n'
                     f'[[waiver]]\ncode = "D002"\nfile = "{MADIAN}"\nreason = "暂缓"\nexpires = 2999-01-01\n')
    code, out, err = run_cli(capsys, "run", "-f", "json", MADIAN)
    waived = {f["code"] for f in _findings(out) if f.get("waiver")}
    assert waived == {"D002"} and code == 1
    assert "已过期" in err and "D001" in err


def test_unused_waiver_is_reported(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    _waive(tmp_path, f'[[waiver]]\ncode = "A001"\nfile = "{MADIAN}"\nreason = "没有这个问题"\n')
    code, _, err = run_cli(capsys, "run", "--no-progress", MADIAN)
    assert "未用上" in err and "A001" in err and code == 1


def test_waiver_location_and_fingerprint_narrow_it(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "run", "-f", "json", MADIAN)
    s004 = next(f for f in _findings(out) if f["code"] == "S004")
    _waive(tmp_path, f'[[waiver]]\ncode = "S004"\nfile = "{MADIAN}"\nlocation = {{part = "s1"}}\nreason = "x"\n')
    _, out, err = run_cli(capsys, "run", "-f", "json", MADIAN)
    assert not [f for f in _findings(out) if f.get("waiver")] and "未用上" in err
    _waive(tmp_path, f'[[waiver]]\ncode = "S004"\nfingerprint = "{s004["fingerprint"]}"\nreason = "x"\n')
    _, out, _ = run_cli(capsys, "run", "-f", "json", MADIAN)
    assert [f["code"] for f in _findings(out) if f.get("waiver")] == ["S004"]


def test_unreadable_file_is_waived_only_by_naming_it(capsys, tmp_path, monkeypatch):
    (tmp_path / "空.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    _waive(tmp_path, '[[waiver]]\ncode = "E001"\nbody = "马店镇"\nreason = "x"\n')
    assert run_cli(capsys, "run", "--no-progress", "空.txt")[0] == 1
    _waive(tmp_path, '[[waiver]]\ncode = "E001"\nfile = "空.txt"\nreason = "原件在档案室"\n')
    code, out, _ = run_cli(capsys, "run", "--no-progress", "空.txt")
    assert code == 0 and "[已豁免] E001" in out


def test_waiver_mistakes_are_usage_errors(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    for body, word in ((f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\n', "reason"),
                       (f'[[waiver]]\ncode = "D0001"\nfile = "{MADIAN}"\nreason = "x"\n', "D001"),
                       ('[[waiver]]\ncode = "D001"\nreason = "x"\n', "file"),
                       (f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "x"\nexpires = "明年"\n', "expires")):
        _waive(tmp_path, body)
        code, out, err = run_cli(capsys, "run", "--no-progress", MADIAN)
        assert code == 2 and word in err and "gxcheck-waivers.toml" in err and out == "", (body, err)


def test_waivers_in_config_file(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gxcheck.toml").write_text(
        f'[[waiver]]\ncode = "D001"\nfile = "{MADIAN}"\nreason = "配置中的豁免"\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "run", "-f", "json", MADIAN)
    assert [f["waiver"]["reason"] for f in _findings(out) if f.get("waiver")] == ["配置中的豁免"]


def test_baseline_round_trip(capsys, tmp_path, monkeypatch):
    report = _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _, _ = run_cli(capsys, "run", "--no-progress", "--write-baseline", "known.json", MADIAN)
    assert code == 1 and json.loads(Path("known.json").read_text(encoding="utf-8"))["findings"]
    code, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", "known.json", MADIAN)
    assert code == 0 and _findings(out) == [] and json.loads(out)["summary"]["baseline"]["known"] == 5
    # the report is saved again with a new problem: only that one is reported
    report.write_text(report.read_text(encoding="utf-8").replace("一、总体情况\n", "", 1), encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", "known.json", MADIAN)
    new = [f["code"] for f in _findings(out)]
    assert new and "D001" not in new and "D002" not in new, new


def test_baseline_reports_new_findings_and_gone_ones(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "run", "--no-progress", "--write-baseline", "known.json", MADIAN)
    known = json.loads(Path("known.json").read_text(encoding="utf-8"))["findings"]
    # drop one known finding from the baseline: it is then "new"; add a stale one: it is "gone"
    kept = [e for e in known if e["code"] != "D001"]
    stale = {"fingerprint": "0" * 16, "code": "A001", "path": MADIAN, "message": "已改正的问题"}
    Path("known.json").write_text(json.dumps({"schema_version": 1, "findings": kept + [stale]}), encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", "known.json", MADIAN)
    assert [f["code"] for f in _findings(out)] == ["D001"] and code == 1
    assert json.loads(out)["summary"]["baseline"] == {"known": len(kept), "gone": 1}


def test_baseline_never_hides_an_unreadable_file(capsys, tmp_path, monkeypatch):
    (tmp_path / "空.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "run", "--no-progress", "--write-baseline", "known.json", "空.txt")
    code, out, _ = run_cli(capsys, "run", "-f", "json", "--baseline", "known.json", "空.txt")
    assert code == 1 and [f["code"] for f in _findings(out)] == ["E001"]


def test_bad_baseline_is_a_usage_error(capsys, tmp_path, monkeypatch):
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "run", "--baseline", "nothing.json", MADIAN)[0] == 2
    Path("bad.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = run_cli(capsys, "run", "--baseline", "bad.json", MADIAN)
    assert code == 2 and "基线" in err
