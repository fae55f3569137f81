"""``pytest --gxcheck reports/``: every report file is a test.

Registered through the ``pytest11`` entry point and inactive unless ``--gxcheck`` is given.
A report with error findings fails, with the findings in Chinese as its failure text; its
warnings become pytest warnings; ``-k 双溪镇`` selects files by name.  gxcheck's settings come
from ``--gxcheck-config FILE`` or ``gxcheck.toml`` in the current folder, as for ``gxcheck run``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Optional

import pytest

from gxcheck.config import ConfigError, load_config
from gxcheck.engine import Engine
from gxcheck.ftypes import DocumentResult, Finding, Severity
from gxcheck.manager import PluginError, Plugins
from gxcheck.output._where import describe, shows_lines
from gxcheck.rulefile import RuleFileError
from gxcheck.sniff import REPORT_SUFFIXES

_ENGINE = pytest.StashKey[Engine]()


class GxcheckWarning(UserWarning):
    """A warning finding of gxcheck in a report."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gxcheck", "政府信息公开年度报告检查")
    group.addoption("--gxcheck", action="store_true", default=False,
                    help="把给出的报告文件（txt/docx/pdf/html/doc/wps）当作测试来检查")
    group.addoption("--gxcheck-config", default=None, metavar="FILE",
                    help="gxcheck 的配置文件（默认：当前目录的 gxcheck.toml，如有）")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("gxcheck"):
        return
    try:
        settings = load_config(config.getoption("gxcheck_config"))
        plugins = Plugins(rule_files=[Path(f) for f in settings.rule_files])
    except (ConfigError, PluginError, RuleFileError) as exc:
        raise pytest.UsageError(f"gxcheck: {exc}") from None
    config.stash[_ENGINE] = Engine(plugins, settings)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if _ENGINE not in parent.config.stash or file_path.suffix.lower() not in REPORT_SUFFIXES:
        return None
    if file_path.name.startswith(("~$", ".")):
        return None
    return ReportFile.from_parent(parent, path=file_path)


class ReportFile(pytest.File):
    def collect(self) -> list[ReportItem]:
        return [ReportItem.from_parent(self, name=self.path.name)]


class ReportFailed(Exception):
    def __init__(self, result: DocumentResult) -> None:
        super().__init__(result.path)
        self.result = result


def _line(finding: Finding, fmt: Optional[str]) -> str:
    where = describe(finding.location, fmt, finding.message)
    return f"{finding.code} {finding.severity.chinese}" + (f"〔{where}〕" if where else "") + f"：{finding.message}"


class ReportItem(pytest.Item):
    """One report: fails when gxcheck finds an error in it."""

    def runtest(self) -> None:
        result = self.config.stash[_ENGINE].check_file(self.path, keep_report=False)
        for finding in result.findings:
            if finding.severity == Severity.WARNING and not finding.undecided:
                # Reported against the report file itself, not this module.
                warnings.warn_explicit(GxcheckWarning(_line(finding, result.format)), GxcheckWarning, filename=str(self.path),
                                       lineno=(finding.location.line or 0) if shows_lines(result.format) else 0)
        if result.count(Severity.ERROR):
            raise ReportFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ReportFailed):
            result = excinfo.value.result
            errors = [f for f in result.findings if f.severity == Severity.ERROR and not f.undecided]
            return f"{result.path}：{len(errors)} 个错误\n" + "\n".join("  " + _line(f, result.format) for f in errors)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"gxcheck {self.path.name}"
