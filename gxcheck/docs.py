"""Rule documentation, generated from the rules themselves (docstring, metadata, examples).

``gxcheck rule CODE`` prints :func:`explain`; ``python -m gxcheck.docs`` rewrites
``docs/rules.md``, and a test keeps that file in step with the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gxcheck.rule import Example, Rule


def _example_block(example: Example) -> str:
    text = example.text.rstrip("\n") or "（空文件）"
    return "\n".join("    " + line.replace("\t", " │ ") for line in text.splitlines())


_FORMAT_NAMES = {"2019": "2019 年修订条例的格式（2019 年试行格式、2021 年全国统一格式）", "2008": "2008 年条例的格式"}


def formats_text(rule: type[Rule]) -> str:
    """Which report formats the rule applies to, in words."""
    if set(rule.formats) == set(_FORMAT_NAMES):
        return "各种格式的报告"
    return "、".join(_FORMAT_NAMES[f] for f in sorted(rule.formats, reverse=True))


def explain(pack: str, rule: type[Rule]) -> str:
    """A Chinese explanation of one rule, for people."""
    out = [
        f"{rule.code}  {rule.title}",
        f"规则包：{pack}　　级别：{rule.severity.chinese}　　英文名：{rule.slug}",
        f"依据：{rule.basis or '—'}",
        f"适用于：{formats_text(rule)}",
        "",
        rule.describe(),
    ]
    for heading, examples in (("会报告的写法", rule.failing), ("不会报告的写法", rule.passing)):
        for n, example in enumerate(examples, start=1):
            out += ["", f"{heading}（示例 {n}）" + (f"：{example.note}" if example.note else "")]
            out.append(_example_block(example))
    return "\n".join(out) + "\n"


def markdown(rules: list[tuple[str, type[Rule]]]) -> str:
    """``docs/rules.md``: every rule with its examples."""
    out = [
        "# gxcheck 规则说明",
        "",
        "本文件由 `python -m gxcheck.docs` 根据规则代码生成，请勿手工修改。",
        "每条规则的示例同时也是它的测试（`tests/test_rule_examples.py`）。",
        "",
        "| 代码 | 规则包 | 级别 | 标题 |",
        "|---|---|---|---|",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}) | {pack} | {r.severity.chinese} | {r.title} |" for pack, r in rules]
    for pack, rule in rules:
        out += ["", f"## {rule.code}", "", f"**{rule.title}** · `{rule.slug}` · 规则包 `{pack}` · "
                f"{rule.severity.chinese}", "", f"依据：{rule.basis or '—'}", "", f"适用于：{formats_text(rule)}", "",
                rule.describe()]
        for heading, examples in (("会报告", rule.failing), ("不会报告", rule.passing)):
            for example in examples:
                out += ["", f"{heading}" + (f"（{example.note}）" if example.note else "") + "：", "", "```text",
                        example.text.rstrip("\n").replace("\t", " │ ") or "（空文件）", "```"]
    return "\n".join(out) + "\n"


DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def builtin_rules() -> list[tuple[str, type[Rule]]]:
    """The rules of gxcheck's own packs (third-party packs document themselves)."""
    from gxcheck.manager import Plugins

    plugins = Plugins()
    ours = {i.name for i in plugins.infos if i.distribution == "gxcheck"}
    return [(pack, rule) for pack, rule in plugins.rules if pack in ours]


def main() -> int:
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(markdown(builtin_rules()), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC_PATH}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
