"""``pytest --gxcheck DIR``: report files as test items (tested with pytester)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"
#: The example reports gxcheck finds errors in (see examples/README.md).
WITH_ERRORS = {"临川区教育局2025年报告.docx", "宁远县卫健委2025年报告.html", "芦苇荡镇2024年报告.pdf", "马店镇2024年报告.txt"}


@pytest.fixture
def reports(pytester: pytest.Pytester) -> Path:
    folder = pytester.path / "reports"
    shutil.copytree(REPORTS, folder)
    return folder


def test_fails_exactly_for_the_reports_with_errors(pytester: pytest.Pytester, reports: Path) -> None:
    result = pytester.runpytest("--gxcheck", str(reports), "-p", "no:cacheprovider", "-rA")
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == len(WITH_ERRORS) and outcomes["passed"] == 1
    text = result.stdout.str()
    for name in WITH_ERRORS:
        assert f"FAILED reports/{name}" in text
    assert "PASSED reports/双溪镇2024年报告.txt" in text
    assert "D001 错误〔落款〕" in text, "the failure text is gxcheck's Chinese findings"
    assert "GxcheckWarning" in text and "T003 警告" in text, "warnings are pytest warnings"


def test_k_selects_by_file_name(pytester: pytest.Pytester, reports: Path) -> None:
    result = pytester.runpytest("--gxcheck", str(reports), "-k", "双溪镇", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, deselected=4, warnings=1)


def test_gxchecks_config_applies(pytester: pytest.Pytester, reports: Path) -> None:
    pytester.makefile(".toml", gxcheck='ignore = ["A", "D", "E", "N", "S", "T"]\n')
    result = pytester.runpytest("--gxcheck", str(reports), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5)


def test_inactive_without_the_option(pytester: pytest.Pytester, reports: Path) -> None:
    result = pytester.runpytest(str(reports), "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_bad_config_is_a_usage_error(pytester: pytest.Pytester, reports: Path) -> None:
    pytester.makefile(".toml", gxcheck='colour = "red"\n')
    result = pytester.runpytest("--gxcheck", str(reports), "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "colour" in result.stderr.str()
