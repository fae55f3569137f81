"""Configuration, found as ruff finds its own: the nearest ``gxcheck.toml``, or ``pyproject.toml``
with a ``[tool.gxcheck]`` table, searching upward from each checked file's folder; ``--config
FILE`` names one file for every checked file instead.  In a folder holding both, ``gxcheck.toml``
wins.  The settings a county or city reviewer fixes once:

```toml
deadline = "01-31"       # publication deadline in the year after the reporting year
ignore = ["S007"]        # codes or prefixes never reported
select = []              # if not empty, only these codes or prefixes
rules = ["湖北省.toml"]   # rule packs written in TOML (gxcheck.rulefile), relative to this file
copy_threshold = 0.7     # Y003: share of last year's narrative above which a report is called copied

[[overrides]]            # settings for some files only (paths relative to this file; * and ? allowed)
paths = ["乡镇/*"]
level = "township"       # the body's level when the title does not show it
ignore = ["S007"]
severity = {S004 = "info"}
deadline = "02-15"

[[waiver]]               # accepted findings, see gxcheck.waivers
code = "A009"
file = "乡镇/双溪镇.docx"
reason = "…"
```

In ``pyproject.toml`` the same keys live under ``[tool.gxcheck]`` (``[[tool.gxcheck.overrides]]``,
``[[tool.gxcheck.waiver]]``).  Options on the command line win over every file.  ``gxcheck config
PATH`` prints the settings in force for a file and where each came from.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence

from gxcheck.ftypes import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_NAME = "gxcheck.toml"
PYPROJECT = "pyproject.toml"
_TOP_KEYS = {"deadline", "select", "ignore", "rules", "copy_threshold", "overrides", "waiver"}
_OVERRIDE_KEYS = {"paths", "deadline", "select", "ignore", "severity", "level"}
_LEVELS = ("township", "county", "city", "department", "province")
_SEVERITIES = ("error", "warning", "info")
DEFAULT_SOURCE = "默认"

#: Checks the codes a config names; raises ValueError with the Chinese message. Set by the caller.
CodeCheck = Callable[[Sequence[str], str], None]


class ConfigError(Exception):
    pass


def parse_deadline(text: str) -> tuple[int, int]:
    """「01-31」→ (1, 31); ValueError for anything else, a day no month has (「02-30」) included."""
    import datetime

    month, day = (int(x) for x in str(text).split("-"))
    datetime.date(2024, month, day)  # a leap year: 「02-29」 is a day
    return month, day


@dataclass
class Override:
    paths: tuple[str, ...]
    values: dict[str, Any]
    source: str


@dataclass
class ConfigFile:
    """One configuration file as written: its top-level settings, overrides and waivers."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    waivers: list[Any] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.path} [tool.gxcheck]" if self.path.name == PYPROJECT else str(self.path)

    def overrides_for(self, file: Path) -> list[Override]:
        try:
            rel = file.resolve().relative_to(self.path.parent.resolve()).as_posix()
        except (ValueError, OSError):
            return []
        return [o for o in self.overrides if any(fnmatch.fnmatchcase(rel, p) or rel.startswith(p.rstrip("/") + "/")
                                                 for p in o.paths)]


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        from gxcheck.faults import describe_failure  # no permission, a name too long, a disk error: said plainly

        reason = "没有读取它的权限" if isinstance(exc, PermissionError) else describe_failure(exc).split("；")[0]
        raise ConfigError(f"无法读取配置文件 {file}：{reason}；请检查文件权限，或用 --config 指定别的配置文件") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        from gxcheck.faults import toml_reason

        raise ConfigError(f"配置文件 {file} 格式有误：{toml_reason(exc)}") from None


def _codes(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{where}：{name} 应为代码列表，例如 [\"S007\"]")
    return tuple(x.strip().upper() for x in value)


def _values(data: dict[str, Any], where: str, folder: Path, allowed: set[str]) -> dict[str, Any]:
    """Typed settings from one table; ConfigError naming the file, the key and what was expected."""
    unknown = set(data) - allowed
    if unknown:
        raise ConfigError(f"{where} 中有不认识的设置：{'、'.join(sorted(unknown))}"
                          f"（可用的设置：{'、'.join(sorted(allowed))}）")
    out: dict[str, Any] = {}
    if "deadline" in data:
        try:
            out["deadline"] = parse_deadline(data["deadline"])
        except (ValueError, TypeError):
            raise ConfigError(f"{where}：deadline 应为一年中的某一天，写作 \"MM-DD\"，例如 \"01-31\""
                              f"（写的是「{data['deadline']}」）") from None
    for name in ("select", "ignore"):
        if name in data:
            out[name] = _codes(data[name], where, name)
    if "rules" in data:
        if not isinstance(data["rules"], list) or not all(isinstance(x, str) and x for x in data["rules"]):
            raise ConfigError(f"{where}：rules 应为规则文件的列表，例如 [\"湖北省.toml\"]")
        out["rule_files"] = tuple(str(folder / x) for x in data["rules"])
    if "copy_threshold" in data:
        value = data["copy_threshold"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ConfigError(f"{where}：copy_threshold 应为 0 到 1 之间的数，例如 0.7")
        out["copy_threshold"] = float(value)
    if "level" in data:
        if data["level"] not in _LEVELS:
            raise ConfigError(f"{where}：level 应为 {'、'.join(_LEVELS)} 之一")
        out["level"] = data["level"]
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict) or not all(isinstance(v, str) and v in _SEVERITIES for v in sev.values()):
            raise ConfigError(f"{where}：severity 应为 {{S004 = \"info\"}} 这样的表（级别：error、warning、info）")
        out["severity"] = tuple(sorted((k.strip().upper(), v) for k, v in sev.items()))
    return out


def read_config_file(file: Path) -> Optional[ConfigFile]:
    """The settings of ``file``; ``None`` for a pyproject.toml without ``[tool.gxcheck]``."""
    data = _read_toml(file)
    if file.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "gxcheck" not in tool:
            return None
        data = tool["gxcheck"]
        if not isinstance(data, dict):
            raise ConfigError(f"{file}：[tool.gxcheck] 应为一个表")
    result = ConfigFile(path=file)
    label = result.label
    result.values = _values({k: v for k, v in data.items() if k not in ("overrides", "waiver")},
                            f"配置文件 {label}", file.parent, _TOP_KEYS)
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        raise ConfigError(f"配置文件 {label}：overrides 应写成 [[overrides]] 表")
    for n, entry in enumerate(overrides, 1):
        where = f"配置文件 {label} 第 {n} 个 overrides"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}：应为一个表")
        paths = entry.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) and p for p in paths):
            raise ConfigError(f"{where}：必须有 paths，例如 paths = [\"乡镇/*\"]")
        # 「街道\兴隆.docx」, as written on Windows, names the same file as 「街道/兴隆.docx」.
        result.overrides.append(Override(paths=tuple(p.replace("\\", "/") for p in paths),
                                         source=f"{label} overrides 第 {n} 个",
                                         values=_values({k: v for k, v in entry.items() if k != "paths"},
                                                        where, file.parent, _OVERRIDE_KEYS - {"paths"})))
    result.waivers = data.get("waiver", [])
    return result


