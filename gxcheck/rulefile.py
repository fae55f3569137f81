'''Rule packs written as data: a TOML file of rules, for reviewers who do not write Python.

A rule file is one pack.  Listed in ``gxcheck.toml`` (``rules = ["湖北省.toml"]``) or shipped
by a plugin distribution (:func:`packaged`), its rules run, are listed and documented, and
are tested from their examples exactly like Python rules::

    name = "hubei"                       # the pack's name: gxcheck plugins, -p no:hubei
    description = "湖北省年报审查要求"

    [[rule]]
    code = "HB001"                       # two or three letters and three digits
    slug = "hubei.overview-length"
    title = "总体情况超过 1000 字"
    severity = "warning"                 # error, warning or info
    basis = "湖北省政务公开办年报工作通知"
    description = "第一部分「总体情况」应简明扼要，不超过 1000 字。"
    reads = "s1"                         # s1…s6, preface, title, narrative (all prose)
    max_length = 1000                    # characters, not counting spaces
    message = "第一部分「总体情况」有 {length} 字，超过 1000 字；请精简"   # optional

    [[rule.failing]]
    text = """…"""
    [[rule.passing]]
    text = """…"""

Conditions (a rule has one or more; each must hold): ``must_contain_any``,
``must_contain_all``, ``must_not_contain`` (lists of words), ``must_match_any``,
``must_match_all``, ``must_not_match`` (lists of regular expressions, each a string or
``{ pattern = '…', means = '规章的件数' }`` so that messages say what is missing), ``max_length``,
``min_length``, and ``check`` — a comparison of table cells (:mod:`gxcheck.expression`).
Nothing in a rule file is executed.  A mistake stops the run with :class:`RuleFileError`
naming the file, the line and the problem.
'''

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Sequence

import pydantic

from gxcheck import national
from gxcheck.ftypes import Finding, Location, Report, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.rule import Example, Rule, at_most_one_notice

if TYPE_CHECKING:
    from gxcheck import expression
# gxcheck.expression and the TOML parser are imported when a rule file is read or checked, not at
# start-up: most runs have no rule file.

#: What ``reads`` may name besides the six parts.
_TEXTS = {"preface": "前言", "title": "标题", "narrative": "报告正文"}
_WORD_CONDITIONS = ("must_contain_any", "must_contain_all", "must_not_contain")
_REGEX_CONDITIONS = ("must_match_any", "must_match_all", "must_not_match")
_LENGTH_CONDITIONS = ("max_length", "min_length")
_RULE_KEYS = {"code", "slug", "title", "severity", "basis", "description", "reads", "message", "check",
              "failing", "passing", *_WORD_CONDITIONS, *_REGEX_CONDITIONS, *_LENGTH_CONDITIONS}
_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PLACEHOLDER = re.compile(r"\{(length|found|values)\}")


class RuleFileError(Exception):
    """A rule file that cannot be used; the message names the file, the line and the problem."""


