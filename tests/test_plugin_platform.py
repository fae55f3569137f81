"""The plugin author's path: mistakes stop the run naming plugin and hook, rules are validated
when registered, and a plugin that contributes nothing is marked as such."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gxcheck import Example, Expect, Location, Rule, Severity, hookimpl
from gxcheck.manager import PluginError, Plugins
from gxcheck.testing import Runner, cases

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "examples" / "reports" / "双溪镇2024年报告.txt"

GOOD_RULE = (
    "from gxcheck import Example, Rule, Severity, hookimpl\n"
    "class {cls}(Rule):\n"
    "    code = '{code}'\n    slug = 'fake.rule'\n    title = '示例'\n    severity = Severity.INFO\n"
    "    failing = (Example(text='甲'),)\n    passing = (Example(text='乙'),)\n"
    "    def check(self, report):\n"
    "        if '甲' in (report.title or '') + ''.join(p.text for p in report.narrative):\n"
    "            yield self.finding('有甲')\n"
    "@hookimpl\ndef gxcheck_rules():\n    return [{cls}]\n"
)


def install(site: Path, name: str, source: str | None, dist: str | None = None) -> None:
    """A distribution on sys.path with one entry point in the gxcheck group (no pip needed)."""
    dist = dist or f"fake-{name}"
    module = f"fake_{dist.replace('-', '_')}_{name.replace('-', '_')}"
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    entry = info / "entry_points.txt"
    lines = entry.read_text(encoding="utf-8") if entry.exists() else "[gxcheck]\n"
    entry.write_text(lines + f"{name} = {module}\n", encoding="utf-8")
    if source is not None:
        (site / f"{module}.py").write_text(source, encoding="utf-8")


def gxcheck(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "gxcheck", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=site)


def stops(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr, proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)
    assert proc.stdout == ""


# -- hooks ---------------------------------------------------------------------------


def test_a_misspelled_hook_stops_the_run_naming_plugin_and_hook(tmp_path: Path) -> None:
    install(tmp_path, "typo", "from gxcheck import hookimpl\n@hookimpl\ndef gxcheck_rule():\n    return []\n")
    stops(gxcheck(tmp_path, "run", str(REPORT)), "typo", "fake-typo", "gxcheck_rule", "不存在", "gxcheck_rules")


def test_a_hook_with_a_wrong_argument_is_a_plugin_error_not_a_gxcheck_bug(tmp_path: Path) -> None:
    install(tmp_path, "badarg", "from gxcheck import hookimpl\n@hookimpl\ndef gxcheck_load(path, fmt):\n"
                                "    return None\n")
    stops(gxcheck(tmp_path, "run", str(REPORT)), "badarg", "gxcheck_load", "fmt", "path、format")


def test_a_hook_without_the_marker_is_named(tmp_path: Path) -> None:
    install(tmp_path, "unmarked", "def gxcheck_rules():\n    return []\n")
    stops(gxcheck(tmp_path, "plugins"), "unmarked", "gxcheck_rules", "@gxcheck.hookimpl")


def test_a_plugin_that_contributes_nothing_is_marked(tmp_path: Path) -> None:
    install(tmp_path, "empty", "VALUE = 1\n")
    proc = gxcheck(tmp_path, "plugins")
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("empty"))
    assert "没有提供任何规则、格式或加载器" in line
    assert "没有提供" not in next(ln for ln in proc.stdout.splitlines() if ln.startswith("narrative"))


def test_an_entry_point_name_claimed_twice_names_both_distributions(tmp_path: Path) -> None:
    install(tmp_path, "shared-name", GOOD_RULE.format(cls="XY001", code="XY001"), dist="first-dist")
    install(tmp_path, "shared-name", GOOD_RULE.format(cls="XY002", code="XY002"), dist="second-dist")
    stops(gxcheck(tmp_path, "plugins"), "shared-name", "first-dist", "second-dist")


def test_a_good_outside_rule_still_loads(tmp_path: Path) -> None:
    install(tmp_path, "good", GOOD_RULE.format(cls="XY001", code="XY001"))
    proc = gxcheck(tmp_path, "plugins")
    assert proc.returncode == 0, proc.stderr
    assert "XY001" in proc.stdout


# -- rules, validated when registered ------------------------------------------------


def _rule(**attrs: object) -> type[Rule]:
    base: dict[str, object] = {
        "code": "XY001", "slug": "xy.sample", "title": "示例", "severity": Severity.WARNING,
        "failing": (Example(text="甲"),), "passing": (Example(text="乙"),),
    }
    base.update(attrs)
    return type("Sample", (Rule,), base)


def _register(rule: type[Rule]) -> Plugins:
    class Pack:
        @hookimpl
        def gxcheck_rules(self) -> list[type[Rule]]:
            return [rule]

    return Plugins(extra=[("sample", Pack())])


@pytest.mark.parametrize("attrs,words", [
    ({"code": "A999"}, ["A999", "一个字母", "两到三个字母"]),
    ({"code": "x1"}, ["x1", "两到三个大写字母"]),
    ({"slug": "NoDot"}, ["slug", "NoDot"]),
    ({"title": ""}, ["title"]),
    ({"severity": "error"}, ["severity", "Severity"]),
    ({"failing": ()}, ["failing"]),
    ({"passing": ()}, ["passing"]),
], ids=["one-letter", "bad-code", "slug", "title", "severity", "no-failing", "no-passing"])
def test_a_bad_rule_is_refused_when_registered(attrs: dict[str, object], words: list[str]) -> None:
    with pytest.raises(PluginError) as err:
        _register(_rule(**attrs))
    for word in ["sample", *words]:
        assert word in str(err.value)


def test_one_letter_codes_are_refused_from_an_installed_distribution(tmp_path: Path) -> None:
    install(tmp_path, "squatter", GOOD_RULE.format(cls="Q001", code="Q001"))
    stops(gxcheck(tmp_path, "rules"), "squatter", "Q001", "一个字母")


def test_gxcheck_rules_must_return_a_list() -> None:
    class Pack:
        @hookimpl
        def gxcheck_rules(self) -> object:
            return _rule()

    with pytest.raises(PluginError, match="应返回规则类的列表"):
        Plugins(extra=[("sample", Pack())])


# -- the testing kit ----------------------------------------------------------------------


class _Sweet(Rule):
    """甲出现在正文就提示。"""

    code = "XY010"
    slug = "xy.sweet"
    title = "正文有甲"
    severity = Severity.WARNING
    failing = (
        Example(text="一、总体情况\n甲。\n", expect=(Expect(severity=Severity.WARNING, location=Location(part="s1"),
                                                       message="有甲"),)),
        Example(text="一、总体情况\n甲。\n", note="a wrong expectation: the kit must catch it",
                expect=(Expect(severity=Severity.ERROR),)),
        Example(text="一、总体情况\n乙。\n", note="does not fire: the kit must say so"),
    )
    passing = (Example(text="一、总体情况\n甲。\n", note="fires although passing"),)

    def check(self, report):  # type: ignore[no-untyped-def]
        for part in report.parts:
            if "甲" in part.text:
                yield self.finding("正文有甲", Location(part=part.key))


def test_the_kit_checks_what_each_example_expects() -> None:
    runner = Runner()
    problems = [runner.problems(case) for case in cases([_Sweet])]
    assert problems[0] == []
    assert "期望的发现没有出现：XY010，错误" in problems[1][0]
    assert "多出了未期望的发现" in problems[1][1]
    assert "没有在它的会报告示例上报告" in problems[2][0]
    assert "在它的不会报告示例上报告了" in problems[3][0]


def test_the_example_packs_use_only_the_public_api() -> None:
    """The packs the README points authors to never import gxcheck's private modules."""
    import re

    public = {"gxcheck", "gxcheck.testing", "gxcheck.rulefile"}
    files = sorted((ROOT / "plugins").glob("*/**/*.py"))
    assert files
    for file in files:
        for module in re.findall(r"^\s*(?:from|import)\s+(gxcheck(?:\.\w+)*)(?!\w)", file.read_text(encoding="utf-8"), re.M):
            assert module in public, f"{file.relative_to(ROOT)} imports {module}"


def test_test_rules_reports_a_misbehaving_example_and_exits_1(tmp_path: Path) -> None:
    # The failing example '甲' is no report at all: the engine says E001 and the rule never runs.
    install(tmp_path, "good", GOOD_RULE.format(cls="XY001", code="XY001"))
    proc = gxcheck(tmp_path, "test-rules", "good")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "失败 XY001-fail-1：XY001 没有在它的会报告示例上报告" in proc.stdout
    assert "实际发现：E001" in proc.stdout, "the kit shows what the engine found instead"
    assert "1 条规则，2 个示例：1 个通过，1 个失败" in proc.stdout
    assert gxcheck(tmp_path, "test-rules", "nosuch").returncode == 2


def test_an_optional_hook_for_a_future_gxcheck_is_allowed(tmp_path: Path) -> None:
    install(tmp_path, "future", "from gxcheck import hookimpl\n@hookimpl(optionalhook=True)\n"
                                "def gxcheck_not_yet():\n    return None\n")
    proc = gxcheck(tmp_path, "plugins")
    assert proc.returncode == 0, proc.stderr
