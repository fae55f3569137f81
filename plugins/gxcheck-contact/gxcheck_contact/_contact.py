"""Where a report gives its contact details: the preface and part 一."""

from __future__ import annotations

from gxcheck import Report


def opening_text(report: Report) -> str:
    parts = [p.text for p in report.preface]
    first = report.part("s1")
    if first is not None:
        parts.append(first.text)
    return "\n".join(parts)