class _Bad(ValueError):
    """A problem in one ``[[rule]]`` table, and the key it is about (for the line number)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Condition:
    """One requirement of a declared rule, checked against the text it reads (or the tables)."""

    kind: str
    words: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    #: What each pattern means, for messages (the pattern itself when not named).
    names: tuple[str, ...] = ()
    limit: int = 0
    tree: expression.Condition | None = None
    source: str = ""

    def failure(self, text: str, report: Report) -> dict[str, str] | None | expression._Undecided:
        """None when the condition holds; else the facts for the message."""
        kind = self.kind
        if kind == "check":
            from gxcheck import expression

            assert self.tree is not None
            result = expression.evaluate(self.tree, report)
            if result is expression.UNDECIDED or result is True:
                return result if result is expression.UNDECIDED else None
            values = "，".join(f"{ref.text} = {_number(ref.value(report))}" for ref in expression.cells(self.tree))
            return {"values": values, "found": values}
        if kind in _LENGTH_CONDITIONS:
            length = len(re.sub(r"\s+", "", text))
            broken = length > self.limit if kind == "max_length" else length < self.limit
            return {"length": str(length), "found": str(length)} if broken else None
        if kind in _WORD_CONDITIONS:
            present = [w for w in self.words if w in text]
            if kind == "must_contain_any":
                return None if present else {"found": "、".join(self.words)}
            if kind == "must_contain_all":
                missing = [w for w in self.words if w not in present]
                return {"found": "、".join(missing)} if missing else None
            return {"found": "、".join(present)} if present else None
        hits = [p for p in self.patterns if p.search(text)]
        if kind == "must_match_any":
            return None if hits else {"found": "、".join(self.names)}
        if kind == "must_match_all":
            missing_patterns = [n for p, n in zip(self.patterns, self.names) if p not in hits]
            return {"found": "、".join(missing_patterns)} if missing_patterns else None
        matched = [m.group(0) for p in hits if (m := p.search(text))]
        return {"found": "、".join(matched)} if matched else None

    def default_message(self, where: str, facts: dict[str, str]) -> str:
        found = facts.get("found", "")
        return {
            "check": f"{where}的数字不满足「{self.source}」：{found}；请核对表中数字",
            "max_length": f"{where}有 {found} 字，超过 {self.limit} 字的上限；请精简",
            "min_length": f"{where}只有 {found} 字，少于 {self.limit} 字；请补充内容",
            "must_contain_any": f"{where}没有写到「{found}」中的任何一项；请补上",
            "must_contain_all": f"{where}没有写到「{found}」；请补上",
            "must_not_contain": f"{where}写有「{found}」；请删除或改写",
            "must_match_any": f"{where}没有符合要求的写法（{found}）；请补上",
            "must_match_all": f"{where}缺少符合要求的写法（{found}）；请补上",
            "must_not_match": f"{where}有不应出现的写法「{found}」；请删除或改写",
        }[self.kind]


def _number(value: float | None) -> str:
    if value is None:
        return "空"
    return str(int(value)) if value == int(value) else str(value)


class DeclaredRule(Rule):
    """The behaviour shared by every rule declared in a rule file; subclasses carry the data."""

    reads: ClassVar[str] = ""
    conditions: ClassVar[tuple[Condition, ...]] = ()
    message: ClassVar[str] = ""
    source: ClassVar[str] = ""

    def _text(self, report: Report) -> tuple[str | None, str, Location]:
        """The text the rule reads (None: absent), how to name it, and where it is."""
        reads = self.reads
        if reads == "preface":
            return "\n".join(p.text for p in report.preface), "前言", Location(part="preface")
        if reads == "title":
            return report.title or "", "标题", Location()
        if reads == "narrative":
            return "\n".join(p.text for p in report.narrative), "报告正文", Location()
        if reads:
            part = report.part(reads)
            name = national.PART_NAMES[reads]
            if part is None:
                return None, name, Location(part=reads)
            return part.text, f"{name}「{part.heading}」", Location(part=reads)
        return "", "表格", Location()

    def check(self, report: Report) -> Iterator[Finding]:
        yield from at_most_one_notice(self._check(report))

    def _check(self, report: Report) -> Iterator[Finding]:
        text, where, location = self._text(report)
        for condition in self.conditions:
            if condition.kind == "check":
                from gxcheck import expression

                assert condition.tree is not None
                first = expression.cells(condition.tree)[0]
                table_where = national.TABLE_NAMES[first.table]
                table_location = Location(part=national.TABLE_PART[first.table], table=first.table)
                facts = condition.failure("", report)
                if facts is expression.UNDECIDED:
                    yield self.undecided(f"{table_where}中「{condition.source}」用到的单元格为空或缺失", table_location)
                elif isinstance(facts, dict):
                    yield self.finding(self._message(condition, table_where, facts), table_location)
                continue
            if text is None:
                yield self.undecided(f"报告中没有找到{where}", location)
                continue
            facts = condition.failure(text, report)
            if isinstance(facts, dict):
                yield self.finding(self._message(condition, where, facts), location)

    def _message(self, condition: Condition, where: str, facts: dict[str, str]) -> str:
        if not self.message:
            return condition.default_message(where, facts)
        return _PLACEHOLDER.sub(lambda m: facts.get(m.group(1), m.group(0)), self.message)


@dataclass
class RulePack:
    """A rule file, registered with the plugin manager like any plugin."""

    name: str
    path: str
    description: str = ""
    rules: list[type[Rule]] = field(default_factory=list)

    @hookimpl
    def gxcheck_rules(self) -> Sequence[type[Rule]]:
        return self.rules


class _Lines:
    """Finds the line of a key in the raw text, for error messages (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def of_rule(self, code: object, index: int) -> int:
        quoted = re.compile(r"^\s*code\s*=\s*[\"']" + re.escape(str(code)) + r"[\"']")
        for n, line in enumerate(self.lines, start=1):
            if quoted.match(line):
                return n
        tables = [n for n, line in enumerate(self.lines, start=1) if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]
        return tables[index] if index < len(tables) else 1

    def of_key(self, key: str, after: int) -> int:
        pattern = re.compile(r"^\s*(\[\[\s*rule\.)?" + re.escape(key) + r"\b")
        for n in range(after, len(self.lines) + 1):
            if pattern.match(self.lines[n - 1]):
                return n
        return after


def _fail(file: str, line: int, problem: str) -> RuleFileError:
    return RuleFileError(f"{file} 第 {line} 行：{problem}")


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key} 应为非空字符串的列表，例如 {key} = [\"规范性文件\"]")
    return tuple(value)


