"""The html loader: text and grids in order, spans expanded, page furniture left out, bad pages refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxcheck.ftypes import ReadError, TableBlock, TextBlock
from gxcheck.loaders import html as loader
from gxcheck.sniff import detect_format

from conftest import SHARED, shared_path, show_json

TITLE = "某某镇人民政府2024年政府信息公开工作年度报告"


def page(body: str, head: str = '<meta charset="utf-8">', title: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def write(tmp_path: Path, content: str | bytes, name: str = "r.html") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def NO_OCR(image):
    return None


def load(path: Path):
    loaded = loader.gxcheck_load(path=path, format="html", ocr=NO_OCR)
    assert loaded is not None and loaded.format == "html"
    return loaded


def texts(loaded) -> list[str]:
    return [b.text for b in loaded.blocks if isinstance(b, TextBlock)]


def grids(loaded) -> list[tuple]:
    return [b.rows for b in loaded.blocks if isinstance(b, TableBlock)]


def kinds(loaded) -> str:
    return "".join("T" if isinstance(b, TableBlock) else "p" for b in loaded.blocks)


# --------------------------------------------------------------------------- contract


def test_other_formats_are_not_ours(tmp_path):
    path = write(tmp_path, page("<p>x</p>"))
    assert loader.gxcheck_load(path=path, format="text", ocr=NO_OCR) is None
    assert loader.gxcheck_load(path=path, format="docx", ocr=NO_OCR) is None


def test_paragraphs_and_table_in_document_order(tmp_path):
    body = (
        f"<h1>{TITLE}</h1><p>一、总体情况</p><div>直接写在 div 里的文字</div>"
        "<table><tr><td>a</td><td>b</td></tr></table><ul><li>第一项</li><li>第二项</li></ul>"
    )
    loaded = load(write(tmp_path, page(body)))
    assert kinds(loaded) == "pppTpp"
    assert texts(loaded) == [TITLE, "一、总体情况", "直接写在 div 里的文字", "第一项", "第二项"]
    lines = [b.origin.line for b in loaded.blocks]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_spans_expanded_with_none(tmp_path):
    table = (
        "<table>"
        '<tr><td rowspan="2" colspan="2">头</td><td colspan="2">申请人情况</td></tr>'
        "<tr><td>自然人</td><td>总计</td></tr>"
        '<tr><td rowspan="2">三、结果</td><td>（一）予以公开</td><td>1</td><td></td></tr>'
        "<tr><td>（二）部分公开</td><td>0</td><td>0</td></tr>"
        "</table>"
    )
    (grid,) = grids(load(write(tmp_path, page(f"<p>{TITLE}</p>{table}"))))
    assert grid == (
        ("头", None, "申请人情况", None),
        (None, None, "自然人", "总计"),
        ("三、结果", "（一）予以公开", "1", ""),
        (None, "（二）部分公开", "0", "0"),
    )


def test_thead_tbody_th_and_ragged_rows(tmp_path):
    table = (
        "<table><thead><tr><th>行</th><th>甲</th><th>乙</th></tr></thead>"
        "<tbody><tr><td>一</td><td>1</td></tr><tr><td>二</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    (grid,) = grids(load(write(tmp_path, page(table))))
    # A missing cell is not a blank cell: nothing was written there.
    assert grid == (("行", "甲", "乙"), ("一", "1", None), ("二", "2", "3"))


def test_rowspan_zero_and_overlong_spans_are_clamped(tmp_path):
    table = (
        '<table><tr><td rowspan="0">左</td><td>1</td></tr><tr><td>2</td></tr>'
        '<tr><td rowspan="99">3</td></tr><tr><td colspan="1000000">宽</td></tr></table>'
    )
    (grid,) = grids(load(write(tmp_path, page(table))))
    assert len(grid) == 4
    assert [row[:2] for row in grid[:3]] == [("左", "1"), (None, "2"), (None, "3")]
    assert grid[3][:3] == (None, None, "宽") and len(grid[3]) == 2 + loader.MAX_COLSPAN


def test_paragraphs_br_and_nbsp_inside_cells(tmp_path):
    table = (
        "<table><tr><td><p>商业</p><p>企业</p></td><td>结果<br>纠正</td><td><p>&nbsp;</p></td>"
        "<td><span>1</span>&nbsp;2</td><td>\n   7\n  </td></tr>"
        "<tr><td>x</td><td>y</td><td>z</td><td>w</td><td>v</td></tr></table>"
    )
    (grid,) = grids(load(write(tmp_path, page(table))))
    assert grid[0] == ("商业\n企业", "结果\n纠正", "", "1\xa02", "7")


def test_word_pasted_cells(tmp_path):
    cell = (
        '<td width="60" style="border:solid windowtext 1.0pt"><p class="MsoNormal" align="center">'
        '<span lang="EN-US" style="font-size:10.5pt">26<o:p></o:p></span></p></td>'
    )
    body = (
        "<xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
        '<p class="MsoHeader">一、总体情况<o:p></o:p></p>'
        "<![if !supportLists]><span>1.</span><![endif]>"
        f"<table><tr><td>一、本年新收</td>{cell}{cell}</tr><tr><td>x</td><td></td><td></td></tr></table>"
    )
    loaded = load(write(tmp_path, page(body)))
    assert "Normal" not in "".join(texts(loaded))
    assert texts(loaded)[0] == "一、总体情况"
    assert grids(loaded)[0][0] == ("一、本年新收", "26", "26")


def test_br_splits_lines_and_source_wrapping_is_undone(tmp_path):
    body = "<p>沭阳县发展和改革局<br/>2024年1月17日</p><p>本年度共收到\n    申请26件，\n  全部办结。 See\n  you</p>"
    assert texts(load(write(tmp_path, page(body)))) == [
        "沭阳县发展和改革局", "2024年1月17日", "本年度共收到申请26件，全部办结。 See you"]


def test_pre_keeps_its_lines(tmp_path):
    body = "<pre>一、本年新收\t1\t2\n\n二、上年结转\t0\t0\n</pre>"
    assert texts(load(write(tmp_path, page(body)))) == ["一、本年新收\t1\t2", "二、上年结转\t0\t0"]


def test_traditional_characters_kept_as_written(tmp_path):
    loaded = load(write(tmp_path, page("<p>本年新收政府信息公開申請3件，均已辦結。</p>")))
    assert texts(loaded) == ["本年新收政府信息公開申請3件，均已辦結。"]


# --------------------------------------------------------------------------- encodings


def test_gbk_with_declared_gb2312(tmp_path):
    raw = page(f"<p>{TITLE}</p><p>申请人情况</p>", head='<meta http-equiv="Content-Type" '
               'content="text/html; charset=gb2312">').encode("gbk")
    assert texts(load(write(tmp_path, raw))) == [TITLE, "申请人情况"]


def test_gbk_without_declaration(tmp_path):
    raw = f"<html><body><p>{TITLE}</p><table><tr><td>自然人</td><td>3</td></tr></table></body></html>"
    loaded = load(write(tmp_path, raw.encode("gbk")))
    assert texts(loaded) == [TITLE]
    assert grids(loaded) == [(("自然人", "3"),)]


def test_utf8_page_mislabelled_as_gbk(tmp_path):
    raw = page("<p>总体情况</p>", head='<meta charset="gbk">').encode("utf-8")
    assert texts(load(write(tmp_path, raw))) == ["总体情况"]


def test_gbk_page_labelled_latin1(tmp_path):
    raw = page("<p>总体情况</p>", head='<meta charset="iso-8859-1">').encode("gbk")
    assert texts(load(write(tmp_path, raw))) == ["总体情况"]


def test_big5_declared(tmp_path):
    raw = page("<p>政府資訊公開申請</p>", head='<meta charset="big5">').encode("big5")
    assert texts(load(write(tmp_path, raw))) == ["政府資訊公開申請"]


def test_xml_declaration_and_utf16(tmp_path):
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page("<p>总体情况</p>")
    assert texts(load(write(tmp_path, xhtml, "x.html"))) == ["总体情况"]
    utf16 = page("<p>总体情况</p>").encode("utf-16")
    assert texts(load(write(tmp_path, utf16, "u.html"))) == ["总体情况"]


def test_declared_charset_sniffing():
    assert loader.declared_charset(b'<meta charset="GB2312">') == "gb2312"
    assert loader.declared_charset(b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=gbk'>") == "gbk"
    assert loader.declared_charset(b'<?xml version="1.0" encoding="UTF-8"?>') == "utf-8"
    assert loader.declared_charset(b"<html><body>") is None


# --------------------------------------------------------------------------- furniture


def test_navigation_footer_and_scripts_removed(tmp_path):
    body = (
        '<nav>首页 | 机构概况</nav><div class="breadcrumb">首页 &gt; 政府信息公开 &gt; 年度报告</div>'
        '<div id="topMenu">政务公开 办事服务</div><script>var x = "脚本文字";</script>'
        "<style>p { color: red }</style><noscript>请启用脚本</noscript>"
        f"<h1>{TITLE}</h1><p>一、总体情况</p><p>正文。</p>"
        '<div class="bdsharebuttonbox">分享到：微信 微博</div><div style="display:none">隐藏文字</div>'
        '<p hidden>也是隐藏的</p><footer>版权所有：某某镇人民政府</footer>'
        '<div class="copyright">网站标识码 123</div><!-- 注释文字 -->'
    )
    assert texts(load(write(tmp_path, page(body)))) == [TITLE, "一、总体情况", "正文。"]


def test_furniture_holding_the_report_is_kept(tmp_path):
    # Some templates put everything inside a box whose class says "header" or "nav".
    body = f'<div class="main-nav-wrap"><h1>{TITLE}</h1><p>一、总体情况</p><p>正文。</p></div>'
    assert texts(load(write(tmp_path, page(body)))) == [TITLE, "一、总体情况", "正文。"]


def test_article_body_only_and_title_put_back(tmp_path):
    body = (
        '<div class="top">某某市人民政府门户网站</div>'
        '<div class="left">相关链接<ul><li>2023年报告</li><li>2022年报告</li></ul></div>'
        '<div class="article_title">某某镇2024年政府信息公开工作年度报告</div>'
        '<div class="info">来源：某某镇 浏览次数：123</div>'
        '<div class="TRS_Editor"><p>一、总体情况</p><p>2024年，我镇……</p>'
        "<table><tr><td>一、本年新收</td><td>1</td></tr></table><p>六、其他需要报告的事项</p><p>无。</p></div>"
        '<div class="related">上一篇：某某通知</div>'
    )
    loaded = load(write(tmp_path, page(body, title="某某镇2024年政府信息公开工作年度报告_某某市人民政府")))
    assert texts(loaded) == ["某某镇2024年政府信息公开工作年度报告", "一、总体情况", "2024年，我镇……",
                             "六、其他需要报告的事项", "无。"]
    assert kinds(loaded) == "pppTpp"


def test_page_chrome_before_the_title_and_furniture_lines_dropped(tmp_path):
    body = (
        '<div class="lm">年报</div><ul class="list"><li>某某镇人民政府2023年政府信息公开工作年度报告</li></ul>'
        "<table><tr><td>索引号：</td><td>001</td></tr><tr><td>发布机构：</td><td>某某镇</td></tr></table>"
        f'<h1>{TITLE}</h1><div>发布时间：2025-01-20 浏览次数：35 字号：大 中 小</div>'
        '<div class="wz"><p>一、总体情况</p><p>正文。</p><p>【打印本页】【关闭窗口】</p></div>'
        '<div class="xgwz">相关文章：<a>某某通知</a></div>'
    )
    loaded = load(write(tmp_path, page(body)))
    assert texts(loaded) == [TITLE, "一、总体情况", "正文。"]
    assert grids(loaded) == []


def test_title_taken_from_head_title_without_site_name(tmp_path):
    body = '<div id="zoom"><p>一、总体情况</p><p>正文。</p></div>'
    loaded = load(write(tmp_path, page(body, title=f"{TITLE}-某某县人民政府")))
    assert texts(loaded)[0] == TITLE


def test_title_not_repeated_when_the_body_has_it(tmp_path):
    body = f"<p>{TITLE}</p><p>一、总体情况</p>"
    loaded = load(write(tmp_path, page(body, title=f"{TITLE}_某某县人民政府")))
    assert texts(loaded) == [TITLE, "一、总体情况"]


# --------------------------------------------------------------------------- nested tables


def test_layout_table_read_as_text_and_inner_table_as_grid(tmp_path):
    prose = "本机关全年主动公开政府信息一百余条，涉及政策文件、财政预决算、惠民补贴等内容。" * 3
    body = (
        '<table width="100%"><tr><td class="dh">首页</td></tr><tr><td>'
        f"<p>{TITLE}</p><p>一、总体情况</p><p>{prose}</p>"
        "<table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td><td>5</td></tr></table>"
        "<p>六、其他需要报告的事项</p></td></tr></table>"
    )
    loaded = load(write(tmp_path, page(body)))
    assert grids(loaded) == [(("规章", "0"), ("行政许可", "5"))]
    assert texts(loaded)[-4:] == [TITLE, "一、总体情况", prose, "六、其他需要报告的事项"]
    assert kinds(loaded).endswith("pppTp")


def test_table_nested_in_a_data_cell_comes_after_it(tmp_path):
    body = (
        "<table><tr><td>甲</td><td>1</td><td>2</td></tr>"
        "<tr><td>乙</td><td>3</td><td><table><tr><td>内</td><td>9</td></tr></table></td></tr></table>"
    )
    assert grids(load(write(tmp_path, page(body)))) == [
        (("甲", "1", "2"), ("乙", "3", "")),
        (("内", "9"),),
    ]


def test_one_column_box_is_text(tmp_path):
    body = '<table><tr><td>注：本表数据截至12月31日。</td></tr></table><table><tr><td></td></tr></table>'
    loaded = load(write(tmp_path, page(body)))
    assert kinds(loaded) == "p" and texts(loaded) == ["注：本表数据截至12月31日。"]


# --------------------------------------------------------------------------- bad input


def test_oversized_page_refused_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(loader.MAX_HTML_BYTES + 1)  # sparse: nothing is really written or read
    with pytest.raises(ReadError) as err:
        load(path)
    assert "MB" in err.value.message


@pytest.mark.parametrize("content", [
    "",
    "   \n\t  ",
    "<html><head><title>标题</title></head><body></body></html>",
    "<html><body><div><p>&nbsp;</p><table><tr><td> </td><td></td></tr></table></div></body></html>",
    "<!-- 只有注释 -->",
    "<script>document.write('由脚本生成')</script>",
])
def test_page_without_text_refused(tmp_path, content):
    with pytest.raises(ReadError) as err:
        load(write(tmp_path, content))
    assert err.value.message


def test_image_only_page_says_so(tmp_path):
    with pytest.raises(ReadError) as err:
        load(write(tmp_path, page('<p><img src="http://example.invalid/report.png"></p>')))
    assert err.value.code == "E002" and "图片" in err.value.message


def test_binary_bytes_refused(tmp_path):
    with pytest.raises(ReadError):
        load(write(tmp_path, b"<html>\x00\x01\x02" + bytes(range(256)) * 10))


def test_huge_spans_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_GRID_CELLS", 1000)
    row = '<tr><td>a</td><td colspan="900">x</td></tr>'
    with pytest.raises(ReadError):
        load(write(tmp_path, page("<table>" + row * 3 + "</table>")))


def test_deep_nesting_is_noted_not_crashed(tmp_path):
    body = "<p>一、总体情况</p>" + "<div>" * 5000 + "深处" + "</div>" * 5000 + "<p>正文。</p>"
    loaded = load(write(tmp_path, page(body)))
    assert texts(loaded)[0] == "一、总体情况"
    assert loaded.notes and "嵌套过深" in loaded.notes[0]
    with pytest.raises(ReadError) as err:
        load(write(tmp_path, page("<div>" * 5000 + "深处" + "</div>" * 5000)))
    assert "嵌套过深" in err.value.message


def test_external_references_are_not_fetched(tmp_path):
    content = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://example.invalid/x.dtd">'
        '<html><head><link rel="stylesheet" href="http://example.invalid/a.css">'
        '<script src="http://example.invalid/a.js"></script></head><body>'
        '<iframe src="http://example.invalid/frame.html">框架</iframe><p>总体情况</p></body></html>'
    )
    assert texts(load(write(tmp_path, content))) == ["总体情况"]


def test_file_is_not_modified(tmp_path):
    path = write(tmp_path, page(f"<p>{TITLE}</p>"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    load(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_txt_holding_html_is_routed_as_html(tmp_path, engine):
    path = write(tmp_path, page(f"<p>{TITLE}</p><p>一、总体情况</p><p>正文。</p>"), name="saved page.txt")
    assert detect_format(path) == "html"
    loaded = engine.plugins.load(path, "html")
    assert loaded.format == "html" and texts(loaded)[0] == TITLE


# --------------------------------------------------------------------------- shared files


def _shared_html() -> list[Path]:
    return sorted((SHARED / "corpus").glob("*.html")) + sorted((SHARED / "real").glob("*.html"))


@pytest.mark.parametrize("path", _shared_html() or [None], ids=lambda p: p.name if p else "none")
def test_shared_pages_load(path):
    if path is None:
        pytest.skip("../shared is not available here")
    loaded = load(path)
    assert len(grids(loaded)) >= 3
    assert any("年" in t and "报告" in t for t in texts(loaded)[:3])
    assert not any("首页" in t or "主办单位" in t for t in texts(loaded))


def _cells_equal(got, want) -> bool:
    if isinstance(got, (int, float)) and isinstance(want, (int, float)):
        return abs(got - want) < 1e-9
    return got == want


@pytest.mark.parametrize("name", [f"r{n:03d}.html" for n in range(1, 48, 4)])
def test_corpus_tables_end_to_end(capsys, truth, name):
    path = shared_path("corpus", name)
    (doc,) = show_json(capsys, str(path))
    assert doc["format"] == "html"
    want = truth[name]["tables"]
    got = doc["tables"]
    wrong = []
    for table in ("proactive", "requests"):
        for key, values in want[table].items():
            row = (got.get(table) or {}).get(key) or []
            wrong += [f"{table}.{key}[{i}]: {row[i] if i < len(row) else 'absent'} != {v}"
                      for i, v in enumerate(values) if v != "skip" and not (i < len(row) and _cells_equal(row[i], v))]
    review = got.get("review") or {}
    flat = [c for group in ("review", "suit_direct", "suit_after") for c in (review.get(group) or [None] * 5)]
    wrong += [f"review[{i}]: {flat[i]} != {v}" for i, v in enumerate(want["review"])
              if v != "skip" and not _cells_equal(flat[i], v)]
    assert not wrong, wrong


def test_pingtan_end_to_end(capsys):
    (doc,) = show_json(capsys, str(shared_path("real", "pingtan_2024.html")))
    assert doc["title"] == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert doc["parts"] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    tables = doc["tables"]
    assert tables["proactive"]["normative"] == [62, 33, 440]
    assert [tables["proactive"][k] for k in ("license", "penalty", "coercion")] == [[4529], [1100], [65]]
    assert tables["proactive"]["fees"][0] == pytest.approx(18651.06)
    requests = tables["requests"]
    assert [requests[k][6] for k in ("new", "carried", "total", "carry_over")] == [218, 0, 218, 0]
    assert tables["review"]["review"] == [2, 1, 3, 1, 7]


def test_shuyang_end_to_end(capsys):
    (doc,) = show_json(capsys, str(shared_path("real", "shuyang_fgj_2023.html")))
    assert doc["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert doc["parts"] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert doc["signoff"] == {"agency": "沭阳县发展和改革局", "date": "2024-01-17"}
    requests = doc["tables"]["requests"]
    # The five legal-person columns are blank cells in the page, not zeros.
    assert requests["new"] == [26, None, None, None, None, None, 26]
    assert requests["total"] == [26, None, None, None, None, None, 26]
