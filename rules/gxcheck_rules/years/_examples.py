"""Two-year report pairs for the examples of the years pack: a whole short report per year."""

from __future__ import annotations

ZERO = (0,) * 7
NARRATIVE = ("今年我镇坚持以公开为常态、不公开为例外，围绕重点领域信息公开持续发力。"
             "全年通过政府网站主动公开各类信息，及时回应群众关切。"
             "严格落实信息发布前保密审查制度，建立公开内容台账，定期清理过期失效信息。"
             "规范政府网站信息公开专栏，及时更新栏目内容，保障平台安全稳定运行。")


def _row(label: str, values: tuple) -> str:
    return label + "\t" + "\t".join(str(v) for v in values) + "\n"


def report(year: int, agency: str = "平山县兴隆镇人民政府", carried: tuple = ZERO, carry_over: tuple = ZERO,
           new: tuple = ZERO, normative: tuple = (0, 0, 10), licence: int = 20, review: tuple = (0,) * 15,
           narrative: str = NARRATIVE) -> str:
    total = tuple(n + c - o for n, c, o in zip(new, carried, carry_over))
    return (
        f"{agency}{year}年政府信息公开工作年度报告\n"
        f"一、总体情况\n{narrative}\n"
        "二、主动公开政府信息情况\n"
        + _row("规章", (0, 0, 0)) + _row("行政规范性文件", normative) + _row("行政许可", (licence,))
        + "三、收到和处理政府信息公开申请情况\n"
        + _row("一、本年新收政府信息公开申请数量", new) + _row("二、上年结转政府信息公开申请数量", carried)
        + _row("（一）予以公开", total) + _row("（七）总计", total) + _row("四、结转下年度继续办理", carry_over)
        + "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n" + "\t".join(map(str, review)) + "\n"
        + "五、存在的主要问题及改进情况\n公开质量有待提高。\n"
        + "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
        + f"{agency}\n{year + 1}年1月20日\n"
    )
