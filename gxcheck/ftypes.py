"""The shared vocabulary: frozen pydantic types used by the core and by every plugin.

Loaders produce :class:`Block` sequences; the recognizer turns them into a
:class:`Report`; rules read the report and yield :class:`Finding` objects.
Keys (``s1``…``s6``, ``proactive``/``requests``/``review``, row and column keys)
are the canonical keys of the national format, see ``gxcheck.national``.
"""

from __future__ import annotations

import datetime as _dt
from functools import cached_property
from enum import Enum
from typing import Any, Iterator, Literal, Optional, TypeVar, Union

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Base of every shared type: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


_F = TypeVar("_F", bound=Frozen)
_set = object.__setattr__


def built(cls: type[_F], **fields: Any) -> _F:
    """A ``cls`` of ``fields`` that are already valid, every field given in the order ``cls``
    declares them: made as ``model_construct`` makes it (nothing validated), in under half its
    time (it looks up no defaults), for the hot paths that make hundreds a report (cells, the
    origins of lines).  With a field missing it is ``model_construct``."""
    if len(fields) != len(cls.__pydantic_fields__):
        return cls.model_construct(**fields)  # type: ignore[return-value]
    made = cls.__new__(cls)
    _set(made, "__dict__", fields)
    _set(made, "__pydantic_fields_set__", set(fields))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def chinese(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


Level = Literal["township", "county", "city", "department", "province", "unknown"]
CellStatus = Literal["number", "blank", "placeholder", "invalid"]
#: How a cell's text was read: ``written`` (as it stands in the file, the default),
#: ``split`` (cut out of a run of digits written without separators, using the row's own
#: identities), ``ocr`` (recognised from a scanned image; see ``Cell.confidence``), ``lookalike``
#: (a number an OCR program wrote with a letter that looks like a digit, 「1O2」 for 102, read as
#: that number; ``raw`` keeps what was written).
CellReading = Literal["written", "split", "ocr", "lookalike"]
#: What a cell read from a picture holds when the OCR engine was not sure enough of its digits
#: to read them (see ``gxcheck.ocr.layout``): the cell is left unread, never guessed.
UNREAD_OCR_TEXT = "〔无法识别〕"
#: The format a report follows, named by the regulation it was written under: ``2019`` for the
#: revised regulation's formats (the 2019 trial format and the 2021 national format), ``2008``
#: for a report written before that revision (概述 … 统计表 with 指标名称 / 计量单位 / 历年累计).
ReportFormat = Literal["2019", "2008"]
#: Every report format, for rules that apply whatever the format (see ``Rule.formats``).
EVERY_FORMAT: frozenset[ReportFormat] = frozenset({"2019", "2008"})


# --------------------------------------------------------------------------- blocks


class Origin(Frozen):
    """Where something came from in the file (1-based), when known."""

    page: Optional[int] = None
    line: Optional[int] = None
    #: True when the text was recognised from a picture (a scanned page, a table pasted as an
    #: image): every cell read from it is then ``read_as="ocr"``.
    ocr: bool = False
    #: Of one table cell read from a picture: how sure the OCR engine was of its text (0–1, the
    #: lowest score of its words); it becomes the cell's ``confidence``.
    confidence: Optional[float] = None


class TextBlock(Frozen):
    """A paragraph or one plain-text line, in document order."""

    kind: Literal["text"] = "text"
    text: str
    origin: Origin = Origin()


class TableBlock(Frozen):
    """A table grid. A cell is its text; ``None`` marks a position covered by a merged cell."""

    kind: Literal["table"] = "table"
    rows: tuple[tuple[Optional[str], ...], ...]
    origin: Origin = Origin()
    #: For a grid read from a picture: the OCR engine's confidence in each position's text, row by
    #: row as ``rows`` (``None`` where the position holds no recognised word); ``None`` otherwise.
    confidence: Optional[tuple[tuple[Optional[float], ...], ...]] = None


Block = Union[TextBlock, TableBlock]


class OcrWord(Frozen):
    """One piece of text an OCR engine found on a page image: its box in pixels, and how sure it is."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    #: 0–1, as the engine gives it.
    score: float = 1.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


class LoadedFile(Frozen):
    """What a loader hands to the recognizer."""

    format: str
    blocks: tuple[Block, ...]
    #: Problems the loader met but could work around (shown by ``gxcheck show``).
    notes: tuple[str, ...] = ()
    #: Pages (1-based) whose text was read from a picture by OCR.
    ocr_pages: tuple[int, ...] = ()
    #: Pictures standing where a table should be (docx, web page, text PDF page) read by OCR as tables.
    ocr_pictures: int = 0
    #: Parts (``s2``–``s4``) where a picture stands for the table and no OCR engine could read it.
    unread_pictures: tuple[str, ...] = ()
    #: A publication date the file's metadata labels as such (an html page's PubDate meta), as written.
    published: Optional[str] = None


# --------------------------------------------------------------------------- report


class Cell(Frozen):
    """One table cell: its value *and* its text as written. Blank is never 0."""

    value: Optional[float] = None
    raw: str = ""
    status: CellStatus = "blank"
    origin: Origin = Origin()
    #: How the text was read (see :data:`CellReading`); anything but ``written`` is less certain.
    read_as: CellReading = "written"
    #: The recogniser's confidence (0–1) when ``read_as`` is ``ocr``; ``None`` otherwise.
    confidence: Optional[float] = None

    @property
    def is_number(self) -> bool:
        return self.status == "number"

    @property
    def unread(self) -> bool:
        """Read from a picture, but the OCR engine was not sure enough of its digits: left unread
        (shown as 「〔无法识别〕」). Not the file's error: the table's problems name its row (E004)."""
        return self.read_as == "ocr" and self.status == "invalid" and self.raw == UNREAD_OCR_TEXT

    @property
    def was_split(self) -> bool:
        """Cut out of a run of digits by the row's own sums: those sums hold by construction."""
        return self.read_as == "split"

    @property
    def number(self) -> Optional[float]:
        return self.value if self.status == "number" else None


class Row(Frozen):
    key: str
    #: The row label as written in the file (may differ from the canonical label).
    label: str = ""
    cells: tuple[Cell, ...] = ()
    origin: Origin = Origin()


ProblemKind = Literal["row-width", "run-together", "broken-row", "leftover", "unmatched-row", "unlabelled-row",
                      "column-order", "repeated-table", "transposed",
                      "unread-cell"]


class TableProblem(Frozen):
    """Why some numbers of a table could not be placed with confidence.

    ``from_grid`` tells a row as the file's own grid has it (the table is written that
    way) from text laid out with spaces (extraction may have lost blank cells).
    """

    kind: ProblemKind
    message: str
    label: str = ""
    found: Optional[int] = None
    expected: Optional[int] = None
    from_grid: bool = False
    origin: Origin = Origin()

    def __str__(self) -> str:
        return self.message

    @property
    def about_layout(self) -> bool:
        """True for a remark on how the table is laid out (its columns in another order, the table
        pasted twice, table 四's groups written as rows) whose numbers were all placed: no number is in doubt (E004 says nothing;
        T004 reports it)."""
        return self.kind in ("column-order", "repeated-table", "transposed")


class Table(Frozen):
    """One of the three fixed tables, keyed by canonical row keys, in file order."""

    name: Literal["proactive", "requests", "review"]
    rows: dict[str, Row] = {}
    #: Header labels as written (column titles, group titles), for template rules.
    header_text: str = ""
    #: Why some numbers could not be placed; non-empty means rules must not trust gaps.
    problems: tuple[TableProblem, ...] = ()
    #: Row labels found that match no canonical row.
    unmatched_labels: tuple[str, ...] = ()
    origin: Origin = Origin()

    def cell(self, row: str, column: int) -> Optional[Cell]:
        found = self.rows.get(row)
        if found is None or column >= len(found.cells):
            return None
        return found.cells[column]

    @property
    def has_numbers(self) -> bool:
        return any(c.status == "number" for r in self.rows.values() for c in r.cells)

    @property
    def rows_unread(self) -> bool:
        """Some rows may be absent only because their numbers could not be placed (``problems``):
        a rule that needs every row cannot decide."""
        return any(p.kind != "unmatched-row" and not p.about_layout for p in self.problems)


class Tables(Frozen):
    proactive: Optional[Table] = None
    requests: Optional[Table] = None
    review: Optional[Table] = None

    def get(self, name: str) -> Optional[Table]:
        table: Optional[Table] = getattr(self, name, None)
        return table

    def found(self) -> Iterator[tuple[str, Table]]:
        """(name, table) for each table the report has, in the format's order (二, 三, 四)."""
        for name in ("proactive", "requests", "review"):
            table = self.get(name)
            if table is not None:
                yield name, table


class Paragraph(Frozen):
    """Prose outside the tables."""

    text: str
    origin: Origin = Origin()


class Part(Frozen):
    """One of the six parts (``s1``…``s6``) as found."""

    key: str
    heading: str
    #: The ordinal as written (「二」, 「2」) or ``None`` when the heading has none.
    ordinal: Optional[str] = None
    paragraphs: tuple[Paragraph, ...] = ()
    origin: Origin = Origin()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class SignOff(Frozen):
    agency: Optional[str] = None
    date: Optional[_dt.date] = None
    date_text: Optional[str] = None
    origin: Origin = Origin()


class Report(Frozen):
    path: str
    #: The file's type (txt, html, docx, pdf …).
    format: str
    #: The report format it follows (see :data:`ReportFormat`); the rules for the 2019/2021
    #: formats do not run on a ``2008`` report.
    report_format: ReportFormat = "2019"
    title: Optional[str] = None
    #: The agency as the title names it (「西大沟镇」) …
    title_agency: Optional[str] = None
    #: … and the agency of the report: the sign-off's name when there is one, else the title's.
    agency: Optional[str] = None
    level: Level = "unknown"
    year: Optional[int] = None
    #: The statistics-period statement, if any, and the year it names.
    period_text: Optional[str] = None
    period_year: Optional[int] = None
    #: Prose before part 一 (after the title).
    preface: tuple[Paragraph, ...] = ()
    parts: tuple[Part, ...] = ()
    signoff: SignOff = SignOff()
    tables: Tables = Tables()
    notes: tuple[str, ...] = ()
    #: Pages read from a picture by OCR: findings on their tables say the numbers need a look.
    ocr_pages: tuple[int, ...] = ()
    #: Tables pasted as pictures and read by OCR (findings on tables say so too).
    ocr_pictures: int = 0
    #: Parts whose table is a picture no OCR engine could read (see ``LoadedFile.unread_pictures``).
    unread_pictures: tuple[str, ...] = ()
    #: The publication date the file's metadata labels as such (html PubDate meta), as written;
    #: a page's 「发布时间：…」 line stays in the preface.  Never a PDF or docx creation date.
    published: Optional[str] = None

    def part(self, key: str) -> Optional[Part]:
        return next((p for p in self.parts if p.key == key), None)

    @property
    def narrative(self) -> tuple[Paragraph, ...]:
        """Every paragraph outside the tables: preface and all parts, in order."""
        out = list(self.preface)
        for part in self.parts:
            out.extend(part.paragraphs)
        return tuple(out)


# --------------------------------------------------------------------------- findings


class CellRef(Frozen):
    """One table cell a finding is about: the table, the row key and the cell's 0-based position
    in that row (the column order of ``gxcheck.national``).  For a broken identity
    ``sum(left) == sum(right)``, ``side`` says on which side the cell stands."""

    table: Literal["proactive", "requests", "review"]
    row: str
    index: int
    side: Optional[Literal["left", "right"]] = None


class Location(Frozen):
    """Where a finding points, in canonical keys; page/line/text where known.

    ``cells`` lists every cell the finding involves (both sides of a broken identity), so that an
    output can mark them all; it is empty for findings that are not about particular cells."""

    part: Optional[str] = None
    table: Optional[str] = None
    row: Optional[str] = None
    column: Optional[str] = None
    page: Optional[int] = None
    line: Optional[int] = None
    text: Optional[str] = None
    cells: tuple[CellRef, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True, exclude=None if self.cells else {"cells"})


class Waived(Frozen):
    """Why a finding is accepted: the waiver's reason, where it is written, and until when."""

    reason: str
    source: str = ""
    expires: Optional[_dt.date] = None


class Finding(Frozen):
    code: str
    severity: Severity
    message: str
    location: Location = Location()
    #: The rule's slug and pack, so a reader knows which plugin spoke.
    rule: str = ""
    pack: str = ""
    #: True when the rule could not decide (table missing, blank cell): a notice.
    undecided: bool = False
    #: True when the finding names the one cell (``location.cells``) that explains others: every
    #: finding of the same file whose cells include that cell is then ``explained_by`` it (A010).
    explains: bool = False
    #: The code of the finding that explains this one (see ``explains``); set by the engine.
    explained_by: Optional[str] = None
    #: Stable identity of the finding across runs and reformatting (see ``gxcheck.fingerprints``).
    fingerprint: str = ""
    #: Set when a reviewer's waiver accepts the finding: it is still shown, but does not count.
    waiver: Optional[Waived] = None

    @property
    def counts(self) -> bool:
        """Whether the finding counts for the verdict and the exit status."""
        return not self.undecided and self.waiver is None



class Facts(Frozen):
    """What cross-report rules keep of one report: small, of fixed size (see ``gxcheck.facts``).

    A run of 100,000 reports holds 100,000 of these, so the bulky parts are packed: the
    tables as compact JSON (read them with :attr:`tables`), the sketch as base64 of 64-bit
    hashes (:attr:`hashes`), the passages as one string (:attr:`passage_list`).  Each is unpacked
    once, when a rule first reads it (the years rules read them again for every pair)."""

    path: str
    agency: Optional[str] = None
    #: The body's name split as 「平山县」 + 「兴隆街道」; ``core`` is ``None`` when no name was found.
    prefix: str = ""
    core: Optional[str] = None
    year: Optional[int] = None
    #: The three tables' numbers by row key (``None`` for a blank cell), as compact JSON.
    numbers: str = "{}"
    #: Number of distinct 5-grams of the masked narrative, and its bottom-k MinHash sketch (base64).
    grams: int = 0
    sketch: str = ""
    #: The longest sentences: 16 hex digits of the masked sentence's hash, then the sentence as
    #: written, one per line.
    passages: str = ""

    @cached_property
    def tables(self) -> dict[str, dict[str, tuple[Optional[float], ...]]]:
        import json

        return {name: {key: tuple(row) for key, row in rows.items()} for name, rows in json.loads(self.numbers).items()}

    @cached_property
    def hashes(self) -> tuple[int, ...]:
        import base64

        raw = base64.b64decode(self.sketch)
        return tuple(int.from_bytes(raw[i:i + 8], "big") for i in range(0, len(raw), 8))

    @cached_property
    def passage_list(self) -> tuple[tuple[int, str], ...]:
        return tuple((int(line[:16], 16), line[16:]) for line in self.passages.split("\n") if line)


class DocumentResult(Frozen):
    """Everything gxcheck has to say about one file."""

    path: str
    #: The parsed report; ``gxcheck run`` drops it to keep big batches small (see title/agency).
    report: Optional[Report] = None
    title: Optional[str] = None
    agency: Optional[str] = None
    findings: tuple[Finding, ...] = ()
    #: Set when the file could not be read at all.
    error: Optional[str] = None
    seconds: float = 0.0
    #: What the cross-report rules need; set only when such rules run.
    facts: Optional[Facts] = None
    #: What was read of the report, for outputs that list documents (all ``None`` if unreadable).
    format: Optional[str] = None
    level: Optional[str] = None
    year: Optional[int] = None
    #: The body's key (「平山县兴隆街道」, see ``gxcheck.facts.body_parts``), used by fingerprints.
    body: Optional[str] = None

    def renamed(self, path: str) -> "DocumentResult":
        """The result under another name (a cached entry of a moved file, standard input's
        「-」): its facts too, since the cross-report rules tell reports by them."""
        facts = self.facts.model_copy(update={"path": path}) if self.facts is not None else None
        return self.model_copy(update={"path": path, "facts": facts})

    def count(self, severity: Severity) -> int:
        """Findings of ``severity`` that count: neither undecided nor waived."""
        return sum(1 for f in self.findings if f.severity == severity and f.counts)


class RunSummary(Frozen):
    """What a formatter is told at the end of a run (results are not kept: memory stays flat)."""

    documents: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    #: Files with at least one counting error, and files that could not be read.
    failed: int = 0
    unreadable: int = 0
    #: Findings accepted by a waiver (shown, not counted).
    waived: int = 0
    seconds: float = 0.0
    #: With ``--baseline``: findings left out because the baseline knows them, and known ones now gone.
    known: int = 0
    gone: int = 0
    #: Whether a baseline was given (then ``known`` and ``gone`` are reported, zeros included).
    baselined: bool = False


class Config(Frozen):
    """Run-time settings every rule may read."""

    #: Deadline for publication, as (month, day) of the year after the reporting year.
    deadline: tuple[int, int] = (1, 31)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: TOML rule packs to load (``rules = [...]`` in ``gxcheck.toml``), paths as resolved.
    rule_files: tuple[str, ...] = ()
    #: Y003: share of this year's narrative found in last year's above which it is called copied.
    copy_threshold: float = 0.7
    #: Codes whose severity the reviewer changed: ((code, "info"), …).
    severity: tuple[tuple[str, Severity], ...] = ()
    #: The body's level where the title does not show it (per-path setting).
    level: Optional[Level] = None


class ReadError(Exception):
    """A loader could not read a file. ``code`` is E001 (unreadable) or E002 (no text)."""

    def __init__(self, message: str, code: str = "E001") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
