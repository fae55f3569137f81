from typing import Iterator, Optional

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.arithmetic._examples import HEAD, ZERO, row
from gxcheck_rules.narrative._reading import CN_DIGITS, sentences, shorten, to_int, where
from gxcheck.startup import compiled_on_use

OTHER_2 = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


def _fragment(part6: str, other_2: int) -> str:
    line = (other_2, 0, 0, 0, 0, 0, other_2)
    table = (HEAD + row("一、本年新收政府信息公开申请数量", *line) + row("二、上年结转政府信息公开申请数量", *ZERO)
             + row(OTHER_2, *line) + row("（七）总计", *line) + row("四、结转下年度继续办理", *ZERO))
    return table + "六、其他需要报告的事项\n" + part6 + "\n"


#: Any word about fees: a part 六 that has none of them is silent on fees.
_FEE_WORD = compiled_on_use(r"费|收取|计收|缴纳")
#: Outside part 六 only a plain mention of fees counts (「经费保障」 does not).
_FEE_ANYWHERE = compiled_on_use(r"信息处理费|收费|收取[^。；，,]{0,10}?费")
#: 「未收取信息处理费」「没有收取政府信息公开信息处理费」「不存在收费情况」「未发生信息处理费收取情况」
_NO_FEE = compiled_on_use(
    r"(?:未|没有|无|不存在|未曾|不予)[^。；，,]{0,14}?(?:收取|收费|计收|缴纳|处理费)"
    r"|处理费[^。；，,]{0,8}?(?:为|共|计)?(?<![\d.])(?:0|零)(?:\.0+)?元")
#: 「共收取信息处理费200元」「收取信息处理费合计0.3万元」
_AMOUNT = compiled_on_use(
    rf"(?:收取|计收|收缴|缴纳)[^。；，,]{{0,16}}?(?P<num>\d+(?:\.\d+)?|[{CN_DIGITS}]+)\s*(?P<unit>万元|元)")
#: Tariffs and thresholds quoted from the 管理办法 are not amounts charged.
_TARIFF = compiled_on_use(r"标准|每件|每页|每份|按件|按量|超过|超出|以上|累进|不超过|行政事业性收费")
#: 「其余申请均未收取」: «none» for some applications only.
_PARTIAL = compiled_on_use(r"其余|其他|其中|部分|除|以外|之外|个别|减免|免收|免予")
_CLAUSES = compiled_on_use(r"[^，,；;。]+")


def _no_fee(sentence: str) -> Optional[str]:
    """The clause saying no 信息处理费 was charged at all, or ``None``."""
    for clause in _CLAUSES.findall(sentence):
        if _NO_FEE.search(clause) and "费" in clause and not _PARTIAL.search(clause):
            return clause
    return None


def _amount(clause: str) -> Optional[tuple[str, float]]:
    """An amount charged stated in the clause, as (text, yuan); ``None`` when there is none.

    The caller leaves out sentences that quote tariffs (「超过……的，每件收取……」).
    """
    if _TARIFF.search(clause) or _NO_FEE.search(clause):
        return None
    m = _AMOUNT.search(clause)
    if not m:
        return None
    num = m.group("num")
    value = float(num) if num[0].isdigit() else to_int(num)
    if not value:
        return None
    return m.group(0), value * (10000 if m.group("unit") == "万元" else 1)


class N007(Rule):
    """第六部分既说没有收取信息处理费，又写了收取的金额；或表三有申请人逾期不缴费而第六部分只字不提收费。

    信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取，年度报告应如实写明
    是否收取、收了多少。「未收取信息处理费」和「共收取信息处理费200元」不能同时成立。
    表三「（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用」大于 0，说明本机关发出过收费通知，
    第六部分就必须说明收费情况（正文别处已写明收费情况的不报告）。收费标准（「每件」「超过……的」）
    不算收取的金额。
    """

    code = "N007"
    slug = "narrative.fee-contradiction"
    title = "信息处理费说法矛盾"
    severity = Severity.ERROR
    basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号 第六部分"
    failing = (
        Example(text=_fragment("本年度未收取信息处理费。全年共收取信息处理费200元。", 0),
                note="既说未收取，又写了收取 200 元"),
        Example(text=_fragment("无其他需要报告的事项。", 1), note="表三有 1 件逾期未缴费，第六部分没提收费"),
    )
    passing = (
        Example(text=_fragment("本年度未收取信息处理费。", 1)),
        Example(text=_fragment("本年度共收取信息处理费200元。", 1)),
        Example(text=_fragment("依据管理办法，申请人申请超过10件的，每件收取信息处理费100元；本年度未收取信息处理费。", 0),
                note="收费标准不是收取的金额"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        part6 = report.part("s6")
        said = [s for s in sentences(report) if s.part == "s6"] if part6 else list(sentences(report))
        none = next((clause for clause in map(_no_fee, (s.text for s in said)) if clause), None)
        if none is not None:
            for s in said:
                if _TARIFF.search(s.text):
                    continue
                for clause in _CLAUSES.findall(s.text):
                    found = _amount(clause)
                    if found:
                        yield self.finding(
                            f"第六部分既说「{shorten(none, 30)}」，又写「{shorten(clause, 30)}」。"
                            "请核对本年度是否收取了信息处理费、收了多少，只保留一种说法", where(s))
                        return
        if any(_FEE_WORD.search(s.text) for s in said):
            return
        if any(_FEE_ANYWHERE.search(s.text) for s in sentences(report)):
            return  # 「没有发生政府信息公开的收费及减免」 in part 一: not silent
        table = report.tables.requests
        cell = table.cell("other_2", 6) if table is not None else None
        if cell is None or cell.status != "number":
            yield self.undecided("第六部分没有提到收费；表三「申请人逾期未按收费通知要求缴纳费用」一行总计不是数字"
                                 "（空白、缺行或缺表），无法判断是否发出过收费通知", Location(part="s6"))
            return
        if cell.value and cell.value > 0:
            yield self.finding(
                f"表三「（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用」总计为 {int(cell.value)}，"
                "说明本机关发出过收费通知，但第六部分没有说明信息处理费的收取情况。"
                "请在第六部分写明本年度是否收取信息处理费、收取多少",
                Location(part="s6", table="requests", row="other_2", column="total",
                         line=part6.origin.line if part6 else None))
