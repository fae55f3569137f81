"""Acceptance review: gxcheck as a reviewer, a clerk and an archive meet it, on the shared files and
on files built here; each test fails without the fix it guards."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, run_cli, shared_path

# 「第12行」: a counter of paragraphs in a Word file or a web page, of extracted lines in a PDF.
_LINE = re.compile(r"第\s*\d+\s*行")


@pytest.mark.parametrize("fmt", ["text", "csv", "junit", "pytest", "sarif"])
def test_places_in_word_web_and_pdf_files_are_never_a_line_number(capsys, fmt):
    files = [str(shared_path("corpus", name)) for name in ("r020.docx", "r033.html", "r010.pdf")]
    _, out, _ = run_cli(capsys, "run", "--no-progress", "-f", fmt, *files)
    assert "N002" in out  # a finding about a paragraph, which carries a line internally
    assert not _LINE.search(out)
    # r020's N001 quotes a phrase from the middle of its paragraph: the place gives the opening words.
    assert "段落「2024年度,本镇未收到政府信息公开申请" in out
    if fmt == "sarif":
        regions = [loc["physicalLocation"].get("region") for run in json.loads(out)["runs"]
                   for r in run["results"] for loc in r["locations"]]
        assert regions and not any(regions)


def test_a_text_file_keeps_its_line_numbers(capsys):
    _, out, _ = run_cli(capsys, "run", "--no-progress", str(shared_path("corpus", "r003.txt")))
    assert re.search(r"S004 第六部分 / 第\d+行", out)
    _, out, _ = run_cli(capsys, "run", "--no-progress", "-f", "sarif", str(shared_path("corpus", "r003.txt")))
    assert any(loc["physicalLocation"].get("region", {}).get("startLine")
               for run in json.loads(out)["runs"] for r in run["results"] for loc in r["locations"])


def _edit_document(source, target, edit):
    """``source`` copied to ``target`` with ``edit(root)`` applied to its word/document.xml in place."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)


def _framed(source, target, row_per_part=False):
    """``source`` with its whole body moved into a table of one cell (a frame around the text), or
    into a table of one column with a row for each part."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def edit(root):
        body = root.find(f"{{{w}}}body")
        content = [el for el in body if el.tag != f"{{{w}}}sectPr"]
        tbl = etree.Element(f"{{{w}}}tbl")
        tc = None
        for el in content:
            text = "".join(el.itertext())
            if tc is None or row_per_part and el.tag == f"{{{w}}}p" and text[:2] in (
                    "一、", "二、", "三、", "四、", "五、", "六、"):
                if tc is not None:
                    etree.SubElement(tc, f"{{{w}}}p")  # a cell ends with a paragraph
                tc = etree.SubElement(etree.SubElement(tbl, f"{{{w}}}tr"), f"{{{w}}}tc")
            tc.append(el)  # moves it out of the body
        etree.SubElement(tc, f"{{{w}}}p")
        body.insert(0, tbl)

    _edit_document(source, target, edit)


@pytest.mark.parametrize("row_per_part", [False, True])
def test_a_word_file_whose_body_sits_in_a_one_cell_frame_is_read_as_the_body(capsys, tmp_path, row_per_part):
    source = shared_path("corpus", "r020.docx")
    framed = tmp_path / "framed.docx"
    _framed(source, framed, row_per_part)
    plain, boxed = (json.loads(run_cli(capsys, "show", "-f", "json", str(p))[1])[0] for p in (source, framed))
    for key in ("title", "agency", "year", "parts", "signoff", "tables"):
        assert boxed[key] == plain[key], key
    codes = [sorted(f["code"] for f in json.loads(run_cli(capsys, "run", "-f", "json", str(p))[1])["documents"][0]
                    ["findings"]) for p in (source, framed)]
    assert codes[1] == codes[0] and "A003" in codes[0]


def _total_column_first(source, target):
    """``source`` with table 三's 「总计」 column moved before 「自然人」 (header rows and data rows)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def edit(root):
        table = next(t for t in root.iter(f"{w}tbl") if "本年新收" in "".join(t.itertext()))
        for n, tr in enumerate(table.findall(f"{w}tr")):
            cells = tr.findall(f"{w}tc")
            if n == 0:
                continue  # 「申请人情况」 spans every column
            values = 3 if n == 1 else 7  # 自然人 · 法人或其他组织 · 总计 over the columns
            cells[-1].getparent().remove(cells[-1])
            cells[-values].addprevious(cells[-1])

    _edit_document(source, target, edit)


