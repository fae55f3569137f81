"""Checks a plugin and its rules when they are registered, before anything runs.

A plugin author's mistakes — a misspelled hook, a hook with the wrong arguments, a rule
without a slug or examples — must stop the run with a message that names the plugin,
the hook or rule, and what to change.  Each function here returns the problems it found
as Chinese sentences (empty: nothing wrong); :mod:`gxcheck.manager` raises them.
"""

from __future__ import annotations

import difflib
import inspect
from typing import Callable, Mapping, Optional

from gxcheck.ftypes import Severity
from gxcheck.rule import Example, Rule
from gxcheck.startup import compiled_on_use

#: Rule codes of gxcheck's own packs: one letter and three digits (A001).
BUILTIN_CODE = compiled_on_use(r"^[A-Z]\d{3}$")
#: Every other distribution: two or three letters and three digits (CT001, HBX001).
THIRD_PARTY_CODE = compiled_on_use(r"^[A-Z]{2,3}\d{3}$")
SLUG = compiled_on_use(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
#: The distribution whose packs may use one-letter codes.
BUILTIN_DISTRIBUTION = "gxcheck"


def _parameters(function: Callable[..., object]) -> list[str]:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a builtin without a signature: nothing to compare
        return []
    return [p.name for p in signature.parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY, p.POSITIONAL_ONLY)
            and p.default is p.empty and p.name != "self"]


def hook_problems(plugin: object, options: Callable[[object, str], Optional[Mapping[str, object]]],
                  specs: dict[str, Callable[..., object]]) -> list[str]:
    """Problems with the hooks of one plugin object.

    ``options(plugin, attr)`` gives the ``gxcheck.hookimpl`` options of an attribute (None: not
    decorated); ``specs`` maps hook names to their specification functions.  A hook marked
    ``optionalhook=True`` may name a hook gxcheck does not have.
    """
    problems: list[str] = []
    names = sorted(specs)
    for attr in sorted(dir(plugin)):
        if not attr.startswith("gxcheck_"):
            continue
        value = getattr(plugin, attr, None)
        if not callable(value):
            continue
        opts = options(plugin, attr)
        if attr not in specs:
            if opts is not None and not opts.get("optionalhook"):
                close = difflib.get_close_matches(attr, names, n=1)
                hint = f"，是不是想写 {close[0]}？" if close else "。"
                problems.append(f"钩子 {attr} 不存在（gxcheck 的钩子有 {'、'.join(names)}）{hint}")
            continue
        if opts is None:
            problems.append(f"函数 {attr} 没有用 @gxcheck.hookimpl 标记，gxcheck 不会调用它；请在函数前加上 @hookimpl")
            continue
        wanted = _parameters(specs[attr])
        unknown = [name for name in _parameters(value) if name not in wanted]
        if unknown:
            allowed = "、".join(wanted) if wanted else "（无参数）"
            problems.append(f"钩子 {attr} 的参数 {'、'.join(unknown)} 不是 gxcheck 提供的参数"
                            f"（{attr} 可用的参数：{allowed}）；请改成 def {attr}({', '.join(wanted)})")
    return problems


def _example_problems(rule: type[Rule]) -> list[str]:
    problems: list[str] = []
    for kind, examples in (("failing", rule.failing), ("passing", rule.passing)):
        if not isinstance(examples, tuple) or not all(isinstance(e, Example) for e in examples):
            problems.append(f"{kind} 应为 gxcheck.Example 组成的元组")
            continue
        for example in examples:
            for expect in example.expect:
                if expect.code and expect.code != rule.code and not THIRD_PARTY_CODE.match(expect.code) \
                        and not BUILTIN_CODE.match(expect.code):
                    problems.append(f"示例期望的代码「{expect.code}」不是有效的规则代码")
    if rule.engine_only:
        return problems
    if not rule.failing:
        problems.append("没有会报告的示例（failing）：每条规则至少要有一个")
    if not rule.passing:
        problems.append("没有不会报告的示例（passing）：每条规则至少要有一个")
    return problems


def rule_problems(rule: object, distribution: str) -> list[str]:
    """Problems with one rule class returned by ``gxcheck_rules`` of a plugin of ``distribution``."""
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return [f"{rule!r} 不是 gxcheck.Rule 的子类"]
    problems: list[str] = []
    code = rule.code if isinstance(rule.code, str) else ""
    if distribution == BUILTIN_DISTRIBUTION:
        if not BUILTIN_CODE.match(code):
            problems.append(f"代码「{code}」应为一个大写字母加三位数字，如 A001")
    elif BUILTIN_CODE.match(code):
        problems.append(f"代码「{code}」只有一个字母：一个字母的代码留给 gxcheck 自带的规则包，"
                        "其他规则包请用两到三个字母加三位数字，如 CT001")
    elif not THIRD_PARTY_CODE.match(code):
        problems.append(f"代码「{code}」应为两到三个大写字母加三位数字，如 CT001")
    if not isinstance(rule.slug, str) or not SLUG.match(rule.slug):
        problems.append(f"英文名 slug「{rule.slug}」应为「包名.规则名」，小写字母、数字和连字符，如 contact.telephone")
    if not isinstance(rule.title, str) or not rule.title.strip():
        problems.append("没有标题 title")
    if not isinstance(rule.severity, Severity):
        problems.append(f"级别 severity「{rule.severity!r}」应为 gxcheck.Severity 之一（ERROR、WARNING、INFO）")
    problems.extend(_example_problems(rule))
    return problems
