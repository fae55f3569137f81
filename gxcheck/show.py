"""``gxcheck show``: what gxcheck read from a file, as JSON (docs/output.md) or Chinese text."""

from __future__ import annotations

from gxcheck.facts import body_parts

from typing import Any, Optional

from tabulate import tabulate

from gxcheck.ftypes import Cell, Report, Table
from gxcheck.recognize.cells import lookalike_digits
from gxcheck.recognize.text import squash
from gxcheck.national import (
    PART_NAMES,
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)


def _value(cell: Cell) -> Optional[float]:
    if cell.status != "number" or cell.value is None:
        return None
    return int(cell.value) if float(cell.value).is_integer() and "." not in cell.raw else cell.value


def table_json(table: Optional[Table]) -> Optional[dict[str, list[Optional[float]]]]:
    if table is None:
        return None
    return {key: [_value(c) for c in row.cells] for key, row in table.rows.items()}


def cells_read_json(report: Report) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """The cells not read as plainly written: table → row → column index → how it was read."""
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for name, table in report.tables.found():
        for key, row in table.rows.items():
            for i, cell in enumerate(row.cells):
                if cell.read_as == "written":
                    continue
                how: dict[str, Any] = {"read_as": cell.read_as}
                if cell.confidence is not None:
                    how["confidence"] = cell.confidence
                out.setdefault(name, {}).setdefault(key, {})[str(i)] = how
    return out


def report_json(path: str, report: Optional[Report], error: Optional[str] = None) -> dict[str, Any]:
    if report is None:
        return {"path": path, "format": None, "title": None, "agency": None, "level": None, "year": None,
                "parts": [], "signoff": {"agency": None, "date": None}, "tables": None, "error": error}
    result: dict[str, Any] = {
        "path": path,
        "format": report.format,
        "title": report.title,
        "agency": report.agency,
        "level": report.level,
        "year": report.year,
        "period_year": report.period_year,
        "parts": [p.key for p in report.parts],
        "signoff": {
            "agency": report.signoff.agency,
            "date": report.signoff.date.isoformat() if report.signoff.date else None,
        },
        "tables": {
            "proactive": table_json(report.tables.proactive),
            "requests": table_json(report.tables.requests),
            "review": table_json(report.tables.review),
        },
        "problems": {name: [p.message for p in t.problems] for name in ("proactive", "requests", "review")
                     if (t := report.tables.get(name)) is not None and t.problems},
        "notes": list(report.notes),
    }
    read = cells_read_json(report)
    if read:
        # Only when some cell was split from a run or read by OCR: plain reports keep the plain shape.
        result["cells_read"] = read
    return result


#: How ``show`` marks a number not read as plainly written (explained under the tables).
_MARKS = {"ocr": "*", "split": "†", "lookalike": "‡"}
_LEGEND = {"ocr": "带 * 的数字由图片识别（OCR），请核对原件", "split": "带 † 的数字由连写的数字拆分得到，请核对",
           "lookalike": "带 ‡ 的数字原文夹有形似数字的字母（如「1O2」「l0」），按数字读出，请核对原件"}


def _shown(cell: Optional[Cell]) -> str:
    if cell is None:
        return "（无）"
    if cell.status == "number":
        shown = cell.raw.strip() or str(cell.value)
        if cell.read_as == "lookalike" or cell.read_as == "ocr" and lookalike_digits(squash(shown)) is not None:
            shown = f"{_value(cell)}（原文「{shown}」）"  # from a picture: the letter the engine read
        return shown + _MARKS.get(cell.read_as, "")
    if cell.status == "blank":
        return "（空）"
    return f"「{cell.raw.strip()}」" + ("*" if cell.unread else "")


def report_text(path: str, report: Optional[Report], error: Optional[str] = None) -> str:
    if report is None:
        return f"■ {path}\n  无法读取：{error}\n"
    out = [f"■ {path}（{report.format}）"]
    out.append(f"  标题：{report.title or '（未找到）'}")
    out.append(f"  机关：{report.agency or '（未找到）'}　层级：{report.level}　年度：{report.year or '（未找到）'}")
    body = body_parts(report.agency or report.title_agency)
    out.append(f"  跨年比较按机关：{''.join(body) if body else '（无法确定，不做跨年比较）'}")
    if report.period_text:
        out.append(f"  统计期限：{report.period_text}")
    found = "、".join(f"{PART_NAMES[p.key]}「{p.heading}」" for p in report.parts) or "（无）"
    out.append(f"  找到的部分：{found}")
    date = report.signoff.date.isoformat() if report.signoff.date else "（无）"
    out.append(f"  落款：{report.signoff.agency or '（无机关名称）'}　{date}")
    t2 = report.tables.proactive
    if t2 is None:
        out.append("  表二：未找到")
    else:
        rows = [[spec.label] + [_shown(c) for c in t2.rows[spec.key].cells]
                for spec in PROACTIVE_ROWS if spec.key in t2.rows]
        out.append("  表二（主动公开政府信息情况）\n" + _indent(tabulate(rows, tablefmt="plain")))
    t3 = report.tables.requests
    if t3 is None:
        out.append("  表三：未找到")
    else:
        header = ["行"] + [label for _, label in REQUEST_COLUMNS]
        rows = [[spec.label[:14]] + [_shown(c) for c in t3.rows[spec.key].cells]
                for spec in REQUEST_ROWS if spec.key in t3.rows]
        out.append("  表三（收到和处理政府信息公开申请情况）\n" + _indent(tabulate(rows, headers=header)))
    t4 = report.tables.review
    if t4 is None:
        out.append("  表四：未找到")
    else:
        header = ["组"] + [label for _, label in REVIEW_COLUMNS]
        rows = [[label] + [_shown(c) for c in t4.rows[key].cells] for key, label in REVIEW_GROUPS if key in t4.rows]
        out.append("  表四（行政复议、行政诉讼情况）\n" + _indent(tabulate(rows, headers=header)))
    kinds = {cell.read_as for _, table in report.tables.found() for row in table.rows.values() for cell in row.cells}
    out += [f"  {_LEGEND[kind]}" for kind in sorted(kinds) if kind in _LEGEND]
    for name, label in (("proactive", "表二"), ("requests", "表三"), ("review", "表四")):
        table = report.tables.get(name)
        for problem in table.problems if table else ():
            out.append(f"  注意（{label}）：{problem.message}")
    return "\n".join(out) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
