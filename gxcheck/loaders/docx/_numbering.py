"""Word's automatic list numbering (numbering.xml), rendered the way Word shows it.

Headings such as 「一、」 or 「（二）」 are often not typed but produced by Word from
a list definition; without them the section structure of a report would be lost.
A paragraph's list comes from its own ``w:numPr`` or from its paragraph style
(following ``w:basedOn``); the counters advance once per numbered paragraph, in
document order, and each level's ``lvlText`` (「%1、」) is filled in with the
counters in the level's number format (Chinese counting, circled digits, ...).
"""

from __future__ import annotations

import re
import zipfile
from typing import Callable, Optional

from lxml import etree

from ._package import OFF, aux_root, to_int
from gxcheck.startup import compiled_on_use

_CN_DIGITS = "〇一二三四五六七八九"
_CN_COUNT = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese(n: int, digits: str = _CN_COUNT, units: str = "十百千") -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out: list[str] = []
    parts = [(n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")]
    zero = False
    for d, unit in parts:
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + unit)
    text = "".join(out)
    if digits is _CN_COUNT and 10 <= n < 20:
        text = text[1:]  # 「十一」, not 「一十一」
    return text


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _from_table(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({i: 0xFF10 + i - 0x30 for i in range(0x30, 0x3A)}),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾佰仟"),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟"),
    "ideographTraditional": lambda n: _from_table("甲乙丙丁戊己庚辛壬癸", n),
    "ideographZodiac": lambda n: _from_table("子丑寅卯辰巳午未申酉戌亥", n),
    "decimalEnclosedCircle": lambda n: _from_table("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", n),
    "decimalEnclosedCircleChinese": lambda n: _from_table("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", n),
    "ideographEnclosedCircle": lambda n: _from_table("㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩", n),
    "decimalEnclosedParen": lambda n: _from_table("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", n),
    "decimalEnclosedFullstop": lambda n: _from_table("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", n),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}
_LEVEL_REF = compiled_on_use(r"%([1-9])")