def _as_pdf(source, folder):
    """``source`` printed to PDF by LibreOffice (the test is skipped where it is not installed)."""
    import subprocess
    import tempfile
    from pathlib import Path

    from gxcheck.loaders.docx import _convert

    soffice = _convert.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=300)
    return folder / (Path(source).stem + ".pdf")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_table_three_with_its_columns_in_another_order_is_read_by_their_titles(capsys, tmp_path, kind):
    source = shared_path("corpus", "r016.docx")  # a clean report with applications in several columns
    moved = tmp_path / "moved.docx"
    _total_column_first(source, moved)
    if kind == "pdf":  # table 三 runs over two pages, its header only on the first
        source, moved = _as_pdf(source, tmp_path), _as_pdf(moved, tmp_path)
    plain, other = (json.loads(run_cli(capsys, "show", "-f", "json", str(p))[1])[0] for p in (source, moved))
    assert other["tables"]["requests"] == plain["tables"]["requests"]
    assert plain["tables"]["requests"]["new"] == [6, 1, 1, 0, 0, 1, 9]
    findings = json.loads(run_cli(capsys, "run", "-f", "json", str(moved))[1])["documents"][0]["findings"]
    t004 = [f for f in findings if f["code"] == "T004"]
    assert len(t004) == 1 and "依次为总计、自然人、商业企业" in t004[0]["message"]
    assert not [f for f in findings if f["code"][0] in "AE"]  # no sum is broken, no number in doubt


def _pasted_twice(source, target, change=False, word="本年新收"):
    """``source`` with the table holding ``word`` pasted again below itself (its first number
    changed when ``change``)."""
    import copy

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def edit(root):
        table = next(t for t in root.iter(f"{w}tbl") if word in "".join(t.itertext()))
        again = copy.deepcopy(table)
        if change:
            first_number = next(t for t in again.iter(f"{w}t") if (t.text or "").strip().isdigit())
            first_number.text = str(int(first_number.text) + 1)
        table.addnext(again)

    _edit_document(source, target, edit)


@pytest.mark.parametrize("change", [False, True])
@pytest.mark.parametrize("word, table", [("本年新收", "表三"), ("规章", "表二"), ("结果维持", "表四")])
def test_a_table_pasted_twice_is_said_once(capsys, tmp_path, change, word, table):
    source = shared_path("corpus", "r016.docx")
    twice = tmp_path / "twice.docx"
    _pasted_twice(source, twice, change, word)
    plain, doubled = (json.loads(run_cli(capsys, "show", "-f", "json", str(p))[1])[0] for p in (source, twice))
    assert doubled["tables"] == plain["tables"]
    findings = json.loads(run_cli(capsys, "run", "-f", "json", str(twice))[1])["documents"][0]["findings"]
    assert [f["code"] for f in findings if f["code"][0] in "TAE"] == ["T004"]
    message = findings[[f["code"] for f in findings].index("T004")]["message"]
    assert message.startswith(table) and "出现了两次" in message and ("数字不同" in message) == change


def test_a_row_of_table_two_written_twice_is_said(capsys, tmp_path):
    text = (ROOT / "examples" / "reports" / "双溪镇2024年报告.txt").read_text(encoding="utf-8")
    doubled = text.replace("\t行政处罚\n\t0\n", "\t行政处罚\n\t0\n\n\t行政处罚\n\t3\n", 1)
    assert doubled != text
    (tmp_path / "r.txt").write_text(doubled, encoding="utf-8")
    findings = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path / "r.txt"))[1])["documents"][0]["findings"]
    t004 = [f for f in findings if f["code"] == "T004"]
    assert len(t004) == 1 and "「行政处罚」一行重复出现" in t004[0]["message"]
    assert t004[0]["location"]["row"] == "penalty"


