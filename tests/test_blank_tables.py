"""Issue 7, pattern 8: a table whose cells are all blank is there — T001 says it holds no numbers,
it is never reported missing, E004 does not fire, and every row is read at full width."""

from __future__ import annotations

import re

import pytest

from conftest import shared_path


@pytest.mark.parametrize("index, name, width", [(0, "proactive", None), (2, "review", 5)])
def test_an_all_blank_table_is_present_and_says_it_holds_no_numbers(engine, tmp_path, index, name, width):
    import docx

    document = docx.Document(str(shared_path("corpus", "r000.docx")))
    for row in document.tables[index].rows:
        for cell in row.cells:
            if re.fullmatch(r"\s*\d+(\.\d+)?\s*", cell.text):
                cell.text = ""
    path = tmp_path / "blank.docx"
    document.save(str(path))
    result = engine.check_file(path)
    t001 = [f for f in result.findings if f.code == "T001"]
    assert len(t001) == 1 and "没有任何数字" in t001[0].message and not t001[0].undecided
    assert "E004" not in {f.code for f in result.findings}
    table = result.report.tables.get(name)
    assert table is not None and table.rows
    assert all(c.value is None for row in table.rows.values() for c in row.cells)
    if width:
        assert all(len(row.cells) == width for row in table.rows.values()), "a row is read at full width or not at all"
