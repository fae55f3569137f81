"""Every rule's examples are its tests: failing ones must make it fire, passing ones must not.

This is also the meta-test: a rule without both kinds of example fails here.
"""

from __future__ import annotations

import pytest

from gxcheck.docs import DOC_PATH, builtin_rules, markdown

RULES = builtin_rules()
# Rules whose trigger cannot be written as a text fragment (a scanned PDF, a crashing rule);
# they are covered by tests of their own (test_bad_input.py, test_plugins.py).
NO_TEXT_EXAMPLES = {"E002", "E003"}

CASES = [
    pytest.param(rule, example, fires, id=f"{rule.code}-{'fail' if fires else 'pass'}-{n}")
    for _, rule in RULES
    for fires, examples in ((True, rule.failing), (False, rule.passing))
    for n, example in enumerate(examples, start=1)
]


@pytest.mark.parametrize("pack_rule", RULES, ids=[r.code for _, r in RULES])
def test_rule_has_metadata_and_examples(pack_rule):
    pack, rule = pack_rule
    assert rule.slug and "." in rule.slug, rule.code
    assert rule.title and rule.basis and rule.describe(), rule.code
    assert rule.__module__.rsplit(".", 1)[-1] == rule.code, "one module per rule, named by its code"
    if rule.code not in NO_TEXT_EXAMPLES:
        assert rule.failing, f"{rule.code} has no failing example"
        assert rule.passing, f"{rule.code} has no passing example"


@pytest.mark.parametrize("rule,example,fires", CASES)
def test_example_behaves(tmp_path, engine, rule, example, fires):
    path = tmp_path / example.path
    path.write_text(example.text, encoding="utf-8")
    result = engine.check_file(path)
    codes = {f.code for f in result.findings if not f.undecided}
    if fires:
        assert rule.code in codes, f"{rule.code} did not fire on its failing example; got {sorted(codes)}"
    else:
        assert rule.code not in codes, f"{rule.code} fired on its passing example: " + "; ".join(
            f.message for f in result.findings if f.code == rule.code)


def test_rule_docs_are_in_step_with_the_code():
    assert DOC_PATH.read_text(encoding="utf-8") == markdown(RULES), (
        "docs/rules.md is stale: run `python -m gxcheck.docs`")