@pytest.mark.parametrize("years", ["2023年、2024年", "2023-2024年", "2023至2024年度"])
def test_a_title_naming_two_years_is_s005_and_the_year_is_the_one_the_report_confirms(capsys, tmp_path, years):
    source = shared_path("corpus", "r027.txt")  # 临川区东岭乡, 2024, statistics period and sign-off agree
    text = source.read_text(encoding="utf-8")
    edited = text.replace("2024 年政府信息公开工作年度报告", f"{years}政府信息公开工作年度报告", 1)
    assert edited != text
    (tmp_path / "r.txt").write_text(edited, encoding="utf-8")
    doc = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path / "r.txt"))[1])["documents"][0]
    plain = json.loads(run_cli(capsys, "run", "-f", "json", str(source))[1])["documents"][0]
    assert doc["year"] == 2024 and doc["agency"] == plain["agency"]
    s005 = [f["message"] for f in doc["findings"] if f["code"] == "S005"]
    assert len(s005) == 1 and "2023 年和 2024 年两个年度" in s005[0]
    # Nothing else changes: no D007 or S006 blaming the year, no D003 over the agency.
    others = sorted(f["code"] for f in doc["findings"] if f["code"] != "S005")
    assert others == sorted(f["code"] for f in plain["findings"])


# --------------------------------------------------------------------------- files a user names


def _usage_error(capsys, *args):
    code, out, err = run_cli(capsys, "run", "--no-progress", *args)
    assert code == 2 and "Traceback" not in err
    # The system's and the parsers' English never reaches the user.
    assert not re.search(r"Is a directory|No such file|Expected|codec|invalid|at line", err), err
    return err


@pytest.mark.parametrize("option, expect", [
    ("--baseline", "无法读取基线文件"), ("--waivers", "是一个文件夹"), ("--output", "无法写入输出文件"),
    ("--write-baseline", "无法写入基线文件"), ("--config", "是一个文件夹")])
def test_a_folder_given_for_a_file_is_said_in_chinese(capsys, tmp_path, option, expect):
    (tmp_path / "adir").mkdir()
    err = _usage_error(capsys, str(shared_path("corpus", "r003.txt")), option, str(tmp_path / "adir"))
    assert expect in err and "文件夹" in err


def test_an_output_in_a_folder_that_does_not_exist_is_said_in_chinese(capsys, tmp_path):
    err = _usage_error(capsys, str(shared_path("corpus", "r003.txt")), "-o", str(tmp_path / "nowhere" / "x.txt"))
    assert "文件夹不存在" in err


@pytest.mark.parametrize("content, expect", [(b"[[waiver\n", "第 1 行第 9 列附近"), (b"\xff\xfe[[waiver]]", "UTF-8")])
@pytest.mark.parametrize("option", ["--waivers", "--config"])
def test_a_waiver_or_config_file_that_does_not_parse_is_said_in_chinese(capsys, tmp_path, content, expect, option):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    err = _usage_error(capsys, str(shared_path("corpus", "r003.txt")), option, str(bad))
    assert "格式有误" in err and expect in err


def test_files_of_other_kinds_in_a_folder_are_named_not_skipped_silently(capsys, tmp_path):
    import shutil

    shutil.copy(shared_path("corpus", "r003.txt"), tmp_path / "r003.txt")
    for name in ("统计表.xlsx", "扫描1.jpg", "扫描2.jpg", "~$报告.docx", ".hidden.txt"):
        (tmp_path / name).write_bytes(b"x")
    code, out, err = run_cli(capsys, "run", "--no-progress", str(tmp_path))
    assert code == 0 and "r003.txt" in out and "统计表" not in out
    assert "4 个文件不是报告格式" in err and ".jpg 2 个" in err and ".xlsx 1 个" in err and "~$" in err
    assert err.count(str(tmp_path)) == 3 and "等。" in err and ".hidden" not in err  # a few named, not all


# --------------------------------------------------------------------------- messages say what to do


def test_a004_says_what_to_do(capsys):
    doc = json.loads(run_cli(capsys, "run", "-f", "json", str(shared_path("corpus", "r010.pdf")))[1])["documents"][0]
    a004 = [f["message"] for f in doc["findings"] if f["code"] == "A004"]
    assert a004 and all("请核对" in m for m in a004)


