"""Report fragments shared by the examples of the sections pack."""

from gxcheck.national import PARTS

#: Body text of each part, good enough for every rule of this pack to stay quiet.
BODY = {
    "s1": "本年度，我镇认真落实政务公开工作考核要求，未发生责任追究情况。",
    "s2": "（见下表）",
    "s3": "本年度未收到政府信息公开申请。",
    "s4": "未发生政府信息公开行政复议、行政诉讼。",
    "s5": "一是公开内容不够丰富。下一步将加强培训，提升公开质量。",
    "s6": "本年度未收取信息处理费。",
}

TITLE = "双溪镇2024年度政府信息公开工作年度报告\n"
PERIOD = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"


def report(title: str = TITLE, preface: str = PERIOD, headings: dict[str, str] | None = None,
           bodies: dict[str, str] | None = None, order: tuple[str, ...] = ()) -> str:
    """A whole report in plain text: title, preface and the six parts (no tables)."""
    headings = headings or {}
    bodies = {**BODY, **(bodies or {})}
    keys = order or tuple(p.key for p in PARTS)
    spec = {p.key: p for p in PARTS}
    text = title + preface
    for key in keys:
        heading = headings.get(key, f"{spec[key].ordinal}、{spec[key].heading}")
        text += f"{heading}\n{bodies[key]}\n"
    return text + "\n双溪镇人民政府\n2025年1月21日\n"
