"""Walking a run's reports body by body, year after year (shared by the years rules)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterator, Sequence

from gxcheck import Facts
from gxcheck.facts import bodies


def usable_groups(facts: Sequence[Facts]) -> Iterator[list[Facts]]:
    """Each body's reports by year, less the years it has twice (Y005 says so; neither is compared)."""
    for group in bodies([f for f in facts if f.year is not None]):
        twice = {y for y, n in Counter(f.year for f in group).items() if n > 1}
        yield [f for f in group if f.year not in twice]


def consecutive(facts: Sequence[Facts]) -> Iterator[tuple[Facts, Facts]]:
    """(last year's, this year's) for every body that has both years in the run."""
    for group in usable_groups(facts):
        for last, this in zip(group, group[1:]):
            if last.year is not None and this.year == last.year + 1:
                yield last, this


def named(fact: Facts) -> str:
    """How a message names the other report: its year and file."""
    return f"{fact.year}年报告（{Path(fact.path).name}）"
