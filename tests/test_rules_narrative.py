"""The narrative pack (N001–N008): phrasings read right, severities exact, no guessing, seeds and corpus.

The rule examples are run by test_rule_examples.py; here are the phrasings real reports use,
the near misses that must not fire, and the behaviour on the seeds and the shared corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_path
from gxcheck import Paragraph, Part, Report
from gxcheck_rules.arithmetic._examples import ZERO, requests
from gxcheck_rules.narrative._reading import count_statements, counts, says_no_requests, to_int
from gxcheck_rules.narrative.N003 import handling
from gxcheck_rules.narrative.N005 import statements as case_statements
from gxcheck_rules.narrative.N006 import stale_year
from gxcheck_rules.narrative.N007 import _amount

N_CODES = {f"N00{i}" for i in range(1, 9)}


def report_of(*paragraphs: str, year: int = 2024, part: str = "s1") -> Report:
    return Report(path="x.txt", format="text", year=year,
                  parts=(Part(key=part, heading="总体情况", paragraphs=tuple(Paragraph(text=p) for p in paragraphs)),))


def run(engine, tmp_path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return engine.check_file(path).findings


def n_findings(findings, code=None):
    return [(f.code, f.severity.value) for f in findings
            if f.code in N_CODES and not f.undecided and (code is None or f.code == code)]


def table(new: int, carried: int = 0, total: int | None = None, carry_over: int = 0) -> str:
    total = new + carried - carry_over if total is None else total
    return requests((new, 0, 0, 0, 0, 0, new), (carried, 0, 0, 0, 0, 0, carried),
                    (total, 0, 0, 0, 0, 0, total), (carry_over, 0, 0, 0, 0, 0, carry_over))


def part1(*sentences: str) -> str:
    return "某镇2024年政府信息公开工作年度报告\n一、总体情况\n" + "\n".join(sentences) + "\n"


# --------------------------------------------------------------------------- reading numbers


@pytest.mark.parametrize("written,value", [("12", 12), ("十二", 12), ("两", 2), ("三", 3), ("二十", 20),
                                           ("〇", 0), ("一百零五", 105), ("十十", None)])
def test_numerals(written, value):
    assert to_int(written) == value


def test_counts_leave_out_ordinals_and_approximations():
    text = "依据第十二条，约10件，10件以上，10余件，共5件次，受理三件"
    assert [v for _, v in counts(text)] == [5, 3]


def test_cn2an_is_imported_only_for_chinese_numerals():
    code = (
        "import sys\n"
        "from gxcheck import Paragraph, Part, Report\n"
        "from gxcheck_rules.narrative._reading import count_statements\n"
        "r = Report(path='x', format='text', year=2024, parts=(Part(key='s1', heading='h', paragraphs=("
        "Paragraph(text='全年共收到政府信息公开申请12件，已办结12件。'),)),))\n"
        "count_statements(r)\n"
        "assert 'cn2an' not in sys.modules, 'cn2an imported for Arabic numerals'\n"
        "r = Report(path='x', format='text', year=2024, parts=(Part(key='s1', heading='h', paragraphs=("
        "Paragraph(text='全年共收到政府信息公开申请十二件。'),)),))\n"
        "assert [c.value for c in count_statements(r)] == [12]\n"
        "assert 'cn2an' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- «none», counts, roles


@pytest.mark.parametrize("sentence", [
    "本年度未收到政府信息公开申请。",
    "2024年度我镇没有接到群众主动申请要求公开政府信息的申请。",
    "本年度没有接到公民、法人或其他组织提出的政府信息公开申请。",
    "全年无依申请公开事项。",
    "2024年我乡共收到政府信息公开申请0件。",
    "镇政府没有依申请公开政府信息和不予公开政府信息情况。",
    "本年度依申请公开数量为0。",
    "2023年受理依申请公开0件。",
    "2023年度收到政府信息公开申请0条。",
    "2023年,我镇未收到依申请公开政府信息。",
])
def test_says_none(sentence):
    assert says_no_requests(sentence)


@pytest.mark.parametrize("sentence", [
    "未发生因政府信息公开申请引起的行政复议、行政诉讼。",
    "全年无依申请公开超期答复情况。",
    "全年共收到政府信息公开申请10件。",
    "本年度未发生政府信息公开申请答复超期的情况。",
    "共受理依申请公开事项2件,其中:受理当面申请0件,信函传真申请2件,互联网申请0件,均按时办结。",
])
def test_does_not_say_none(sentence):
    assert not says_no_requests(sentence)


def roles(*paragraphs: str) -> list[tuple]:
    return [(c.role, c.value, c.scope) for c in count_statements(report_of(*paragraphs))]


@pytest.mark.parametrize("sentence,expected", [
    ("全年新收政府信息公开申请6件,上年结转0件,已办结5件。",
     [("received", 6, None), ("carried", 0, None), ("done", 5, None)]),
    ("本年度受理依申请公开三件，全部按时办结。", [("received", 3, None)]),
    ("我局收到12件政府信息公开申请，已全部办结。", [("received", 12, None)]),
    ("共收到政府信息公开申请二十件，办结十八件，结转下年度两件。",
     [("received", 20, None), ("done", 18, None), ("carry_over", 2, None)]),
    ("全年共受理政府信息公开申请15件（含上年结转3件）。", [("received", 15, None), ("carried", 3, None)]),
    ("全年接收依申请公开申请件数为3件。", [("received", 3, None)]),
    ("全年办理政府信息公开申请218件。", [("handled", 218, None)]),
    ("代表区政府受理政府信息公开申请5件。", [("received", 5, "proxy")]),
    ("共收到政府信息公开申请12件，其中自然人提出申请10件。", [("received", 12, None), ("received", 10, "part")]),
    ("2023年度我局共收到依申请信息公开26件。", []),  # another year: not compared (N006's business)
    ("本年度新收政府信息公开申请5件，较上年增加2件。", [("received", 5, None)]),
    ("全年主动公开政府信息240条。", []),
    ("依申请公开方面，政务服务中心共受理办件12000件。", []),
    ("其中予以公开3件，不予公开1件，依申请公开工作规范。", []),
    ("现将主动公开、依申请公开等五个方面的情况总结如下。", []),
    ("收到政府信息公开申请后在15个工作日内答复。", []),
    ("上年度未办结的政府信息公开申请1件已于年初办结。", [("carried", 1, None)]),
    ("共受理依申请公开事项2件,其中:受理当面申请0件,信函传真申请2件,互联网申请0件,均按时办结。",
     [("received", 2, None), ("received", 0, "part")]),
])
def test_count_roles(sentence, expected):
    assert roles(sentence) == expected


def test_count_context_flows_from_a_heading_line_and_to_the_next_sentence():
    assert roles("（二）依申请公开方面", "共收到申请5件。已全部办结5件。") == [("received", 5, None), ("done", 5, None)]
    assert roles("（三）政府信息管理", "共受理申请3件。") == []


# --------------------------------------------------------------------------- N002


def test_n002_error_on_a_wrong_count(engine, tmp_path):
    found = run(engine, tmp_path, part1("（二）依申请公开。2025年共收到政府信息公开申请8件，均已按时答复。")
                .replace("2024", "2025") + table(6, total=5, carry_over=1))
    assert n_findings(found) == [("N002", "error")]
    message = next(f.message for f in found if f.code == "N002")
    assert "8件" in message and "6" in message


@pytest.mark.parametrize("sentence,new,carried", [
    ("本年度受理依申请公开三件，全部按时办结。", 3, 1),  # r009: 新收 3, 结转 1
    ("全年共收到政府信息公开申请4件。", 3, 1),  # 新收 + 上年结转
    ("共收到政府信息公开申请12件，其中自然人提出申请10件。", 12, 0),
    ("2024年共收到政府信息公开申请5件，较2023年增加2件。", 5, 0),
])
def test_n002_passes(engine, tmp_path, sentence, new, carried):
    assert n_findings(run(engine, tmp_path, part1(sentence) + table(new, carried))) == []


def test_n002_scoped_sentence_is_a_warning(engine, tmp_path):
    found = run(engine, tmp_path, part1("其中，代表区政府受理政府信息公开申请5件。") + table(3))
    assert n_findings(found) == [("N002", "warning")]


def test_n002_breakdown_larger_than_the_whole_is_a_warning(engine, tmp_path):
    found = run(engine, tmp_path, part1("共收到政府信息公开申请3件，其中自然人提出申请5件。") + table(3))
    assert n_findings(found) == [("N002", "warning")]


def test_n002_blank_cell_is_undecided_once(engine, tmp_path):
    text = part1("全年共收到政府信息公开申请3件。") + requests(("", "", "", "", "", "", ""), ZERO, ZERO, ZERO)
    found = [f for f in run(engine, tmp_path, text) if f.code == "N002"]
    assert len(found) == 1 and found[0].undecided


def test_n002_carried_blank_undecided_when_count_exceeds_new(engine, tmp_path):
    text = part1("全年共收到政府信息公开申请4件。") + requests((3, 0, 0, 0, 0, 0, 3), ("",) * 7,
                                                               (3, 0, 0, 0, 0, 0, 3), ZERO)
    found = [f for f in run(engine, tmp_path, text) if f.code == "N002"]
    assert len(found) == 1 and found[0].undecided


# --------------------------------------------------------------------------- N003 / N008


@pytest.mark.parametrize("sentence", [
    "（二）依申请公开：做好依申请公开受理、登记、办理、调查、答复等各个环节工作。",
    "我局认真做好依申请公开的登记、审核、办理和答复工作，答复率100%。",
    "依申请公开工作规范，所有申请均在法定期限内答复。",
])
def test_handling_is_recognised(sentence):
    assert handling(sentence)


@pytest.mark.parametrize("sentence", [
    "及时答复网民留言200条，答复率100%。",
    "现将主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面的情况总结如下。",
    "（二）依申请公开办理情况",
    "下一步，将进一步规范依申请公开受理、办理、答复流程。",
])
def test_handling_near_misses(sentence):
    assert not handling(sentence)


def test_n003_warning_and_not_when_none_is_said(engine, tmp_path):
    boiler = "做好依申请公开受理、登记、办理、答复等各个环节工作。"
    assert n_findings(run(engine, tmp_path, part1(boiler) + table(0))) == [("N003", "warning")]
    said = part1("本年度未收到政府信息公开申请。", boiler) + table(0)
    assert n_findings(run(engine, tmp_path, said)) == []


def test_n003_ignores_part_five(engine, tmp_path):
    text = (part1("2024年，我镇稳步推进政务公开，依申请公开渠道畅通。") + table(0)
            + "五、存在的主要问题及改进情况\n依申请公开受理、办理、答复还不够规范。\n")
    assert n_findings(run(engine, tmp_path, text), "N003") == []


def test_n008_info_only_when_nothing_is_said(engine, tmp_path):
    silent = part1("2024年，我镇共发布各类政务公开信息700余篇。") + table(0)
    assert n_findings(run(engine, tmp_path, silent)) == [("N008", "info")]
    assert n_findings(run(engine, tmp_path, part1("全年无依申请公开事项。") + table(0))) == []
    assert n_findings(run(engine, tmp_path, silent.replace("\t0\t0\t0\t0\t0\t0\t0\n", "\t1\t0\t0\t0\t0\t0\t1\n", 1)),
                      "N008") == []


# --------------------------------------------------------------------------- N004


@pytest.mark.parametrize("sentence,expect", [
    ("全年新收政府信息公开申请6件，上年结转0件，已办结6件。", [("N004", "warning")]),
    ("全年新收政府信息公开申请6件，上年结转0件，已办结5件。", []),
    ("全年新收政府信息公开申请6件，办结5件，结转下年度1件。", []),
    ("全年新收政府信息公开申请6件，办结5件，结转下年度2件。", [("N004", "warning")]),
    ("共收到政府信息公开申请6件，按期答复4件，延期答复1件。", []),
    ("全年办理政府信息公开申请6件。", []),
    ("全年办理政府信息公开申请9件。", [("N004", "warning")]),
])
def test_n004(engine, tmp_path, sentence, expect):
    assert n_findings(run(engine, tmp_path, part1(sentence) + table(6, total=5, carry_over=1))) == expect


# --------------------------------------------------------------------------- N005


def cases(sentence: str, part: str = "s1") -> list[tuple]:
    return [(s.kind, s.value) for s in case_statements(report_of(sentence, part=part))]


@pytest.mark.parametrize("sentence,expected", [
    ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", [("review", None), ("suit", None)]),
    ("本年度未收到依申请公开的申请,也未发生因政府信息公开引起的行政复议和行政诉讼。",
     [("review", None), ("suit", None)]),
    ("没有因政府信息公开工作被申请行政复议或提起行政诉讼的情况。", [("review", None), ("suit", None)]),
    ("本年度政府信息公开行政复议、行政诉讼均为零。", [("review", None), ("suit", None)]),
    ("因政府信息公开引起的行政复议和行政诉讼案件均未发生。", [("review", None), ("suit", None)]),
    ("政府信息公开方面未发生行政复议，发生行政诉讼1起。", [("review", None), ("suit", 1)]),
    ("因政府信息公开被申请行政复议2件，被提起行政诉讼1件。", [("review", 2), ("suit", 1)]),
    ("因政府信息公开被申请行政复议和提起行政诉讼各1件。", [("review", 1), ("suit", 1)]),
    ("因政府信息公开申请被提起行政诉讼（未经复议直接起诉）1件，行政复议0件。", [("suit", 1), ("review", None)]),
    ("发生1起政府信息公开行政复议案件，结果维持。", [("review", 1)]),
    ("政府信息公开行政复议351件,其中结果维持72件,结果纠正64件。", [("review", 351)]),
    ("本级作为复议机关受理政府信息公开类行政复议申请12件。", []),
    ("全年未发生行政复议和行政诉讼案件。", []),  # not about information disclosure
])
def test_case_statements(sentence, expected):
    assert cases(sentence) == expected


def test_case_statements_in_part_four_need_no_context():
    assert cases("本年度未发生行政复议、行政诉讼。", part="s4") == [("review", None), ("suit", None)]


def review_table(*values: int) -> str:
    return "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n" + "\t".join(map(str, values)) + "\n"


def test_n005(engine, tmp_path):
    none = part1("本年度未发生因政府信息公开引起的行政复议、行政诉讼。")
    suit = (0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)
    assert n_findings(run(engine, tmp_path, none + review_table(*suit))) == [("N005", "error")]
    assert n_findings(run(engine, tmp_path, none + review_table(*[0] * 15))) == []
    one = part1("因政府信息公开被提起行政诉讼1件。")
    assert n_findings(run(engine, tmp_path, one + review_table(*suit))) == []


def test_n005_table_broken_by_itself_is_undecided(engine, tmp_path):
    """r010: 表四复议总计 1 but its four parts are 0 — A004's finding; the narrative is not blamed."""
    text = part1("本年度未发生因政府信息公开引起的行政复议、行政诉讼。") + review_table(0, 0, 0, 0, 1, *[0] * 10)
    found = [f for f in run(engine, tmp_path, text) if f.code == "N005"]
    assert len(found) == 1 and found[0].undecided


