"""The plugin manager: the only module that calls ``pm.hook.*``.

Everything else in the core talks to :class:`Plugins`, whose methods are typed.
"""

from __future__ import annotations

import importlib.metadata as md
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pluggy

from gxcheck import hookspecs
from gxcheck.formatter import Formatter
from gxcheck.ftypes import LoadedFile
from gxcheck.rule import CODE, Rule

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


class Plugins:
    """Loads every plugin of the ``gxcheck`` entry-point group, minus the disabled ones.

    ``extra`` registers plugin objects directly (tests, embedding applications).
    """

    def __init__(self, disabled: Iterable[str] = (), extra: Sequence[tuple[str, object]] = ()) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        self.disabled = set(disabled)
        for name in self.disabled:
            self.pm.set_blocked(name)
        seen: set[str] = set()
        for ep in sorted(md.entry_points(group=GROUP), key=lambda e: e.name):
            if ep.name in seen:
                continue
            seen.add(ep.name)
            dist = ep.dist.metadata["Name"] if ep.dist is not None else "?"
            version = ep.dist.version if ep.dist is not None else "?"
            if ep.name in self.disabled:
                self.infos.append(PluginInfo(ep.name, dist, version, "已停用"))
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # any import failure must stop the run, loudly
                raise PluginError(
                    f"插件「{ep.name}」（{dist} {version}，{ep.value}）无法加载：{type(exc).__name__}: {exc}"
                ) from exc
            self.pm.register(plugin, name=ep.name)
            self.infos.append(PluginInfo(ep.name, dist, version, "已加载"))
        for name, plugin in extra:
            seen.add(name)
            if name not in self.disabled:
                self.pm.register(plugin, name=name)
                self.infos.append(PluginInfo(name, "(直接注册)", "-", "已加载"))
        unknown = self.disabled - seen
        if unknown:
            # A typo in -p no:NAME must not quietly leave the plugin running.
            raise PluginError(f"没有名为「{'、'.join(sorted(unknown))}」的插件，无法停用；已安装的插件：{'、'.join(sorted(seen))}")
        self._rules = self._collect_rules()
        self._formatters = self._collect_formatters()

    # -- hooks ------------------------------------------------------------------

    def load(self, path: Path, format: str) -> Optional[LoadedFile]:
        return self.pm.hook.gxcheck_load(path=path, format=format)

    def _collect_rules(self) -> list[tuple[str, type[Rule]]]:
        by_code: dict[str, str] = {}
        out: list[tuple[str, type[Rule]]] = []
        info = {i.name: i for i in self.infos}
        for impl in self.pm.hook.gxcheck_rules.get_hookimpls():
            pack = self.pm.get_name(impl.plugin) or "?"
            try:
                rules = impl.function()
            except Exception as exc:
                raise PluginError(f"插件「{pack}」注册规则时出错：{type(exc).__name__}: {exc}") from exc
            for rule in rules or ():
                if not (isinstance(rule, type) and issubclass(rule, Rule)) or not CODE.match(rule.code or ""):
                    raise PluginError(f"插件「{pack}」注册了无效的规则 {rule!r}（需要 gxcheck.Rule 的子类和形如 A001 的代码）")
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
            for fmt in impl.function() or ():
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

    def rule(self, code: str) -> Optional[tuple[str, type[Rule]]]:
        return next(((p, r) for p, r in self._rules if r.code == code.upper()), None)
