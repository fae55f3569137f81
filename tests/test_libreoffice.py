"""Files LibreOffice converts (.doc, .wps, .rtf, .odt): really converted, in CI too (.ci/run installs it).

The test files are made here from corpus docx reports by LibreOffice itself (docx → doc/rtf/odt/html),
then read back by gxcheck (→ docx → blocks) and compared with the docx as read directly.  Also here:
a conversion is stopped and cleaned up on Ctrl-C and SIGTERM, to the parent or to its worker.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from gxcheck.loaders.docx import _convert
from gxcheck.show import report_json
from gxcheck.sniff import detect_format

SOFFICE = _convert.find_soffice()
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt install libreoffice-writer-nogui)")


def _save_as(target: str, sources: list[Path], out: Path) -> None:
    """``sources`` saved by LibreOffice as ``target`` into ``out``, in one call (one start-up)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(SOFFICE), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(out), *map(str, sources)],
                       check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """r000.docx saved by LibreOffice as .doc, .rtf and .odt."""
    source = shared_path("corpus", "r000.docx")
    out = tmp_path_factory.mktemp("converted")
    for target in ("doc", "rtf", "odt"):
        _save_as(target, [source], out)
    return {kind: out / f"r000.{kind}" for kind in ("doc", "rtf", "odt")}


@pytest.fixture(scope="session")
def corpus_as_doc(tmp_path_factory) -> list[tuple[Path, Path]]:
    """Every corpus docx beside its .doc copy, all saved by one LibreOffice call (once per session)."""
    docx = sorted(shared_path("corpus").glob("*.docx"))
    out = tmp_path_factory.mktemp("corpus-doc")
    _save_as("doc", docx, out)
    return [(d, out / f"{d.stem}.doc") for d in docx]


def _read_as_seen(engine, path: Path) -> tuple[dict, list[tuple]]:
    """What a user sees of a report: its values (tables, title, parts, …) and its findings."""
    result = engine.check_file(path)
    seen = report_json("x", result.report)
    for differs in ("path", "format", "notes"):  # the conversion's own note and the format are expected to differ
        seen.pop(differs, None)
    return seen, [(f.code, f.severity, f.message, f.location) for f in result.findings]


def test_every_corpus_docx_saved_as_doc_reads_the_same(engine, corpus_as_doc):
    assert len(corpus_as_doc) >= 10
    for docx, doc in corpus_as_doc:
        assert detect_format(doc) == "doc"
        values, findings = _read_as_seen(engine, doc)
        assert values["tables"], doc.name
        assert (values, findings) == _read_as_seen(engine, docx), doc.name


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


def test_conversion_leaves_no_temporary_folder_behind(engine, made, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine.read(made["rtf"])
    assert list(tmp_path.iterdir()) == []


def _processes_under(root: Path) -> list[str]:
    """The command lines naming a folder under ``root``: LibreOffice converting in a private folder there."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"{root}/gxcheck-doc-" in text:
            found.append(text)
    return found


def test_ctrl_c_during_a_conversion_kills_libreoffice_and_removes_its_folder(made, monkeypatch, tmp_path):
    real = subprocess.Popen.communicate

    def interrupted(self, input=None, timeout=None):
        if timeout is not None:  # the wait for the conversion: LibreOffice is running now
            raise KeyboardInterrupt
        return real(self, input, timeout)

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        with _convert.converted_to_docx(made["odt"], str(SOFFICE), suffix=".odt"):
            pass
    assert _processes_under(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def _gxcheck_converting(doc: Path, tmp: Path) -> "subprocess.Popen[str]":
    """``gxcheck run doc`` as its own process group (as a shell starts it), once LibreOffice is running."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "gxcheck", "run", "--no-progress", "--jobs", "1", str(doc)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any("soffice" in p for p in _processes_under(tmp)):
        assert proc.poll() is None and time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.02)
    return proc


def _worker_of(proc: "subprocess.Popen[str]") -> int:
    """The worker process checking the file (gxcheck/worker.py): the parent's only child."""
    [child] = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    return int(child)


