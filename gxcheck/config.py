"""Reading ``gxcheck.toml``: the few settings a county or city reviewer wants to fix once.

```toml
deadline = "01-31"      # publication deadline in the year after the reporting year
ignore = ["S007"]       # codes or prefixes never reported
select = []             # if not empty, only these codes or prefixes
rules = ["湖北省.toml"]  # rule packs written in TOML (gxcheck.rulefile), relative to this file
```
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from gxcheck.ftypes import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_NAME = "gxcheck.toml"


class ConfigError(Exception):
    pass


def parse_deadline(text: str) -> tuple[int, int]:
    """「01-31」→ (1, 31); ValueError for anything else."""
    month, day = (int(x) for x in str(text).split("-"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(text)
    return month, day


def load_config(path: Optional[str] = None) -> Config:
    """The named file, else ``./gxcheck.toml`` when present, else the defaults."""
    file = Path(path) if path else Path(DEFAULT_NAME)
    if not file.is_file():
        if path:
            raise ConfigError(f"找不到配置文件：{path}")
        return Config()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"配置文件 {file} 格式有误：{exc}") from None
    unknown = set(data) - {"deadline", "select", "ignore", "rules"}
    if unknown:
        raise ConfigError(f"配置文件 {file} 中有不认识的设置：{'、'.join(sorted(unknown))}")
    values: dict[str, object] = {}
    if "deadline" in data:
        try:
            values["deadline"] = parse_deadline(data["deadline"])
        except ValueError:
            raise ConfigError(f"配置文件 {file}：deadline 应为 \"MM-DD\"，例如 \"01-31\"") from None
    for name in ("select", "ignore"):
        if name in data:
            if not isinstance(data[name], list) or not all(isinstance(x, str) for x in data[name]):
                raise ConfigError(f"配置文件 {file}：{name} 应为代码列表，例如 [\"S007\"]")
            values[name] = tuple(x.strip().upper() for x in data[name])
    if "rules" in data:
        if not isinstance(data["rules"], list) or not all(isinstance(x, str) and x for x in data["rules"]):
            raise ConfigError(f"配置文件 {file}：rules 应为规则文件的列表，例如 [\"湖北省.toml\"]")
        values["rule_files"] = tuple(str(file.parent / x) for x in data["rules"])
    return Config.model_validate(values)
