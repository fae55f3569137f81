"""Word reports: .docx read directly from its XML; old .doc/.wps through LibreOffice.

The body of ``word/document.xml`` is walked in order with lxml: every body
paragraph becomes a :class:`TextBlock` (``origin.line`` = its ordinal among the
body paragraphs), every table a :class:`TableBlock` whose merged cells are
expanded to the grid (the text in the top-left position, ``None`` in every other
position the merge covers).  Tables inside content controls (``w:sdt``) are
found too.  Automatic list numbering (「一、」 produced by Word, not typed) is
rendered as Word shows it, and the text of text boxes follows the paragraph that
anchors them.

Safety: the zip is never extracted to disk; ``document.xml`` is inflated only
after its declared size is checked, and with a bounded read; the XML parser
resolves no entities and fetches nothing.  The file is never written to.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Optional

from lxml import etree

from gxcheck.ftypes import LoadedFile, Origin, ReadError, TableBlock, TextBlock
from gxcheck.hookspecs import hookimpl

#: Largest ``word/document.xml`` (uncompressed) that will be read.
MAX_DOCUMENT_XML = 64 * 1024 * 1024
#: Largest numbering.xml / styles.xml / .rels part read for list numbering.
MAX_AUX_XML = 16 * 1024 * 1024
#: Seconds LibreOffice may take to convert one .doc/.wps.
CONVERT_TIMEOUT = 60

_W_NS = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_OFF = frozenset({"0", "false", "off"})


def _parser(recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           remove_comments=True, remove_pis=True, recover=recover)


# --------------------------------------------------------------------------- the zip


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Inflate one member, refusing (by its header, then by a bounded read) more than ``limit``."""
    if info.file_size > limit:
        raise ReadError(f"文档内容部分（{info.filename}）解压后有 {info.file_size // (1024 * 1024)} MB，"
                        f"超过合理大小（{limit // (1024 * 1024)} MB），可能是恶意构造的压缩文件，未读取")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise ReadError("文件已加密（设置了密码），无法读取；请取消密码后再检查") from exc
    except NotImplementedError as exc:
        raise ReadError("文件使用了不支持的压缩方式，无法读取；请用 Word 或 WPS 重新另存为 .docx") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError("文件不是有效的 Word 文档（压缩数据损坏）") from exc
    if len(data) > limit:
        raise ReadError(f"文档内容部分（{info.filename}）解压后超过合理大小（{limit // (1024 * 1024)} MB），"
                        "可能是恶意构造的压缩文件，未读取")
    return data


def _find_main_part(zf: zipfile.ZipFile) -> Optional[zipfile.ZipInfo]:
    infos = {i.filename: i for i in zf.infolist()}
    if "word/document.xml" in infos:
        return infos["word/document.xml"]
    # The package relationships name the main part when it is not the usual one.
    rels = infos.get("_rels/.rels")
    if rels is not None:
        try:
            root = etree.fromstring(_read_member(zf, rels, MAX_AUX_XML), _parser())
        except (ReadError, etree.XMLSyntaxError):
            root = None
        if root is not None:
            for rel in root:
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    target = str(rel.get("Target", "")).lstrip("/")
                    if target in infos:
                        return infos[target]
    lowered = {name.lower(): info for name, info in infos.items()}
    return lowered.get("word/document.xml")


def _aux_root(zf: zipfile.ZipFile, main: str, name: str, must_contain: bytes = b"") -> Optional[etree._Element]:
    """A helper part next to the main part (numbering, styles), or None when absent or unusable."""
    folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
    try:
        info = zf.getinfo(folder + name)
        data = _read_member(zf, info, MAX_AUX_XML)
    except (KeyError, ReadError):
        return None
    if must_contain and must_contain not in data:
        return None
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return None


