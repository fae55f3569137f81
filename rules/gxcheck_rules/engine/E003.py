from gxcheck import EVERY_FORMAT, Rule, Severity


class E003(Rule):
    """某条规则运行时出错；其他规则照常运行。

    这是规则本身（或提供它的插件）的缺陷，不是报告的问题。消息会说出规则代码和插件名，
    请把它报告给插件作者。本规则由引擎给出。
    """

    code = "E003"
    slug = "engine.rule-crashed"
    title = "规则运行出错"
    severity = Severity.ERROR
    basis = "gxcheck 引擎"
    formats = EVERY_FORMAT
    engine_only = True
