import re
from difflib import SequenceMatcher

from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity, squash
from gxcheck.national import PROACTIVE_ROWS, REQUEST_ROWS, STANDARD_REQUEST_KEYS, TABLE_NAMES, proactive_row_of, row_label
from gxcheck_rules.template.T002 import stale_markers
from gxcheck_rules.template._examples import REQUESTS_HEAD, REVIEW_HEAD, ZEROS7, requests, tables

# Sub-rows of （六） are T003's business; a 2019 table has ``other`` instead of them.
_CHECKED_KEYS = tuple(k for k in STANDARD_REQUEST_KEYS if not k.startswith("other_"))


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


# The words of table 三's labels, including the merged 「三、本年度办理结果」 cell.
_VOCABULARY = set().union(*(_bigrams(squash(s.label)) for s in REQUEST_ROWS), _bigrams("三、本年度办理结果"))
_ORDINALS = re.compile(r"[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、]")


def looks_like_fragment(label: str) -> bool:
    """A piece of standard labels broken apart by extraction (「本年度办理结果开」「(四)无1.本机关」),
    rather than a row someone added: almost all its character pairs come from the standard labels."""
    words = _ORDINALS.sub("", squash(label))
    pairs = _bigrams(words)
    return len(words) <= 16 and bool(pairs) and len(pairs & _VOCABULARY) / len(pairs) >= 0.6


def damaged_labels(table) -> list[str]:
    """Placed rows whose label is neither the canonical label (possibly cut short) nor contains it:
    a sign that extraction mixed up the label column (「法提供不掌握相关政府信息」)."""
    out = []
    for key, row in table.rows.items():
        spec = next((s for s in REQUEST_ROWS if s.key == key), None)
        if spec is None or spec.group_of or not row.label:
            continue
        canonical = squash(spec.label)
        label = re.sub(r"(\d)、", r"\1.", row.label)
        starts = [m.start() for m in _ORDINALS.finditer(label)]
        own = label[starts[-1]:] if starts else label
        if canonical in label or canonical.startswith(own) or own.startswith(canonical):
            continue
        if SequenceMatcher(None, own, canonical).ratio() >= 0.8:
            continue  # a word changed (「补证」「不再受理」): T005's business, not damage
        out.append(row.label)
    return out


def duplicate_of(label: str, table) -> str | None:
    """The key of an already placed row whose whole canonical wording this label repeats."""
    words = _ORDINALS.sub("", squash(label))
    for spec in REQUEST_ROWS:
        if spec.group_of or spec.key not in table.rows:
            continue
        canonical = _ORDINALS.sub("", squash(spec.label)).split("(区分", 1)[0]
        if canonical and (canonical == words or len(canonical) >= 4 and canonical in words):
            return spec.key
    return None


def _layout_remark(label: str, problem) -> str:
    """What T004 says of a table whose numbers were all placed but whose layout is not the format's
    (``TableProblem.about_layout``: pasted twice, table 四's groups as rows, columns in another order)."""
    if problem.kind == "repeated-table":
        advice = "gxcheck 只核对了第一份；请核对后删去错误的一份" if problem.expected else "请删去重复的一份"
        return f"{label}{problem.message.removeprefix('表格')}。{advice}"
    if problem.kind == "transposed":
        return (f"{label}的三组（行政复议、未经复议直接起诉、复议后起诉）写成了三行：统一格式把十五个数字排在同一行"
                "（每组结果维持、结果纠正、其他结果、尚未审结、总计）。gxcheck 已按行名读取，"
                "但按位置汇总时会张冠李戴，请按统一格式排列")
    return (f"{label}的栏目顺序与统一格式不同：依次为{problem.label}，统一格式为自然人、商业企业、科研机构、"
            "社会公益组织、法律服务机构、其他、总计。gxcheck 已按栏目名称读取各栏的数字，"
            "但按位置汇总时会张冠李戴，请按统一格式的顺序排列栏目")


