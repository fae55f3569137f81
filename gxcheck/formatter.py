"""The base of output formats (``gxcheck run --format NAME``)."""

from __future__ import annotations

from typing import ClassVar, Sequence, TextIO

from gxcheck.ftypes import DocumentResult


class Formatter:
    """Turns the results of one run into text on a stream.

    ``start`` is called before the first file is checked, ``document`` after each
    file (in input order), ``finish`` at the end.  A formatter that needs the
    whole run at once (JSON) simply collects in ``document`` and writes in
    ``finish``.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: True for a format that shows each parsed report (``DocumentResult.report``), not only findings.
    shows_reports: ClassVar[bool] = False

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        """Called once with the number of files about to be checked and the codes of the rules that will run."""

    def document(self, result: DocumentResult) -> None:
        """Called once per file, in the order the files were given."""

    def finish(self, results: Sequence[DocumentResult], seconds: float) -> None:
        """Called once at the end with every result and the wall time of the run."""
