"""The example pack, tested with gxcheck's public testing kit, through the real engine."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gxcheck.testing import Case, cases, check_case
from gxcheck_contact import RULES


@pytest.mark.parametrize("case", cases(RULES), ids=str)
def test_examples(case: Case) -> None:
    check_case(case)


def _gxcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gxcheck", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_listed_by_gxcheck_plugins() -> None:
    out = _gxcheck("plugins").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("contact"))
    assert "gxcheck-contact" in line and "CT001" in line and "CT002" in line and "已加载" in line


def test_examples_pass_with_test_rules() -> None:
    proc = _gxcheck("test-rules", "contact")
    assert proc.returncode == 0 and "0 个失败" in proc.stdout, proc.stdout


def test_fires_in_a_run_and_can_be_switched_off(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(RULES[0].failing[0].text, encoding="utf-8")
    on = json.loads(_gxcheck("run", "--format", "json", str(report)).stdout)
    assert "CT001" in {f["code"] for f in on["documents"][0]["findings"]}
    off = json.loads(_gxcheck("-p", "no:contact", "run", "--format", "json", str(report)).stdout)
    assert not {f["code"] for f in off["documents"][0]["findings"]} & {"CT001", "CT002"}
