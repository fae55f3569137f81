"""Report fragments for the template examples: the three tables laid out with tabs."""

from gxcheck.national import REQUEST_ROW_BY_KEY, STANDARD_REQUEST_KEYS

ZEROS7 = "\t0" * 7

PROACTIVE_HEAD = "二、主动公开政府信息情况\n"
REQUESTS_HEAD = "三、收到和处理政府信息公开申请情况\n"
REVIEW_HEAD = "四、政府信息公开行政复议、行政诉讼情况\n"


def proactive(normative: str = "行政规范性文件", extra: str = "",
              columns: str = "本年制发件数\t本年废止件数\t现行有效件数") -> str:
    """Table 二 of the 2021 format (all zeros); ``extra`` is appended inside the table."""
    return (PROACTIVE_HEAD
            + f"第二十条第（一）项\t\t\t\n信息内容\t{columns}\n规章\t0\t0\t0\n{normative}\t0\t0\t0\n"
            + "第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t0\t\t\n"
            + "第二十条第（六）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政处罚\t0\t\t\n行政强制\t0\t\t\n"
            + "第二十条第（八）项\t\t\t\n信息内容\t本年收费金额（单位：万元）\t\t\n行政事业性收费\t0\t\t\n"
            + extra + "\n")


def requests(labels: dict[str, str] | None = None, drop: tuple[str, ...] = (),
             after: dict[str, str] | None = None, values: dict[str, str] | None = None, head: str = "") -> str:
    """Table 三 (all zeros): ``labels`` replaces row labels, ``drop`` leaves rows out,
    ``after`` inserts raw lines after a row, ``values`` replaces a row's tab-separated cells,
    ``head`` is a header row above the first."""
    labels, after, values = labels or {}, after or {}, values or {}
    text = REQUESTS_HEAD + head
    for key in STANDARD_REQUEST_KEYS:
        if key not in drop:
            label = labels.get(key, REQUEST_ROW_BY_KEY[key].label)
            text += label + values.get(key, ZEROS7) + "\n"
        text += after.get(key, "")
    return text + "\n"


def review() -> str:
    return (REVIEW_HEAD + "行政复议\t\t\t\t\t行政诉讼\n"
            + "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t" * 3 + "\n"
            + "\t".join(["0"] * 15) + "\n\n")


def tables(**kw) -> str:
    """All three tables; keyword arguments go to :func:`requests`."""
    return proactive() + requests(**kw) + review()
