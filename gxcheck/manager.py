"""The plugin manager: the only module that calls ``pm.hook.*``.

Everything else in the core talks to :class:`Plugins`, whose methods are typed.
"""

from __future__ import annotations

import email.parser
import functools
import importlib.metadata as md
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import pluggy

from gxcheck import hookspecs, worker
from gxcheck.formatter import Formatter
from gxcheck.ftypes import LoadedFile, OcrWord
from gxcheck.rule import Rule, RunRule
from gxcheck.rulefile import RuleFileError, load_rule_file
from gxcheck.startup import collector_paused
from gxcheck.validation import hook_problems, rule_problems

GROUP = "gxcheck"


class PluginError(Exception):
    """A plugin could not be loaded or contradicts another: the run must stop."""


@dataclass
class PluginInfo:
    name: str
    distribution: str
    version: str
    status: str  # 「已加载」 or 「已停用」
    rules: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    #: The hooks the plugin implements.
    hooks: list[str] = field(default_factory=list)

    @property
    def contributes(self) -> bool:
        """Whether the plugin gives gxcheck anything: a rule, a format or a loader."""
        return bool(self.rules or self.formats or "gxcheck_load" in self.hooks)

    @property
    def shown_status(self) -> str:
        if self.status == "已加载" and not self.contributes:
            return "已加载，但没有提供任何规则、格式或加载器"
        return self.status


@functools.lru_cache(maxsize=None)
def _parsed_metadata(text: str) -> tuple[str, str]:
    message = email.parser.HeaderParser().parsestr(text)
    return message.get("Name", "?"), message.get("Version", "?")


def _name_and_version(dist: Optional[md.Distribution]) -> tuple[str, str]:
    """A distribution's name and version, its metadata parsed once however many entry points it has."""
    if dist is None:
        return "?", "?"
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO")
    if text is None:
        return dist.metadata["Name"] or "?", dist.version or "?"
    return _parsed_metadata(text)


