"""The publication deadline of a report (shared by D005 and D008)."""

from __future__ import annotations

import datetime as dt

from gxcheck import Config, Report

#: Article 49: governments at county level and above publish their own report by 31 March.
GOVERNMENT_DEADLINE = (3, 31)


def deadline(report: Report, year: int, config: Config) -> dt.date:
    """The last day to publish the report for ``year``: 31 March for a county, city or province
    government, else the configured deadline (default 31 January) of the following year."""
    month, day = GOVERNMENT_DEADLINE if report.level in ("county", "city", "province") else config.deadline
    try:
        return dt.date(year + 1, month, day)
    except ValueError:  # 02-30 and the like from a hand-written config
        return dt.date(year + 1, month, 28)
