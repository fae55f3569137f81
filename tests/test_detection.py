"""Formats are detected by content, not by the file's name."""

from __future__ import annotations

import pytest

from conftest import shared_path, show_json


@pytest.mark.parametrize("source,fake_name,fmt", [
    (("corpus", "r000.docx"), "report.doc", "docx"),
    (("corpus", "r009.html"), "report.txt", "html"),
    (("seeds", "000_6b3625ffea8c0954.txt"), "report.pdf", "txt"),
    (("corpus", "r002.pdf"), "report.wps", "pdf"),
])
def test_misnamed_files_are_read_as_what_they_are(tmp_path, capsys, source, fake_name, fmt):
    path = tmp_path / fake_name
    path.write_bytes(shared_path(*source).read_bytes())
    (doc,) = show_json(capsys, str(path))
    assert doc["format"] == fmt
    assert doc["tables"]["requests"] is not None


def test_old_binary_word_file_says_how_to_convert(tmp_path, capsys, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)  # as on a machine without LibreOffice
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    (doc,) = show_json(capsys, str(path))
    assert doc["tables"] is None and ".docx" in doc["error"]
