import re

from gxcheck import Example, Location, Rule, Severity, squash
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

#: The five subjects of part 一 in the 2021 format, each with the words (and their real variants)
#: by which a sub-heading or a sentence addresses it.  Bare 「平台」 or 「信息管理人员」 is not enough:
#: 「通过微信公众平台发布信息」 is publishing, not building a platform.
SUBJECTS = (
    ("主动公开", re.compile(r"主动公开|(?:发布|公开|公布)[^。；]{0,16}?(?:政府|政务|各类)?信息|信息[^。；]{0,4}(?:发布|公开)\d")),
    ("依申请公开", re.compile(r"依申请|公开申请|申请公开|申请人")),
    ("政府信息管理", re.compile(
        r"政府信息管理|信息管理(?!人员|员)|保密审查|(?:发布|公开|内容|合法性)审查|审查(?:机制|制度|程序)|先审查"
        r"|公开属性|属性认定|(?:发布|信息)审核|审核(?:制度|机制|程序|流程)|公开目录|公开指南|公开台账"
        r"|(?:文件|信息|政策)清理|清理[^。；]{0,6}(?:文件|信息)|政策文件库|规范性文件(?:管理|备案|清理)")),
    ("平台建设", re.compile(
        r"平台(?:载体)?建设|平台载体|(?:政务|信息)公开平台|公开第一平台|网站(?:建设|管理|改版|运维|安全|监测|巡查)"
        r"|政府网站|部门网站|门户网站[^。；]{0,6}(?:建设|管理|改版|优化|运维|升级)|政务新媒体|新媒体(?:管理|建设)"
        r"|公开专栏|公开专区|专栏(?:建设|设置)|栏目(?:建设|设置)|(?:政务|信息)?公开栏")),
    ("监督保障", re.compile(
        r"监督|保障措施|(?:组织|工作|机制|协调)保障|考核|评议|责任追究|追责|问责|督查|督导|检查|培训|第三方评估")),
)
_TEMPLATE = compiled_on_use(r"^[(（]?文字描述[)）]?[。.]?$")
#: A heading of its own (「五、政府信息管理」): some reports give each subject a numbered section
#: after 「一、总体情况」, which the recognizer then places under a later part.
_HEADING = compiled_on_use(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])[^。；]{2,28}$")


class S008(Rule):
    """第一部分「总体情况」没有写到规定的五个方面之一（主动公开、依申请公开、政府信息管理、平台建设、监督保障）。

    2021 年国务院办公厅印发的年度报告格式要求，第一部分「总体情况」逐项说明主动公开、
    依申请公开、政府信息管理、政府信息公开平台建设和监督保障五个方面的情况，不能遗漏。
    本规则按小标题和句子里的用语判断每个方面是否写到，并接受常见的说法
    （平台建设／平台载体建设／政务公开平台；监督保障／监督考核／保障措施……）；
    只是顺带提到「通过微信公众平台发布」「确定信息管理人员」不算写到了这一方面。
    消息列出没有写到的方面，请在第一部分补写这些方面的工作情况。
    报告把这些方面写成第一部分之后单独编号的小节（「五、政府信息管理」）的，也算写到。
    只用于 2021 年及以后的报告（此前的格式没有这五项要求）。
    """

    code = "S008"
    slug = "sections.overview-coverage"
    title = "第一部分「总体情况」遗漏规定的方面"
    severity = Severity.WARNING
    basis = "国办公开办函〔2021〕30号 年度报告格式第一部分"
    failing = (
        Example(text=report(bodies={"s1": "（一）主动公开。全年主动公开政府信息62条。\n"
                                          "（二）依申请公开。本年度未收到政府信息公开申请。\n"
                                          "（三）监督保障。将政务公开纳入年度考核。"}),
                note="没有写政府信息管理和平台建设"),
        Example(text=report(bodies={"s1": "2024年，我镇通过微信公众平台等平台共发布各类政务公开信息700余篇。"}),
                note="只写了主动公开；「通过……平台发布」不是平台建设"),
    )
    passing = (
        Example(text=report(bodies={"s1": "（一）主动公开。全年主动公开政府信息62条。\n"
                                          "（二）依申请公开。本年度未收到政府信息公开申请。\n"
                                          "（三）政府信息管理。落实信息发布前保密审查。\n"
                                          "（四）平台载体建设。规范政府网站信息公开专栏。\n"
                                          "（五）监督保障。将政务公开纳入年度考核。"})),
        Example(text=report(title="双溪镇2020年度政府信息公开工作年度报告\n",
                            preface="本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n",
                            bodies={"s1": "本年度我镇主动公开政府信息62条。"}).replace("2025年1月21日", "2021年1月21日"),
                note="2020 年度的报告不适用 2021 年格式"),
    )

    def check(self, report):
        part = report.part("s1")
        if part is None:
            return  # S001 reports the missing part
        if report.year is not None and report.year < 2021:
            return
        text = squash(part.text)
        if _TEMPLATE.match(text):
            missing = [name for name, _ in SUBJECTS]
        else:
            missing = [name for name, words in SUBJECTS if not words.search(text)]
            if missing:  # a subject the part's text leaves out may still be a sub-heading's
                headings = "\n".join(squash(p.text) for p in report.narrative if _HEADING.match(squash(p.text)))
                missing = [name for name, words in SUBJECTS if name in missing and not words.search(headings)]
        if not missing:
            return
        yield self.finding(
            f"第一部分「{part.heading}」没有写到{'、'.join(missing)}"
            f"{'这一方面' if len(missing) == 1 else f'这{len(missing)}个方面'}。"
            "年度报告格式要求第一部分逐项说明主动公开、依申请公开、政府信息管理、平台建设和监督保障的情况，"
            "请补写遗漏的方面",
            Location(part="s1", line=part.origin.line, page=part.origin.page))
