"""The years pack: a body's reports compared across years (Y001–Y007), on the shared series."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from gxcheck.engine import Engine
from gxcheck.facts import SKETCH_SIZE, bodies, body_parts, copy_rate, facts_of
from gxcheck.ftypes import Facts
from gxcheck.manager import Plugins
from gxcheck_rules.years._examples import NARRATIVE, report

WANT = {"carry_mismatch": "Y001", "valid_break": "Y002", "copied_narrative": "Y003", "identical_tables": "Y004"}
WARNINGS = {"Y001", "Y003", "Y004"}


@pytest.fixture(scope="module")
def series_run(capsys_module=None):
    folder = shared_path("series")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return folder, truth


def test_every_planted_cross_year_defect_is_found_and_nothing_else_warned(series_run, capsys):
    folder, truth = series_run
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(folder))
    assert code in (0, 1), err
    docs = {Path(d["path"]).name: d for d in json.loads(out)["documents"]}
    for entry in truth:
        got = {f["code"] for f in docs[entry["file"]]["findings"]}
        wanted = {WANT[d["kind"]] for d in entry["defects"] if d["kind"] in WANT}
        assert wanted <= got, entry["file"]
        # A warning of the pack where nothing was planted is a false alarm; tables pasted from
        # last year also break the carry-over chain (Y001), and may come with last year's prose.
        planted_warnings = wanted & WARNINGS
        if "Y004" in wanted:
            planted_warnings |= {"Y001", "Y003"}
        assert (got & WARNINGS) - planted_warnings == set(), entry["file"]


def test_a_draft_against_last_years_report_with_previous(tmp_path, capsys):
    last = tmp_path / "2023.txt"
    last.write_text(report(2023, carry_over=(2, 0, 0, 0, 0, 0, 2)), encoding="utf-8")
    draft = tmp_path / "草稿.txt"
    draft.write_text(report(2024, carried=(1, 0, 0, 0, 0, 0, 1), narrative="本年度重点推进乡村振兴领域信息公开。" * 3),
                     encoding="utf-8")
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(draft), "--previous", str(last))
    docs = json.loads(out)["documents"]
    assert [Path(d["path"]).name for d in docs] == ["草稿.txt"]  # last year's is compared, not listed
    y001 = [f for f in docs[0]["findings"] if f["code"] == "Y001"]
    assert len(y001) == 2 and all("2023年报告（2023.txt）" in f["message"] for f in y001)
    assert {f["location"]["column"] for f in y001} == {"natural", "total"}


def test_one_body_one_year_twice_is_said_and_not_compared(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(report(2024), encoding="utf-8")
    (tmp_path / "c.txt").write_text(report(2023, carry_over=(5, 0, 0, 0, 0, 0, 5)), encoding="utf-8")
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(tmp_path))
    docs = {Path(d["path"]).name: {f["code"] for f in d["findings"]} for d in json.loads(out)["documents"]}
    assert "Y005" in docs["a.txt"] and "Y005" in docs["b.txt"]
    assert "Y001" not in docs["a.txt"] | docs["b.txt"]


@pytest.mark.parametrize("name, parts", [
    ("平山县兴隆街道办事处", ("平山县", "兴隆街道")),
    ("平山县 兴隆街道", ("平山县", "兴隆街道")),
    ("河口市教育局", ("河口市", "教育局")),
    ("崇阳县桃源镇人民政府", ("崇阳县", "桃源镇")),
    ("双溪镇人民政府", ("", "双溪镇")),
    ("平山縣興隆街道辦事處", ("平山县", "兴隆街道")),
])
def test_body_names(name, parts):
    assert body_parts(name) == parts


def fact(path: str, prefix: str, core: str, year: int) -> Facts:
    return Facts(path=path, prefix=prefix, core=core, year=year)


def test_a_name_without_prefix_joins_the_one_body_of_its_core_but_two_counties_stay_two():
    one = bodies([fact("a", "平山县", "双溪镇", 2023), fact("b", "", "双溪镇", 2024)])
    assert [[f.path for f in g] for g in one] == [["a", "b"]]
    two = bodies([fact("a", "平山县", "双溪镇", 2023), fact("b", "宁远县", "双溪镇", 2024), fact("c", "", "双溪镇", 2024)])
    assert sorted(len(g) for g in two) == [1, 1, 1]


def test_the_narrative_sketch_is_of_fixed_size_and_masks_numbers_and_years(engine, tmp_path):
    long = tmp_path / "long.txt"
    rng = random.Random(7)
    prose = "。".join("".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(40)) for _ in range(500))
    long.write_text(report(2024, narrative=prose), encoding="utf-8")
    assert len(facts_of(engine.read(long), str(long)).hashes) == SKETCH_SIZE
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(report(2023, narrative=NARRATIVE.replace("今年", "2023年")), encoding="utf-8")
    b.write_text(report(2024, narrative=NARRATIVE.replace("今年", "2024年")), encoding="utf-8")
    c.write_text(report(2024, narrative="下半年结合防汛救灾工作，开通应急信息快速发布通道，汛期每日更新水情和转移安置情况。" * 2),
                 encoding="utf-8")
    fa, fb, fc = (facts_of(engine.read(p), str(p)) for p in (a, b, c))
    assert copy_rate(fb, fa) > 0.9
    assert copy_rate(fc, fa) < 0.4  # only parts 五 and 六 (one line each) are shared


def test_a_real_pair_in_different_formats_gives_no_carry_over_finding_and_a_gap_is_noticed(capsys):
    files = [str(shared_path("real", f"pingtan_{y}_pagetxt.txt")) for y in (2018, 2019, 2021)]
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", *files)
    docs = {Path(d["path"]).name: {f["code"] for f in d["findings"]} for d in json.loads(out)["documents"]}
    assert not any("Y001" in codes for codes in docs.values())
    assert "Y007" in docs["pingtan_2021_pagetxt.txt"]


def test_cross_year_rules_are_listed_and_can_be_ignored(tmp_path, capsys):
    last, this = tmp_path / "a.txt", tmp_path / "b.txt"
    last.write_text(report(2023), encoding="utf-8")
    this.write_text(report(2024), encoding="utf-8")
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", "--ignore", "Y", str(last), str(this))
    assert not any(f["code"].startswith("Y") for d in json.loads(out)["documents"] for f in d["findings"])
    assert {code for _, rule in Plugins().rules for code in [rule.code] if code.startswith("Y")} == {
        f"Y00{i}" for i in range(1, 8)}
    assert Engine(Plugins()).run_rules


def test_a_report_named_in_traditional_characters_is_the_same_body(tmp_path, capsys):
    (tmp_path / "2023.txt").write_text(report(2023, agency="平山縣興隆鎮人民政府", carry_over=(2, 0, 0, 0, 0, 0, 2)),
                                       encoding="utf-8")
    (tmp_path / "2024.txt").write_text(report(2024, carried=(1, 0, 0, 0, 0, 0, 1)), encoding="utf-8")
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(tmp_path))
    docs = {Path(d["path"]).name: {f["code"] for f in d["findings"]} for d in json.loads(out)["documents"]}
    assert "Y001" in docs["2024.txt"]


def test_facts_on_disk_give_the_same_findings_and_per_body_rules_see_one_core_at_a_time():
    from gxcheck.engine import Engine
    from gxcheck.facts import FactsFile, FactsList
    from gxcheck.manager import Plugins
    from gxcheck.rule import RunRule

    seen: list[list[str]] = []

    class Everything(RunRule):
        code = "ZZ901"

        def check_run(self, facts):
            seen.append(sorted({f.core or "" for f in facts}))
            yield from ()

    engine = Engine(Plugins())
    engine.run_rules.append(("test", Everything(engine.config)))
    series = sorted(p for p in shared_path("series").iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf"))
    results = [engine.check_file(p, keep_report=False) for p in series]
    stored = FactsFile()
    for r in results:
        stored.add(r.facts)
    in_memory = engine.run_findings(FactsList([r.facts for r in results]))
    assert len(seen) == 1 and len(seen[0]) > 3, "a rule that is not per_body sees the whole run at once"
    on_disk = engine.run_findings(stored)
    assert on_disk == in_memory and any(in_memory.values())
    Everything.per_body = True
    seen.clear()
    engine.run_findings(stored)
    assert len(seen) > 3 and all(len(cores) == 1 for cores in seen)
    stored.close()