class T004(Rule):
    """三张表的行和列应与 2021 年全国统一格式一致：不多行、不缺行、不重复，每行的栏数正确。

    统一格式的表三固定为 25 行 7 列，表二 6 行，表四 3 组各 5 栏。多出对不上的行、
    缺少标准行、同一行出现两次、某一行的单元格个数不对，或者表三的栏目换了顺序（gxcheck
    按栏目名称读取，但汇总按位置进行）、表四的三组写成了三行，都会使数字错位，汇总时张冠李戴。
    整张表粘贴了两次时只报告一次，并说明两份的数字是否相同（只核对第一份）。
    请按现行格式核对表格的行列。「（六）其他处理」的子项由 T003 检查，2019 年格式的表二由 T002 检查。
    表格因提取（如 PDF 换行）而无法可靠读出时，本规则只给出「无法判断」，不报错。
    """

    code = "T004"
    slug = "template.table-shape"
    title = "表格行列与统一格式不符"
    severity = Severity.ERROR
    basis = "国办公开办函〔2021〕30号（三张统计表的格式）"
    failing = (
        Example(text=requests(drop=("deny_8",)), note="表三少了「8.属于行政查询事项」"),
        Example(text=requests(after={"noproc_2": "2.重复申请" + ZEROS7 + "\n"}), note="「2.重复申请」出现两次"),
        Example(text=requests(after={"noproc_5": "（八）其他情形" + ZEROS7 + "\n"}), note="多出一行"),
        Example(text=requests(values={"total": "\t0" * 6}), note="「（七）总计」只有 6 栏"),
        Example(text=requests(head="\t总计\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n",
                              values={"new": "\t2\t2" + "\t0" * 5, "total": "\t2\t2" + "\t0" * 5}),
                note="「总计」一栏排在最前（数字按栏目名称读取，加总无误）"),
        Example(text=requests(after={"carry_over": requests().removeprefix(REQUESTS_HEAD)}),
                note="表三粘贴了两次：只报告一次"),
        Example(text=REVIEW_HEAD + "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
                + "".join(group + "\t0" * 5 + "\n" for group in ("行政复议", "行政诉讼（未经复议直接起诉）",
                                                              "行政诉讼（复议后起诉）")),
                note="表四的三组写成了三行（数字按行名读取）"),
    )
    passing = (
        Example(text=tables()),
        Example(text=requests(drop=("other_3",)), note="（六）的子项不全由 T003 报告"),
    )

    def check(self, report: Report) -> Iterator[Finding]:
        stale = bool(stale_markers(report))
        for name in ("proactive", "requests", "review"):
            table = report.tables.get(name)
            if table is None:
                continue  # T001
            yield from self._check_table(name, table, stale)

    def _check_table(self, name, table, stale):
        label = TABLE_NAMES[name]
        part = {"proactive": "s2", "requests": "s3", "review": "s4"}[name]

        def where(row=None, text=None, origin=None):
            origin = origin or table.origin
            return Location(part=part, table=name, row=row, text=text, page=origin.page, line=origin.line)

        doubtful = []  # problems that come from extraction rather than from the table as written
        width_errors = 0
        for problem in table.problems:
            if problem.kind == "unmatched-row":
                continue  # handled below, label by label
            if problem.about_layout:  # every number placed; only the layout differs from the format
                quoted = problem.label if problem.kind == "repeated-table" else None
                yield self.finding(_layout_remark(label, problem), where(text=quoted, origin=problem.origin))
                continue
            if problem.kind == "unread-cell":
                continue  # the row is there, one of its digits unread from a picture (E004): not the layout
            if problem.kind != "row-width":
                doubtful.append(problem.message)
                continue
            n, w, row = problem.found, problem.expected, problem.label
            if name == "requests" and problem.from_grid:
                width_errors += 1
                yield self.finding(
                    f"{label}「{row}」一行有 {n} 个数字单元格，应为 {w} 个（自然人、商业企业、科研机构、"
                    "社会公益组织、法律服务机构、其他、总计）。请按统一格式补齐或删去多余的栏，这一行的数字未参与核对",
                    where(text=row))
            elif name == "proactive" and n > w and len(row) <= 12 and not re.search(r"[《》，。；]", row) \
                    and not stale:
                width_errors += 1
                yield self.finding(
                    f"{label}「{row}」一行有 {n} 栏数字，统一格式为 {w} 栏。请按现行格式核对栏目", where(text=row))
            elif name == "review" and n > w:
                width_errors += 1
                yield self.finding(
                    f"{label}读到 {n} 个数字，统一格式为 15 个（行政复议、未经复议直接起诉、复议后起诉三组，"
                    "每组结果维持、结果纠正、其他结果、尚未审结、总计五栏）。请删去多余的栏", where())
            elif not (name == "proactive" and stale):
                doubtful.append(problem.message)

        if name == "requests":
            fragments = []
            damaged = bool(table.unmatched_labels) and bool(damaged_labels(table))
            for text in table.unmatched_labels:
                dup = duplicate_of(text, table)
                if dup is not None:
                    yield self.finding(
                        f"{label}中「{text}」一行重复出现（与「{row_label('requests', dup)}」是同一项）。"
                        "每一项只能填一次，请删去重复的行", where(row=dup, text=text))
                elif damaged and looks_like_fragment(text):
                    fragments.append(text)
                else:
                    yield self.finding(
                        f"{label}中有一行「{text}」不属于统一格式的任何一行。请删去这一行，"
                        "或把其中的数字填到格式规定的对应行", where(text=text))
            if fragments:
                doubtful.append("、".join(fragments))
            if doubtful:
                yield self.undecided(f"{label}的部分内容可能在提取时被拆散（{doubtful[0][:40]}），行列是否齐全无法判断",
                                     where())
                return
            missing = [k for k in _CHECKED_KEYS if k not in table.rows]
            if missing and not width_errors:
                names = "、".join(f"「{row_label('requests', k)}」" for k in missing[:6])
                more = f"等 {len(missing)} 行" if len(missing) > 6 else ""
                yield self.finding(
                    f"{label}缺少 {names}{more}。统一格式的表三共 25 行，请补齐缺少的行（没有发生的填 0）",
                    where(row=missing[0]))
        elif name == "proactive":
            if doubtful:
                yield self.undecided(f"{label}的内容可能在提取时被打乱（{doubtful[0][:40]}），行列是否齐全无法判断",
                                     where())
                return
            if stale:
                return  # T002 reports the 2019 table
            for text in table.unmatched_labels:
                spec = proactive_row_of(text)
                if spec is not None and spec.key in table.rows:
                    yield self.finding(f"{label}中「{text}」一行重复出现。每一项只能填一次，请删去重复的行"
                                       "（gxcheck 读的是第一行）", where(row=spec.key, text=text))
                    continue
                yield self.finding(f"{label}中有一行「{text}」不属于统一格式的任何一行。请按现行格式核对表二",
                                   where(text=text))
            # A row read with the wrong number of cells is there (reported above), not missing.
            misread = {spec.key for p in table.problems if p.kind == "row-width"
                       and (spec := proactive_row_of(p.label)) is not None}
            missing = [s for s in PROACTIVE_ROWS if s.key not in table.rows and s.key not in misread]
            if missing and table.rows:
                names = "、".join(f"「{s.label}」" for s in missing)
                yield self.finding(f"{label}缺少 {names}。统一格式的表二共 6 行，请补齐（没有发生的填 0）",
                                   where(row=missing[0].key))
        elif doubtful:
            yield self.undecided(f"{label}的数字个数不对（{doubtful[0][:40]}），可能是提取时丢失了空白单元格，"
                                 "无法判断表格行列是否齐全", where())
