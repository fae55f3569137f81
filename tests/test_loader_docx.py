"""The docx loader: blocks in order, merged cells expanded, hostile files refused."""

from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from gxcheck.ftypes import ReadError, TableBlock, TextBlock
from gxcheck.loaders import docx as loader

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
TEMPLATE = SHARED / "real" / "template_blank.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>'
)
TAIL = "<w:sectPr/></w:body></w:document>"


def p(text: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(inner: str, props: str = "") -> str:
    body = inner if inner.startswith("<w:p") else p(inner)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tbl(*rows: str, cols: int = 0) -> str:
    grid = "<w:tblGrid>" + "<w:gridCol/>" * cols + "</w:tblGrid>" if cols else ""
    return f"<w:tbl><w:tblPr/>{grid}" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def make_docx(path: Path, body: str, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", HEAD + body + TAIL)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def load(path: Path, fmt: str = "docx"):
    return loader.gxcheck_load(path=path, format=fmt, ocr=lambda image: None)


def texts(loaded) -> list[str]:
    return [b.text for b in loaded.blocks if isinstance(b, TextBlock)]


def tables(loaded) -> list[TableBlock]:
    return [b for b in loaded.blocks if isinstance(b, TableBlock)]


# --------------------------------------------------------------------------- structure


def test_other_formats_are_not_ours(tmp_path):
    f = make_docx(tmp_path / "a.docx", p("x"))
    assert load(f, "text") is None
    assert load(f, "pdf") is None


def test_paragraphs_and_table_in_document_order(tmp_path):
    body = (p("标题") + p("一、总体情况") + tbl("".join(tc(x) for x in ("a", "b")),
                                              "".join(tc(x) for x in ("1", ""))) + p("") + p("落款"))
    loaded = load(make_docx(tmp_path / "a.docx", body))
    assert loaded.format == "docx"
    kinds = [b.kind for b in loaded.blocks]
    assert kinds == ["text", "text", "table", "text", "text"]
    assert texts(loaded) == ["标题", "一、总体情况", "", "落款"]
    assert [b.origin.line for b in loaded.blocks if b.kind == "text"] == [1, 2, 3, 4]
    assert tables(loaded)[0].rows == (("a", "b"), ("1", ""))


def test_python_docx_file(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("二、主动公开政府信息情况")
    t = doc.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "第二十条第（一）项"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "规章"
    t.cell(1, 1).text = "1"
    t.cell(2, 2).text = "０"
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    f = tmp_path / "made.docx"
    doc.save(f)
    loaded = load(f)
    assert [b.kind for b in loaded.blocks] == ["text", "table", "text"]
    assert tables(loaded)[0].rows == (
        ("第二十条第（一）项", None, None),
        ("规章", "1", ""),
        (None, "", "０"),
    )


def test_horizontal_and_vertical_merges_expand_with_none(tmp_path):
    body = tbl(
        tc("信息内容") + tc("本年制发件数") + tc("本年废止件数") + tc("现行有效件数"),
        tc("第二十条第（一）项", '<w:gridSpan w:val="4"/>'),
        tc("规章", '<w:vMerge w:val="restart"/>') + tc("1", '<w:gridSpan w:val="2"/>') + tc("2"),
        tc("", "<w:vMerge/>") + tc("3") + tc("4") + tc("5"),
        tc("行政许可") + tc("6", '<w:gridSpan w:val="3"/>'),
    )
    loaded = load(make_docx(tmp_path / "m.docx", body))
    assert tables(loaded)[0].rows == (
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("第二十条第（一）项", None, None, None),
        ("规章", "1", None, "2"),
        (None, "3", "4", "5"),
        ("行政许可", "6", None, None),
    )


def test_vertical_merge_over_spanned_cells_and_broken_merge(tmp_path):
    body = tbl(
        tc("A", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>') + tc("x"),
        tc("", '<w:gridSpan w:val="2"/><w:vMerge/>') + tc("y"),
        tc("B", '<w:gridSpan w:val="2"/>') + tc("z"),
        # a bare continue with no merge above is an ordinary cell
        tc("C", '<w:gridSpan w:val="2"/><w:vMerge/>') + tc("w"),
    )
    rows = tables(load(make_docx(tmp_path / "v.docx", body)))[0].rows
    assert rows == (("A", None, "x"), (None, None, "y"), ("B", None, "z"), ("C", None, "w"))


def test_legacy_hmerge(tmp_path):
    body = tbl(tc("A", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>") + tc("b"))
    assert tables(load(make_docx(tmp_path / "h.docx", body)))[0].rows == (("A", None, "b"),)


def test_grid_before_and_after(tmp_path):
    row1 = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("a") + tc("b")
    row2 = '<w:trPr><w:gridAfter w:val="1"/></w:trPr>' + tc("c") + tc("d")
    rows = tables(load(make_docx(tmp_path / "g.docx", tbl(row1, row2, cols=3))))[0].rows
    assert rows == ((None, "a", "b"), ("c", "d", None))


def test_short_rows_are_padded_to_the_grid(tmp_path):
    rows = tables(load(make_docx(tmp_path / "s.docx", tbl(tc("a") + tc("b") + tc("c"), tc("d")))))[0].rows
    assert rows == (("a", "b", "c"), ("d", None, None))


def test_cell_text_breaks_tabs_and_paragraphs(tmp_path):
    cell = ('<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>总</w:t><w:tab/><w:t>计</w:t></w:r></w:p>')
    trailing = '<w:p><w:r><w:t>1\u00a02</w:t></w:r></w:p><w:p/>'
    body = tbl(tc(cell) + tc(trailing))
    rows = tables(load(make_docx(tmp_path / "c.docx", body)))[0].rows
    assert rows == (("商业\n企业\n总 计", "1\u00a02"),)


def test_body_tab_and_break(tmp_path):
    body = '<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>0</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>'
    assert texts(load(make_docx(tmp_path / "b.docx", body))) == ["规章\t0\n下一行"]


def test_run_wrappers_deleted_text_and_field_codes(tmp_path):
    body = (
        "<w:p>"
        '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>'
        '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
        '<w:del><w:r><w:t>也删除</w:t></w:r></w:del>'
        '<w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> DATE \\@ "yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>2025</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>'
        '<w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>'
        "</w:p>"
    )
    assert texts(load(make_docx(tmp_path / "w.docx", body))) == ["链接插入标记32025显示控件"]


def test_tables_and_paragraphs_inside_content_controls(tmp_path):
    inner = p("在控件中") + tbl(tc("1") + tc("2"))
    body = p("前") + f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>" + p("后")
    loaded = load(make_docx(tmp_path / "sdt.docx", body))
    assert [b.kind for b in loaded.blocks] == ["text", "text", "table", "text"]
    assert texts(loaded) == ["前", "在控件中", "后"]
    assert [b.origin.line for b in loaded.blocks if b.kind == "text"] == [1, 2, 3]
    assert tables(loaded)[0].rows == (("1", "2"),)


def test_rows_and_cells_inside_content_controls(tmp_path):
    row_sdt = f"<w:sdt><w:sdtContent><w:tr>{tc('b')}</w:tr></w:sdtContent></w:sdt>"
    cell_sdt = f"<w:sdt><w:sdtContent>{tc('y')}</w:sdtContent></w:sdt>"
    body = f"<w:tbl><w:tr>{tc('a')}</w:tr>{row_sdt}<w:tr>{tc('x')}{cell_sdt}</w:tr></w:tbl>"
    rows = tables(load(make_docx(tmp_path / "r.docx", body)))[0].rows
    assert rows == (("a", None), ("b", None), ("x", "y"))


def test_nested_table_text_stays_in_its_cell(tmp_path):
    nested = tbl(tc("n1") + tc("n2"), tc("n3") + tc(""))
    body = tbl(f"<w:tc>{p('外')}{nested}<w:p/></w:tc>" + tc("5"))
    loaded = load(make_docx(tmp_path / "n.docx", body))
    assert len(tables(loaded)) == 1
    assert tables(loaded)[0].rows == (("外\nn1 n2\nn3", "5"),)


def test_text_box_read_once(tmp_path):
    box = f"<w:txbxContent>{p('文本框中的文字')}</w:txbxContent>"
    run = ("<w:r><mc:AlternateContent>"
           f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
           f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>")
    body = f"<w:p><w:r><w:t>锚点</w:t></w:r>{run}</w:p>" + p("下一段")
    loaded = load(make_docx(tmp_path / "tb.docx", body))
    assert texts(loaded) == ["锚点", "文本框中的文字", "下一段"]
    assert [b.origin.line for b in loaded.blocks] == [1, 1, 2]


NUMBERING = (
    f'<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '</w:numbering>'
)


def numbered(level: int, num: int = 1) -> str:
    return f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'


def test_automatic_numbering_is_rendered(tmp_path):
    body = (p("总体情况", numbered(0)) + p("主动公开", numbered(1)) + p("依申请公开", numbered(1))
            + p("要点", numbered(0, 2)) + p("主动公开政府信息情况", numbered(0)) + p("不编号"))
    loaded = load(make_docx(tmp_path / "num.docx", body, {"word/numbering.xml": NUMBERING}))
    assert texts(loaded) == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "要点",
                             "二、主动公开政府信息情况", "不编号"]


def test_numbering_from_paragraph_style(tmp_path):
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="H1">'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>')
    style = '<w:pPr><w:pStyle w:val="{}"/></w:pPr>'
    body = p("总体情况", style.format("H1")) + p("主动公开政府信息情况", style.format("H1b"))
    loaded = load(make_docx(tmp_path / "st.docx", body,
                            {"word/numbering.xml": NUMBERING, "word/styles.xml": styles}))
    assert texts(loaded) == ["一、总体情况", "二、主动公开政府信息情况"]


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (25, "二十五"),
                                     (101, "一百零一"), (110, "一百一十")])
def test_chinese_counting(n, text):
    assert loader._chinese(n) == text


def test_strict_ooxml_namespace(tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = (f'<w:document xmlns:w="{strict}"><w:body><w:p><w:r><w:t>严格格式</w:t></w:r></w:p>'
           f'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
    f = tmp_path / "strict.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", xml)
    loaded = load(f)
    assert texts(loaded) == ["严格格式"]
    assert tables(loaded)[0].rows == (("1",),)


def test_main_part_found_through_relationships(tmp_path):
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document2.xml"/></Relationships>')
    f = tmp_path / "alt.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document2.xml", HEAD + p("正文") + TAIL)
    assert texts(load(f)) == ["正文"]


# --------------------------------------------------------------------------- hostile and broken files


def test_not_a_zip(tmp_path):
    f = tmp_path / "bad.docx"
    f.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    with pytest.raises(ReadError) as err:
        load(f)
    assert err.value.code == "E001"
    assert "zip" in err.value.message


def test_truncated_zip(tmp_path):
    good = make_docx(tmp_path / "good.docx", p("x") * 200)
    f = tmp_path / "cut.docx"
    f.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ReadError):
        load(f)


def test_corrupt_deflate_data(tmp_path):
    good = make_docx(tmp_path / "good.docx", p("政府信息公开" * 50) * 50)
    data = bytearray(good.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml") + 20
    for i in range(start, start + 200):
        data[i] ^= 0x5A
    f = tmp_path / "crc.docx"
    f.write_bytes(bytes(data))
    with pytest.raises(ReadError):
        load(f)


def test_zip_without_document_xml(tmp_path):
    f = tmp_path / "empty.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/styles.xml", "<w:styles/>")
    with pytest.raises(ReadError) as err:
        load(f)
    assert "document.xml" in err.value.message


def test_zip_bomb_refused_by_declared_size(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_DOCUMENT_XML", 1024 * 1024)
    f = tmp_path / "bomb.docx"
    payload = HEAD + "<w:p><w:r><w:t>" + "0" * (8 * 1024 * 1024) + "</w:t></w:r></w:p>" + TAIL
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", payload)
    assert f.stat().st_size < 100 * 1024

    def no_inflate(*args, **kwargs):
        raise AssertionError("document.xml must not be inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflate)
    with pytest.raises(ReadError) as err:
        load(f)
    assert "MB" in err.value.message


def test_zip_bomb_with_lying_header_is_read_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_DOCUMENT_XML", 64 * 1024)
    f = tmp_path / "liar.docx"
    payload = (HEAD + "<w:p><w:r><w:t>" + "0" * (4 * 1024 * 1024) + "</w:t></w:r></w:p>" + TAIL).encode()
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", payload)
    data = bytearray(f.read_bytes())
    # Declare 1000 bytes in both the local header and the central directory.
    local = data.index(b"PK\x03\x04")
    data[local + 22: local + 26] = (1000).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24: central + 28] = (1000).to_bytes(4, "little")
    f.write_bytes(bytes(data))
    assert zipfile.ZipFile(f).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(ReadError):
        load(f)


def test_real_size_bomb_is_refused(tmp_path):
    """100 MB of zeros (over the real 64 MB limit) refused from the header (timing is benchmarked, not tested)."""
    f = tmp_path / "bomb100.docx"
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(HEAD.encode())
            for _ in range(100):
                out.write(chunk)
    with pytest.raises(ReadError):
        load(f)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>前&x;后</w:t></w:r></w:p></w:body></w:document>')
    f = tmp_path / "xxe.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", xml)
    try:
        loaded = load(f)
    except ReadError:
        return
    assert all("机密" not in t for t in texts(loaded))


def test_broken_xml(tmp_path):
    f = tmp_path / "broken.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", "<<<this is not xml")
    with pytest.raises(ReadError):
        load(f)


def test_truncated_xml_is_recovered_with_a_note(tmp_path):
    f = tmp_path / "half.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", HEAD + p("一、总体情况") + p("未完"))
    loaded = load(f)
    assert texts(loaded)[:1] == ["一、总体情况"]
    assert loaded.notes


