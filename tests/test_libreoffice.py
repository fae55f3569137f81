"""Files LibreOffice converts (.doc, .rtf, .odt): really converted, in CI too (.ci/run installs it).

The test files are made here from a corpus docx by LibreOffice itself (docx → doc/rtf/odt),
then read back by gxcheck (→ docx → blocks) and compared with the docx as read directly.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from gxcheck.loaders.docx import _convert
from gxcheck.show import report_json
from gxcheck.sniff import detect_format

SOFFICE = _convert.find_soffice()
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt install libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """r000.docx saved by LibreOffice as .doc, .rtf and .odt."""
    source = shared_path("corpus", "r000.docx")
    out = tmp_path_factory.mktemp("converted")
    with tempfile.TemporaryDirectory() as profile:
        for target in ("doc", "rtf", "odt"):
            subprocess.run([str(SOFFICE), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", target, "--outdir", str(out), str(source)],
                           check=True, capture_output=True, timeout=120)
    return {kind: out / f"r000.{kind}" for kind in ("doc", "rtf", "odt")}


@pytest.mark.parametrize("kind", ["doc", "rtf", "odt"])
def test_converted_files_read_like_the_docx(engine, made, kind):
    original = engine.read(shared_path("corpus", "r000.docx"))
    converted = engine.read(made[kind])
    assert report_json("x", converted)["tables"] == report_json("x", original)["tables"]
    assert converted.title == original.title
    assert any("LibreOffice" in note for note in converted.notes)


def test_the_kind_comes_from_the_content_not_the_name(made, tmp_path):
    for kind, path in made.items():
        disguised = tmp_path / f"{kind}-report.txt"
        disguised.write_bytes(path.read_bytes())
        assert detect_format(disguised) == kind


def test_a_folder_includes_rtf_and_odt_and_checks_them(made, capsys):
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", str(made["rtf"].parent))
    names = {Path(d["path"]).name for d in json.loads(out)["documents"]}
    assert {"r000.doc", "r000.rtf", "r000.odt"} <= names
    assert not any(f["code"] == "E001" for d in json.loads(out)["documents"] for f in d["findings"])


def test_without_libreoffice_the_finding_says_how_to_install_it(made, monkeypatch, capsys):
    import gxcheck.loaders.docx as docx_loader

    monkeypatch.setattr(docx_loader, "find_soffice", lambda: None)
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", "--jobs", "1", str(made["odt"]))
    [finding] = json.loads(out)["documents"][0]["findings"]
    assert finding["code"] == "E001" and "apt install libreoffice-writer-nogui" in finding["message"]
    assert "另存为" in finding["message"]


def test_conversion_leaves_no_temporary_folder_behind(engine, made):
    before = set(Path(tempfile.gettempdir()).glob("gxcheck-doc-*"))
    engine.read(made["rtf"])
    assert set(Path(tempfile.gettempdir()).glob("gxcheck-doc-*")) == before


def _soffice_processes_of_gxcheck() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "gxcheck-doc-" in text and "soffice" in text:
            found.append(text)
    return found


def test_ctrl_c_during_a_conversion_kills_libreoffice_and_removes_its_folder(made, monkeypatch):
    real = subprocess.Popen.communicate

    def interrupted(self, input=None, timeout=None):
        if timeout is not None:  # the wait for the conversion: LibreOffice is running now
            raise KeyboardInterrupt
        return real(self, input, timeout)

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    before = set(Path(tempfile.gettempdir()).glob("gxcheck-doc-*"))
    with pytest.raises(KeyboardInterrupt):
        with _convert.converted_to_docx(made["odt"], str(SOFFICE), suffix=".odt"):
            pass
    assert _soffice_processes_of_gxcheck() == []
    assert set(Path(tempfile.gettempdir()).glob("gxcheck-doc-*")) == before