def files_upward(folder: Path, names: Sequence[str]) -> Iterator[Path]:
    """The files of these names at or above ``folder``, nearest first (in one folder, in the order named)."""
    try:
        here = folder.resolve()
    except OSError:
        return
    for candidate in (here, *here.parents):
        for name in names:
            file = candidate / name
            try:
                if file.is_file():
                    yield file
            except OSError:
                continue


def find_config_file(folder: Path) -> Optional[ConfigFile]:
    """The nearest configuration at or above ``folder`` (a pyproject.toml without [tool.gxcheck] is passed over)."""
    for file in files_upward(folder, (DEFAULT_NAME, PYPROJECT)):
        found = read_config_file(file)
        if found is not None:
            return found
    return None


@dataclass
class Resolved:
    """The settings in force for one file, and where each came from."""

    config: Config
    sources: dict[str, str]
    file: Optional[ConfigFile]


class Settings:
    """Resolves the configuration of each checked file (cached by folder), with the command
    line's options on top: ``explicit`` is ``--config FILE``, ``command_line`` the typed
    values given as options and ``check`` validates the codes a file names."""

    def __init__(self, explicit: Optional[str] = None, command_line: Optional[dict[str, Any]] = None,
                 check: Optional[CodeCheck] = None) -> None:
        self.command_line = command_line or {}
        self.check = check
        self._by_folder: dict[Path, Optional[ConfigFile]] = {}
        self._checked: set[Path] = set()
        self.explicit: Optional[ConfigFile] = None
        if explicit:
            file = Path(explicit)
            if file.is_dir():
                raise ConfigError(f"--config 应给出配置文件，{explicit} 是一个文件夹")
            if not file.is_file():
                raise ConfigError(f"找不到配置文件：{explicit}")
            found = read_config_file(file)
            if found is None:
                raise ConfigError(f"{explicit} 中没有 [tool.gxcheck] 设置")
            self.explicit = self._validated(found)

    def _validated(self, found: ConfigFile) -> ConfigFile:
        if self.check is not None and found.path not in self._checked:
            self._checked.add(found.path)
            tables = [(found.values, f"配置文件 {found.label}")] + [(o.values, o.source) for o in found.overrides]
            try:
                for values, where in tables:
                    for name in ("select", "ignore"):
                        self.check(values.get(name, ()), f"{where} 的 {name}")
                    self.check([code for code, _ in values.get("severity", ())], f"{where} 的 severity")
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        return found

    def file_for(self, folder: Path) -> Optional[ConfigFile]:
        if self.explicit is not None:
            return self.explicit
        if folder not in self._by_folder:
            found = find_config_file(folder)
            self._by_folder[folder] = self._validated(found) if found is not None else None
        return self._by_folder[folder]

    def resolve(self, path: Path) -> Resolved:
        """The settings for ``path`` (a checked file, or a folder: then as for a file inside it)."""
        folder = path if path.is_dir() else path.parent
        found = self.file_for(folder)
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        layers: list[tuple[dict[str, Any], str]] = []
        if found is not None:
            layers.append((found.values, found.label))
            target = path / "_" if path.is_dir() else path
            layers += [(o.values, o.source) for o in found.overrides_for(target)]
        layers.append((self.command_line, "命令行"))
        for layer, source in layers:
            for key, value in layer.items():
                values[key] = value
                sources[key] = source
        return Resolved(config=Config.model_validate(values), sources=sources, file=found)

    def config_for(self, path: Path) -> Config:
        return self.resolve(path).config


def load_config(path: Optional[str] = None) -> Config:
    """The named file, else the nearest configuration above the current folder, else the defaults
    (for callers that check with one configuration: the API, the pytest plugin)."""
    return Settings(explicit=path).resolve(Path.cwd()).config
