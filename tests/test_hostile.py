"""Hostile inputs: every reproducer in ../shared/hostile gives a clear finding (or a clean read),
never exit 3, never a traceback; small hostile files built here keep that tested on a clean clone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, run_cli, run_json
from test_loader_docx import load, make_docx, tables, tbl, tc

HOSTILE = SHARED / "hostile"
SEED = SHARED / "seeds" / "002_06c4d2819f1ca5c3.txt"

#: Reproducers this branch handles (the rest of ../shared/hostile is issue 8's remaining work).
FIXED = [
    "b01_cell_400_digits.txt", "b01b_table3_400_digits.txt", "b02_cell_5000_digits.txt",
    "b02b_narrative_5000_digits.txt", "b06_gridspan_1e19.docx", "b06b_gridspan_3x3e8.docx",
    "b06c_gridspan_rows.docx", "b03_lzma_corrupt.docx", "b05_undeclared_prefix.docx",
    "b04_surrogate_charref_in_cell.docx", "b11_html_mentions_pdf.html", "b11b_txt_mentions_pdf.txt",
    "b12_main_part_via_rels.docx", "b13_gbk_one_bad_byte.txt", "b14_html_with_nul.html",
]
#: Reproducers that are valid reports: they must be read, not refused.
READABLE = ["b11_html_mentions_pdf.html", "b11b_txt_mentions_pdf.txt", "b12_main_part_via_rels.docx",
            "b13_gbk_one_bad_byte.txt", "b14_html_with_nul.html"]


@pytest.mark.parametrize("name", FIXED)
def test_hostile_reproducer_gives_findings_without_crashing(name):
    path = HOSTILE / name
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    for command in (["run", "--format", "json", "--no-progress"], ["show", "--format", "json"]):
        done = subprocess.run([sys.executable, "-m", "gxcheck", *command, str(path)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        data = json.loads(done.stdout)
        if command[0] == "run":
            (doc,) = data["documents"]
            messages = [f["message"] for f in doc["findings"]]
            assert not any("Error" in m or "Exception" in m for m in messages), messages
            if name in READABLE:
                assert not [f for f in doc["findings"] if f["code"] == "E001"], messages


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
