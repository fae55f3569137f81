"""The plugin system: outside packs register like ours, and a broken one stops the run loudly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import shared_path

from gxcheck import Example, Location, Rule, Severity
from gxcheck.engine import Engine
from gxcheck.manager import Plugins

SEED = ("seeds", "000_6b3625ffea8c0954.txt")


def _install_fake_plugin(site: Path, name: str, module_source: str | None) -> None:
    """A distribution on sys.path with one entry point in the gxcheck group (no pip needed)."""
    dist = site / f"fake_{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: fake-{name}\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[gxcheck]\n{name} = fake_{name}\n", encoding="utf-8")
    if module_source is not None:
        (site / f"fake_{name}.py").write_text(module_source, encoding="utf-8")


def _gxcheck(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "gxcheck", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env)


def test_plugin_that_fails_to_import_stops_the_run(tmp_path):
    _install_fake_plugin(tmp_path, "broken", "import no_such_module_anywhere\n")
    proc = _gxcheck(tmp_path, "run", str(shared_path(*SEED)))
    assert proc.returncode == 2
    assert "broken" in proc.stderr and "fake-broken" in proc.stderr and "无法加载" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == "", "a missing pack must never turn into a clean result"


def test_disabled_broken_plugin_lets_the_run_go_on(tmp_path):
    _install_fake_plugin(tmp_path, "broken", "import no_such_module_anywhere\n")
    proc = _gxcheck(tmp_path, "-p", "no:broken", "run", str(shared_path(*SEED)))
    assert proc.returncode == 0, proc.stderr


RULE_XY001 = (
    "from gxcheck import Example, Rule, hookimpl\n"
    "class XY001(Rule):\n    code = 'XY001'\n    slug = 'dupe.a'\n    title = 'dupe'\n"
    "    failing = (Example(text='a'),)\n    passing = (Example(text='b'),)\n"
    "@hookimpl\ndef gxcheck_rules():\n    return [XY001]\n")


def test_two_rules_with_one_code_stop_the_run(tmp_path):
    _install_fake_plugin(tmp_path, "dupe", RULE_XY001)
    _install_fake_plugin(tmp_path, "again", RULE_XY001)
    proc = _gxcheck(tmp_path, "rules")
    assert proc.returncode == 2
    assert "XY001" in proc.stderr and "dupe" in proc.stderr and "again" in proc.stderr


def test_outside_pack_registers_like_ours(tmp_path):
    _install_fake_plugin(tmp_path, "extra", (
        "from gxcheck import Example, Rule, Severity, hookimpl\n"
        "class XY001(Rule):\n    code = 'XY001'\n    slug = 'extra.always'\n    title = '总是提示'\n"
        "    severity = Severity.INFO\n"
        "    failing = (Example(text='a'),)\n    passing = (Example(text='b'),)\n"
        "    def check(self, report):\n        yield self.finding('来自外部插件')\n"
        "@hookimpl\ndef gxcheck_rules():\n    return [XY001]\n"))
    proc = _gxcheck(tmp_path, "run", "--format", "json", str(shared_path(*SEED)))
    finding = next(f for f in json.loads(proc.stdout)["documents"][0]["findings"] if f["code"] == "XY001")
    assert finding["pack"] == "extra" and finding["message"] == "来自外部插件"
    assert "fake-extra 1.0" in _gxcheck(tmp_path, "plugins").stdout


class _Crashing(Rule):
    code = "ZZ001"
    slug = "test.crash"
    title = "crashes"
    failing = (Example(text="任何文字"),)
    passing = (Example(text="任何文字"),)

    def check(self, report):
        raise RuntimeError("boom")


class _Fine(Rule):
    code = "ZZ002"
    slug = "test.fine"
    title = "fine"
    severity = Severity.INFO
    failing = (Example(text="任何文字"),)
    passing = (Example(text="任何文字"),)

    def check(self, report):
        yield self.finding("still here", Location())


class _CrashPack:
    @staticmethod
    def gxcheck_rules():
        return [_Crashing, _Fine]


def test_a_crashing_rule_gives_E003_and_others_still_run():
    from gxcheck import hookimpl

    pack = type("Pack", (), {"gxcheck_rules": staticmethod(hookimpl(_CrashPack.gxcheck_rules))})
    engine = Engine(Plugins(extra=[("crashy", pack)]))
    result = engine.check_file(shared_path(*SEED))
    e003 = [f for f in result.findings if f.code == "E003"]
    assert len(e003) == 1 and "ZZ001" in e003[0].message and "crashy" in e003[0].message
    assert any(f.code == "ZZ002" for f in result.findings)
