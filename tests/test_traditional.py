"""A traditional-character copy of each example report gives the same findings as the original."""

from __future__ import annotations

import zipfile
from pathlib import Path

import opencc
import pytest

from gxcheck.api import check, read
from gxcheck.ftypes import Finding
from gxcheck.recognize.text import squash

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
_S2T = opencc.OpenCC("s2t")


def _traditional_copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    if source.suffix == ".docx":
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename.endswith(".xml"):
                    data = _S2T.convert(data.decode("utf-8")).encode("utf-8")
                zout.writestr(item, data)
    else:
        target.write_text(_S2T.convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _shape(findings: tuple[Finding, ...]) -> list[tuple[str, str, str, bool]]:
    """What a finding says, apart from the words it quotes: code, severity, where, undecided."""
    return sorted((f.code, f.severity.value, repr(sorted(f.location.as_dict().items())), f.undecided)
                  for f in findings)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".docx")))
def test_traditional_copy_gives_the_same_findings(tmp_path: Path, name: str) -> None:
    source = EXAMPLES / name
    copy = _traditional_copy(source, tmp_path)
    assert copy.read_bytes() != source.read_bytes()
    assert squash(read(copy).title or "") == squash(read(source).title or "")
    original, traditional = check([source])[0], check([copy])[0]
    assert _shape(traditional.findings) == _shape(original.findings)


def test_folding_uses_the_words_not_only_the_characters() -> None:
    assert squash("政府資訊公開工作年度報告") == "政府资讯公开工作年度报告"
    assert squash("結轉下年度繼續辦理") == "结转下年度继续办理"
    assert squash("行政復議、行政訴訟") == "行政复议、行政诉讼"
    assert squash("平山縣") == squash("平山县")


def test_traditional_pdf_gives_the_same_findings(tmp_path: Path) -> None:
    """The example PDF cannot be rewritten in place: the docx example and its traditional copy are
    both printed to PDF by LibreOffice, and the two PDFs must give the same findings."""
    import subprocess

    from gxcheck.loaders.docx import _convert

    soffice = _convert.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    (source,) = [p for p in EXAMPLES.iterdir() if p.suffix == ".docx"]
    (tmp_path / "s").mkdir()
    (tmp_path / "t").mkdir()
    pdfs = []
    for docx, out in ((source, tmp_path / "s"), (_traditional_copy(source, tmp_path), tmp_path / "t")):
        subprocess.run([str(soffice), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdfs.append(out / (source.stem + ".pdf"))
    original, traditional = check([pdfs[0]])[0], check([pdfs[1]])[0]
    assert original.findings and _shape(traditional.findings) == _shape(original.findings)


def test_the_kept_table_of_characters_t2s_changes_is_the_installed_opencc_s() -> None:
    """gxcheck/recognize/_t2s_changed.py must match the dictionaries installed: if this fails, opencc's
    t2s data changed; run scripts/t2s_changed.py (until then the characters are found at start)."""
    from gxcheck.recognize import _t2s_changed
    from gxcheck.recognize.text import changed_by_t2s, t2s_digest

    assert t2s_digest() == _t2s_changed.DIGEST
    assert _t2s_changed.CHANGED == changed_by_t2s(opencc.OpenCC("t2s"))


def test_other_dictionaries_make_the_characters_be_found_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gxcheck.recognize import _t2s_changed
    from gxcheck.recognize import text

    monkeypatch.setattr(_t2s_changed, "CHANGED", "")  # what a stale table would hold
    text._changed.cache_clear()
    try:
        monkeypatch.setattr(_t2s_changed, "DIGEST", "another opencc")
        assert text.simplified("政府資訊公開") == "政府资讯公开"
        assert len(text._changed()) > 3000
        text._changed.cache_clear()
        monkeypatch.chdir(tmp_path)
        (tmp_path / "t2s.json").write_text("{}")  # OpenCC would read this one: the kept table is not used
        assert text.t2s_digest() is None
    finally:
        text._changed.cache_clear()