# --------------------------------------------------------------------------- N006


@pytest.mark.parametrize("sentence,part,found", [
    ("2023年,芦苇荡镇认真贯彻落实《中华人民共和国政府信息公开条例》,围绕中心工作。", "s1", 2023),
    ("2023年度，本乡未收到政府信息公开申请。", "s1", 2023),
    ("2023年以来，我镇持续推进政务公开。", "s1", 2023),
    ("2023年我乡共收到政府信息公开申请0件。", "s1", 2023),
    ("本年度（2023年），我镇共主动公开政府信息62条。", "s1", 2023),
    ("现将2023年度政府信息公开工作报告如下：", "s1", 2023),
    ("2023年度本机关没有收取政府信息公开信息处理费。", "s6", 2023),
    ("2024年，我镇认真贯彻落实《条例》。", "s1", None),
    ("2024年以来，我镇严格按照《中华人民共和国政府信息公开条例》规定。", "s1", None),
    ("2019年修订的《条例》实施以来，我镇持续完善制度。", "s1", None),
    ("2019年，国务院修订《中华人民共和国政府信息公开条例》。", "s1", None),
    ("2025年1月，我镇召开专题会议。", "s1", None),
    ("2025年，我镇将进一步加强培训。", "s5", None),
    ("2025年，我镇将进一步加强培训。", "s1", None),
    ("2022年至2024年，我镇连续三年获评先进。", "s1", None),
    ("依据《关于印发〔2023〕5号文件的通知》，我镇调整了目录。", "s1", None),
    ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", None, None),
])
def test_stale_year(sentence, part, found):
    assert stale_year(sentence, part, 2024, {2024}) == found


