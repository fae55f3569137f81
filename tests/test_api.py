"""The public API for programs: gxcheck.check / iter_check / read, typed and shipped with py.typed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import gxcheck

REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"


def test_check_returns_one_result_per_file_in_order() -> None:
    results = gxcheck.check([REPORTS])
    assert [Path(r.path).name for r in results] == sorted(p.name for p in REPORTS.iterdir())
    errors = {Path(r.path).name: r.count(gxcheck.Severity.ERROR) for r in results}
    assert errors["双溪镇2024年报告.txt"] == 0 and errors["马店镇2024年报告.txt"] > 0


def test_iter_check_yields_lazily_and_honours_config_and_disabled(tmp_path: Path) -> None:
    stream = gxcheck.iter_check([REPORTS / "马店镇2024年报告.txt"], gxcheck.Config(select=("D",)))
    assert not isinstance(stream, list)
    (only,) = list(stream)
    assert only.findings and {f.code[0] for f in only.findings} == {"D"}
    (off,) = gxcheck.check([REPORTS / "马店镇2024年报告.txt"], disabled=["signature"])
    assert not [f for f in off.findings if f.code.startswith("D")]
    config = tmp_path / "gxcheck.toml"
    config.write_text('ignore = ["D"]\n', encoding="utf-8")
    (from_file,) = gxcheck.check([REPORTS / "马店镇2024年报告.txt"], config)
    assert not [f for f in from_file.findings if f.code.startswith("D")]


def test_read_returns_the_report() -> None:
    report = gxcheck.read(REPORTS / "双溪镇2024年报告.txt")
    assert isinstance(report, gxcheck.Report)
    assert report.part("s1") is not None and report.tables.requests is not None
    assert report.tables.requests.cell("new", 6) is not None


def test_a_user_mistake_raises_a_named_error() -> None:
    with pytest.raises(gxcheck.UsageError, match="找不到"):
        gxcheck.check(["/no/such/folder"])
    with pytest.raises(gxcheck.UsageError, match="找不到"):
        gxcheck.read("/no/such/file.txt")
    with pytest.raises(gxcheck.PluginError, match="没有名为"):
        gxcheck.check([REPORTS], disabled=["no-such-plugin"])


def test_py_typed_is_shipped_and_type_checkers_see_the_api(tmp_path: Path) -> None:
    assert resources.files("gxcheck").joinpath("py.typed").is_file()
    pytest.importorskip("mypy")
    # The package as a wheel installs it: a folder on the path (an editable install is an import
    # hook, which type checkers cannot follow).  Without py.typed mypy would see it as Any.
    site = tmp_path / "site"
    shutil.copytree(Path(gxcheck.__file__).parent, site / "gxcheck", ignore=shutil.ignore_patterns("__pycache__"))
    program = tmp_path / "program.py"
    program.write_text(
        "import gxcheck\n"
        "results = gxcheck.check(['reports'])\n"
        "reveal_type(results)\n"
        "reveal_type(gxcheck.read('a.txt').tables.requests)\n"
        "class R(gxcheck.Rule):\n"
        "    def check(self, report: gxcheck.Report) -> int:\n"
        "        return 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "c"),
                           str(program)], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(site)))
    assert 'list[gxcheck.ftypes.DocumentResult]' in proc.stdout, proc.stdout
    assert "gxcheck.ftypes.Table | None" in proc.stdout, proc.stdout
    assert 'Return type "int" of "check" incompatible' in proc.stdout, proc.stdout
