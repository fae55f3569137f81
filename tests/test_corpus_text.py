"""Every plain-text report of the shared corpus: values, planted defects, no false alarms."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, run_json, show_json

FOUNDATION_DEFECTS = {
    "arith_row": {"A003"},
    "arith_results_total": {"A002", "A003"},
    "arith_balance": {"A001"},
    "arith_review": {"A004"},
    "missing_section": {"S001"},
    "missing_signature": {"D001"},
    "missing_date": {"D002"},
    "narrative_says_zero": {"N001"},
}
# What each defect may also cause among the foundation rules (score.py's EXPECT table).
SIDE_EFFECTS = {
    "arith_row": {"A001", "A002"},
    "arith_results_total": {"A001"},
    "arith_balance": set(),
    "bad_cell": {"A001", "A002", "A003", "E004"},
    "missing_date": set(),
}
FOUNDATION_CODES = {"A001", "A002", "A003", "A004", "S001", "D001", "D002", "N001"}


def txt_files() -> list[Path]:
    corpus = SHARED / "corpus"
    return sorted(corpus.glob("*.txt")) if corpus.is_dir() else []


def _cells(truth_tables: dict):
    for key, values in truth_tables["proactive"].items():
        for i, v in enumerate(values):
            yield ("proactive", key, i), v
    for key, values in truth_tables["requests"].items():
        for i, v in enumerate(values):
            yield ("requests", key, i), v
    groups = ("review", "suit_direct", "suit_after")
    for i, v in enumerate(truth_tables["review"]):
        yield ("review", groups[i // 5], i % 5), v


@pytest.mark.skipif(not txt_files(), reason="../shared/corpus is not available")
def test_every_cell_of_every_text_report(capsys, truth):
    docs = {Path(d["path"]).name: d for d in show_json(capsys, *map(str, txt_files()))}
    wrong = []
    for name, doc in docs.items():
        for (table, row, i), want in _cells(truth[name]["tables"]):
            if want == "skip":
                continue
            got = ((doc["tables"] or {}).get(table) or {}).get(row)
            got = got[i] if got and i < len(got) else "absent"
            if got != want and not (isinstance(got, float) and abs(got - want) < 1e-9):
                wrong.append(f"{name} {table}.{row}[{i}]: want {want}, got {got}")
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.skipif(not txt_files(), reason="../shared/corpus is not available")
def test_planted_defects_found_and_no_false_alarms(capsys, truth):
    result = run_json(capsys, *map(str, txt_files()))
    problems = []
    for doc in result["documents"]:
        name = Path(doc["path"]).name
        loud = {f["code"] for f in doc["findings"] if f["severity"] in ("error", "warning")}
        allowed: set[str] = set()
        for defect in truth[name]["defects"]:
            want = FOUNDATION_DEFECTS.get(defect["kind"])
            allowed |= (want or set()) | SIDE_EFFECTS.get(defect["kind"], set())
            if want and not want & loud:
                problems.append(f"{name}: {defect['kind']} not found (want {sorted(want)})")
        for code in (loud & FOUNDATION_CODES) - allowed:
            problems.append(f"{name}: false alarm {code}")
    assert not problems, "\n".join(problems)