class Plugins:
    """Loads every plugin of the ``gxcheck`` entry-point group, minus the disabled ones.

    ``extra`` registers plugin objects directly (tests, embedding applications);
    ``rule_files`` are TOML rule packs (``rules = [...]`` in ``gxcheck.toml``).
    Every plugin is validated as it is registered (:mod:`gxcheck.validation`).
    """

    def __init__(self, disabled: Iterable[str] = (), extra: Sequence[tuple[str, object]] = (),
                 rule_files: Sequence[Path] = ()) -> None:
        with collector_paused():  # importing the plugins makes long-lived objects (gxcheck/startup.py)
            self._load(disabled, extra, rule_files)

    def _load(self, disabled: Iterable[str], extra: Sequence[tuple[str, object]], rule_files: Sequence[Path]) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        self.disabled = set(disabled)
        self._disabled_eps: list[md.EntryPoint] = []
        for name in self.disabled:
            self.pm.set_blocked(name)
        seen: set[str] = set()
        claimed: dict[str, str] = {}
        # Each distribution's metadata read once, however many entry points it has (gxcheck: 22).
        named: dict[int, tuple[str, str]] = {}
        for ep in sorted(md.entry_points(group=GROUP), key=lambda e: e.name):
            if id(ep.dist) not in named:
                named[id(ep.dist)] = _name_and_version(ep.dist)
            dist, version = named[id(ep.dist)]
            if ep.name in claimed:
                if claimed[ep.name] == dist:  # one distribution seen twice on sys.path
                    continue
                raise PluginError(
                    f"插件名「{ep.name}」被两个发行包同时使用：{claimed[ep.name]} 和 {dist}；"
                    f"请卸载其中一个，或在其中一个的 [project.entry-points.gxcheck] 中改名")
            claimed[ep.name] = dist
            seen.add(ep.name)
            if ep.name in self.disabled:
                self.infos.append(PluginInfo(ep.name, dist, version, "已停用"))
                self._disabled_eps.append(ep)
                continue
            try:
                plugin = ep.load()
            except RuleFileError as exc:
                raise PluginError(f"插件「{ep.name}」（{dist} {version}）的规则文件有误：{exc}") from exc
            except Exception as exc:  # any import failure must stop the run, loudly
                raise PluginError(
                    f"插件「{ep.name}」（{dist} {version}，{ep.value}）无法加载：{type(exc).__name__}: {exc}"
                ) from exc
            self._register(plugin, PluginInfo(ep.name, dist, version, "已加载"))
        for file in rule_files:
            pack = load_rule_file(file)  # RuleFileError: the caller says which file and line
            if pack.name in seen:
                raise PluginError(f"规则文件 {file} 的包名「{pack.name}」已被另一个插件使用；请在文件中改用别的 name")
            seen.add(pack.name)
            if pack.name in self.disabled:
                self.infos.append(PluginInfo(pack.name, f"(规则文件 {file})", "-", "已停用"))
                continue
            self._register(pack, PluginInfo(pack.name, f"(规则文件 {file})", "-", "已加载"))
        for name, plugin in extra:
            seen.add(name)
            if name not in self.disabled:
                self._register(plugin, PluginInfo(name, "(直接注册)", "-", "已加载"))
        unknown = self.disabled - seen
        if unknown:
            # A typo in -p no:NAME must not quietly leave the plugin running.
            raise PluginError(f"没有名为「{'、'.join(sorted(unknown))}」的插件，无法停用；已安装的插件：{'、'.join(sorted(seen))}")
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:  # _register checks first; this is the backstop
            raise PluginError(f"插件「{self._name_of(exc.plugin)}」：{exc}") from exc
        self._rules = self._collect_rules()
        self._formatters = self._collect_formatters()

    def _name_of(self, plugin: object) -> str:
        return self.pm.get_name(plugin) or "?"

    def _register(self, plugin: object, info: PluginInfo) -> None:
        """Validate the plugin's hooks, then register it; a mistake stops the run naming plugin and hook."""
        specs = {name: getattr(hookspecs, name) for name in dir(hookspecs) if name.startswith("gxcheck_")}

        def options(obj: object, attr: str) -> Optional[Mapping[str, object]]:
            return self.pm.parse_hookimpl_opts(obj, attr)

        problems = hook_problems(plugin, options, specs)
        if problems:
            raise PluginError(f"插件「{info.name}」（{info.distribution} {info.version}）：" + "；".join(problems))
        try:
            self.pm.register(plugin, name=info.name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"插件「{info.name}」（{info.distribution} {info.version}）：{exc}") from exc
        info.hooks = sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ())
        self.infos.append(info)

    # -- hooks ------------------------------------------------------------------

    def load(self, path: Path, format: str) -> Optional[LoadedFile]:
        loaded: Optional[LoadedFile] = self.pm.hook.gxcheck_load(path=path, format=format, ocr=self.ocr)
        return loaded

    def ocr(self, image: Any) -> Optional[Sequence[OcrWord]]:
        """The words of a picture, by the first OCR engine plugin that can run; ``None`` if none can.

        Each picture read gives the file more time in its worker (see ``gxcheck.worker``)."""
        worker.allow_more(worker.OCR_SECONDS_PER_PAGE)
        words: Optional[Sequence[OcrWord]] = self.pm.hook.gxcheck_ocr(image=image)
        return words

    def _collect_rules(self) -> list[tuple[str, type[Rule]]]:
        by_code: dict[str, str] = {}
        out: list[tuple[str, type[Rule]]] = []
        info = {i.name: i for i in self.infos}
        impls = [(impl, False) for impl in self.pm.hook.gxcheck_rules.get_hookimpls()]
        impls += [(impl, True) for impl in self.pm.hook.gxcheck_run_rules.get_hookimpls()]
        for impl, run_wide in impls:
            pack = self.pm.get_name(impl.plugin) or "?"
            try:
                rules = impl.function()
            except Exception as exc:
                raise PluginError(f"插件「{pack}」注册规则时出错：{type(exc).__name__}: {exc}") from exc
            if not isinstance(rules, (list, tuple)):
                raise PluginError(f"插件「{pack}」的 gxcheck_rules() 应返回规则类的列表，却返回了 {type(rules).__name__}")
            distribution = info[pack].distribution if pack in info else "?"
            for rule in rules:
                problems = rule_problems(rule, distribution)
                if run_wide and not problems and not issubclass(rule, RunRule):
                    problems = ["gxcheck_run_rules() 只能返回 gxcheck.RunRule 的子类"]
                if problems:
                    name = getattr(rule, "code", "") or getattr(rule, "__name__", repr(rule))
                    raise PluginError(f"插件「{pack}」的规则 {name} 无效：" + "；".join(problems))
                if rule.code in by_code:
                    raise PluginError(
                        f"规则代码 {rule.code} 重复：插件「{by_code[rule.code]}」和插件「{pack}」都注册了它"
                    )
                by_code[rule.code] = pack
                out.append((pack, rule))
                if pack in info:
                    info[pack].rules.append(rule.code)
        return sorted(out, key=lambda pr: pr[1].code)

    def _collect_formatters(self) -> dict[str, type[Formatter]]:
        out: dict[str, type[Formatter]] = {}
        info = {i.name: i for i in self.infos}
        for impl in self.pm.hook.gxcheck_formatters.get_hookimpls():
            plugin = self.pm.get_name(impl.plugin) or "?"
            formats = impl.function()
            if not isinstance(formats, (list, tuple)):
                raise PluginError(f"插件「{plugin}」的 gxcheck_formatters() 应返回输出格式类的列表")
            for fmt in formats:
                if not (isinstance(fmt, type) and issubclass(fmt, Formatter)) or not fmt.name:
                    raise PluginError(f"插件「{plugin}」注册了无效的输出格式 {fmt!r}（需要有 name 的 gxcheck.Formatter 子类）")
                if fmt.name in out:
                    raise PluginError(f"输出格式「{fmt.name}」重复：插件「{plugin}」又注册了一次")
                out[fmt.name] = fmt
                if plugin in info:
                    info[plugin].formats.append(fmt.name)
        return out

    # -- typed views --------------------------------------------------------------

    @property
    def rules(self) -> list[tuple[str, type[Rule]]]:
        """(pack, rule class) for every registered rule, by code."""
        return self._rules

    @property
    def formatters(self) -> dict[str, type[Formatter]]:
        return self._formatters

    @property
    def only_own_code(self) -> bool:
        """Whether everything loaded is gxcheck's own: its built-in plugins and TOML rule files (data
        that gxcheck's own code evaluates), no other distribution's code and nothing registered directly."""
        return all(i.distribution == "gxcheck" or i.distribution.startswith("(规则文件")
                   for i in self.infos if i.status == "已加载")

    def disabled_codes(self) -> tuple[list[str], list[str]]:
        """(codes, plugins not inspected): the rule codes of plugins switched off with ``-p no:NAME``,
        so that naming one of them in --select/--ignore is not a typo. The plugin is imported
        but never registered; one that cannot be inspected is named in the second list."""
        codes: list[str] = []
        unknown: list[str] = []
        for ep in self._disabled_eps:
            try:
                plugin = ep.load()
                rules = getattr(plugin, "gxcheck_rules", None)
                codes.extend(str(r.code) for r in (rules() if callable(rules) else ()))
            except Exception:  # a plugin switched off because it is broken: never stop the run for it
                unknown.append(ep.name)
        return codes, unknown

    def rule(self, code: str) -> Optional[tuple[str, type[Rule]]]:
        return next(((p, r) for p, r in self._rules if r.code == code.upper()), None)
