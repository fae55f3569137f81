from gxcheck import EVERY_FORMAT, Example, Rule, Severity


class E001(Rule):
    """文件无法打开或解析，或者根本不是年度报告。

    损坏、加密、为空、格式不受支持或内容不是年度报告的文件，都会得到这一条错误，
    检查随即转到下一个文件。本规则由引擎在读取文件时直接给出。
    """

    code = "E001"
    slug = "engine.unreadable"
    title = "文件无法读取"
    severity = Severity.ERROR
    basis = "gxcheck 引擎"
    formats = EVERY_FORMAT
    engine_only = True
    failing = (Example(text="", note="空文件"),
               Example(text="今天天气很好，我们去公园散步。\n", note="不是年度报告的文字"))
    passing = (Example(text="一、总体情况\n本年度我镇认真落实条例。\n", note="能认出年度报告的部分"),)
