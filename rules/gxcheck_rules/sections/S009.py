from dataclasses import dataclass

from gxcheck import Example, Location, Rule, Severity, squash
from gxcheck.recognize.text import chinese_ordinal_value
from gxcheck_rules.sections._examples import report
from gxcheck.startup import compiled_on_use

#: 「一是」「二是」… — not 「统一是」「唯一是」「第一是」「之一是」 and not 「是否」「是指」.
_SHI = compiled_on_use(r"(?<![统唯第之万同其逐单专划合惟均再不])([一二三四五六七八九十]{1,3})是(?![否非指])")
#: A sub-heading 「（一）…」 at the start of a paragraph.
_SUB = compiled_on_use(r"^\s*[(（]([一二三四五六七八九十]{1,3})[)）]")
#: 「一是」 lists run over paragraphs that PDF line breaks cut: at most this many paragraphs without
#: an ordinal may stand between two items of one list.
_GAP = 2


@dataclass(frozen=True)
class Item:
    value: int
    written: str
    para: int
    where: Location


def _lists(items: list[Item], gap: int | None) -> list[list[Item]]:
    """Split items into lists: a new list starts at 1, or after more than ``gap`` paragraphs."""
    out: list[list[Item]] = []
    for item in items:
        if not out or item.value == 1 or (gap is not None and item.para - out[-1][-1].para > gap + 1):
            out.append([item])
        else:
            out[-1].append(item)
    return out


def _where(part, para) -> Location:
    """Where an item of ``para`` is (made for an item only: most paragraphs have none)."""
    return Location(part=part.key, line=para.origin.line, page=para.origin.page)


class S009(Rule):
    """同一组序号跳号或重复（「一是……三是……三是」，「（一）（二）（四）」）。

    序号错乱说明文字拼凑或漏了一项，读者会以为有内容缺失。一组序号指一段（或相连几段）里的
    「一是、二是……」，或一个部分里的小标题「（一）（二）……」；从「一」重新开始的是新的一组，
    不算重复。六个部分的标题序号由 S001、S002 检查。请按顺序改正序号，或补上缺少的一项。
    """

    code = "S009"
    slug = "sections.ordinals"
    title = "序号跳号或重复"
    severity = Severity.WARNING
    basis = "GB/T 9704《党政机关公文格式》结构层次序数；国办公开办函〔2021〕30号"
    failing = (
        Example(text=report(bodies={"s5": "一是公开内容不够丰富；三是解读形式单一；三是更新不及时。下一步将加强培训。"}),
                note="「一是」之后是「三是」「三是」"),
        Example(text=report(bodies={"s1": "（一）主动公开。主动公开政府信息62条。\n（三）依申请公开。未收到申请。"}),
                note="小标题从（一）跳到（三）"),
    )
    passing = (
        Example(text=report(bodies={"s5": "一是公开内容不够丰富；二是解读形式单一。\n"
                                          "下一步，我镇一是加强培训；二是丰富解读形式；三是及时更新。"}),
                note="问题和措施是两组序号，各自从「一是」开始"),
        Example(text=report(bodies={"s5": "全镇统一是基本要求。一是公开内容不够丰富。下一步将加强培训。"}),
                note="「统一是」不是序号"),
    )

    def check(self, report):
        for part in report.parts:
            shi: list[Item] = []
            subs: list[Item] = []
            for n, para in enumerate(part.paragraphs):
                text = squash(para.text)
                m = _SUB.match(text)
                if m and (value := chinese_ordinal_value(m.group(1))):
                    subs.append(Item(value, f"（{m.group(1)}）", n, _where(part, para)))
                if "是" not in text:
                    continue  # no 「一是」 here (the pattern would be tried at every position)
                for m in _SHI.finditer(text):
                    if value := chinese_ordinal_value(m.group(1)):
                        shi.append(Item(value, m.group(0), n, _where(part, para)))
            for items, gap in ((shi, _GAP), (subs, None)):
                for run in _lists(items, gap):
                    yield from self._check_run(part, run)

    def _check_run(self, part, run: list[Item]):
        for before, item in zip(run, run[1:]):
            if item.value == before.value + 1:
                continue
            what = "重复" if item.value <= before.value else "跳号"
            expected = {"（": f"（{_cn(before.value + 1)}）"}.get(item.written[0], f"{_cn(before.value + 1)}是")
            yield self.finding(
                f"第{_cn(_index(part.key))}部分「{part.heading}」里的序号{what}：「{before.written}」之后是"
                f"「{item.written}」，应为「{expected}」。请按顺序改正序号，或补上缺少的一项",
                item.where.model_copy(update={"text": "、".join(i.written for i in run)}))
            return  # one finding per list


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _index(key: str) -> int:
    return int(key[1:]) if key[1:].isdigit() else 0
