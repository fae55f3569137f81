from typing import Iterator, Sequence

from gxcheck import EVERY_FORMAT, Example, Facts, Finding, Location, RunRule, Severity
from gxcheck.facts import copy_rate, repeated_passage
from gxcheck_rules.years._examples import NARRATIVE, report
from gxcheck_rules.years._pairs import consecutive, named

_OTHER = ("本年度我镇聚焦乡村振兴和民生保障，新设惠民政策专栏，集中发布补贴发放名单与资金使用情况。"
          "针对群众反映较多的宅基地审批问题，组织专人编写问答材料，并在村务公开栏同步张贴。"
          "下半年结合防汛救灾工作，开通应急信息快速发布通道，汛期每日更新水情和转移安置情况。")


class Y003(RunRule):
    """本年正文（第一、五、六部分）大部分与同一机关上一年的报告相同。

    考核细则对「与往年雷同」的报告扣分（常见标准：重复超过 50%）。比较前把数字、年份和机关名称
    遮住，所以只改了数字和年份的段落也算重复。给出重复比例并引用一段重复的文字；阈值可在配置中
    设置（copy_threshold，默认 0.7）。
    """

    code = "Y003"
    slug = "years.copied-text"
    title = "正文大部分与上一年报告相同"
    per_body = True
    severity = Severity.WARNING
    basis = "政务公开考核：年度报告与往年雷同扣分"
    formats = EVERY_FORMAT
    failing = (Example(text=report(2024), previous=report(2023), note="两年第一部分一字不差，只有年份不同"),)
    passing = (Example(text=report(2024, narrative=_OTHER), previous=report(2023, narrative=NARRATIVE)),)

    def check_run(self, facts: Sequence[Facts]) -> Iterator[tuple[str, Finding]]:
        for last, this in consecutive(facts):
            if this.grams < 100:  # too little prose to call it copied
                continue
            rate = copy_rate(this, last)
            if rate < self.config.copy_threshold:
                continue
            passage = repeated_passage(this, last)
            quoted = f"，例如「{passage}」" if passage else ""
            message = (f"正文（第一、五、六部分）与{named(last)}相同的内容约占 {rate:.0%}{quoted}。"
                       "请按本年实际情况重写总体情况、问题与改进等内容")
            yield this.path, self.finding(message, Location(part="s1"))