def test_not_a_word_document_xml(tmp_path):
    f = tmp_path / "other.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", "<html><body>hi</body></html>")
    with pytest.raises(ReadError):
        load(f)


def test_loader_never_writes(tmp_path):
    f = make_docx(tmp_path / "ro.docx", p("x") + tbl(tc("1")))
    f.chmod(stat.S_IRUSR)
    before = (f.read_bytes(), sorted(os.listdir(tmp_path)))
    load(f)
    assert (f.read_bytes(), sorted(os.listdir(tmp_path))) == before


# --------------------------------------------------------------------------- old .doc / .wps

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_doc_without_libreoffice_is_left_to_the_engine(tmp_path, monkeypatch):
    monkeypatch.setattr(loader._convert.shutil, "which", lambda name: None)
    f = tmp_path / "old.doc"
    f.write_bytes(OLE_MAGIC + b"\x00" * 1024)
    assert load(f, "doc") is None


def test_encrypted_office_file_is_refused_and_not_converted(tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an encrypted file must not be sent to LibreOffice")

    monkeypatch.setattr(loader._convert.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(loader._convert.subprocess, "Popen", never)
    f = tmp_path / "locked.docx"
    f.write_bytes(OLE_MAGIC + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(ReadError) as err:
        load(f, "doc")
    assert "加密" in err.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as a stand-in for soffice")
def test_doc_converted_by_libreoffice_in_a_private_folder(tmp_path, monkeypatch):
    converted = make_docx(tmp_path / "converted.docx", p("一、总体情况") + tbl(tc("1") + tc("2")))
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "args.txt"
    fake = bindir / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{log}"\n'
        'while [ $# -gt 0 ]; do\n'
        '  if [ "$1" = "--outdir" ]; then out="$2"; shift; fi\n'
        '  last="$1"; shift\n'
        "done\n"
        'name=$(basename "$last"); name="${name%.*}"\n'
        f'cp "{converted}" "$out/$name.docx"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    user = tmp_path / "user"
    user.mkdir()
    f = user / "旧报告.doc"
    f.write_bytes(OLE_MAGIC + b"\x00" * 1024)
    loaded = load(f, "doc")
    assert loaded.format == "doc"
    assert texts(loaded) == ["一、总体情况"]
    assert tables(loaded)[0].rows == (("1", "2"),)
    assert any("LibreOffice" in n for n in loaded.notes)
    assert sorted(os.listdir(user)) == ["旧报告.doc"]  # nothing written next to the file
    args = log.read_text(encoding="utf-8")
    assert "--headless" in args and "--convert-to docx" in args and str(user) not in args


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as a stand-in for soffice")
def test_failed_conversion_is_a_read_error(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))
    f = tmp_path / "old.wps"
    f.write_bytes(OLE_MAGIC + b"\x00" * 1024)
    with pytest.raises(ReadError) as err:
        load(f, "doc")
    assert "LibreOffice" in err.value.message


# --------------------------------------------------------------------------- shared corpus


def corpus_docx() -> list[Path]:
    return sorted(CORPUS.glob("*.docx")) if CORPUS.is_dir() else []


def test_corpus_and_template_load():
    files = corpus_docx() + ([TEMPLATE] if TEMPLATE.is_file() else [])
    if not files:
        pytest.skip("shared corpus not available")
    for f in files:
        loaded = load(f)
        assert loaded.blocks, f
        grids = tables(loaded)
        assert len(grids) == 3, f
        for grid in grids:
            widths = {len(r) for r in grid.rows}
            assert len(widths) == 1, f  # rectangular
            assert grid.rows[0][0], f  # a merge's text sits in its top-left position


def test_template_tables_have_expected_shape():
    if not TEMPLATE.is_file():
        pytest.skip("template not available")
    grids = tables(load(TEMPLATE))
    requests = next(g for g in grids if any("本年新收" in (c or "") for r in g.rows for c in r))
    labels = ["".join(c or "" for c in r) for r in requests.rows]
    assert any("结转下年度" in x for x in labels)
    # 「三、本年度办理结果」 is one vertical merge covering the outcome rows
    col0 = [r[0] for r in requests.rows]
    start = next(i for i, c in enumerate(col0) if c and "办理结果" in c.replace("\n", ""))
    assert col0[start + 1] is None and col0[start + 10] is None


def test_show_json_matches_truth(capsys):
    truth_file = CORPUS / "truth.json"
    if not truth_file.is_file():
        pytest.skip("shared corpus not available")
    from gxcheck.cli import main

    truth = {t["file"]: t for t in json.loads(truth_file.read_text(encoding="utf-8"))}
    files = corpus_docx()
    try:
        main(["show", "--format", "json", *map(str, files)])
    except SystemExit:
        pass
    shown = {Path(d["path"]).name: d for d in json.loads(capsys.readouterr().out)}
    assert shown["r000.docx"]["tables"]["proactive"]["penalty"] == [29]
    wrong = []
    for f in files:
        want = truth[f.name]["tables"]
        got = shown[f.name]["tables"]
        for table in ("proactive", "requests"):
            for key, values in want[table].items():
                row = (got.get(table) or {}).get(key) or []
                for i, v in enumerate(values):
                    if v != "skip" and (i >= len(row) or row[i] != v):
                        wrong.append(f"{f.name} {table}.{key}[{i}]: want {v}, got {row[i] if i < len(row) else None}")
        review = got.get("review") or {}
        flat = sum((review.get(g) or [None] * 5 for g in ("review", "suit_direct", "suit_after")), [])
        for i, v in enumerate(want["review"]):
            if v != "skip" and flat[i] != v:
                wrong.append(f"{f.name} review[{i}]: want {v}, got {flat[i]}")
    assert not wrong, wrong[:10]


def test_encrypted_docx_given_as_docx_says_encrypted(tmp_path):
    f = tmp_path / "locked.docx"
    f.write_bytes(OLE_MAGIC + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(ReadError) as err:
        load(f, "docx")
    assert "加密" in err.value.message


def test_odd_numbering_values_do_not_explode(tmp_path):
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="999999999"/><w:numFmt w:val="upperLetter"/>'
                 '<w:lvlText w:val="%1."/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="x"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    body = p("甲", numbered(0)) + p("乙", numbered(1)) + p("丙", numbered(42))
    loaded = load(make_docx(tmp_path / "odd.docx", body, {"word/numbering.xml": numbering}))
    assert texts(loaded) == ["999999999.甲", "999999999.1乙", "丙"]
