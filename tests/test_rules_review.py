"""What reviewers check beyond sums (issue 13): S008–S010, N009–N011, P001–P002, D008 and A008.

The rule examples run in test_rule_examples.py; here are the seeds, the shared corpus and series,
the real published files, and small files built in the test for the near misses.
"""

from __future__ import annotations

import pytest

from conftest import run_json, shared_path
from gxcheck_rules.privacy.P001 import is_id_number, mask
from gxcheck_rules.signature.D008 import published

NEW = {"S008", "S009", "S010", "N009", "N010", "N011", "P001", "P002", "D008"}
SEEDS = {"000": "000_6b3625ffea8c0954.txt", "001": "001_59c43b68021cf45a.txt", "002": "002_06c4d2819f1ca5c3.txt",
         "003": "003_e08d4762d999e99d.txt", "004": "004_a4f66517a6301564.txt"}
TITLE = "双溪镇2024年度政府信息公开工作年度报告\n"


def loud(doc: dict) -> set[str]:
    return {f["code"] for f in doc["findings"] if f["severity"] in ("error", "warning") and not f.get("undecided")}


def check(engine, tmp_path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return engine.check_file(path).findings


def codes(findings, code: str) -> list:
    return [f for f in findings if f.code == code and not f.undecided]


# --------------------------------------------------------------------------- seeds, corpus, real


def test_seeds_give_s008_exactly_where_rules_md_says(capsys):
    paths = [str(shared_path("seeds", name)) for name in SEEDS.values()]
    docs = {d["path"].rsplit("/", 1)[-1][:3]: d for d in run_json(capsys, *paths)["documents"]}
    for key, doc in docs.items():
        assert loud(doc) & NEW == ({"S008"} if key in ("001", "003") else set()), key
    (s001,) = [f["message"] for f in docs["001"]["findings"] if f["code"] == "S008"]
    assert "政府信息管理、平台建设" in s001 and "主动公开" not in s001.split("没有写到")[1].split("。")[0]
    (s003,) = [f["message"] for f in docs["003"]["findings"] if f["code"] == "S008"]
    assert "依申请公开、政府信息管理、平台建设、监督保障" in s003


@pytest.mark.parametrize("corpus", ["corpus", "series"])
def test_corpus_and_series_give_none_of_the_new_rules(capsys, corpus):
    folder = shared_path(corpus)
    paths = sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html"))
    for doc in run_json(capsys, *paths)["documents"]:
        assert not loud(doc) & NEW, doc["path"]


def test_real_files_give_no_false_warning(capsys):
    folder = shared_path("real")
    paths = sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf", ".html"))
    for doc in run_json(capsys, *paths)["documents"]:
        name = doc["path"].rsplit("/", 1)[-1]
        # The blank template's part 一 is only the prompt 「（文字描述）」: S008 is true there.
        expected = {"S008"} if name == "template_blank.docx" else set()
        assert loud(doc) & NEW == expected, name
        assert "A008" not in {f["code"] for f in doc["findings"]}, name  # 24252.311082 万元 is normal


def test_sh_kewei_subjects_in_numbered_sections_count_as_addressed(capsys):
    (doc,) = run_json(capsys, str(shared_path("real", "sh_kewei_2024_extract.md")))["documents"]
    assert "S008" not in {f["code"] for f in doc["findings"]}


# --------------------------------------------------------------------------- D008


def test_publication_dates_are_read_only_where_labelled(engine):
    pingtan = engine.read(shared_path("real", "pingtan_2024.html"))
    assert published(pingtan)[0].isoformat() == "2025-03-10"  # PubDate meta; a city: deadline 31 March
    assert published(engine.read(shared_path("real", "shuyang_fgj_2023.html"))) is None  # 采集时间 only
    assert published(engine.read(shared_path("real", "szfgs2024.pdf"))) is None  # PDF metadata is not read
    assert published(engine.read(shared_path("corpus", "r005.html")))[0].isoformat() == "2024-01-31"


def test_d008_follows_the_configured_deadline(capsys):
    path = str(shared_path("corpus", "r005.html"))  # a township, 发布时间 2024-01-31
    (doc,) = run_json(capsys, "--deadline", "01-20", path)["documents"]
    (finding,) = [f for f in doc["findings"] if f["code"] == "D008"]
    assert finding["severity"] == "warning" and "2024年1月31日" in finding["message"]


# --------------------------------------------------------------------------- privacy


def test_id_numbers_need_a_birth_date_and_check_digit():
    assert is_id_number("11010519491231002X")
    assert not is_id_number("110105194912310021")  # check digit
    assert not is_id_number("110105194913310028")  # month 13
    assert mask("11010519491231002X") == "110105********002X"


def test_privacy_messages_show_numbers_masked(engine, tmp_path):
    text = (TITLE + "一、总体情况\n申请人李某（身份证号11010519491231002X，手机139 1234 5678）申请公开信息。\n"
            "咨询电话：0371-12345678，手机13812345678。\n")
    found = check(engine, tmp_path, text)
    (p1,) = codes(found, "P001")
    (p2,) = codes(found, "P002")  # the contact sentence's mobile is the office's
    assert "110105********002X" in p1.message and "11010519491231002X" not in p1.message
    assert "139****5678" in p2.message and p2.severity.value == "warning"


def test_a_long_document_number_is_not_an_id_number(engine, tmp_path):
    found = check(engine, tmp_path, TITLE + "一、总体情况\n项目编号320102202401010011号已公示。\n")
    assert not codes(found, "P001")


# --------------------------------------------------------------------------- S009 near misses


def test_seed_lists_restarting_at_one_are_new_lists(engine):
    for key in ("000", "004"):
        findings = engine.check_file(shared_path("seeds", SEEDS[key])).findings
        assert not codes(findings, "S009"), key


def test_s009_repeated_ordinal_across_paragraphs(engine, tmp_path):
    text = TITLE + "五、存在的主要问题及改进情况\n一是公开不够及时。\n三是解读不够深入。\n三是栏目更新慢。\n"
    (finding,) = codes(check(engine, tmp_path, text), "S009")
    assert "「一是」之后是「三是」" in finding.message


# --------------------------------------------------------------------------- N009–N011 near misses

TABLE_TWO = ("二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
             "规章\t0\t0\t0\n行政规范性文件\t13\t0\t55\n第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n"
             "行政许可\t97\t\t\n")


@pytest.mark.parametrize("sentence, fires", [
    ("本年度制定行政规范性文件13件，办理行政许可97件。", False),
    ("本年度制定行政规范性文件12件。", True),
    ("现行有效的行政规范性文件共393件。", True),
    ("通过部门网站发布政府信息393件，其中包括：行政规范性文件 13 件；规划计划文件 2 件。", False),
    ("全年主动公开政策、规范性文件类信息68条。", False),
    ("2023年制定行政规范性文件9件。", False),
    ("受理行政许可申请120件。", False),
])
def test_n009_compares_only_this_bodys_table_two_statements(engine, tmp_path, sentence, fires):
    found = codes(check(engine, tmp_path, TITLE + f"一、总体情况\n{sentence}\n" + TABLE_TWO), "N009")
    assert bool(found) == fires


@pytest.mark.parametrize("sentence, code, fires", [
    ("共收到申请81件，予以公开42件，占51.85%。", "N010", False),
    ("共收到申请81件，予以公开42件，占51.9%。", "N010", False),
    ("共收到申请81件，予以公开42件，占42%。", "N010", True),
    ("共收到申请近80件，予以公开42件，占52%。", "N010", False),
    ("网上办件量同比增长150%。", "N010", False),
    ("共受理12件，分别为自然人5件、法人6件。", "N011", True),
    ("共受理12件，其中当面2件，网络5件。", "N011", False),
    ("共受理12件，其中当面2件，网络5件，其他4件。", "N011", True),
    ("共受理12件，其中当面2件，网络5件等。", "N011", False),
    ("共受理约12件，分别为自然人5件、法人6件。", "N011", False),
])
def test_rates_and_breakdowns_are_recomputed_only_from_the_text(engine, tmp_path, sentence, code, fires):
    found = codes(check(engine, tmp_path, TITLE + f"一、总体情况\n{sentence}\n"), code)
    assert bool(found) == fires


@pytest.mark.parametrize("sentence, code", [
    ("共收到申请81件，办结80件，其中予以公开42件，占52.5%。", "N010"),
    ("共收到申请12件，办结10件，分别为予以公开5件、不予公开5件。", "N011"),
])
def test_a_count_between_total_and_parts_may_be_their_base(engine, tmp_path, sentence, code):
    assert not codes(check(engine, tmp_path, TITLE + f"一、总体情况\n{sentence}\n"), code)