def _condition(key: str, value: Any) -> Condition:
    """One condition from its key and value; ValueError saying what is wrong."""
    if key in _WORD_CONDITIONS:
        return Condition(key, words=_strings(value, key))
    if key in _REGEX_CONDITIONS:
        items = value if isinstance(value, list) else [value]
        patterns, names = [], []
        for item in items:
            if isinstance(item, dict) and set(item) <= {"pattern", "means"} and isinstance(item.get("pattern"), str):
                source, name = item["pattern"], str(item.get("means") or item["pattern"])
            elif isinstance(item, str) and item:
                source, name = item, item
            else:
                raise ValueError(f"{key} 的每一项应为正则表达式字符串，或 {{ pattern = '…', means = '…' }}")
            try:
                patterns.append(re.compile(source))
            except re.error as exc:
                raise ValueError(f"{key} 中的正则表达式「{source}」有误：{exc}") from None
            names.append(name)
        if not patterns:
            raise ValueError(f"{key} 不能为空")
        return Condition(key, patterns=tuple(patterns), names=tuple(names))
    if key in _LENGTH_CONDITIONS:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} 应为非负整数（字数），例如 {key} = 1000")
        return Condition(key, limit=value)
    if not isinstance(value, str):
        raise ValueError("check 应为字符串，例如 check = \"requests.new.total >= 0\"")
    from gxcheck import expression

    try:
        tree = expression.parse(value)
    except expression.ExpressionError as exc:
        raise ValueError(f"check 表达式「{value}」有误，{exc}") from None
    return Condition("check", tree=tree, source=value)


