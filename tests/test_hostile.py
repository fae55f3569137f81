"""Hostile inputs: every reproducer in ../shared/hostile gives a clear finding (or a clean read),
never exit 3, never a traceback; small hostile files built here keep that tested on a clean clone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, run_cli, run_json
from gxcheck.ftypes import ReadError
from test_loader_docx import load, make_docx, tables, tbl, tc

HOSTILE = SHARED / "hostile"
SEED = SHARED / "seeds" / "002_06c4d2819f1ca5c3.txt"

GOOD = SHARED / "corpus" / "r000.docx"
#: Every reproducer in ../shared/hostile (its README describes them).
REPRODUCERS = sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md") if HOSTILE.is_dir() else []
#: Reproducers that are valid reports: they must be read, not refused.
READABLE = ["b04_surrogate_charref_in_cell.docx", "b04b_surrogate_charref_in_paragraph.docx",
            "b11_html_mentions_pdf.html", "b11b_txt_mentions_pdf.txt", "b12_main_part_via_rels.docx",
            "b13_gbk_one_bad_byte.txt", "b14_html_with_nul.html", "b15_pdf_count_lie.pdf", "external_rels.docx"]


def _run_quietly(capfd, *args: str) -> dict:
    """``gxcheck run --format json`` in this process; its workers' output is caught too (capfd)."""
    from gxcheck.cli import main

    code = main(["run", "--format", "json", "--no-progress", *args])
    out, err = capfd.readouterr()
    assert code in (0, 1), err
    assert err == "", err  # no traceback, no pdfminer or PDFium warning
    return json.loads(out)


def _sound(doc: dict, name: str) -> None:
    """One clear finding (or a reading): no crash of a rule, no raw exception text, no flood."""
    findings = doc["findings"]
    codes = [f["code"] for f in findings]
    assert findings, f"{name}: no finding at all"
    assert "E003" not in codes and codes.count("E001") <= 1, codes
    messages = [f["message"] for f in findings]
    assert not any("Error" in m or "Exception" in m or "Traceback" in m for m in messages), messages
    keys = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in findings]
    assert len(keys) == len(set(keys)), "the same finding is listed more than once"
    if name in READABLE:
        assert "E001" not in codes and "E002" not in codes, messages


_GOOD_ALONE: dict[str, dict] = {}


def _good_alone(capfd) -> dict:
    """The good file's result checked alone (once for the module)."""
    if "result" not in _GOOD_ALONE:
        _GOOD_ALONE["result"] = _run_quietly(capfd, str(GOOD))
    return _GOOD_ALONE["result"]


def _own(doc: dict) -> list[dict]:
    """A file's findings, less those that compare it with the other reports of the run (Y…)."""
    return [f for f in doc["findings"] if not f["code"].startswith("Y")]


@pytest.mark.skipif(not REPRODUCERS, reason="../shared/hostile is not available here")
@pytest.mark.parametrize("name", REPRODUCERS)
def test_reproducer_alone_gives_one_clear_finding_or_a_reading(capfd, name):
    from gxcheck.cli import main

    path = str(HOSTILE / name)
    (doc,) = _run_quietly(capfd, path)["documents"]
    _sound(doc, name)
    assert main(["show", "--format", "json", path]) == 0  # read in this process: the budgets hold
    out, err = capfd.readouterr()
    assert err == "" and json.loads(out)[0]["path"] == path


@pytest.mark.skipif(not REPRODUCERS or not GOOD.exists(), reason="../shared is not available here")
@pytest.mark.parametrize("name", REPRODUCERS)
def test_reproducer_in_a_batch_leaves_the_good_file_alone(capfd, name):
    alone = _good_alone(capfd)
    data = _run_quietly(capfd, str(HOSTILE / name), str(GOOD), "--jobs", "2")
    assert [d["path"] for d in data["documents"]] == [str(HOSTILE / name), str(GOOD)]
    _sound(data["documents"][0], name)
    assert _own(data["documents"][1]) == _own(alone["documents"][0])


@pytest.mark.skipif(not REPRODUCERS or not GOOD.exists(), reason="../shared is not available here")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_whole_folder_in_one_batch(capfd, jobs):
    alone = _good_alone(capfd)
    data = _run_quietly(capfd, str(HOSTILE), str(GOOD), "--jobs", jobs)
    docs = data["documents"]
    names = [Path(d["path"]).name for d in docs[:-1]]
    assert sorted(names) == sorted(REPRODUCERS + ["README.md"]) and docs[-1]["path"] == str(GOOD)  # .md is read too
    for doc, name in zip(docs, names):
        if name != "README.md":
            _sound(doc, name)
    assert _own(docs[-1]) == _own(alone["documents"][0])


