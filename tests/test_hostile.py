"""Hostile inputs: every reproducer in ../shared/hostile gives a clear finding (or a clean read),
never exit 3, never a traceback; small hostile files built here keep that tested on a clean clone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, run_cli, run_json
from test_loader_docx import load, make_docx, tables, tbl, tc

HOSTILE = SHARED / "hostile"
SEED = SHARED / "seeds" / "002_06c4d2819f1ca5c3.txt"

#: Reproducers this branch handles (the rest of ../shared/hostile is issue 8's remaining work).
FIXED = [
    "b01_cell_400_digits.txt", "b01b_table3_400_digits.txt", "b02_cell_5000_digits.txt",
    "b02b_narrative_5000_digits.txt", "b06_gridspan_1e19.docx", "b06b_gridspan_3x3e8.docx",
    "b06c_gridspan_rows.docx",
]


@pytest.mark.parametrize("name", FIXED)
def test_hostile_reproducer_gives_findings_without_crashing(name):
    path = HOSTILE / name
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    for command in (["run", "--format", "json", "--no-progress"], ["show", "--format", "json"]):
        done = subprocess.run([sys.executable, "-m", "gxcheck", *command, str(path)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        json.loads(done.stdout)


def _seed_with(tmp_path: Path, old: str, new: str) -> Path:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available here")
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "r.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_cell_of_hundreds_of_digits_is_an_invalid_cell(capsys, tmp_path, digits):
    path = _seed_with(tmp_path, "一、本年新收政府信息公开申请数量\t\t0", "一、本年新收政府信息公开申请数量\t\t" + "9" * digits)
    doc = run_json(capsys, str(path))["documents"][0]
    codes = [f["code"] for f in doc["findings"]]
    assert "A005" in codes and "E001" not in codes and "E003" not in codes
    code, out, _ = run_cli(capsys, "show", "--format", "json", str(path))
    assert code == 0 and json.loads(out)


def test_a_narrative_run_of_thousands_of_digits_is_no_count(capsys, tmp_path):
    path = _seed_with(tmp_path, "一、本年新收政府信息公开申请数量",
                      "一、本年新收政府信息公开申请数量")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "\n本年共收到申请" + "7" * 5000 + "件。\n", 1), encoding="utf-8")
    doc = run_json(capsys, str(path))["documents"][0]
    assert not [f for f in doc["findings"] if f["code"] in ("E001", "E003")]


def test_huge_grid_spans_are_capped_by_the_table_width(tmp_path):
    huge = '<w:gridSpan w:val="10000000000000000000"/>'
    rows = tables(load(make_docx(tmp_path / "g.docx", tbl(tc("a", huge) + tc("b"), tc("c") + tc("d"), cols=2))))[0].rows
    assert len(rows) == 2 and all(len(r) <= 64 for r in rows)
    assert rows[0][0] == "a" and "b" in rows[0] and rows[1][:2] == ("c", "d")


def test_many_wide_spans_in_many_rows_stay_small(tmp_path):
    row = tc("x", '<w:gridSpan w:val="1000"/>') * 100
    rows = tables(load(make_docx(tmp_path / "w.docx", tbl(*[row] * 300, cols=3))))[0].rows
    assert len(rows) == 300 and max(len(r) for r in rows) <= 63 + 100
