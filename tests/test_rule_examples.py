"""Every rule's examples are its tests: failing ones must make it fire, passing ones must not.

This is also the meta-test: a rule without both kinds of example fails here.
"""

from __future__ import annotations

import pytest

from gxcheck.docs import DOC_PATH, builtin_rules, markdown
from gxcheck.testing import Case, Runner, cases, check_case

RULES = builtin_rules()
# Rules whose trigger cannot be written as a text fragment (a scanned PDF, a crashing rule);
# they are covered by tests of their own (test_bad_input.py, test_plugins.py).
NO_TEXT_EXAMPLES = {"E002", "E003"}

CASES = cases(rule for _, rule in RULES)


@pytest.mark.parametrize("pack_rule", RULES, ids=[r.code for _, r in RULES])
def test_rule_has_metadata_and_examples(pack_rule):
    pack, rule = pack_rule
    assert rule.slug and "." in rule.slug, rule.code
    assert rule.title and rule.basis and rule.describe(), rule.code
    assert rule.__module__.rsplit(".", 1)[-1] == rule.code, "one module per rule, named by its code"
    if rule.code not in NO_TEXT_EXAMPLES:
        assert rule.failing, f"{rule.code} has no failing example"
        assert rule.passing, f"{rule.code} has no passing example"


@pytest.fixture(scope="module")
def runner():
    return Runner()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_example_behaves(runner: Runner, case: Case) -> None:
    check_case(case, runner)


def test_rule_docs_are_in_step_with_the_code():
    assert DOC_PATH.read_text(encoding="utf-8") == markdown(RULES), (
        "docs/rules.md is stale: run `python -m gxcheck.docs`")
