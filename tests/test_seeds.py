"""The five seed reports: every table value read, and the findings of spec/rules.md."""

from __future__ import annotations

import pytest

from conftest import run_json, shared_path, show_json

SEEDS = {
    "000": "000_6b3625ffea8c0954.txt",
    "001": "001_59c43b68021cf45a.txt",
    "002": "002_06c4d2819f1ca5c3.txt",
    "003": "003_e08d4762d999e99d.txt",
    "004": "004_a4f66517a6301564.txt",
}
# Codes the foundation rules must produce on each seed (rules.md), and nothing else from them.
FOUNDATION = {"A001", "A002", "A003", "A004", "S001", "D001", "D002", "N001", "E001", "E004"}
EXPECTED = {
    "000": set(),
    "001": {"S001"},
    "002": {"D001", "D002"},
    "003": {"D001", "D002"},
    "004": {"D001", "D002"},
}
NONZERO = {"001": {("proactive", "penalty"): [4]}, "003": {("proactive", "penalty"): [12]}}


def seed(key: str) -> str:
    return str(shared_path("seeds", SEEDS[key]))


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_every_table_value_of_the_seeds(capsys, key):
    (doc,) = show_json(capsys, seed(key))
    tables = doc["tables"]
    expected_rows = 24 if key == "000" else 25  # seed 000 lacks row （六）3
    assert len(tables["requests"]) == expected_rows
    if key == "000":
        assert "other_3" not in tables["requests"] and "other_2" in tables["requests"]
    for name, rows in tables.items():
        for row, values in rows.items():
            want = NONZERO.get(key, {}).get((name, row), [0] * len(values))
            assert values == want, f"{name}.{row}"
    assert [len(v) for v in tables["review"].values()] == [5, 5, 5]
    assert len(tables["proactive"]["rules"]) == 3 and len(tables["proactive"]["fees"]) == 1


def test_seed_002_shifted_row_is_read():
    """Seed 002 lost a tab before 「3. 其他」: the row is still other_3 with seven zeros."""
    from gxcheck.engine import Engine
    from gxcheck.manager import Plugins

    report = Engine(Plugins()).read(shared_path("seeds", SEEDS["002"]))
    row = report.tables.requests.rows["other_3"]
    assert "其他" in row.label
    assert [c.value for c in row.cells] == [0] * 7


def test_seed_signoffs_and_parts(capsys):
    docs = {d["path"].rsplit("/", 1)[-1][:3]: d for d in show_json(capsys, *(seed(k) for k in sorted(SEEDS)))}
    assert docs["000"]["signoff"] == {"agency": "双溪镇人民政府", "date": "2025-01-21"}
    assert docs["001"]["signoff"] == {"agency": "乌苏市西大沟镇人民政府", "date": "2025-01-21"}
    assert docs["001"]["parts"] == ["s1", "s2", "s3", "s4", "s5"]
    for key in ("002", "003", "004"):
        assert docs[key]["signoff"] == {"agency": None, "date": None}
        assert docs[key]["parts"] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert all(d["level"] == "township" and d["year"] == 2024 for d in docs.values())


def test_seed_findings_of_the_foundation_rules(capsys):
    result = run_json(capsys, *(seed(k) for k in sorted(SEEDS)))
    for doc in result["documents"]:
        key = doc["path"].rsplit("/", 1)[-1][:3]
        loud = {f["code"] for f in doc["findings"] if f["severity"] in ("error", "warning")}
        assert loud & FOUNDATION == EXPECTED[key], key
        assert not any(f["code"].startswith("A") and f["severity"] == "error" for f in doc["findings"])
