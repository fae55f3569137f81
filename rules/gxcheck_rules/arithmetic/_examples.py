"""Report fragments shared by the arithmetic examples (tables laid out with tabs)."""

HEAD = "三、收到和处理政府信息公开申请情况\n"


def row(label: str, *values: object) -> str:
    return label + "\t" + "\t".join(str(v) for v in values) + "\n"


def requests(new, carried, total, carry_over, outcomes: dict[str, tuple] | None = None) -> str:
    """A table 三 with the four balance rows and, optionally, some outcome rows."""
    text = HEAD + row("一、本年新收政府信息公开申请数量", *new) + row("二、上年结转政府信息公开申请数量", *carried)
    labels = {"open": "（一）予以公开", "unable_1": "1.本机关不掌握相关政府信息", "noproc_2": "2.重复申请"}
    for key, values in (outcomes or {}).items():
        text += row(labels[key], *values)
    return text + row("（七）总计", *total) + row("四、结转下年度继续办理", *carry_over)


ZERO = (0, 0, 0, 0, 0, 0, 0)
