"""Issue 10, trust first: a typo never passes a file silently; unreadable files always count."""

from __future__ import annotations

import json

from conftest import run_cli, shared_path

SEED_BAD = str(shared_path("seeds", "002_06c4d2819f1ca5c3.txt"))


def test_unknown_select_code_is_a_usage_error_with_suggestion(capsys):
    code, out, err = run_cli(capsys, "run", "--select", "Z", SEED_BAD)
    assert code == 2 and "「Z」" in err and "通过" not in out
    code, _, err = run_cli(capsys, "run", "--ignore", "D0001", SEED_BAD)
    assert code == 2 and "D001" in err, "did-you-mean names the nearest code"


def test_unknown_code_in_config_is_a_usage_error(capsys, tmp_path):
    config = tmp_path / "gxcheck.toml"
    config.write_text('ignore = ["X999"]\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "run", "--config", str(config), SEED_BAD)
    assert code == 2 and "X999" in err and "配置" in err


def test_codes_of_a_switched_off_plugin_are_still_known(capsys):
    code, _, err = run_cli(capsys, "-p", "no:narrative", "run", "--no-progress", "--ignore", "N", SEED_BAD)
    assert code == 1 and "不是任何规则" not in err


def test_unreadable_file_always_reported_and_counts(capsys, tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    for opts in (["--select", "A"], ["--ignore", "E"], ["--ignore", "E001"], ["--ignore", ""]):
        code, out, err = run_cli(capsys, "run", "--format", "json", *opts, str(empty))
        assert code == 1, (opts, err)
        (doc,) = json.loads(out)["documents"]
        assert [f["code"] for f in doc["findings"]] == ["E001"]


def test_file_named_twice_is_checked_once(capsys):
    folder = str(shared_path("seeds"))
    code, out, _ = run_cli(capsys, "run", "--format", "json", SEED_BAD, SEED_BAD, folder)
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert len(paths) == len(set(paths)) and paths[0] == SEED_BAD


def test_exit_zero_and_statistics(capsys):
    code, _, _ = run_cli(capsys, "run", "--no-progress", "--exit-zero", SEED_BAD)
    assert code == 0
    code, out, _ = run_cli(capsys, "run", "--no-progress", "--statistics", SEED_BAD)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["数量", "代码"] and any(" D001 " in f" {line} " for line in lines)
    assert "■" not in out, "statistics replace the finding list"


def test_file_without_run_command(capsys):
    code, out, _ = run_cli(capsys, SEED_BAD, "--no-progress")
    assert code == 1 and "D001" in out


def test_run_dash_reads_one_report_from_stdin(capsys, monkeypatch):
    import io
    from pathlib import Path

    data = Path(SEED_BAD).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli(capsys, "run", "--format", "json", "-")
    assert code == 1
    (doc,) = json.loads(out)["documents"]
    assert doc["path"] == "-" and "D001" in {f["code"] for f in doc["findings"]}


def test_quiet_lists_only_files_with_errors(capsys):
    good = str(shared_path("seeds", "000_6b3625ffea8c0954.txt"))
    code, out, _ = run_cli(capsys, "run", "-q", "--no-progress", good, SEED_BAD)
    assert code == 1
    assert out.splitlines() == [line for line in out.splitlines() if line.startswith(SEED_BAD)]
    assert len(out.splitlines()) == 1 and "D001" in out


def test_jsonl_one_document_per_line_in_input_order(capsys):
    good = str(shared_path("seeds", "000_6b3625ffea8c0954.txt"))
    code, out, _ = run_cli(capsys, "run", "--format", "jsonl", SEED_BAD, good)
    assert code == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["path"] for d in docs] == [SEED_BAD, good]
    assert docs[0]["schema_version"] == 1 and "D001" in {f["code"] for f in docs[0]["findings"]}


def test_csv_one_row_per_finding_with_chinese_headers(capsys):
    import csv
    import io

    code, out, _ = run_cli(capsys, "run", "--format", "csv", SEED_BAD)
    assert code == 1 and out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert list(rows[0]) == ["文件", "标题", "机关", "年度", "代码", "级别", "说明", "位置", "豁免理由", "指纹"]
    d001 = next(r for r in rows if r["代码"] == "D001")
    assert d001["文件"] == SEED_BAD and d001["级别"] == "错误" and d001["说明"]
