import re

from gxcheck import Example, Rule, Severity
from gxcheck_rules.narrative._figures import APPROX, GROWTH, parts_between, total_in
from gxcheck_rules.narrative._reading import sentences, shorten, where
from gxcheck.startup import compiled_on_use

#: 「占51.85%」「占比51.85%」「占总数的51.85%」: a share of a stated total.
_SHARE = compiled_on_use(r"占(?:比|比为|总数的?|全部的?|总量的?|其中的?)?(\d+(?:\.\d+)?)\s*[%％]")
#: 「答复率100%」「办结率达105%」: a named rate.
_RATE = compiled_on_use(r"率(?:达到|达|为|是)?(\d+(?:\.\d+)?)\s*[%％]")


def _fragment(text: str) -> str:
    return f"一、总体情况\n（二）依申请公开。{text}\n"


class N010(Rule):
    """正文写的百分比算错了：与正文自己写明的分项和总数不符（「共81件……予以公开42件，占51.85%」），或写了超过 100% 的比率。

    比率只按正文自己写出的数字重新计算：同一句里既有「共……件」的总数，又有分项件数和「占……%」，
    才核算；容许最后一位小数的四舍五入或截尾误差。「答复率」「办结率」这类比率不会超过 100%。
    约数（「约」「余」「近」「以上」）和增长率（「同比增长150%」）都不核算。请按正文的数字重新计算比率。
    """

    code = "N010"
    slug = "narrative.percentage"
    title = "正文所述比率有误"
    severity = Severity.WARNING
    basis = "《政府信息公开条例》第五十条（年度报告内容应真实准确）"
    failing = (
        Example(text=_fragment("全年共收到申请81件，其中予以公开42件，占61.85%。"), note="42 ÷ 81 = 51.85%"),
        Example(text=_fragment("全年申请均按时办结，答复率105%。"), note="答复率超过 100%"),
    )
    passing = (
        Example(text=_fragment("全年共收到申请81件，其中予以公开42件，占51.85%。")),
        Example(text=_fragment("全年共收到申请约80件，其中予以公开42件，占52%。"), note="总数是约数，不核算"),
        Example(text=_fragment("全年收到申请同比增长150%。"), note="增长率可以超过 100%"),
    )

    def check(self, report):
        for s in sentences(report):
            text = s.text
            for m in _RATE.finditer(text):
                clause = re.split(r"[，,；;]", text[: m.start()])[-1]
                if float(m.group(1)) > 100 and not GROWTH.search(clause) and not APPROX.search(clause):
                    yield self.finding(f"正文「{shorten(text)}」写的比率是 {m.group(1)}%，超过了 100%。"
                                       "请核对比率的分子和分母", where(s))
            for m in _SHARE.finditer(text):
                finding = self._share(text, m)
                if finding:
                    yield self.finding(finding, where(s))

    def _share(self, text: str, m: re.Match):
        total = total_in(text, m.start())
        if total is None:
            return None
        tm, whole = total
        parts = list(parts_between(text, tm.end(), m.start(), tm.group("unit")))
        if not parts or whole == 0:
            return None
        pm, part = parts[-1]
        near = text[max(0, tm.start() - 3): tm.end() + 2] + text[tm.end():][max(0, pm.start() - 3): pm.end() + 2]
        if APPROX.search(near) or APPROX.search(text[m.start() - 2: m.start()]):
            return None
        stated = m.group(1)
        places = len(stated.split(".", 1)[1]) if "." in stated else 0
        computed = 100 * part / whole
        # 「共81件，办结80件，其中予以公开42件，占52.5%」: any count stated between may be the base.
        bases = [whole] + [v for _, v in parts[:-1]]
        if any(b and abs(100 * part / b - float(stated)) < 10 ** -places for b in bases):
            return None
        return (f"正文「{shorten(text)}」写 {pm.group(0)} 占 {stated}%，但按正文的总数 {tm.group(0)} 计算应为 "
                f"{computed:.{max(places, 1)}f}%。请改正比率，或核对分项和总数")
