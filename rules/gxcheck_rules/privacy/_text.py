"""The prose the privacy rules read: title, preface, every part and the sign-off, line by line."""

from __future__ import annotations

from typing import Iterator

from gxcheck import Location, Report


def lines(report: Report) -> Iterator[tuple[str, Location]]:
    """Every paragraph outside the tables, with where it stands."""
    if report.title:
        yield report.title, Location(part="title")
    for para in report.preface:
        yield para.text, Location(part="preface", line=para.origin.line, page=para.origin.page)
    for part in report.parts:
        for para in part.paragraphs:
            yield para.text, Location(part=part.key, line=para.origin.line, page=para.origin.page)


def at(where: Location, shown: str) -> Location:
    """``where`` with the (masked) text the finding quotes."""
    return where.model_copy(update={"text": shown})
