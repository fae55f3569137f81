from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity
from gxcheck_rules.template._examples import tables

_REPORT_2008 = ("某某区人民政府2018年政府信息公开工作年度报告\n"
                "一、概述\n本年度我区认真贯彻《条例》，扎实推进政府信息公开工作。\n"
                "二、主动公开政府信息情况\n全年主动公开政府信息120条。\n"
                "三、政府信息依申请公开工作情况\n本年度未收到政府信息公开申请。\n"
                "四、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度未发生。\n"
                "五、主要问题和改进措施\n公开内容还不够丰富。\n"
                "六、政府信息公开情况统计表\n指标名称\t计量单位\t2018年度\t历年累计\n主动公开文件数\t条\t120\t1200\n")


class T007(Rule):
    """报告用的是 2019 年条例修订以前（2008 年条例）的格式：说明一次，现行格式的检查不适用。

    2019 年以前的年度报告按原《政府信息公开条例》（国务院令第492号）编写：六个部分是概述、主动公开、
    依申请公开、复议诉讼、主要问题和统计表，统计表列「指标名称 / 计量单位 / 年度 / 历年累计」，
    没有现行格式的表二、表三、表四。这样的报告不是「缺了很多内容的 2021 年报告」：gxcheck 只说明一次，
    不再按现行格式检查它的部分和表格（S、T、A、N 各包的规则不运行），落款、隐私和跨年度的检查照常进行。
    """

    code = "T007"
    slug = "template.pre-2019"
    title = "2019 年以前格式的报告"
    severity = Severity.INFO
    basis = "原《政府信息公开条例》（国务院令第492号，2008 年施行）；2019 年修订（国务院令第711号）"
    formats = frozenset({"2008"})
    failing = (Example(text=_REPORT_2008, note="2018 年度报告，2008 年条例的格式"),)
    passing = (Example(text="某某区人民政府2021年政府信息公开工作年度报告\n" + tables(),
                       note="2021 年格式的报告"),)

    def check(self, report: Report) -> Iterator[Finding]:
        if report.report_format != "2008":
            return
        yield self.finding(
            "这份报告按 2019 年条例修订以前（2008 年条例）的格式编写（"
            + (f"{report.year}年度报告" if report.year else "统计表为「指标名称 / 计量单位」的旧表")
            + "）。gxcheck 不按现行格式（国办公开办函〔2021〕30号）检查它的六个部分和三张表，"
            "只检查落款、隐私和跨年度一致等各格式通用的内容。", Location())