def test_n006_no_year_no_guess(engine, tmp_path):
    text = "一、总体情况\n2023年，我镇认真贯彻落实条例。\n"
    found = [f for f in run(engine, tmp_path, text) if f.code == "N006"]
    assert all(f.undecided for f in found) and len(found) == 1


# --------------------------------------------------------------------------- N007


@pytest.mark.parametrize("clause,yuan", [
    ("全年收取政府信息公开信息处理费3940元", 3940),
    ("共收取信息处理费0.3万元", 3000),
    ("收取信息处理费0元", None),
    ("申请人申请超过10件的，每件收取信息处理费100元", None),
    ("未收取信息处理费", None),
])
def test_fee_amounts(clause, yuan):
    got = _amount(clause)
    assert (got[1] if got else None) == yuan


# --------------------------------------------------------------------------- seeds and corpus

SEEDS = {"000": set(), "001": set(), "002": {("N003", "warning")}, "003": {("N008", "info")}, "004": set()}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seeds(engine, key):
    folder = shared_path("seeds")
    (path,) = folder.glob(f"{key}_*.txt")
    assert set(n_findings(engine.check_file(path).findings)) == SEEDS[key]


# defect kind → the N code it must produce; other N errors and warnings are false alarms,
# except those score.py allows for a defect (an arithmetic slip may also show in the narrative).
MUST = {"narrative_count_mismatch": "N002", "activity_on_zero": "N003", "year_mismatch": "N006",
        "narrative_says_zero": "N001"}
