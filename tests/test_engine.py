"""Running many files: parallel runs give the same answers, in the same order."""

from __future__ import annotations

from conftest import SHARED

import pytest

from gxcheck.engine import check_files, expand_paths


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not available")
def test_parallel_run_matches_serial_run(engine):
    files = expand_paths([str(SHARED / "corpus")])[:16]
    serial = list(check_files(engine, files, jobs=1))
    parallel = list(check_files(engine, files, jobs=2))
    assert [r.path for r in parallel] == [str(f) for f in files]
    assert [r.findings for r in parallel] == [r.findings for r in serial]


def test_unknown_binary_gets_e001_naming_the_format(tmp_path, engine):
    path = tmp_path / "x.doc"
    path.write_bytes(b"{\\rtf1 hello}")
    result = engine.check_file(path)
    assert [f.code for f in result.findings] == ["E001"]
