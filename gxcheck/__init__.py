"""gxcheck — a checker for 政府信息公开工作年度报告.

The public API, for plugin authors and embedding programs.  Everything not
re-exported here is private and may change, except :mod:`gxcheck.testing` (the
helpers for testing rules from their examples) and :mod:`gxcheck.rulefile`
(rule packs written in TOML).

``check(paths)`` / ``iter_check(paths)`` check files and folders, ``read(path)``
returns the :class:`Report` gxcheck recognized in one file.
"""

__version__ = "0.1.0"

from gxcheck.startup import collector_paused

# Some 30,000 long-lived objects are made here: see gxcheck/startup.py.
with collector_paused():
    from gxcheck import national
    from gxcheck.formatter import Formatter
    from gxcheck.ftypes import (
        EVERY_FORMAT,
        Block,
        Cell,
        CellRef,
        Config,
        DocumentResult,
        Facts,
        Finding,
        LoadedFile,
        Location,
        Origin,
        Paragraph,
        Part,
        ReadError,
        Report,
        Row,
        Severity,
        SignOff,
        Table,
        TableBlock,
        Tables,
        TextBlock,
    )
    from gxcheck.hookspecs import hookimpl
    from gxcheck.national import fold_lookalikes
    from gxcheck.recognize.text import squash
    from gxcheck.rule import Example, Expect, Rule, RunRule
    from gxcheck.manager import PluginError
    from gxcheck.rulefile import RuleFileError
    from gxcheck.api import UsageError, check, iter_check, read

__all__ = [
    "__version__",
    "EVERY_FORMAT",
    "Block",
    "Cell",
    "CellRef",
    "Config",
    "DocumentResult",
    "Example",
    "Expect",
    "Facts",
    "Finding",
    "Formatter",
    "LoadedFile",
    "Location",
    "Origin",
    "Paragraph",
    "Part",
    "PluginError",
    "ReadError",
    "Report",
    "Row",
    "Rule",
    "RuleFileError",
    "RunRule",
    "Severity",
    "SignOff",
    "Table",
    "TableBlock",
    "Tables",
    "TextBlock",
    "UsageError",
    "check",
    "hookimpl",
    "iter_check",
    "national",
    "read",
    "fold_lookalikes",
    "squash",
]
