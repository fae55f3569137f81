"""The base of output formats (``gxcheck run --format NAME``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, ClassVar, Mapping, Optional, Sequence, TextIO

from gxcheck.ftypes import DocumentResult, RunSummary

if TYPE_CHECKING:
    from gxcheck.rule import Rule


class Formatter:
    """Turns the results of one run into text (or bytes) on a stream, as they arrive.

    ``start`` is called before the first file is checked, ``document`` once per file as soon
    as it and every file before it are done (in input order), ``finish`` at the end with the
    run's totals.  Results are not kept by gxcheck, so a formatter that needs something of
    every document keeps only that (the text summary keeps one row per file), and memory
    stays flat over an archive.

    A binary format (``binary = True``, e.g. xlsx) gets ``self.byte_stream`` and is never
    written to a terminal; its ``stream`` is then the text stream of messages.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: True for a format written as bytes (a workbook); it then needs ``--output FILE`` or a pipe.
    binary: ClassVar[bool] = False
    #: Set by the command line: colour is wanted (a terminal, or FORCE_COLOR; never with NO_COLOR),
    #: and ``-v`` was given.  Formats that have no use for them ignore them.
    color: bool = False
    verbose: bool = False
    #: Every known rule by code (title, slug, severity, basis), set before ``start``: formats
    #: that describe their rules (SARIF, JUnit) read it.
    rules: Mapping[str, "type[Rule]"] = {}
    #: True for a format that shows each parsed report (``DocumentResult.report``), not only findings.
    shows_reports: ClassVar[bool] = False

    def __init__(self, stream: TextIO, byte_stream: Optional[BinaryIO] = None) -> None:
        self.stream = stream
        self.byte_stream = byte_stream

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        """Called once with the number of files about to be checked and the codes of the rules that will run."""

    def document(self, result: DocumentResult) -> None:
        """Called once per file, in the order the files were given, as soon as it is checked."""

    def finish(self, summary: RunSummary) -> None:
        """Called once at the end with the totals and the wall time of the run."""