def _examples(raw: Any, kind: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise ValueError(f"{kind} 应写成 [[rule.{kind}]] 表，每个表有 text = \"…\"")
    try:
        return tuple(Example.model_validate(e) for e in raw)
    except pydantic.ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ValueError(f"{kind} 示例有误：{problems}") from None


def _declare(data: dict[str, Any], module: str, file: str) -> type[Rule]:
    """The rule class for one ``[[rule]]`` table; :class:`_Bad` saying what is wrong and where."""
    unknown = sorted(set(data) - _RULE_KEYS)
    if unknown:
        raise _Bad(unknown[0], f"不认识的键 {'、'.join(unknown)}（可用：{'、'.join(sorted(_RULE_KEYS))}）")
    for key in ("code", "slug", "title"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise _Bad(key, f"缺少 {key}（字符串）")
    try:
        severity = Severity(data.get("severity", "error"))
    except ValueError:
        raise _Bad("severity", f"severity「{data.get('severity')}」应为 error、warning 或 info") from None
    reads = data.get("reads", "")
    if reads and reads not in national.PART_NAMES and reads not in _TEXTS:
        raise _Bad("reads", f"reads「{reads}」应为 s1…s6、preface、title 或 narrative")
    conditions = []
    for key in data:
        if key in (*_WORD_CONDITIONS, *_REGEX_CONDITIONS, *_LENGTH_CONDITIONS, "check"):
            try:
                conditions.append(_condition(key, data[key]))
            except ValueError as exc:
                raise _Bad(key, str(exc)) from None
    if not conditions:
        raise _Bad("code", "规则没有任何条件（must_contain_any、max_length、check 等）")
    if not reads and any(c.kind != "check" for c in conditions):
        raise _Bad("code", "文字条件需要用 reads 指明读哪一部分，例如 reads = \"s1\"")
    for key in ("message", "basis", "description"):
        if not isinstance(data.get(key, ""), str):
            raise _Bad(key, f"{key} 应为字符串")
    attrs: dict[str, Any] = {
        "__doc__": data.get("description") or data["title"],
        "__module__": module,
        "code": data["code"], "slug": data["slug"], "title": data["title"], "severity": severity,
        "basis": data.get("basis", ""), "reads": reads, "conditions": tuple(conditions),
        "message": data.get("message", ""), "source": file,
    }
    for kind in ("failing", "passing"):
        try:
            attrs[kind] = _examples(data.get(kind), kind)
        except ValueError as exc:
            raise _Bad(kind, str(exc)) from None
    return type(data["code"], (DeclaredRule,), attrs)


def parse_rule_file(text: str, file: str, expected_name: str | None = None) -> RulePack:
    """The pack declared in ``text`` (the content of ``file``); raises :class:`RuleFileError`."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        from gxcheck.faults import toml_reason

        raise _fail(file, int(match.group(1)) if match else 1, f"TOML 格式有误：{toml_reason(exc)}") from None
    lines = _Lines(text)
    name = data.get("name")
    if not isinstance(name, str) or not _PACK_NAME.match(name):
        raise _fail(file, lines.of_key("name", 1), "需要 name = \"包名\"（小写字母、数字和连字符），"
                    "它是 gxcheck plugins 中显示、-p no:包名 停用时用的名字")
    if expected_name is not None and name != expected_name:
        raise _fail(file, lines.of_key("name", 1), f"name「{name}」应与插件的入口点名「{expected_name}」相同")
    unknown = sorted(set(data) - {"name", "description", "rule"})
    if unknown:
        raise _fail(file, lines.of_key(unknown[0], 1), f"不认识的键 {'、'.join(unknown)}（可用：name、description、rule）")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise _fail(file, 1, "文件中没有规则：每条规则写成一个 [[rule]] 表")
    pack = RulePack(name=name, path=file, description=str(data.get("description", "")))
    module = f"gxcheck.rulefile.{name}"
    for index, raw in enumerate(raw_rules):
        if not isinstance(raw, dict):
            raise _fail(file, 1, "rule 应写成 [[rule]] 表")
        start = lines.of_rule(raw.get("code", ""), index)
        try:
            pack.rules.append(_declare(raw, module, file))
        except _Bad as exc:
            line = start if exc.key == "code" else lines.of_key(exc.key, start)
            raise _fail(file, line, f"规则 {raw.get('code', f'#{index + 1}')}：{exc}") from None
    return pack


def load_rule_file(path: Path) -> RulePack:
    """Read and parse a rule file named in the configuration."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(f"找不到规则文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        from gxcheck.faults import os_reason, toml_reason

        reason = os_reason(exc) if isinstance(exc, OSError) else toml_reason(exc)
        raise RuleFileError(f"无法读取规则文件 {path}：{reason}") from None
    return parse_rule_file(text, str(path))


def packaged(package: str, filename: str) -> Callable[[], Sequence[type[Rule]]]:
    """The ``gxcheck_rules`` hook of a distribution whose rules are a TOML file inside it::

        # gxcheck_profile_hubei/__init__.py
        from gxcheck.rulefile import packaged
        gxcheck_rules = packaged(__name__, "profile.toml")

    The file is read once, when gxcheck first asks for the rules; a mistake in it stops the
    run with :class:`RuleFileError`.
    """
    cache: list[type[Rule]] = []

    @hookimpl
    def gxcheck_rules() -> Sequence[type[Rule]]:
        if not cache:
            source = resources.files(package).joinpath(filename)
            cache.extend(parse_rule_file(source.read_text(encoding="utf-8"), f"{package}/{filename}").rules)
        return cache

    return gxcheck_rules