MAY = {"arith_row": {"N002", "N004"}, "arith_results_total": {"N004"}, "arith_balance": {"N002"},
       "arith_review": {"N005"}, "narrative_says_zero": {"N002"}, "narrative_count_mismatch": {"N004"}}


def corpus_cases():
    try:
        folder = shared_path("corpus")
    except pytest.skip.Exception:
        return []
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [pytest.param(folder / t["file"], t, id=t["file"]) for t in truth]


@pytest.mark.parametrize("path,truth", corpus_cases())
def test_corpus(engine, path: Path, truth: dict):
    must = {MUST[d["kind"]] for d in truth["defects"] if d["kind"] in MUST}
    may = set().union(*(MAY.get(d["kind"], set()) for d in truth["defects"]))
    loud = {code for code, sev in n_findings(engine.check_file(path).findings) if sev in ("error", "warning")}
    assert must <= loud, f"missing {sorted(must - loud)}"
    assert loud <= must | may, f"false alarm {sorted(loud - must - may)}"


def test_stale_year_only_where_it_frames_the_paragraph(engine, tmp_path):
    text = part1("（二）依申请公开。2023年度，本乡未收到政府信息公开申请。",
                 "我镇持续推进政务公开。2023年，我镇被列入试点，本年继续推进。",
                 "2023年，我镇被评为省级政务公开示范乡镇。") + table(0)
    found = [f for f in run(engine, tmp_path, text) if f.code == "N006" and not f.undecided]
    assert len(found) == 1 and "2023年度，本乡未收到" in found[0].message


