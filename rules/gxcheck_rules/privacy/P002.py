
from gxcheck import EVERY_FORMAT, Example, Rule, Severity
from gxcheck_rules.privacy._text import at, lines
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

#: A mainland mobile number: 11 digits from 13x–19x, optionally grouped 3-4-4 by a space or a hyphen.
_MOBILE = compiled_on_use(r"(?<![\d*])(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d*])")
#: A contact statement: the office's phone, fax, hotline or address.  Numbers given there are
#: the office's own (many township offices publish a mobile as their contact number).
_CONTACT = compiled_on_use(r"电话|传真|联系|咨询|热线|办公室|地址|邮编|邮箱|邮政编码|值班")
_SENTENCE = compiled_on_use(r"[^。；;！？!?\n]+")
#: How every mobile number begins: a paragraph without it needs no closer look (the number's own
#: pattern opens with a look-behind, so it is tried at every position).
_MOBILE_START = compiled_on_use(r"1[3-9]\d")


def mask(digits: str) -> str:
    """「13812345678」 → 「138****5678」."""
    return digits[:3] + "****" + digits[-4:]


class P002(Rule):
    """报告中出现了个人的手机号码。

    年度报告公开发布，不应出现申请人或工作人员个人的手机号码（《个人信息保护法》第十三条、第二十五条）。
    机关在联系方式中公布的电话、传真（含作为办公电话公布的手机号）不算：凡是写明「电话」「传真」「联系」
    「咨询」「热线」「地址」等的联系方式句子都不检查。已打码的号码（「138****1234」）没有问题。
    消息中的号码已打码。请核对：是个人号码的，删除或打码后重新发布。
    """

    code = "P002"
    slug = "privacy.personal-phone"
    title = "报告中出现个人手机号码"
    severity = Severity.WARNING
    basis = "《个人信息保护法》第十三条、第二十五条"
    formats = EVERY_FORMAT
    failing = (Example(text=report(bodies={"s3": "申请人王某（13812345678）申请公开土地征收信息，已按时答复。"}),
                       note="申请人的手机号码"),)
    passing = (Example(text=report(preface="如对本报告有疑问，请联系镇党政办，联系电话：13812345678。\n"),
                       note="机关的联系电话"),
               Example(text=report(bodies={"s3": "申请人王某（138****5678）申请公开信息。"}), note="已打码"))

    def check(self, report):
        for text, where in lines(report):
            if not _MOBILE_START.search(text):
                continue
            for sentence in _SENTENCE.finditer(text):
                if _CONTACT.search(sentence.group(0)):
                    continue
                for m in _MOBILE.finditer(sentence.group(0)):
                    shown = mask("".join(m.groups()))
                    yield self.finding(
                        f"报告中出现了手机号码 {shown}，不像机关公布的联系电话。年度报告公开发布，"
                        "不能含有个人的手机号码；请核对，是个人号码的删除或打码后重新发布", at(where, shown))
