"""Bad files give one clear finding each, and the run goes on with the next file."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, shared_path

GOOD = ("seeds", "000_6b3625ffea8c0954.txt")


def _e001(capsys, tmp_path, name: str, data: bytes) -> dict:
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = run_cli(capsys, "run", "--format", "json", str(bad), str(shared_path(*GOOD)))
    assert code == 1, err
    docs = json.loads(out)["documents"]
    assert len(docs) == 2, "the run must go on after the bad file"
    assert docs[1]["findings"] == [] or all(f["code"] != "E001" for f in docs[1]["findings"])
    (finding,) = docs[0]["findings"]
    assert finding["code"] == "E001" and finding["severity"] == "error"
    assert finding["location"] == {}
    return finding


def test_empty_file(capsys, tmp_path):
    assert "空" in _e001(capsys, tmp_path, "empty.txt", b"")["message"]


def test_whitespace_only_file(capsys, tmp_path):
    assert "空" in _e001(capsys, tmp_path, "blank.txt", b"  \n\t\n")["message"]


def test_binary_file_named_txt(capsys, tmp_path):
    finding = _e001(capsys, tmp_path, "binary.txt", bytes(range(256)) * 40)
    assert "文本" in finding["message"] or "二进制" in finding["message"]


def test_text_that_is_not_a_report(capsys, tmp_path):
    finding = _e001(capsys, tmp_path, "poem.txt", "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n".encode())
    assert "年度报告" in finding["message"]


def test_undecodable_bytes(capsys, tmp_path):
    # Invalid in UTF-8 and in GB18030 (0x80 and 0xFF are never lead bytes there).
    _e001(capsys, tmp_path, "garbage.txt", b"\x80\xff\x80\xff" * 2000 + "一、总体情况".encode("utf-16-le"))


def test_gbk_text_report_is_read(capsys, tmp_path):
    text = shared_path(*GOOD).read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    code, out, _ = run_cli(capsys, "show", "--format", "json", str(path))
    (doc,) = json.loads(out)
    assert doc["title"] == "双溪镇2024年度政府信息公开工作年度报告"
    assert doc["signoff"]["date"] == "2025-01-21"


def test_files_are_never_written(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_bytes(shared_path(*GOOD).read_bytes())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run_cli(capsys, "run", str(path))
    run_cli(capsys, "show", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("blank", ["", "/", "—", "－"])
def test_blank_cells_are_missing_not_zero(tmp_path, capsys, blank):
    rows = "\n".join(
        f"{label}\t{blank}\t0\t0\t0\t0\t0\t0" for label in
        ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理"))
    path = tmp_path / "blank.txt"
    path.write_text("三、收到和处理政府信息公开申请情况\n" + rows + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "show", "--format", "json", str(path))
    (doc,) = json.loads(out)
    assert doc["tables"]["requests"]["new"] == [None, 0, 0, 0, 0, 0, 0]
