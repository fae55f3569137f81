"""gxcheck — a checker for 政府信息公开工作年度报告.

The public API, for plugin authors and embedding programs.  Everything not
re-exported here is private and may change.
"""

__version__ = "0.1.0"

from gxcheck import national
from gxcheck.formatter import Formatter
from gxcheck.ftypes import (
    Block,
    Cell,
    Config,
    DocumentResult,
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
from gxcheck.recognize.text import squash
from gxcheck.rule import Example, Rule

__all__ = [
    "__version__",
    "Block",
    "Cell",
    "Config",
    "DocumentResult",
    "Example",
    "Finding",
    "Formatter",
    "LoadedFile",
    "Location",
    "Origin",
    "Paragraph",
    "Part",
    "ReadError",
    "Report",
    "Row",
    "Rule",
    "Severity",
    "SignOff",
    "Table",
    "TableBlock",
    "Tables",
    "TextBlock",
    "hookimpl",
    "national",
    "squash",
]
