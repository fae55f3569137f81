"""Big5 text is read (or refused as 「编码无法识别」), and a file that is no report gets one E001."""

from __future__ import annotations

import subprocess
from pathlib import Path

import opencc
import pytest

from gxcheck.api import check, read
from gxcheck.loaders._decode import decode_with_notes

_REPORT = """某某县人民政府2023年政府信息公开工作年度报告
一、总体情况
本年度我县认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，不断提高公开质量。
二、主动公开政府信息情况
全年主动公开政府信息120条，政策解读10篇。
三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请3件，均已按时答复。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。
五、存在的主要问题及改进情况
公开内容还不够丰富，下一步将加强培训。
六、其他需要报告的事项
本年度未收取信息处理费。
某某县人民政府
2024年1月20日
"""


def test_big5_text_is_read_as_big5(tmp_path: Path) -> None:
    traditional = opencc.OpenCC("s2t").convert(_REPORT)
    data = traditional.encode("cp950")
    assert data.decode("gb18030")  # GB18030 takes these bytes too, as nonsense
    text, notes = decode_with_notes(data)
    assert text == traditional and any("Big5" in n for n in notes)
    path = tmp_path / "big5.txt"
    path.write_bytes(data)
    report = read(path)
    assert report.year == 2023 and [p.key for p in report.parts] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert not [f for f in check([path])[0].findings if f.code == "E001"]


def test_gbk_text_stays_gbk(tmp_path: Path) -> None:
    data = _REPORT.encode("gbk")
    text, notes = decode_with_notes(data)
    assert text == _REPORT and not notes


def test_text_in_no_known_encoding_is_refused_as_such(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    # Bytes that are not UTF-8, not GB18030 (0x80 alone), not Big5 (0xFF lead byte): no sentence in any.
    path.write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81]) * 400)
    (finding,) = check([path])[0].findings
    assert finding.code == "E001" and finding.message.startswith("编码无法识别")


_COMPARISON = ("某某区政府信息公开年报数据对比表\n（2023年度与2024年度）\n项目\t2023年\t2024年\t变化\n"
               "主动公开政府信息（条）\t2645\t2800\t增加\n行政许可\t2293\t4529\t增加\n行政处罚\t1282\t1100\t减少\n"
               "收到政府信息公开申请（件）\t70\t218\t增加\n行政复议（件）\t1\t0\t减少\n"
               "说明：以上数据摘自两年的政府信息公开工作年度报告，供对照参考。\n")


def test_a_comparison_of_two_reports_is_one_e001(tmp_path: Path) -> None:
    path = tmp_path / "cmp.txt"
    path.write_text(_COMPARISON, encoding="utf-8")
    (finding,) = check([path])[0].findings
    assert finding.code == "E001" and "不是政府信息公开工作年度报告" in finding.message


def test_a_comparison_as_pdf_is_one_e001(tmp_path: Path) -> None:
    from gxcheck.loaders.docx import _convert

    soffice = _convert.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    source = tmp_path / "cmp.txt"
    source.write_text(_COMPARISON, encoding="utf-8")
    subprocess.run([str(soffice), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    (finding,) = check([tmp_path / "cmp.pdf"])[0].findings
    assert finding.code == "E001" and "不是政府信息公开工作年度报告" in finding.message
