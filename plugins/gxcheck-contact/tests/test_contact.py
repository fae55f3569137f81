"""The example pack, tested the way gxcheck tests its own packs, through the real engine."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gxcheck.engine import Engine
from gxcheck.manager import Plugins
from gxcheck_contact import RULES

CASES = [(rule, ex, fires) for rule in RULES for fires, exs in ((True, rule.failing), (False, rule.passing))
         for ex in exs]


@pytest.fixture(scope="module")
def engine():
    return Engine(Plugins())


@pytest.mark.parametrize("rule,example,fires", CASES, ids=lambda x: getattr(x, "code", None))
def test_examples(tmp_path, engine, rule, example, fires):
    path = tmp_path / "r.txt"
    path.write_text(example.text, encoding="utf-8")
    codes = {f.code for f in engine.check_file(path).findings}
    assert (rule.code in codes) is fires


def _gxcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gxcheck.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_listed_by_gxcheck_plugins():
    out = _gxcheck("plugins").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("contact"))
    assert "gxcheck-contact" in line and "CT001" in line and "CT002" in line and "已加载" in line


def test_fires_in_a_run_and_can_be_switched_off(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(CT_FAILING := RULES[0].failing[0].text, encoding="utf-8")
    on = json.loads(_gxcheck("run", "--format", "json", str(report)).stdout)
    assert "CT001" in {f["code"] for f in on["documents"][0]["findings"]}
    off = json.loads(_gxcheck("-p", "no:contact", "run", "--format", "json", str(report)).stdout)
    assert not {f["code"] for f in off["documents"][0]["findings"]} & {"CT001", "CT002"}
    assert CT_FAILING