def read_docx(path: Path, fmt: str = "docx") -> LoadedFile:
    """Read a .docx file into blocks; raises :class:`ReadError` when it cannot be read."""
    try:
        zf = zipfile.ZipFile(path)
    except OSError as exc:
        raise ReadError(f"无法打开文件：{exc.strerror or exc}") from exc
    except Exception as exc:  # BadZipFile, truncated or hostile archives of every kind
        if _is_encrypted_ole(path):  # Office encryption wraps the .docx in an OLE container
            raise ReadError("文件已加密（设置了打开密码），无法读取；请取消密码后另存为 .docx 再检查") from exc
        raise ReadError("文件不是有效的 Word 文档（zip 结构损坏）") from exc
    with zf:
        info = _find_main_part(zf)
        if info is None:
            raise ReadError("文件不是有效的 Word 文档：压缩包里没有正文部分（word/document.xml）")
        data = _read_member(zf, info, MAX_DOCUMENT_XML)
        notes: list[str] = []
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError:
            try:
                root = etree.fromstring(data, _parser(recover=True))
            except etree.XMLSyntaxError:
                root = None
            if root is None:
                raise ReadError("文件已损坏：Word 正文部分（document.xml）不是有效的 XML") from None
            notes.append("Word 正文部分（document.xml）有损坏，已尽量读取，内容可能不全")
        ns = etree.QName(root).namespace if isinstance(root.tag, str) else None
        if ns not in _W_NS:
            raise ReadError("文件不是有效的 Word 文档：正文部分的格式无法识别")
        try:
            numbering = _Numbering.load(zf, info.filename, ns, data)
        except Exception:  # list numbers are a nicety: an odd numbering part must not stop the read
            numbering = None
            notes.append("自动编号的定义无法读取，段落前的自动编号（如「一、」）未显示")
    body = root.find(f"{{{ns}}}body")
    if body is None:
        raise ReadError("文件不是有效的 Word 文档：正文部分没有内容（缺少 body）")
    reader = _Reader(ns, numbering)
    blocks = reader.read_body(body)
    notes.extend(reader.notes)
    return LoadedFile(format=fmt, blocks=tuple(blocks), notes=tuple(notes))


# --------------------------------------------------------------------------- list numbering

_CN_DIGITS = "〇一二三四五六七八九"
_CN_COUNT = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese(n: int, digits: str = _CN_COUNT, units: str = "十百千") -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out = []
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
_LEVEL_REF = re.compile(r"%([1-9])")