def _seed_with(tmp_path: Path, old: str, new: str) -> Path:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available here")
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "r.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_cell_of_hundreds_of_digits_is_an_invalid_cell(capsys, tmp_path, digits):
    path = _seed_with(tmp_path, "一、本年新收政府信息公开申请数量\t\t0", "一、本年新收政府信息公开申请数量\t\t" + "9" * digits)
    doc = run_json(capsys, str(path))["documents"][0]
    codes = [f["code"] for f in doc["findings"]]
    assert "A005" in codes and "E001" not in codes and "E003" not in codes
    code, out, _ = run_cli(capsys, "show", "--format", "json", str(path))
    assert code == 0 and json.loads(out)


def test_a_narrative_run_of_thousands_of_digits_is_no_count(capsys, tmp_path):
    path = _seed_with(tmp_path, "一、本年新收政府信息公开申请数量",
                      "一、本年新收政府信息公开申请数量")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "\n本年共收到申请" + "7" * 5000 + "件。\n", 1), encoding="utf-8")
    doc = run_json(capsys, str(path))["documents"][0]
    assert not [f for f in doc["findings"] if f["code"] in ("E001", "E003")]


def test_huge_grid_spans_are_capped_by_the_table_width(tmp_path):
    huge = '<w:gridSpan w:val="10000000000000000000"/>'
    rows = tables(load(make_docx(tmp_path / "g.docx", tbl(tc("a", huge) + tc("b"), tc("c") + tc("d"), cols=2))))[0].rows
    assert len(rows) == 2 and all(len(r) <= 64 for r in rows)
    assert rows[0][0] == "a" and "b" in rows[0] and rows[1][:2] == ("c", "d")


def test_many_wide_spans_in_many_rows_stay_small(tmp_path):
    row = tc("x", '<w:gridSpan w:val="1000"/>') * 100
    rows = tables(load(make_docx(tmp_path / "w.docx", tbl(*[row] * 300, cols=3))))[0].rows
    assert len(rows) == 300 and max(len(r) for r in rows) <= 63 + 100


