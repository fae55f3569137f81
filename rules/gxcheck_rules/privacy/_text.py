"""The prose the privacy rules read: title, preface, every part and the sign-off, line by line."""

from __future__ import annotations

from typing import Iterator, Optional

from gxcheck import Location, Report

#: Where a paragraph stands: its part, line and page (made a Location only for a finding).
Place = tuple[str, Optional[int], Optional[int]]


def lines(report: Report) -> Iterator[tuple[str, Place]]:
    """Every paragraph outside the tables, with where it stands."""
    if report.title:
        yield report.title, ("title", None, None)
    for para in report.preface:
        yield para.text, ("preface", para.origin.line, para.origin.page)
    for part in report.parts:
        for para in part.paragraphs:
            yield para.text, (part.key, para.origin.line, para.origin.page)


def at(where: Place, shown: str) -> Location:
    """The location of a finding at ``where`` that quotes the (masked) text ``shown``."""
    part, line, page = where
    return Location(part=part, line=line, page=page, text=shown)
