"""Testing rules from their examples, through the real engine — for gxcheck's packs and yours.

A rule's ``failing`` examples must make it fire, its ``passing`` examples must not; an
example with ``expect=[Expect(...)]`` must produce exactly those findings of its rule (code,
severity, location keys, a fragment of the message).  In a pack's tests::

    import pytest
    from gxcheck.testing import cases, check_case
    from my_pack import RULES

    @pytest.mark.parametrize("case", cases(RULES), ids=str)
    def test_example(case):
        check_case(case)

From the command line, ``gxcheck test-rules [PLUGIN]`` runs the same checks.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from gxcheck.engine import Engine
from gxcheck.ftypes import Finding
from gxcheck.manager import Plugins
from gxcheck.rule import Example, Rule, RunRule


@dataclass(frozen=True)
class Case:
    """One example of one rule, and whether it is a failing (must fire) or passing one."""

    rule: type[Rule]
    example: Example
    fails: bool
    number: int

    def __str__(self) -> str:
        return f"{self.rule.code}-{'fail' if self.fails else 'pass'}-{self.number}"


class ExampleFailed(AssertionError):
    """An example did not behave as it says; the message says how, in Chinese."""


def cases(rules: Iterable[type[Rule]]) -> list[Case]:
    """Every example of every rule, failing ones first, numbered from 1."""
    return [Case(rule, example, fails, n)
            for rule in rules
            for fails, examples in ((True, rule.failing), (False, rule.passing))
            for n, example in enumerate(examples, start=1)]


class Runner:
    """Runs examples through an engine with every installed plugin (or the given ones).

    The example's rule takes part even when its plugin is not installed (a pack under
    development): it is registered for the run under the name ``(test)``.
    """

    def __init__(self, plugins: Plugins | None = None) -> None:
        self._plugins = plugins
        self._engines: dict[type[Rule], Engine] = {}

    def _engine(self, rule: type[Rule]) -> Engine:
        if rule not in self._engines:
            plugins = self._plugins or Plugins()
            if all(r is not rule for _, r in plugins.rules):
                plugins = Plugins(extra=[("(test)", _single(rule))])
            self._engines[rule] = Engine(plugins)
        return self._engines[rule]

    def findings(self, rule: type[Rule], example: Example) -> list[Finding]:
        """What the engine finds in the example's text (saved under the example's file name)."""
        with tempfile.TemporaryDirectory(prefix="gxcheck-example-") as folder:
            path = Path(folder) / Path(example.path).name
            path.write_text(example.text, encoding="utf-8")
            engine = self._engine(rule)
            if not example.previous:
                return list(engine.check_file(path, keep_report=False).findings)
            # A rule over the run: last year's report beside this one, both checked, then compared.
            before = Path(folder) / f"previous-{path.name}"
            before.write_text(example.previous, encoding="utf-8")
            results = engine.check_run([engine.check_file(p, keep_report=False) for p in (before, path)])
            return list(results[1].findings)

    def problems(self, case: Case) -> list[str]:
        """How the example misbehaves (empty: it behaves)."""
        rule, example = case.rule, case.example
        found = self.findings(rule, example)
        own = [f for f in found if f.code == rule.code and not f.undecided]
        shown = "；".join(f"{f.code} {f.severity.chinese}：{f.message}" for f in found) or "（没有任何发现）"
        out: list[str] = []
        if example.expect:
            left = list(found)
            for expect in example.expect:
                hit = next((f for f in left if expect.matches(f, rule.code)), None)
                if hit is None:
                    out.append(f"期望的发现没有出现：{expect.describe(rule.code)}")
                else:
                    left.remove(hit)
            extra = [f for f in left if f.code == rule.code and not f.undecided]
            if extra:
                out.append("多出了未期望的发现：" + "；".join(f.message for f in extra))
        elif case.fails and not own:
            out.append(f"{rule.code} 没有在它的会报告示例上报告")
        elif not case.fails and own:
            out.append(f"{rule.code} 在它的不会报告示例上报告了：" + "；".join(f.message for f in own))
        if out:
            out.append(f"实际发现：{shown}")
        return out


def _single(rule: type[Rule]) -> object:
    from gxcheck.hookspecs import hookimpl

    class _Pack:
        @hookimpl
        def gxcheck_rules(self) -> Sequence[type[Rule]]:
            return [] if issubclass(rule, RunRule) else [rule]

        @hookimpl
        def gxcheck_run_rules(self) -> Sequence[type[RunRule]]:
            return [rule] if issubclass(rule, RunRule) else []

    return _Pack()


_default_runner: Runner | None = None


def check_case(case: Case, runner: Runner | None = None) -> None:
    """Raise :class:`ExampleFailed` when the example does not behave; for use in a test."""
    global _default_runner
    if runner is None:
        _default_runner = _default_runner or Runner()
        runner = _default_runner
    problems = runner.problems(case)
    if problems:
        raise ExampleFailed(f"{case}：" + "\n".join(problems))


def check_rules(rules: Iterable[type[Rule]], runner: Runner | None = None) -> list[tuple[Case, list[str]]]:
    """Every example of ``rules`` with its problems (empty list: it behaves)."""
    runner = runner or Runner()
    return [(case, runner.problems(case)) for case in cases(rules)]