def test_y007_says_what_to_do(capsys, tmp_path):
    import shutil

    for name in ("s07y0.html", "s07y2.html"):  # one body's reports of 2023 and 2025, not 2024's
        shutil.copy(shared_path("series", name), tmp_path / name)
    out = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path))[1])
    y007 = [f["message"] for d in out["documents"] for f in d["findings"] if f["code"] == "Y007"]
    assert y007 and all("请" in m for m in y007)


def test_y002_names_its_column_by_its_printed_title(capsys):
    _, out, _ = run_cli(capsys, "run", "--no-progress", str(shared_path("series")))
    y002 = [line for line in out.splitlines() if "Y002" in line]
    assert y002 and all("列「现行有效件数」" in line for line in y002) and "in_force" not in out


def test_y005_names_a_few_copies_not_all_of_them(capsys, tmp_path):
    import shutil

    for n in range(30):
        shutil.copy(ROOT / "examples" / "reports" / "双溪镇2024年报告.txt", tmp_path / f"副本{n:02d}.txt")
    out = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path))[1])
    y005 = [f["message"] for d in out["documents"] for f in d["findings"] if f["code"] == "Y005"]
    assert len(y005) == 30
    assert all(m.count(".txt") == 3 and "等 29 份" in m and "这 30 份" in m for m in y005)


def test_y005_tells_copies_of_one_name_in_two_folders_apart(capsys, tmp_path, monkeypatch):
    import shutil

    monkeypatch.chdir(tmp_path)
    for folder in ("草稿", "定稿"):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / "examples" / "reports" / "双溪镇2024年报告.txt", tmp_path / folder / "报告.txt")
    out = json.loads(run_cli(capsys, "run", "-f", "json", ".")[1])
    y005 = {d["path"]: [f["message"] for f in d["findings"] if f["code"] == "Y005"] for d in out["documents"]}
    assert "定稿/报告.txt" in y005["草稿/报告.txt"][0] and "草稿/报告.txt" in y005["定稿/报告.txt"][0]


# --------------------------------------------------------------------------- results beside the reports


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_result_file_that_would_overwrite_a_report_is_refused(capsys, tmp_path, option):
    import shutil

    report = tmp_path / "r003.txt"
    shutil.copy(shared_path("corpus", "r003.txt"), report)
    before = report.read_bytes()
    code, _, err = run_cli(capsys, "run", "--no-progress", str(tmp_path), option, str(report))
    assert code == 2 and "不会改写报告" in err and report.read_bytes() == before


def test_results_saved_among_the_reports_are_not_read_as_reports(capsys, tmp_path, monkeypatch):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copy(shared_path("corpus", "r016.docx"), tmp_path / "r016.docx")
    for fmt, name in (("html", "检查结果.html"), ("text", "结果.txt"), ("pytest", "pytest.txt")):
        run_cli(capsys, "run", "--no-progress", ".", "-f", fmt, "-o", name)
    out = json.loads(run_cli(capsys, "run", "-f", "json", ".")[1])
    docs = {d["path"]: d for d in out["documents"]}
    assert sorted(docs) == ["pytest.txt", "r016.docx", "检查结果.html", "结果.txt"]
    for name in ("pytest.txt", "检查结果.html", "结果.txt"):
        assert [f["code"] for f in docs[name]["findings"]] == ["E001"]
        assert "gxcheck 自己写出的检查结果" in docs[name]["findings"][0]["message"]
    # The file a run writes to is not among the files it checks.
    run_cli(capsys, "run", "--no-progress", ".", "-o", "结果.txt")
    assert "■ 结果.txt" not in (tmp_path / "结果.txt").read_text(encoding="utf-8")


def test_rule_suggests_the_nearest_codes_and_takes_lower_case(capsys):
    code, _, err = run_cli(capsys, "rule", "T04")
    assert code == 2 and "T004" in err
    code, out, _ = run_cli(capsys, "rule", "t004")
    assert code == 0 and out.startswith("T004")


_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


