import datetime as dt

from gxcheck import EVERY_FORMAT, Example, Rule, Severity
from gxcheck_rules.privacy._text import at, lines
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

#: A standalone 18-character token: 6-digit area code, birth date, 3-digit sequence, check character.
_TOKEN = compiled_on_use(r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
#: Seventeen digits in a row, as every such token has: a paragraph without them needs no closer look
#: (the token's own pattern opens with a look-behind, so it is tried at every position).
_DIGITS_17 = compiled_on_use(r"\d{17}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def is_id_number(token: str) -> bool:
    """A valid GB 11643 citizen ID number: a real birth date and the right check character."""
    m = _TOKEN.fullmatch(token)
    if not m:
        return False
    try:
        born = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return False
    if born > dt.date.today():
        return False
    total = sum(int(d) * w for d, w in zip(token[:17], _WEIGHTS))
    return _CHECK[total % 11] == token[17].upper()


def mask(token: str) -> str:
    """「110105199001011234」 → 「110105********1234」: birth date hidden."""
    return token[:6] + "*" * 8 + token[-4:]


class P001(Rule):
    """报告中出现了公民身份号码。

    身份号码属于个人信息，年度报告是公开发布的文件，不应出现任何人的身份号码
    （《个人信息保护法》第二十八条把身份识别信息列为敏感个人信息；《政府信息公开条例》第十五条）。
    只认单独出现的 18 位号码，且出生日期真实、校验码符合 GB 11643，避免把文号、金额等长数字误认。
    消息中的号码已打码。请删除该号码后重新发布。
    """

    code = "P001"
    slug = "privacy.id-number"
    title = "报告中出现公民身份号码"
    severity = Severity.ERROR
    basis = "《个人信息保护法》第二十八条；GB 11643《公民身份号码》"
    formats = EVERY_FORMAT
    failing = (Example(text=report(bodies={"s3": "申请人张某（身份证号11010519491231002X）申请公开征收补偿信息。"}),
                       note="一个校验码正确的身份号码"),)
    passing = (Example(text=report(bodies={"s3": "申请人张某（身份证号110105194912310021）申请公开信息。"}),
                       note="校验码不对：不是身份号码"),
               Example(text=report(bodies={"s3": "申请人张某（身份证号110105********002X）申请公开信息。"}),
                       note="已打码"))

    def check(self, report):
        for text, where in lines(report):
            if not _DIGITS_17.search(text):
                continue
            for m in _TOKEN.finditer(text):
                if is_id_number(m.group(0)):
                    shown = mask(m.group(0))
                    yield self.finding(
                        f"报告中出现了公民身份号码 {shown}。年度报告公开发布，不能含有个人的身份号码，"
                        "请删除后重新发布", at(where, shown))