def test_pdf_mentioned_in_text_or_html_is_not_a_pdf(tmp_path):
    from gxcheck.sniff import detect_format

    (tmp_path / "a.html").write_text("<html><body><p>附件：%PDF-1.7</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("（附件：扫描件 %PDF-1.4）\n一、总体情况\n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"junk\r\n%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    assert [detect_format(tmp_path / n) for n in ("a.html", "b.txt", "c.pdf")] == ["html", "text", "pdf"]


def test_docx_whose_main_part_is_named_in_the_package_rels_is_a_docx(tmp_path):
    import zipfile

    from gxcheck.sniff import detect_format

    path = tmp_path / "m.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="word/main.xml"/></Relationships>')
        zf.writestr("word/main.xml", "<x/>")
    assert detect_format(path) == "docx"


def test_stray_bytes_are_read_past_and_noted():
    from gxcheck.loaders._decode import decode_with_notes

    text = "一、本年新收政府信息公开申请数量\t0\t0\n" * 20
    gbk = text.encode("gbk")
    read, notes = decode_with_notes(gbk[:37] + b"\x80" + gbk[37:])
    assert read.replace("\ufffd", "") == text and len(notes) == 1 and "第 2 行" in notes[0]
    read, notes = decode_with_notes(text.encode("utf-8").replace(b"\n", b"\x00\n", 1))
    assert read == text and "空字节" in notes[0]
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_with_notes(text.encode(encoding)) == (text, [])


def test_unexpected_failures_are_said_in_chinese():
    from gxcheck.faults import describe_failure

    for exc in (ValueError("x"), KeyError("k"), PermissionError(13, "denied"), FileNotFoundError(2, "gone"),
                OSError(36, "File name too long"), MemoryError(), UnicodeDecodeError("utf-8", b"", 0, 1, "bad")):
        message = describe_failure(exc)
        assert message and message.isascii() is False and type(exc).__name__ not in message


def _killer_engine(engine, victim: str):
    """An engine whose worker dies (as in a native crash) on the file named ``victim``."""
    import os
    import signal

    class Killer:
        def __getattr__(self, name):
            return getattr(engine, name)

        def check_file(self, path, keep_report=True):
            if path.name == victim:
                os.kill(os.getpid(), signal.SIGKILL)
            return engine.check_file(path, keep_report=keep_report)

    return Killer()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_killed_costs_only_its_file(engine, tmp_path, jobs):
    from gxcheck import worker

    if not worker.available():
        pytest.skip("no fork here")
    files = []
    for n in range(5):
        files.append(tmp_path / f"{n}.txt")
        files[-1].write_text("一、总体情况\n本年共收到申请 3 件。\n", encoding="utf-8")
    results = list(worker.check_isolated(_killer_engine(engine, "2.txt"), files, jobs))
    assert [r.path for r in results] == [str(f) for f in files]
    assert [f.code for f in results[2].findings] == ["E001"] and "文件过大或过于复杂" in results[2].error
    assert all(r.error is None or "过大" not in r.error for i, r in enumerate(results) if i != 2)


def test_a_file_past_the_time_limit_gets_e001(engine, tmp_path):
    import time

    from gxcheck import worker

    if not worker.available():
        pytest.skip("no fork here")

    class Slow:
        def __getattr__(self, name):
            return getattr(engine, name)

        def check_file(self, path, keep_report=True):
            if path.name == "slow.txt":
                time.sleep(30)
            return engine.check_file(path, keep_report=keep_report)

    files = [tmp_path / "slow.txt", tmp_path / "ok.txt"]
    for f in files:
        f.write_text("一、总体情况\n", encoding="utf-8")
    results = list(worker.check_isolated(Slow(), files, 1, seconds=1.0))
    assert "读取超时" in results[0].error and [f.code for f in results[0].findings] == ["E001"]
    assert results[1].path == str(files[1]) and "读取超时" not in (results[1].error or "")


def test_sigterm_ends_the_workers(tmp_path):
    import os
    import signal
    import time

    from gxcheck import worker

    if not worker.available() or not Path("/proc").is_dir():
        pytest.skip("needs fork and /proc")
    script = tmp_path / "slow.py"
    script.write_text(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from gxcheck import worker\n"
        "from gxcheck.engine import Engine\n"
        "from gxcheck.manager import Plugins\n"
        "class Slow:\n"
        "    def __init__(self): self.e = Engine(Plugins())\n"
        "    def __getattr__(self, n): return getattr(self.e, n)\n"
        "    def check_file(self, path, keep_report=True): time.sleep(300)\n"
        "list(worker.check_isolated(Slow(), [Path(sys.argv[1])] * 2, 2))\n", encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("x\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(target)])
    children: list[int] = []
    for _ in range(100):
        time.sleep(0.1)
        children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == parent.pid]
        if len(children) == 2:
            break
    assert len(children) == 2
    parent.send_signal(signal.SIGTERM)
    parent.wait(timeout=10)
    for _ in range(50):
        if not any(Path(f"/proc/{c}").exists() and _ppid(c) is not None and _state(c) != "Z" for c in children):
            break
        time.sleep(0.1)
    assert not [c for c in children if Path(f"/proc/{c}").exists() and _state(c) not in ("Z", None)]


def _ppid(pid: int):
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _state(pid: int):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


# --------------------------------------------------------------------------- budgets, built here


def _pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of these numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page(contents: bytes, resources: bytes = b"") -> dict[int, bytes]:
    return {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << %s >> >>"
            % resources, 4: contents}


def test_nested_forms_past_the_budget_are_refused_before_pdfium(tmp_path):
    from gxcheck.loaders.pdf import read_pdf

    objects = _page(_stream(b"/X Do"), b"/XObject << /X 10 0 R >>")
    for depth in range(10):  # each form draws the next one six times: 6^10 drawings
        objects[10 + depth] = _stream(b"/X Do " * 6, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                      b"/Resources << /XObject << /X %d 0 R >> >>" % (11 + depth))
    path = tmp_path / "forms.pdf"
    path.write_bytes(_pdf(objects))
    with pytest.raises(ReadError, match="过于庞大"):
        read_pdf(path)


def test_a_content_stream_inflating_past_the_budget_is_refused(tmp_path):
    import zlib

    from gxcheck.loaders.pdf import read_pdf

    bomb = zlib.compress(b"0 0 m " * (10 * 1024 * 1024), 9)  # 60 MB of content in a small file
    path = tmp_path / "inflate.pdf"
    path.write_bytes(_pdf(_page(_stream(bomb, b"/Filter /FlateDecode"))))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ReadError, match="过于庞大"):
        read_pdf(path)


def test_a_page_count_that_lies_is_judged_by_the_real_pages(tmp_path):
    from gxcheck.loaders.pdf._survey import survey

    text = b"BT /F1 12 Tf 72 700 Td (2024 nian) Tj ET"
    objects = _page(_stream(text), b"/Font << /F1 5 0 R >>")
    objects[2] = b"<< /Type /Pages /Count 100000 /Kids [3 0 R] >>"
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    found = survey(_pdf(objects), 200)
    assert found is not None and found.pages == 1


def test_a_pdf_whose_forms_draw_themselves_is_read(tmp_path):
    from gxcheck.loaders.pdf._survey import survey

    objects = _page(_stream(b"/X Do"), b"/XObject << /X 10 0 R >>")
    objects[10] = _stream(b"/X Do /X Do", b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] "
                                          b"/Resources << /XObject << /X 10 0 R >> >>")
    assert survey(_pdf(objects), 200).pages == 1