@pytest.mark.parametrize("entry", ["{heading}", "{heading}……………………{page}", "{heading}　{page}"])
def test_a_table_of_contents_listing_the_parts_is_not_where_they_are(capsys, tmp_path, entry):
    source = shared_path("corpus", "r003.txt")
    text = source.read_text(encoding="utf-8")
    at = text.index("一、总体情况")
    contents = "目录\n" + "".join(entry.format(heading=h, page=n + 1) + "\n" for n, h in enumerate(_HEADINGS))
    (tmp_path / "r.txt").write_text(text[:at] + contents + text[at:], encoding="utf-8")
    codes = [sorted(f["code"] for f in json.loads(run_cli(capsys, "run", "-f", "json", str(p))[1])["documents"][0]
                    ["findings"]) for p in (source, tmp_path / "r.txt")]
    assert codes[1] == codes[0]
    plain, listed = (json.loads(run_cli(capsys, "show", "-f", "json", str(p))[1])[0] for p in (source, tmp_path / "r.txt"))
    assert listed["tables"] == plain["tables"] and listed["parts"] == plain["parts"]


def test_table_four_with_its_groups_as_rows_is_read_by_their_names(capsys, tmp_path):
    import docx

    source = shared_path("corpus", "r016.docx")
    document = docx.Document(str(source))
    old = next(t for t in document.tables if "结果维持" in "".join(c.text for c in t.rows[-2].cells))
    numbers = [c.text for c in old.rows[-1].cells]
    rows = [["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] + [
        [name, *numbers[5 * g:5 * g + 5]] for g, name in enumerate(("行政复议", "行政诉讼（未经复议直接起诉）",
                                                                     "行政诉讼（复议后起诉）"))]
    new = document.add_table(rows=4, cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            new.cell(r, c).text = value
    old._tbl.addnext(new._tbl)
    old._tbl.getparent().remove(old._tbl)
    document.save(str(tmp_path / "rows.docx"))
    plain, by_rows = (json.loads(run_cli(capsys, "show", "-f", "json", str(p))[1])[0]
                      for p in (source, tmp_path / "rows.docx"))
    assert by_rows["tables"]["review"] == plain["tables"]["review"] and any(plain["tables"]["review"]["review"])
    findings = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path / "rows.docx"))[1])["documents"][0]["findings"]
    assert [f["code"] for f in findings if f["code"][0] in "TAE"] == ["T004"]
    assert "写成了三行" in next(f["message"] for f in findings if f["code"] == "T004")


@pytest.mark.parametrize("kind", ["folder", "not a database"])
def test_a_cache_file_that_cannot_be_opened_is_said_in_chinese(capsys, tmp_path, kind):
    target = tmp_path / "cache"
    if kind == "folder":
        target.mkdir()
    else:
        target.write_text("不是数据库", encoding="utf-8")
    err = _usage_error(capsys, str(shared_path("corpus", "r003.txt")), "--cache-file", str(target))
    assert "无法打开结果缓存" in err and ("文件夹" in err if kind == "folder" else "不是 SQLite" in err)
    assert "database" not in err


def test_a_blank_total_is_said_to_be_blank_not_0(capsys, tmp_path):
    import docx

    # A converter left the 总计 of table 三's last row blank: 「总计空白」, never 「总计为 0」.
    doc = json.loads(run_cli(capsys, "run", "-f", "json", str(shared_path("real", "sh_kewei_2024_extract.md")))[1])
    a003 = [f["message"] for f in doc["documents"][0]["findings"] if f["code"] == "A003"]
    assert a003 and all("总计空白" in m and "总计为 0" not in m for m in a003)
    # Table 四's 行政复议 总计 left blank in a Word file whose group adds up to 3.
    document = docx.Document(str(shared_path("corpus", "r016.docx")))
    table = next(t for t in document.tables if "结果维持" in "".join(c.text for c in t.rows[-2].cells))
    table.rows[-1].cells[4].text = ""
    document.save(str(tmp_path / "blank.docx"))
    doc = json.loads(run_cli(capsys, "run", "-f", "json", str(tmp_path / "blank.docx"))[1])
    a004 = [f["message"] for f in doc["documents"][0]["findings"] if f["code"] == "A004"]
    assert len(a004) == 1 and "总计空白，但维持、纠正、其他结果、尚未审结之和为 3" in a004[0]