class Numbering:
    """Word's automatic list numbers (numbering.xml), rendered the way Word shows them."""

    def __init__(self, ns: str) -> None:
        self.w = f"{{{ns}}}"
        #: abstractNumId -> {ilvl: (numFmt, lvlText, start, suffix)}
        self.abstract: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        #: numId -> (abstractNumId, {ilvl: startOverride})
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        #: styleId -> (numId or None, ilvl or None, basedOn or None)
        self.styles: dict[str, tuple[Optional[str], Optional[int], Optional[str]]] = {}
        self.default_style: Optional[str] = None
        #: styleId -> (numId, ilvl) with inheritance worked out (filled as styles are met)
        self.resolved: dict[str, tuple[Optional[str], Optional[int]]] = {}
        self.counters: dict[str, list[Optional[int]]] = {}
        self.overridden: set[str] = set()

    @classmethod
    def load(cls, zf: zipfile.ZipFile, main: str, ns: str, document: bytes) -> Optional["Numbering"]:
        if b"numPr" not in document and b"pStyle" not in document:
            return None
        root = aux_root(zf, main, "numbering.xml")
        if root is None:
            return None
        self = cls(ns)
        w = self.w
        val = f"{w}val"
        for an in root.iter(f"{w}abstractNum"):
            levels: dict[int, tuple[str, str, int, str]] = {}
            for lvl in an.iter(f"{w}lvl"):
                levels[to_int(lvl.get(f"{w}ilvl"), 0)] = self._level(lvl)
            self.abstract[an.get(f"{w}abstractNumId", "")] = levels
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is None:
                continue
            abstract_id = ref.get(val, "")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{w}lvlOverride"):
                ilvl = to_int(ov.get(f"{w}ilvl"), 0)
                start = ov.find(f"{w}startOverride")
                if start is not None:
                    overrides[ilvl] = to_int(start.get(val), 1)
                redefined = ov.find(f"{w}lvl")
                if redefined is not None:  # a level redefined for this list only
                    key = f"{abstract_id}#{num.get(f'{w}numId', '')}"
                    base = dict(self.abstract.get(abstract_id, {}))
                    base[ilvl] = self._level(redefined)
                    self.abstract[key] = base
                    abstract_id = key
            self.nums[num.get(f"{w}numId", "")] = (abstract_id, overrides)
        if not any(fmt not in ("bullet", "none") for levels in self.abstract.values()
                   for fmt, _, _, _ in levels.values()):
            return None  # only bullets: nothing worth rendering
        if b"pStyle" in document:
            styles = aux_root(zf, main, "styles.xml", b"numPr")
            if styles is not None:
                for st in styles.iter(f"{w}style"):
                    if st.get(f"{w}type") != "paragraph":
                        continue
                    sid = st.get(f"{w}styleId", "")
                    if st.get(f"{w}default") in ("1", "true", "on"):
                        self.default_style = sid
                    based = st.find(f"{w}basedOn")
                    numpr = st.find(f"{w}pPr/{w}numPr")
                    num_id: Optional[str] = None
                    style_ilvl: Optional[int] = None
                    if numpr is not None:
                        e = numpr.find(f"{w}numId")
                        num_id = e.get(val) if e is not None else None
                        e = numpr.find(f"{w}ilvl")
                        style_ilvl = to_int(e.get(val), 0) if e is not None else None
                    self.styles[sid] = (num_id, style_ilvl, based.get(val) if based is not None else None)
        return self

    def _level(self, lvl: etree._Element) -> tuple[str, str, int, str]:
        w = self.w
        val = f"{w}val"
        fmt = lvl.find(f"{w}numFmt")
        text = lvl.find(f"{w}lvlText")
        start = lvl.find(f"{w}start")
        suff = lvl.find(f"{w}suff")
        legal = lvl.find(f"{w}isLgl")
        fmt_name = fmt.get(val, "decimal") if fmt is not None else "decimal"
        if legal is not None and legal.get(val, "1") not in OFF:
            fmt_name = "decimal"
        return (fmt_name, text.get(val, "") if text is not None else "",
                to_int(start.get(val), 1) if start is not None else 1,
                suff.get(val, "tab") if suff is not None else "tab")

    def _style_numpr(self, style: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        """The list a paragraph style gives (its own, else inherited through ``w:basedOn``).

        Each style's answer is worked out once and kept, so a chain of thousands of styles costs
        one walk in all, not one per paragraph; a chain that loops ends where it comes back."""
        if not style:
            return None, None
        known = self.resolved.get(style)
        if known is not None:
            return known
        chain: list[str] = []
        seen: set[str] = set()
        inherited: tuple[Optional[str], Optional[int]] = (None, None)
        current: Optional[str] = style
        while current and current not in seen:
            if current in self.resolved:
                inherited = self.resolved[current]
                break
            found = self.styles.get(current)
            if found is None:
                break
            seen.add(current)
            chain.append(current)
            current = found[2]
        # Back down the chain: each style keeps what it sets and inherits the rest.
        for sid in reversed(chain):
            own_num, own_lvl, _ = self.styles[sid]
            inherited = (own_num if own_num is not None else inherited[0],
                         own_lvl if own_lvl is not None else inherited[1])
            self.resolved[sid] = inherited
        return self.resolved.get(style, (None, None))

    def label(self, ppr: Optional[etree._Element]) -> str:
        """The number Word shows before a paragraph with properties ``ppr`` ('' for none)."""
        w = self.w
        val = f"{w}val"
        num_id: Optional[str] = None
        ilvl: Optional[int] = None
        numpr = ppr.find(f"{w}numPr") if ppr is not None else None
        if numpr is not None:
            e = numpr.find(f"{w}numId")
            num_id = e.get(val) if e is not None else None
            e = numpr.find(f"{w}ilvl")
            ilvl = to_int(e.get(val), 0) if e is not None else None
        if num_id is None or ilvl is None:
            style = None
            if ppr is not None:
                e = ppr.find(f"{w}pStyle")
                style = e.get(val) if e is not None else None
            if self.styles:
                s_num, s_lvl = self._style_numpr(style or self.default_style)
                num_id = num_id if num_id is not None else s_num
                ilvl = ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0":
            return ""
        ilvl = ilvl or 0
        num = self.nums.get(num_id)
        if num is None:
            return ""
        abstract_id, overrides = num
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.overridden and overrides:
            self.overridden.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < 10:
                    counters[lv] = start - 1
        if not 0 <= ilvl < 10:
            return ""
        current = counters[ilvl]
        counters[ilvl] = (levels[ilvl][2] if current is None else current + 1)
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        fmt, text, _, suffix = levels[ilvl]
        if fmt == "bullet" or not text:
            return ""

        def render(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            level = levels.get(lv)
            value = counters[lv]
            if level is None:
                return ""
            if value is None:
                value = level[2]
            if not 0 < value < 10000:
                return str(value)
            return _FORMATS.get(level[0], str)(value)

        return _LEVEL_REF.sub(render, text) + (" " if suffix == "space" else "")
