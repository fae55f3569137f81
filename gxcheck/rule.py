"""The base class of every rule, built-in or third-party.

A rule is a small class in a module named by its code.  Its docstring says what
it checks and why; ``failing`` and ``passing`` are report fragments (plain text,
tables laid out with tabs) that must and must not make it fire.  The same
examples generate the tests and the documentation.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Iterator, Optional, Sequence

from gxcheck.ftypes import Config, Facts, Finding, Frozen, Location, Report, ReportFormat, Severity
from gxcheck.startup import compiled_on_use

CODE = compiled_on_use(r"^[A-Z]{1,3}\d{3}$")


class Expect(Frozen):
    """One finding an example must produce; every field left out matches anything.

    ``code`` defaults to the code of the rule the example belongs to; ``location`` matches
    when each key it sets is equal in the finding's location; ``message`` is a fragment of
    the finding's message.
    """

    code: str = ""
    severity: Optional[Severity] = None
    location: Optional[Location] = None
    message: str = ""
    undecided: bool = False

    def matches(self, finding: Finding, rule_code: str) -> bool:
        if finding.code != (self.code or rule_code) or finding.undecided != self.undecided:
            return False
        if self.severity is not None and finding.severity != self.severity:
            return False
        if self.message and self.message not in finding.message:
            return False
        if self.location is not None:
            found = finding.location.as_dict()
            return all(found.get(key) == value for key, value in self.location.as_dict().items())
        return True

    def describe(self, rule_code: str) -> str:
        parts = [self.code or rule_code]
        if self.severity is not None:
            parts.append(self.severity.chinese)
        if self.location is not None:
            parts.append(" ".join(f"{k}={v}" for k, v in self.location.as_dict().items()))
        if self.message:
            parts.append(f"消息含「{self.message}」")
        if self.undecided:
            parts.append("无法判断")
        return "，".join(parts)


class Example(Frozen):
    """A report fragment and, for documentation, what it shows.

    ``expect`` lists the findings the fragment must produce (see :class:`Expect`); a failing
    example without it must simply make its rule fire.
    """

    text: str
    note: str = ""
    #: The path the fragment pretends to have (some rules read the file name).
    path: str = "example.txt"
    expect: tuple[Expect, ...] = ()
    #: For a rule over a whole run (:class:`RunRule`): the other report of the run (last year's).
    previous: str = ""


class Rule:
    """Subclass, fill in the metadata, and implement :meth:`check`."""

    code: ClassVar[str] = ""
    slug: ClassVar[str] = ""
    title: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    #: The legal or format basis: 条例 article, the 2021 format, GB/T 9704 …
    basis: ClassVar[str] = ""
    failing: ClassVar[tuple[Example, ...]] = ()
    passing: ClassVar[tuple[Example, ...]] = ()
    #: Findings the engine itself emits (E001 …): ``check`` is never called.
    engine_only: ClassVar[bool] = False
    #: The report formats (:data:`~gxcheck.ftypes.ReportFormat`) the rule applies to; the engine
    #: does not run it on a report of another format. By default a rule is written for the formats
    #: of the revised regulation (2019 trial, 2021 national), not for a report written under the
    #: 2008 regulation; a rule that holds for every report (sign-off, privacy, years …) sets
    #: ``formats = EVERY_FORMAT``.
    formats: ClassVar[frozenset[ReportFormat]] = frozenset({"2019"})

    def __init__(self, config: Config = Config()) -> None:
        self.config = config

    def check(self, report: Report) -> Iterator[Finding]:
        """Yield findings for ``report``; made with :meth:`finding` or :meth:`undecided`."""
        yield from ()

    # -- helpers for subclasses ------------------------------------------------

    def finding(self, message: str, location: Optional[Location] = None,
                severity: Optional[Severity] = None) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            location=location or Location(),
            rule=self.slug,
        )

    def undecided(self, message: str, location: Optional[Location] = None) -> Finding:
        """The rule cannot decide (table missing, blank cell): said once, as a notice."""
        return Finding(
            code=self.code,
            severity=Severity.INFO,
            message=f"无法判断：{message}",
            location=location or Location(),
            rule=self.slug,
            undecided=True,
        )

    @classmethod
    def describe(cls) -> str:
        """The docstring, dedented: what the rule checks and why."""
        doc = cls.__doc__ or ""
        lines = doc.strip("\n").splitlines()
        indent = min((len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()), default=0)
        return "\n".join([lines[0].strip()] + [ln[indent:] for ln in lines[1:]]).strip() if lines else ""


class RunRule(Rule):
    """A rule over every report of a run (a body's years): registered by ``gxcheck_run_rules``.

    It reads the :class:`~gxcheck.ftypes.Facts` of every report, never whole reports, and
    yields ``(path, finding)``: the finding belongs to the report at ``path`` (the later one
    of a pair), and its message names the other report.
    """

    #: True when the rule only compares reports of one body (as every rule of the years pack):
    #: the engine then calls ``check_run`` once per core name (「兴隆街道」, every prefix of it),
    #: reading only those reports' facts, so a run of any size keeps only an index in memory.
    #: False (the default): ``check_run`` gets every report of the run at once.
    per_body: ClassVar[bool] = False

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        yield from ()


def at_most_one_notice(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Pass findings through, keeping only the first undecided notice."""
    noticed = False
    for f in findings:
        if f.undecided:
            if noticed:
                continue
            noticed = True
        yield f


#: Most findings one rule may list for one file; past it the rest are counted in one more finding.
MAX_LISTED = 100


def fold_repeats(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per problem: findings alike in every field are given once, with a count, and
    past :data:`MAX_LISTED` the others of the same rule are counted, not listed (a table row
    20,000 cells wide must not flood the output with 19,999 copies of one message)."""
    counts: dict[Finding, int] = {}
    for f in findings:
        counts[f] = counts.get(f, 0) + 1
    out: list[Finding] = []
    for f, n in counts.items():
        if n > 1:
            f = f.model_copy(update={"message": f"{f.message}（同一问题共 {n} 处）"})
        out.append(f)
    if len(out) > MAX_LISTED:
        rest = out[MAX_LISTED:]
        first = rest[0]
        more = sum(counts.get(f, 1) for f in rest)
        out = out[:MAX_LISTED] + [first.model_copy(update={
            "message": f"另有 {more} 处同类问题（{first.code}）未逐一列出；请先改正上面列出的问题后再检查",
            "location": Location()})]
    return out
