from gxcheck import EVERY_FORMAT, Rule, Severity


class E002(Rule):
    """PDF 没有文字层（扫描件），表格无法核对。

    扫描得到的 PDF 只有图片，gxcheck 读不到任何文字，因此无法检查其中的数字。
    请改用由 Word/WPS 直接导出的 PDF 或原始文档。本规则由 PDF 加载器给出。
    """

    code = "E002"
    slug = "engine.no-text"
    title = "PDF 没有文字层"
    severity = Severity.ERROR
    basis = "gxcheck 引擎"
    formats = EVERY_FORMAT
    engine_only = True
