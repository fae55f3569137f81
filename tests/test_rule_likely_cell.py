"""A010: the one cell where the broken identities of table 三 meet, and the value that mends them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gxcheck.api import check
from gxcheck.national import REQUEST_COLUMN_KEYS, REQUEST_COLUMN_LABELS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")
SEEDS = Path("/work/shared/seeds")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
COLUMN_BY_LABEL = {label: key for key, label in REQUEST_COLUMN_LABELS.items()}


def a010(path: Path) -> list[tuple[dict[str, object], str]]:
    [result] = check([path])
    return [(f.location.as_dict(), f.message) for f in result.findings if f.code == "A010"]


def test_names_the_planted_cell_and_its_value_on_every_arith_row_file() -> None:
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    planted = [(doc, d) for doc in truth for d in doc["defects"] if d["kind"] == "arith_row"]
    assert planted
    for doc, defect in planted:
        _, row, label = defect["where"].split(".")
        cells = doc["tables"]["requests"][row]
        mended = sum(cells[:6])  # the row's own breakdown is what the total should have been
        [(where, message)] = a010(CORPUS / doc["file"])
        assert (where["row"], where["column"]) == (row, COLUMN_BY_LABEL[label]), doc["file"]
        assert f"的 {cells[REQUEST_COLUMN_KEYS.index(COLUMN_BY_LABEL[label])]} 很可能填错了" in message
        assert f"若它是 {mended}，这些关系全部成立" in message


def test_silent_on_seeds_clean_files_and_where_the_cell_is_not_unique() -> None:
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    clean = [CORPUS / doc["file"] for doc in truth if not doc["defects"]]
    assert clean
    for path in [*sorted(SEEDS.glob("*.txt")), *clean]:
        assert a010(path) == [], path
    # Two cells of （七）总计 were changed: A001/A002 fire, but no single cell explains them.
    linchuan = ROOT / "examples" / "reports" / "临川区教育局2025年报告.docx"
    [result] = check([linchuan])
    codes = {f.code for f in result.findings}
    assert "A002" in codes and "A010" not in codes
    # A single broken sum of table 四: several cells possible, so nothing is said.
    for doc in truth:
        if [d["kind"] for d in doc["defects"]] == ["arith_review"]:
            assert a010(CORPUS / doc["file"]) == []