def test_wider_scope_is_a_warning(engine, tmp_path):
    found = run(engine, tmp_path, part1("全县共收到政府信息公开申请500件，均已按时答复。") + table(50))
    assert n_findings(found) == [("N002", "warning")]


def test_mixed_applications_are_not_read():
    assert roles("全年共接收各类申请12件，其中政府信息公开申请3件。") == []


def test_n007_fee_said_in_part_one_is_not_silence(engine, tmp_path):
    other_2 = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n"
    base = part1("{}") + table(1).replace("（七）总计", other_2 + "（七）总计") + "六、其他需要报告的事项\n无。\n"
    assert n_findings(run(engine, tmp_path, base.format("本年度依申请公开工作规范。"))) == [("N007", "error")]
    assert n_findings(run(engine, tmp_path, base.format("本年度没有发生政府信息公开的收费及减免。"))) == []


@pytest.mark.parametrize("part6,expect", [
    ("本年度未收取信息处理费。全年共收取信息处理费200元。", [("N007", "error")]),
    ("本年度发出收费通知2件，共计收取信息处理费300元，其余申请均未收取信息处理费。", []),
    ("申请人申请超过10件的，收取信息处理费100元；本年度未收取信息处理费。", []),
    ("2024年，全年收取政府信息公开信息处理费3940元。", []),
    ("本年度收取信息处理费0元。", []),
])
def test_n007_contradiction(engine, tmp_path, part6, expect):
    text = part1("全年无依申请公开事项。") + table(0) + "六、其他需要报告的事项\n" + part6 + "\n"
    assert n_findings(run(engine, tmp_path, text), "N007") == expect