@pytest.mark.parametrize("stop", ["SIGTERM to gxcheck", "SIGTERM to its worker", "Ctrl-C"])
def test_stopping_gxcheck_during_a_conversion_kills_libreoffice_and_removes_its_folder(made, tmp_path, stop):
    proc = _gxcheck_converting(made["doc"], tmp_path)
    if stop == "SIGTERM to gxcheck":
        proc.send_signal(signal.SIGTERM)
    elif stop == "SIGTERM to its worker":
        os.kill(_worker_of(proc), signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C: the whole foreground group
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "Traceback" not in out
    if stop == "SIGTERM to gxcheck":
        assert proc.returncode == 143 and "SIGTERM" in err
    elif stop == "SIGTERM to its worker":  # that file is reported, the run ends normally
        assert proc.returncode == 1 and "E001" in out and "读取被终止" in out
    else:
        assert proc.returncode == 130 and "已中断" in err
    assert _processes_under(tmp_path) == []
    assert list(tmp_path.iterdir()) == []  # neither the private folder nor LibreOffice's own temporary files


def test_two_conversions_at_once_use_two_profiles(corpus_as_doc, tmp_path, monkeypatch, capsys):
    """Under --jobs 2 two LibreOffice run at the same time, each with its own profile."""
    log = tmp_path / "log"
    log.mkdir()
    wrapper = tmp_path / "bin" / "soffice"
    wrapper.parent.mkdir()
    # Each conversion notes its profile, then waits until the other one has started too.
    wrapper.write_text(f"""#!/bin/sh
echo "$1" > "{log}/start.$$"
i=0
while [ "$(ls "{log}" | grep -c '^start')" -lt 2 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done
ls "{log}" | grep -c '^start' > "{log}/seen.$$"
exec "{SOFFICE}" "$@"
""")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    pairs = corpus_as_doc[:2]
    code, out, err = run_cli(capsys, "run", "--format", "json", "--no-progress", "--jobs", "2",
                             *(str(doc) for _, doc in pairs))
    profiles = [p.read_text().strip() for p in sorted(log.glob("start.*"))]
    assert len(profiles) == 2 and len(set(profiles)) == 2
    assert all(p.startswith("-env:UserInstallation=") for p in profiles)
    assert [s.read_text().strip() for s in log.glob("seen.*")] == ["2", "2"]  # both were running at once
    documents = json.loads(out)["documents"]
    for (docx, _), document in zip(pairs, documents):
        original = json.loads(run_cli(capsys, "run", "--format", "json", "--no-progress", str(docx))[1])
        assert document["findings"] == original["documents"][0]["findings"]


def test_a_wps_file_that_is_really_a_doc_converts_by_its_content(engine, made, tmp_path):
    wps = tmp_path / "乡政府年报.wps"
    wps.write_bytes(made["doc"].read_bytes())
    assert detect_format(wps) == "doc"
    original = engine.read(shared_path("corpus", "r000.docx"))
    converted = engine.read(wps)
    assert report_json("x", converted)["tables"] == report_json("x", original)["tables"]
    assert converted.title == original.title


@pytest.fixture(scope="module")
def as_html(tmp_path_factory) -> Path:
    """r000.docx saved by LibreOffice as a web page."""
    out = tmp_path_factory.mktemp("html")
    _save_as("html", [shared_path("corpus", "r000.docx")], out)
    return out / "r000.html"


def _word_style(html: str) -> bytes:
    """A web page as Word and WPS save one: Office namespaces on <html>, in GB2312."""
    office = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">')
    html = re.sub(r"(?is)^\s*<!doctype[^>]*>\s*<html[^>]*>", office, html, count=1)
    return html.replace("charset=utf-8", "charset=gb2312").encode("gb18030")


@pytest.mark.parametrize("style", ["LibreOffice", "Word/WPS"])
def test_a_doc_that_is_really_html_is_read_as_html_without_libreoffice(engine, as_html, tmp_path, monkeypatch, style):
    import gxcheck.loaders.docx as docx_loader

    monkeypatch.setattr(docx_loader, "find_soffice", lambda: None)  # it must not be needed
    html = as_html.read_text(encoding="utf-8")
    doc = tmp_path / "年报.doc"
    doc.write_bytes(html.encode("utf-8") if style == "LibreOffice" else _word_style(html))
    assert detect_format(doc) == "html"
    original = engine.read(shared_path("corpus", "r000.docx"))
    report = engine.read(doc)
    assert report.format == "html"
    assert report_json("x", report)["tables"] == report_json("x", original)["tables"]
    assert report.title == original.title


_WPS_NS = "http://www.wps.cn/officeDocument/2013/wpsCustomData"
_CUSTOM_PROPS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties")


def _as_saved_by_wps(source: Path, target: Path) -> None:
    """A docx as WPS writes it: its own namespace (ignorable) on the document, 「eastAsia」 font hints on
    every run, a wpsCustomData customXml part and docProps/custom.xml naming the WPS build."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = text.replace("<w:document ", f'<w:document xmlns:wpsCustomData="{_WPS_NS}" ', 1)
                text = text.replace('mc:Ignorable="w14 wp14"', 'mc:Ignorable="w14 wp14 wpsCustomData"', 1)
                text = re.sub(r"<w:r>(?!<w:rPr>)", '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>', text)
                data = text.encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                                    b'<Override PartName="/customXml/item9.xml" ContentType="application/xml"/></Types>')
            elif item.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId9" Type="{_CUSTOM_PROPS}" '
                                    f'Target="docProps/custom.xml"/></Relationships>'.encode())
            zout.writestr(item, data)
        zout.writestr("docProps/custom.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
            '<vt:lpwstr>2052-12.1.0.16929</vt:lpwstr></property></Properties>'))
        zout.writestr("customXml/item9.xml", (
            f'<?xml version="1.0" standalone="yes"?><s:customData xmlns="{_WPS_NS}" xmlns:s="{_WPS_NS}">'
            '<customSectProps><customSectPr/></customSectProps></s:customData>'))


def test_a_docx_saved_by_wps_reads_like_the_original(engine, tmp_path):
    source = shared_path("corpus", "r000.docx")
    wps = tmp_path / "r000-wps.docx"
    _as_saved_by_wps(source, wps)
    with zipfile.ZipFile(wps) as zf:  # the test file really carries the WPS marks
        assert b"KSOProductBuildVer" in zf.read("docProps/custom.xml")
        assert b"wpsCustomData" in zf.read("word/document.xml") and b'w:hint="eastAsia"' in zf.read("word/document.xml")
    assert detect_format(wps) == "docx"
    assert _read_as_seen(engine, wps) == _read_as_seen(engine, source)
