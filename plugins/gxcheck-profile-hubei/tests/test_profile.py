"""The profile pack, tested with gxcheck's public testing kit and through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gxcheck.testing import Case, cases, check_case
from gxcheck_profile_hubei import gxcheck_rules

RULES = list(gxcheck_rules())


@pytest.mark.parametrize("case", cases(RULES), ids=str)
def test_examples(case: Case) -> None:
    check_case(case)


def _gxcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gxcheck", *args], capture_output=True, text=True, encoding="utf-8")


def test_listed_and_its_examples_pass_from_the_command_line() -> None:
    line = next(ln for ln in _gxcheck("plugins").stdout.splitlines() if ln.startswith("profile-hubei"))
    assert "gxcheck-profile-hubei" in line and "HB001 HB002 HB003 HB004" in line and "已加载" in line
    proc = _gxcheck("test-rules", "profile-hubei")
    assert proc.returncode == 0, proc.stdout
    assert "4 条规则，8 个示例：8 个通过，0 个失败" in proc.stdout


def test_fires_on_a_real_report_and_can_be_switched_off(tmp_path: Path) -> None:
    report = Path(__file__).resolve().parents[3] / "examples" / "reports" / "马店镇2024年报告.txt"
    on = json.loads(_gxcheck("run", "--format", "json", str(report)).stdout)
    codes = {f["code"] for f in on["documents"][0]["findings"]}
    assert {"HB002", "HB003"} <= codes
    message = next(f["message"] for f in on["documents"][0]["findings"] if f["code"] == "HB002")
    assert "规章的件数" in message and "[^" not in message, "messages name what is missing, not the pattern"
    off = json.loads(_gxcheck("-p", "no:profile-hubei", "run", "--format", "json", str(report)).stdout)
    assert not {f["code"] for f in off["documents"][0]["findings"]} & {"HB001", "HB002", "HB003", "HB004"}
