"""A few hundred seeded mutations per format (scripts/fuzz.py runs thousands): no exception
escapes the engine, at most one E001 per file, no case past the 30 s hang guard."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("gxcheck_fuzz_script", ROOT / "scripts" / "fuzz.py")
fuzz = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fuzz)


def test_mutated_reports_never_crash_the_engine(tmp_path):
    if not fuzz.sources():
        pytest.skip("no source reports here")
    count, failures = fuzz.run(250, 7, tmp_path)  # 250 per format, 1,000 cases
    assert count > 0 and failures == []
