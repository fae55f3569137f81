"""Saying in Chinese where a finding points."""

from __future__ import annotations

from gxcheck.ftypes import Location
from gxcheck.national import PART_NAMES, TABLE_NAMES, column_label, row_label

SEVERITY_MARK = {"error": "错误", "warning": "警告", "info": "提示"}


def describe(loc: Location) -> str:
    bits: list[str] = []
    if loc.part == "signoff":
        bits.append("落款")
    elif loc.part in ("preface", "title"):
        bits.append({"preface": "前言", "title": "标题"}[loc.part])
    elif loc.part:
        bits.append(PART_NAMES.get(loc.part, loc.part))
    if loc.table:
        bits.append(TABLE_NAMES.get(loc.table, loc.table))
    if loc.table and loc.row:
        bits.append(f"行「{row_label(loc.table, loc.row)}」")
    if loc.table and loc.column:
        bits.append(f"列「{column_label(loc.table, loc.column)}」")
    if loc.page:
        bits.append(f"第{loc.page}页")
    if loc.line:
        bits.append(f"第{loc.line}行")
    return " / ".join(bits) if bits else "全文"
