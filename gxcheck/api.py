"""gxcheck for programs: check files and read reports without the command line.

::

    import gxcheck

    for result in gxcheck.iter_check(["reports/"]):
        print(result.path, result.count(gxcheck.Severity.ERROR))
    report = gxcheck.read("双溪镇2024年报告.txt")
    print(report.tables.requests.cell("new", 6))

Every installed plugin takes part, as in ``gxcheck run``.  Errors a person must fix — a path
that does not exist, a broken plugin or rule file, an unreadable report given to
:func:`read` — raise :class:`gxcheck.UsageError`, :class:`gxcheck.PluginError`,
:class:`gxcheck.RuleFileError` or :class:`gxcheck.ReadError`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Iterable, Iterator, Union

from gxcheck.config import ConfigError, load_config
from gxcheck.engine import Engine, check_files, expand_paths
from gxcheck.ftypes import Config, DocumentResult, Report
from gxcheck.manager import Plugins

PathLike = Union[str, "os.PathLike[str]"]


class UsageError(ValueError):
    """The program asked for something that cannot be done (no such path, bad config file)."""


def _engine(config: Config | PathLike | None, disabled: Iterable[str]) -> Engine:
    if config is None:
        settings = Config()
    elif isinstance(config, Config):
        settings = config
    else:
        try:
            settings = load_config(os.fspath(config))
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
    plugins = Plugins(disabled=disabled, rule_files=[Path(f) for f in settings.rule_files])
    return Engine(plugins, settings)


def iter_check(paths: Iterable[PathLike], config: Config | PathLike | None = None, *,
               disabled: Iterable[str] = (), jobs: int = 1) -> Iterator[DocumentResult]:
    """Check report files and folders (searched recursively), yielding one result per file, in order.

    ``config`` is a :class:`gxcheck.Config`, the path of a ``gxcheck.toml``, or None for the
    defaults; ``disabled`` names plugins to leave out (as ``-p no:NAME``); ``jobs`` > 1 checks
    in that many processes.  Results carry findings, not the parsed report (see :func:`read`).
    """
    names = [os.fspath(p) for p in paths]
    try:
        files = expand_paths(names)
    except FileNotFoundError as exc:
        raise UsageError(f"找不到路径：{exc.args[0]}") from None
    yield from check_files(_engine(config, disabled), files, jobs=jobs)


def check(paths: Iterable[PathLike], config: Config | PathLike | None = None, *,
          disabled: Iterable[str] = (), jobs: int = 1) -> list[DocumentResult]:
    """Like :func:`iter_check`, as a list."""
    return list(iter_check(paths, config, disabled=disabled, jobs=jobs))


def read(path: PathLike) -> Report:
    """Load and recognize one report; raises :class:`gxcheck.ReadError` for a file that cannot be read."""
    file = Path(os.fspath(path))
    if not file.is_file():
        raise UsageError(f"找不到文件：{file}")
    return _reader().read(file)


@functools.lru_cache(maxsize=1)
def _reader() -> Engine:
    return Engine(Plugins())