class _Numbering:
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
        self.counters: dict[str, list[Optional[int]]] = {}
        self.overridden: set[str] = set()

    @classmethod
    def load(cls, zf: zipfile.ZipFile, main: str, ns: str, document: bytes) -> Optional["_Numbering"]:
        if b"numPr" not in document and b"pStyle" not in document:
            return None
        root = _aux_root(zf, main, "numbering.xml")
        if root is None:
            return None
        self = cls(ns)
        w = self.w
        val = f"{w}val"
        for an in root.iter(f"{w}abstractNum"):
            levels: dict[int, tuple[str, str, int, str]] = {}
            for lvl in an.iter(f"{w}lvl"):
                levels[_int(lvl.get(f"{w}ilvl"), 0)] = self._level(lvl)
            self.abstract[an.get(f"{w}abstractNumId", "")] = levels
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is None:
                continue
            abstract_id = ref.get(val, "")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{w}lvlOverride"):
                ilvl = _int(ov.get(f"{w}ilvl"), 0)
                start = ov.find(f"{w}startOverride")
                if start is not None:
                    overrides[ilvl] = _int(start.get(val), 1)
                lvl = ov.find(f"{w}lvl")
                if lvl is not None:  # a level redefined for this list only
                    key = f"{abstract_id}#{num.get(f'{w}numId', '')}"
                    base = dict(self.abstract.get(abstract_id, {}))
                    base[ilvl] = self._level(lvl)
                    self.abstract[key] = base
                    abstract_id = key
            self.nums[num.get(f"{w}numId", "")] = (abstract_id, overrides)
        if not any(fmt not in ("bullet", "none") for levels in self.abstract.values()
                   for fmt, _, _, _ in levels.values()):
            return None  # only bullets: nothing worth rendering
        if b"pStyle" in document:
            styles = _aux_root(zf, main, "styles.xml", b"numPr")
            if styles is not None:
                for st in styles.iter(f"{w}style"):
                    if st.get(f"{w}type") != "paragraph":
                        continue
                    sid = st.get(f"{w}styleId", "")
                    if st.get(f"{w}default") in ("1", "true", "on"):
                        self.default_style = sid
                    based = st.find(f"{w}basedOn")
                    numpr = st.find(f"{w}pPr/{w}numPr")
                    num_id = ilvl = None
                    if numpr is not None:
                        e = numpr.find(f"{w}numId")
                        num_id = e.get(val) if e is not None else None
                        e = numpr.find(f"{w}ilvl")
                        ilvl = _int(e.get(val), 0) if e is not None else None
                    self.styles[sid] = (num_id, ilvl, based.get(val) if based is not None else None)
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
        if legal is not None and legal.get(val, "1") not in _OFF:
            fmt_name = "decimal"
        return (fmt_name, text.get(val, "") if text is not None else "",
                _int(start.get(val), 1) if start is not None else 1,
                suff.get(val, "tab") if suff is not None else "tab")

    def _style_numpr(self, style: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        num_id: Optional[str] = None
        ilvl: Optional[int] = None
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            found = self.styles.get(style)
            if found is None:
                break
            if num_id is None:
                num_id = found[0]
            if ilvl is None:
                ilvl = found[1]
            style = found[2]
        return num_id, ilvl

    def label(self, ppr: etree._Element) -> str:
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
            ilvl = _int(e.get(val), 0) if e is not None else None
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

        def render(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            level = levels.get(lv)
            value = counters[lv] if lv < 10 else None
            if level is None:
                return ""
            if value is None:
                value = level[2]
            if not 0 < value < 10000:
                return str(value)
            return _FORMATS.get(level[0], str)(value)

        return _LEVEL_REF.sub(render, text) + (" " if suffix == "space" else "")


def _int(text: Optional[str], default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------- the body


class _Reader:
    """Walks ``w:body`` once, producing blocks in document order."""

    def __init__(self, ns: str, numbering: Optional[_Numbering]) -> None:
        w = f"{{{ns}}}"
        self.P, self.TBL, self.TR, self.TC = w + "p", w + "tbl", w + "tr", w + "tc"
        self.R, self.T, self.TAB, self.PTAB = w + "r", w + "t", w + "tab", w + "ptab"
        self.BR, self.CR = w + "br", w + "cr"
        self.NBHYPHEN = w + "noBreakHyphen"
        self.RUBY, self.RUBYBASE = w + "ruby", w + "rubyBase"
        self.SDT, self.SDTCONTENT = w + "sdt", w + "sdtContent"
        self.PPR, self.RPR, self.TCPR, self.TRPR = w + "pPr", w + "rPr", w + "tcPr", w + "trPr"
        self.VANISH = w + "vanish"
        self.GRIDSPAN, self.VMERGE, self.HMERGE = w + "gridSpan", w + "vMerge", w + "hMerge"
        self.GRIDBEFORE, self.GRIDAFTER = w + "gridBefore", w + "gridAfter"
        self.TBLGRID, self.GRIDCOL = w + "tblGrid", w + "gridCol"
        self.VAL = w + "val"
        self.TXBX = w + "txbxContent"
        self.DRAWING, self.PICT, self.OBJECT = w + "drawing", w + "pict", w + "object"
        self.ALTCHUNK = w + "altChunk"
        self.ALT, self.CHOICE, self.FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
        self.MATH = frozenset({_MATH + "oMath", _MATH + "oMathPara"})
        #: Inline wrappers whose runs are shown (``w:del``/``w:moveFrom`` are not).
        self.INLINE = frozenset(w + n for n in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml",
                                                "moveTo", "dir", "bdo", "sdtContent"))
        #: Block-level wrappers whose paragraphs and tables belong to the flow.
        self.BLOCK = frozenset(w + n for n in ("customXml", "sdtContent", "ins", "moveTo"))
        #: What a fast pass does with each element: 1 text, 2 paragraph, 3 break, 4 tab,
        #: 5 hyphen, 6-8 cell properties; 9 (and a nested table in a cell) means take the careful walk.
        careful = [w + "del", w + "moveFrom", self.VANISH, self.ALT, self.DRAWING, self.PICT, self.OBJECT,
                   self.RUBY, self.TBL, *self.MATH]
        self._kinds: dict[str, int] = {
            self.T: 1, self.P: 2, self.BR: 3, self.CR: 3, self.TAB: 4, self.PTAB: 4, self.NBHYPHEN: 5,
            self.GRIDSPAN: 6, self.VMERGE: 7, self.HMERGE: 8, **{tag: 9 for tag in careful}}
        self.numbering = numbering
        self.notes: list[str] = []
        self._para_count = 0
        self._altchunks = 0

    # ----------------------------------------------------------- paragraphs

    def _runs(self, parent: etree._Element, out: list[str], tab: str, boxes: Optional[list]) -> None:
        for child in parent:
            tag = child.tag
            if tag == self.R:
                for x in child:
                    t = x.tag
                    if t == self.T:
                        if x.text:
                            out.append(x.text)
                    elif t == self.RPR:
                        vanish = x.find(self.VANISH)
                        if vanish is not None and vanish.get(self.VAL, "1") not in _OFF:
                            break  # hidden text is not shown to readers
                    elif t == self.TAB or t == self.PTAB:
                        out.append(tab)
                    elif t == self.BR or t == self.CR:
                        out.append("\n")
                    elif t == self.NBHYPHEN:
                        out.append("-")
                    elif t == self.RUBY:  # ruby annotation: the base text only
                        base = x.find(self.RUBYBASE)
                        if base is not None:
                            self._runs(base, out, tab, boxes)
                    elif t == self.ALT or t == self.DRAWING or t == self.PICT or t == self.OBJECT:
                        if boxes is not None:
                            self._textboxes(x, boxes)
            elif tag in self.INLINE:
                self._runs(child, out, tab, boxes)
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    self._runs(content, out, tab, boxes)
            elif tag in self.MATH:
                out.append("".join(child.itertext()))
            elif tag == self.ALT:
                self._runs(self._choice(child), out, tab, boxes)

    def _choice(self, alt: etree._Element) -> etree._Element:
        """The one branch of ``mc:AlternateContent`` to read (never both: they repeat each other)."""
        for branch in alt:
            if branch.tag == self.CHOICE or branch.tag == self.FALLBACK:
                if next(branch.iter(self.TXBX, self.R, self.P), None) is not None:
                    return branch
        return etree.Element("empty")

    def _textboxes(self, holder: etree._Element, boxes: list) -> None:
        if holder.tag == self.ALT:
            holder = self._choice(holder)
        for box in holder.iter(self.TXBX):
            boxes.append(box)

    def paragraph_text(self, p: etree._Element, tab: str, boxes: Optional[list] = None) -> str:
        out: list[str] = []
        if self.numbering is not None:
            label = self.numbering.label(p.find(self.PPR))
            if label:
                out.append(label)
        # Fast path: one pass over the paragraph's elements.  Anything that needs judgement
        # (deletions, hidden text, drawings, text boxes, maths, ruby) sends the paragraph
        # to the careful walk instead.
        kinds = self._kinds
        mark = len(out)
        for el in p.iter():
            kind = kinds.get(el.tag)
            if kind is None:
                continue
            if kind == 1:
                text = el.text
                if text:
                    out.append(text)
            elif kind == 3:
                out.append("\n")
            elif kind == 4:
                out.append(tab)
            elif kind == 5:
                out.append("-")
            elif kind > 8:
                del out[mark:]
                self._runs(p, out, tab, boxes)
                break
        return "".join(out)

    # ----------------------------------------------------------- tables

    def _iter(self, parent: etree._Element, want: str):
        """Children tagged ``want``, looking through content controls and custom XML."""
        for child in parent:
            tag = child.tag
            if tag == want:
                yield child
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    yield from self._iter(content, want)
            elif tag in self.BLOCK:
                yield from self._iter(child, want)

    def _cell(self, tc: etree._Element) -> tuple[str, int, Optional[str], Optional[str]]:
        """A cell's text, grid span, vertical and horizontal merge marks.

        The text is the cell's paragraphs joined with line breaks, blank lines at its
        edges dropped.  A single pass over the cell's elements serves the plain cells
        that make up nearly every table; anything needing judgement (deletions,
        hidden text, drawings, nested tables, numbering) takes the careful walk.
        """
        kinds = self._kinds
        out: list[str] = []
        paragraphs = 0
        span = 1
        vmerge = hmerge = None
        careful = self.numbering is not None  # counters must advance exactly once per paragraph
        if not careful:
            for el in tc.iter():
                kind = kinds.get(el.tag)
                if kind is None:
                    continue
                if kind == 1:  # w:t
                    value = el.text
                    if value:
                        out.append(value)
                elif kind == 2:  # w:p
                    if paragraphs:
                        out.append("\n")
                    paragraphs += 1
                elif kind == 3:  # break
                    out.append("\n")
                elif kind == 4:  # tab: a space inside a cell
                    out.append(" ")
                elif kind == 5:
                    out.append("-")
                elif kind == 6:
                    if el.getparent().getparent() is tc:  # not an old value inside w:tcPrChange
                        span = max(1, _int(el.get(self.VAL), 1))
                elif kind == 7:
                    if el.getparent().getparent() is tc:
                        vmerge = el.get(self.VAL) or "continue"
                elif kind == 8:
                    if el.getparent().getparent() is tc:
                        hmerge = el.get(self.VAL) or "continue"
                else:
                    careful = True
                    break
        if careful:
            span, vmerge, hmerge = 1, None, None
            for el in tc:
                if el.tag == self.TCPR:
                    for prop in el:
                        tag = prop.tag
                        if tag == self.GRIDSPAN:
                            span = max(1, _int(prop.get(self.VAL), 1))
                        elif tag == self.VMERGE:
                            vmerge = prop.get(self.VAL) or "continue"
                        elif tag == self.HMERGE:
                            hmerge = prop.get(self.VAL) or "continue"
                    break
            lines: list[str] = []
            self._cell_flow(tc, lines)
            text = "\n".join(lines)
        else:
            text = "".join(out)
        if "\n" in text:
            lines = text.split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            start = 0
            while start < len(lines) and not lines[start].strip():
                start += 1
            text = "\n".join(lines[start:])
        return text, span, vmerge, hmerge

    def _cell_flow(self, parent: etree._Element, lines: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag == self.P:
                lines.append(self.paragraph_text(child, " "))
            elif tag == self.TBL:  # a table inside a cell: its rows as lines
                for row in self.table_rows(child):
                    lines.append(" ".join(c for c in row if c))
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    self._cell_flow(content, lines)
            elif tag in self.BLOCK:
                self._cell_flow(child, lines)

    def table_rows(self, tbl: etree._Element) -> tuple[tuple[Optional[str], ...], ...]:
        VAL, TRPR = self.VAL, self.TRPR
        rows: list[list[Optional[str]]] = []
        # grid column -> (row, column) of the cell a vertical merge started in
        active: dict[int, tuple[int, int]] = {}
        for tr in self._iter(tbl, self.TR):
            before = after = 0
            for el in tr:
                if el.tag == TRPR:
                    for prop in el:
                        if prop.tag == self.GRIDBEFORE:
                            before = _int(prop.get(VAL), 0)
                        elif prop.tag == self.GRIDAFTER:
                            after = _int(prop.get(VAL), 0)
                    break
            row: list[Optional[str]] = [None] * max(0, before)
            r = len(rows)
            still: dict[int, tuple[int, int]] = {}
            last_origin: Optional[int] = None
            for tc in self._iter(tr, self.TC):
                col = len(row)
                text, span, vmerge, hmerge = self._cell(tc)
                if vmerge is not None and vmerge != "restart" and col in active:
                    r0, c0 = active[col]
                    if text.strip():  # text typed into a covered cell still shows in the merge
                        rows[r0][c0] = f"{rows[r0][c0]}\n{text}" if rows[r0][c0] else text
                    for c in range(col, col + span):
                        still[c] = (r0, c0)
                    row.extend([None] * span)
                    continue
                if hmerge is not None and hmerge != "restart" and last_origin is not None:
                    if text.strip():
                        row[last_origin] = f"{row[last_origin]}\n{text}" if row[last_origin] else text
                    row.extend([None] * span)
                    continue
                last_origin = col
                row.append(text)
                if span > 1:
                    row.extend([None] * (span - 1))
                if vmerge is not None:  # restart (a bare continue with nothing above starts one too)
                    for c in range(col, col + span):
                        still[c] = (r, col)
            if after > 0:
                row.extend([None] * after)
            active = still
            rows.append(row)
        grid = 0
        for el in tbl:
            if el.tag == self.TBLGRID:
                grid = sum(1 for col in el if col.tag == self.GRIDCOL)
                break
        width = max([len(r) for r in rows] + [grid])
        return tuple(tuple(r + [None] * (width - len(r))) if len(r) < width else tuple(r) for r in rows)

    # ----------------------------------------------------------- the flow

    def read_body(self, body: etree._Element) -> list:
        blocks: list = []
        self._flow(body, blocks)
        if self._altchunks:
            self.notes.append(f"文档中有 {self._altchunks} 处嵌入的外部内容（altChunk），未能读取其中的文字")
        return blocks

    def _flow(self, parent: etree._Element, blocks: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == self.P:
                self._para_count += 1
                line = self._para_count
                boxes: list = []
                blocks.append(TextBlock(text=self.paragraph_text(child, "\t", boxes), origin=Origin(line=line)))
                for box in boxes:
                    self._textbox(box, blocks, line)
            elif tag == self.TBL:
                blocks.append(TableBlock(rows=self.table_rows(child), origin=Origin(line=self._para_count + 1)))
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    self._flow(content, blocks)
            elif tag in self.BLOCK:
                self._flow(child, blocks)
            elif tag == self.ALTCHUNK:
                self._altchunks += 1

    def _textbox(self, box: etree._Element, blocks: list, line: int) -> None:
        """A text box's paragraphs (and tables) follow the paragraph that anchors it."""
        for child in box:
            tag = child.tag
            if tag == self.P:
                text = self.paragraph_text(child, "\t")
                if text.strip():
                    blocks.append(TextBlock(text=text, origin=Origin(line=line)))
            elif tag == self.TBL:
                blocks.append(TableBlock(rows=self.table_rows(child), origin=Origin(line=line)))
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    self._textbox(content, blocks, line)
            elif tag in self.BLOCK:
                self._textbox(child, blocks, line)


# --------------------------------------------------------------------------- old .doc / .wps


def _soffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _is_encrypted_ole(path: Path) -> bool:
    """An Office file protected by a password: an OLE container with an ``EncryptedPackage`` stream."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return _ENCRYPTED_MARK in head


def convert_with_libreoffice(path: Path, soffice: str) -> LoadedFile:
    """Convert an old binary Word/WPS file to .docx in a private temporary folder and read it."""
    with tempfile.TemporaryDirectory(prefix="gxcheck-doc-") as tmp:
        tmpdir = Path(tmp)
        src_dir, out_dir = tmpdir / "in", tmpdir / "out"
        src_dir.mkdir()
        out_dir.mkdir()
        suffix = path.suffix.lower() if path.suffix.lower() in (".doc", ".wps", ".dot", ".wpt") else ".doc"
        source = src_dir / f"report{suffix}"
        try:
            shutil.copyfile(path, source)  # LibreOffice's lock files then stay out of the user's folder
        except OSError as exc:
            raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
        cmd = [soffice, f"-env:UserInstallation={(tmpdir / 'profile').as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx", "--outdir", str(out_dir),
               str(source)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, cwd=tmp, start_new_session=True)
        except OSError as exc:
            raise ReadError(f"无法启动 LibreOffice 转换旧版 Word/WPS 文件：{exc.strerror or exc}") from exc
        try:
            proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                proc.kill()
            proc.communicate()
            raise ReadError(f"用 LibreOffice 转换旧版 Word/WPS 文件超时（{CONVERT_TIMEOUT} 秒），"
                            "请用 Word 或 WPS 另存为 .docx 后再检查") from None
        converted = out_dir / "report.docx"
        if not converted.is_file():
            raise ReadError("LibreOffice 未能转换这个旧版 Word/WPS 文件（文件可能已损坏或不是 Word 文档），"
                            "请用 Word 或 WPS 另存为 .docx 后再检查")
        loaded = read_docx(converted, fmt="doc")
    return loaded.model_copy(update={"notes": loaded.notes + ("旧版 Word/WPS 文件已用 LibreOffice 转换为 .docx 后读取",)})


@hookimpl
def gxcheck_load(path: Path, format: str) -> Optional[LoadedFile]:
    if format == "docx":
        return read_docx(path)
    if format == "doc":
        if _is_encrypted_ole(path):
            raise ReadError("文件已加密（设置了打开密码），无法读取；请取消密码后另存为 .docx 再检查")
        soffice = _soffice()
        if soffice is None:
            return None  # the engine explains how to convert
        return convert_with_libreoffice(path, soffice)
    return None