def test_millions_of_characters_are_refused_before_recognizing(capsys, tmp_path):
    from gxcheck.budget import MAX_CHARS

    path = tmp_path / "long.txt"
    path.write_text("一、总体情况" * (MAX_CHARS // 6 + 1), encoding="utf-8")
    doc = run_json(capsys, str(path))["documents"][0]
    assert [f["code"] for f in doc["findings"]] == ["E001"] and "30" in doc["findings"][0]["message"]


def test_a_word_file_of_too_many_paragraphs_is_refused_unparsed(tmp_path):
    from gxcheck.loaders.docx import MAX_PARAGRAPHS

    with pytest.raises(ReadError, match="段落"):
        load(make_docx(tmp_path / "many.docx", "<w:p/>" * (MAX_PARAGRAPHS + 1)))


def test_style_chains_are_walked_once_and_loops_end(tmp_path):
    from test_loader_docx import NUMBERING, W, p, texts

    n = 20_000  # S0 ← S1 ← … ← S19999, and a loop L0 → L1 → L0
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{i - 1}"/></w:style>'
                     for i in range(1, n))
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="S0"><w:pPr><w:numPr>'
              '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>' + styles
              + '<w:style w:type="paragraph" w:styleId="L0"><w:basedOn w:val="L1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="L1"><w:basedOn w:val="L0"/></w:style></w:styles>')
    style = '<w:pPr><w:pStyle w:val="{}"/></w:pPr>'
    body = "".join(p("部分", style.format(f"S{n - 1}")) for _ in range(3)) + p("循环", style.format("L0"))
    loaded = load(make_docx(tmp_path / "chain.docx", body, {"word/numbering.xml": NUMBERING, "word/styles.xml": styles}))
    assert texts(loaded) == ["一、部分", "二、部分", "三、部分", "循环"]


def test_a_surrogate_character_reference_is_read_with_a_note(tmp_path):
    from test_loader_docx import p, texts

    loaded = load(make_docx(tmp_path / "s.docx", p("一、总体情况&#xD800;") + p("二&#56000;")))
    assert texts(loaded) == ["一、总体情况\ufffd", "二\ufffd"] and "2 处无效的字符引用" in loaded.notes[0]


def test_identical_findings_are_given_once_with_a_count():
    from gxcheck import Finding, Location, Severity
    from gxcheck.rule import MAX_LISTED, fold_repeats

    same = Finding(code="T004", severity=Severity.ERROR, message="多出一行", location=Location(line=40))
    other = same.model_copy(update={"location": Location(line=41)})
    folded = fold_repeats([same] * 19_999 + [other])
    assert [f.message for f in folded] == ["多出一行（同一问题共 19999 处）", "多出一行"]
    many = [same.model_copy(update={"location": Location(line=n)}) for n in range(MAX_LISTED + 50)]
    folded = fold_repeats(many)
    assert len(folded) == MAX_LISTED + 1 and "另有 50 处同类问题" in folded[-1].message


def test_a_row_thousands_of_cells_wide_gives_one_t004(capsys, tmp_path):
    path = HOSTILE / "b08b_long_row.txt"
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    unit = "       2.申请人逾期未按收费  0      0    0   0   0   0   0"
    text = path.read_text(encoding="utf-8").replace(unit * 20_000, unit * 2_000)  # within the size budget
    (tmp_path / "row.txt").write_text(text, encoding="utf-8")
    doc = run_json(capsys, str(tmp_path / "row.txt"))["documents"][0]
    t004 = [f for f in doc["findings"] if f["code"] == "T004"]
    assert len(t004) == 1 and "共 1999 处" in t004[0]["message"]