@pytest.mark.parametrize("where", ["command line", "config"])
def test_a_deadline_that_is_no_day_of_the_year_is_a_usage_error(capsys, tmp_path, monkeypatch, where):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copy(shared_path("corpus", "r003.txt"), tmp_path / "r003.txt")
    if where == "config":
        (tmp_path / "gxcheck.toml").write_text('deadline = "02-30"\n', encoding="utf-8")
        code, _, err = run_cli(capsys, "run", "--no-progress", "r003.txt")
    else:
        code, _, err = run_cli(capsys, "run", "--no-progress", "r003.txt", "--deadline", "04-31")
    assert code == 2 and "一年中的某一天" in err
    (tmp_path / "gxcheck.toml").write_text('deadline = "02-29"\n', encoding="utf-8")  # a leap day is a day
    assert run_cli(capsys, "run", "--no-progress", "r003.txt")[0] == 0


def test_a_negative_number_of_jobs_is_a_usage_error(capsys):
    code, _, err = run_cli(capsys, "run", "--no-progress", "-j", "-1", str(shared_path("corpus", "r003.txt")))
    assert code == 2 and "--jobs" in err


# --------------------------------------------------------------------------- waivers


def _series_pair(tmp_path, waiver_location):
    import shutil

    for name in ("s01y0.docx", "s01y1.html"):  # 宁远县杏花街道 2022 and 2023: one Y002 on 现行有效件数
        shutil.copy(shared_path("series", name), tmp_path / name)
    (tmp_path / "gxcheck-waivers.toml").write_text(
        f'[[waiver]]\ncode = "Y002"\nbody = "宁远县杏花街道"\nreason = "清理后重新统计"\nlocation = {waiver_location}\n',
        encoding="utf-8")


@pytest.mark.parametrize("location", ['{table = "proactive", column = "in_force"}',
                                      '{table = "表二", column = "现行有效件数"}',
                                      '{table = "表二（主动公开）", row = "行政规范性文件", column = "现行有效件数"}'])
def test_a_waiver_location_may_use_the_names_the_outputs_print(capsys, tmp_path, monkeypatch, location):
    _series_pair(tmp_path, location)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "run", "--no-progress", ".")
    assert "[已豁免] Y002" in out and "未用上" not in err
    assert "gxcheck-waivers.toml" not in err  # gxcheck's own settings are not 「not a report」


def test_a_waiver_location_that_names_nothing_is_a_usage_error(capsys, tmp_path, monkeypatch):
    _series_pair(tmp_path, '{table = "表二", column = "现行有效"}')
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "run", "--no-progress", ".")
    assert code == 2 and "location 的 column 写作「现行有效」" in err and "现行有效件数" in err


def test_paths_written_the_windows_way_name_the_same_files(capsys, tmp_path, monkeypatch):
    import shutil

    (tmp_path / "街道").mkdir()
    shutil.copy(ROOT / "examples" / "reports" / "马店镇2024年报告.txt", tmp_path / "街道" / "马店镇.txt")
    (tmp_path / "gxcheck-waivers.toml").write_text(
        "[[waiver]]\ncode = \"D001\"\nfile = '街道\\马店镇.txt'\nreason = \"县政府办确认\"\n", encoding="utf-8")
    (tmp_path / "gxcheck.toml").write_text("[[overrides]]\npaths = ['街道\\*']\nignore = [\"S004\"]\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, err = run_cli(capsys, "run", "--no-progress", ".")
    assert "[已豁免] D001" in out and "S004" not in out and "未用上" not in err


def test_show_reads_a_report_from_standard_input_as_run_does(tmp_path):
    import subprocess
    import sys

    source = shared_path("corpus", "r020.docx")
    proc = subprocess.run([sys.executable, "-m", "gxcheck", "show", "-f", "json", "-"], input=source.read_bytes(),
                          capture_output=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    shown = json.loads(proc.stdout.decode("utf-8"))[0]
    assert shown["path"] == "-" and shown["agency"] == "宜川县青石镇人民政府" and shown["tables"]["requests"]


def test_the_run_s_own_baseline_is_not_listed_as_a_skipped_file(capsys, tmp_path, monkeypatch):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copy(shared_path("corpus", "r003.txt"), tmp_path / "r003.txt")
    run_cli(capsys, "run", "--no-progress", ".", "--write-baseline", "known.json")
    _, _, err = run_cli(capsys, "run", "--no-progress", ".", "--baseline", "known.json")
    assert "不是报告格式" not in err
    _, _, err = run_cli(capsys, "run", "--no-progress", ".")
    assert "known.json" in err  # not given to this run: named like any other file
