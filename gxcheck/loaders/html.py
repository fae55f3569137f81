"""Web pages (html/htm, also saved as .txt): paragraphs and table grids, page furniture left out.

The bytes are decoded here (a declared charset is honoured, undeclared pages are tried as UTF-8
and then GB18030) and parsed with lxml's HTML parser, which never fetches anything and never runs
scripts.  Then:

* script, style, forms' controls, hidden elements and page furniture (navigation, breadcrumbs,
  share buttons, headers, footers, sidebars) are skipped — unless they hold part of the report;
* when an element that looks like the article body (``class="TRS_Editor"``, ``id="zoom"``,
  ``<ucapcontent>`` …) holds the whole report, only that element is read; the report's title is
  put back in front when it sat outside it (in an ``<h1>``, a ``*title*`` element or ``<title>``),
  and whatever a page shows before the title (related links, metadata tables) is dropped, as are
  short furniture lines such as 「字号：大 中 小」 and 「【打印本页】」;
* every block-level text unit becomes one :class:`TextBlock` per line (``<br>`` breaks a line);
* every data table becomes a :class:`TableBlock` with row and column spans expanded (the text at
  the merged cell's top-left position, ``None`` over the rest of it), a cell's paragraphs joined
  with ``"\\n"``; a layout table (one that wraps paragraphs or other tables) is read as text.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from lxml import etree

from gxcheck.ftypes import Block, LoadedFile, Origin, ReadError, TableBlock, TextBlock
from gxcheck.hookspecs import OcrFunction, hookimpl
from gxcheck.loaders._decode import decode_bytes
from gxcheck.loaders._pictures import MAX_PICTURE_BYTES, Picture, open_picture, read_pictures
from gxcheck.national import PAGE_MARKERS, REPORT_TABLE_WORDS
from gxcheck.startup import compiled_on_use

#: Refuse pages beyond this size before parsing: a report page is well under a megabyte.
MAX_HTML_BYTES = 16 * 1024 * 1024
#: Refuse pages with more tags than this before parsing (a parsed element costs memory; a report
#: page, furniture included, has a few thousand).
MAX_TAGS = 200_000
#: Refuse pages whose tables expand to more cells than this (spans can multiply a small file).
MAX_GRID_CELLS = 1_000_000
#: Spans beyond these are clamped (HTML itself caps colspan at 1000).
MAX_COLSPAN = 1000

_DECLARED = compiled_on_use(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{2,40})"
    rb"|<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]{2,40})",
    re.IGNORECASE,
)
#: Single-byte Western charsets: a Chinese report cannot be written in them.
_WESTERN = compiled_on_use(r"(?:iso[-_]?8859|latin|l1$|windows-125|cp125|us-ascii|ascii$)")
_XML_DECLARATION = compiled_on_use(r"^\s*<\?xml[^>]*\?>")

#: Word's XML islands and drawing markup (``<w:WordDocument>``, ``<v:shape>``): never read.
_OFFICE_XML = ("w:", "m:", "v:")
#: Never read: code, styling, embedded objects, form controls, Word's XML islands.
_SKIP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "map", "audio", "video", "img", "input", "button", "select",
    "textarea", "option", "xml",
})
#: Elements that start and end a line of text; everything else is inline.
_BLOCK_TAGS = frozenset({
    "html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "title", "legend", "ucapcontent",
    "ucaptitle",
})
_FURNITURE_TAGS = frozenset({"nav", "footer", "header", "aside"})
#: Only containers are judged by their class/id: Word's pasted paragraphs carry classes such as
#: ``MsoHeader`` that name no furniture.
_CONTAINER_TAGS = frozenset({"div", "section", "ul", "ol", "dl", "table", "td", "form", "center", "menu"})
#: Substrings of class/id naming page furniture.
_FURNITURE_WORDS = (
    "nav", "menu", "breadcrumb", "crumb", "footer", "share", "header", "sidebar", "copyright", "toolbar",
    "position", "location", "dqwz", "fenxiang", "friendlink", "yqlj", "qrcode", "login", "search", "related",
    "xgwz", "xglj",
)
#: Whole class/id tokens naming page furniture (too short to match as substrings).
_FURNITURE_TOKENS = frozenset({"top", "bottom", "foot", "head", "side", "links", "print", "close", "tools"})
#: Substrings of class/id naming the article body.
_BODY_WORDS = (
    "article", "content", "zoom", "trs_editor", "ucapcontent", "custom_unionstyle", "view", "detail",
    "zwnr", "main", "text", "body",
)
_BODY_TAGS = frozenset({"article", "main", "ucapcontent"})
#: Paragraph-level elements are never the article, whatever their class (Word's ``MsoBodyText``).
_NOT_BODY_TAGS = frozenset({"p", "span", "font", "a", "b", "strong", "em", "i", "u", "li", "h1", "h2", "h3", "h4",
                            "h5", "h6", "table", "tbody", "thead", "tr", "ul", "ol", "dl", "html", "title"})
#: Short lines that are page furniture whatever element holds them: 「字号：大 中 小」, 「【打印本页】」.
_FURNITURE_LINE = compiled_on_use(
    r"字号\s*[:：]|分享到|扫一扫|浏览次数|阅读次数|访问次数|点击数|上一篇|下一篇|当前位置\s*[:：]|您的位置|"
    r"【\s*(?:打印|关闭|返回|收藏)|^\s*(?:打印本页|关闭窗口|返回顶部|返回列表|打印|关闭)\s*$"
)
_HIDDEN_STYLE = compiled_on_use(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKEN_SPLIT = compiled_on_use(r"[^a-z0-9]+")


def _both_scripts(word: str) -> tuple[str, str]:
    """A word of the national vocabulary as written in simplified and in traditional characters
    (pages are matched before any folding: the page's own text is what is searched)."""
    import opencc  # the recognizer's converter too (see gxcheck.recognize.text)

    return word, opencc.OpenCC("s2t").convert(word)


#: Words showing where the report is (the start of each part heading), in both scripts.
_MARKERS = tuple(_both_scripts(word) for word in PAGE_MARKERS)
_ANY_MARKER = compiled_on_use("|".join(word for words in _MARKERS for word in words))
_REPORT_TABLE = compiled_on_use("|".join(w for word in REPORT_TABLE_WORDS for w in dict.fromkeys(_both_scripts(word))))

_YEAR = r"(?:(?:19|20)\d\d|[〇零○一二三四五六七八九]{4})\s*年"
_TITLE = compiled_on_use(_YEAR + r".{0,30}公[开開].{0,30}[报報]告")
_TITLE_SEPARATORS = compiled_on_use(r"\s*(?:[_|｜]|——| - |--)\s*|-")

class _Free(Enum):
    FREE = 0


@dataclass(frozen=True)
class _Img:
    """An ``<img>`` of the article, by its ``src``: read only when it is a ``data:`` URI, never fetched."""

    src: str


_FREE = _Free.FREE  # a grid position no cell has reached yet
#: A table's rows as the loader hands them on: text, ``None`` under a merged cell.
_Rows = tuple[tuple[Optional[str], ...], ...]
#: What walking the page gives: lines of text, and tables (elements while walking, grids at the end).
_Walked = Union[str, etree._Element]
_Item = Union[str, _Rows, "_Img"]
#: A cell before its spans are laid out: its text, its colspan and rowspan attributes.
_Cell = tuple[str, Optional[str], Optional[str]]
_ASCII_SPACE = compiled_on_use(r"[ \t\r\n\f\v]+")
_CJK = compiled_on_use(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]")


def _collapse(match: re.Match[str]) -> str:
    """A run of white space in the source: one space, or nothing where it only wrapped CJK text."""
    if "\n" in match.group() or "\r" in match.group():
        text = match.string
        start, end = match.start(), match.end()
        if (start and _CJK.match(text, start - 1)) or (end < len(text) and _CJK.match(text, end)):
            return ""
    return " "


def _clean_line(text: str) -> str:
    return _ASCII_SPACE.sub(_collapse, text).strip()


# --------------------------------------------------------------------------- decoding and parsing


def declared_charset(head: bytes) -> Optional[str]:
    """The charset a page declares in its first bytes (meta charset, http-equiv or XML declaration)."""
    m = _DECLARED.search(head)
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii").strip(".:-").lower() or None


def decode_page(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("网页以 UTF-16 标记开头，但内容无法按 UTF-16 解码") from None
    declared = declared_charset(data[:4096])
    if declared and _WESTERN.match(declared):
        declared = None  # a Chinese page labelled Latin-1 by a server default: the label is wrong
    return decode_bytes(data, declared)


def parse_page(text: str) -> tuple[etree._Element, list[str]]:
    """The parsed page, and a note when the parser had to stop early (libxml2's depth and size limits)."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if "\x00" in text:
        text = text.replace("\x00", "")
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        doc = etree.fromstring(text, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(f"无法解析网页：{exc}") from None
    if doc is None:
        raise ReadError("网页中没有文字", code="E002")
    notes = []
    fatal = next((e for e in parser.error_log if e.level_name == "FATAL"), None)
    if fatal is not None:
        if "depth" in fatal.message:
            why = "标签嵌套过深"
        elif fatal.type_name == "ERR_RESOURCE_LIMIT":
            why = "有一段文字过长"
        else:
            why = f"无法解析（{fatal.message.strip()}）"
        notes.append(f"网页第 {fatal.line} 行{why}，超出解析器的上限，其后的内容未读取")
    return doc, notes


# --------------------------------------------------------------------------- the page


def _names(el: etree._Element) -> str:
    cls, ident = el.get("class"), el.get("id")
    if cls is None and ident is None:
        return ""
    return f"{cls or ''} {ident or ''}".lower()


def _is_furniture(el: etree._Element, tag: str) -> bool:
    if tag in _FURNITURE_TAGS or el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if tag not in _CONTAINER_TAGS:
        return False
    names = _names(el)
    if not names:
        return False
    if any(word in names for word in _FURNITURE_WORDS):
        return True
    return not _FURNITURE_TOKENS.isdisjoint(_TOKEN_SPLIT.split(names))


def _text(el: etree._Element) -> str:
    return str(el.xpath("string()"))


def _text_length(el: etree._Element) -> int:
    return len(_text(el)) - sum(len(_text(s)) for s in el.iter("script", "style"))


def _report_tables(body: etree._Element) -> list[etree._Element]:
    return [t for t in body.iter("table") if t.find(".//table") is None and _REPORT_TABLE.search(_text(t))]


def _anchors(doc: etree._Element, report_tables: list[etree._Element]) -> list[set[etree._Element]]:
    """For each sign of the report (a part heading, a report table): the elements holding it."""
    groups: list[set[etree._Element]] = [set() for _ in _MARKERS]
    search = _ANY_MARKER.search

    def hold(text: str, holder: Optional[etree._Element]) -> None:
        if holder is None or holder.tag in ("script", "style", "title"):
            return
        for words, holders in zip(_MARKERS, groups):
            if any(word in text for word in words):
                holders.add(holder)
                holders.update(holder.iterancestors())

    for el in doc.iter():
        text = el.text
        if text and search(text):
            hold(text, el)
        text = el.tail
        if text and search(text):
            hold(text, el.getparent())
    found = [holders for holders in groups if holders]
    for table in report_tables:
        holders = {table}
        holders.update(table.iterancestors())
        found.append(holders)
    return found


def _is_title(text: str) -> bool:
    return len(text) <= 100 and bool(_TITLE.search(re.sub(r"\s+", "", text)))


def _title_candidates(doc: etree._Element, body: etree._Element) -> Iterable[str]:
    """Where pages keep the article's title, most telling first."""
    for el in body.iter("h1"):
        yield _text(el)
    for el in doc.iter("meta"):
        if (el.get("name") or "").lower() in ("articletitle", "title", "dc.title"):
            yield el.get("content") or ""
    for el in doc.iter("title"):
        whole = _text(el)
        # 「…年度报告_政府信息公开年报_某某网站」: the piece that is the title.
        yield next((piece for piece in _TITLE_SEPARATORS.split(whole) if _is_title(piece)), whole)
    for el in body.iter():
        if isinstance(el.tag, str) and (el.tag == "ucaptitle" or "title" in _names(el)):
            yield _text(el)
    for el in body.iter("h2", "h3"):
        yield _text(el)


#: Meta names under which publishing systems label an article's publication date.
_PUBLISHED_META = ("pubdate", "publishdate")


def _published(doc: etree._Element) -> Optional[str]:
    """The publication date a page's meta labels as such (「<meta name="PubDate" …>」), as written."""
    for el in doc.iter("meta"):
        content = (el.get("content") or "").strip()
        if (el.get("name") or "").lower() in _PUBLISHED_META and content:
            return content[:40]
    return None


class _Page:
    def __init__(self, doc: etree._Element) -> None:
        self.doc = doc
        body = doc.find("body")
        self.body = body if body is not None else doc
        self.cells_left = MAX_GRID_CELLS
        report_tables = _report_tables(self.body)
        anchors = _anchors(doc, report_tables)
        self.skip = self._furniture(set().union(*anchors) if anchors else set(), set(report_tables))
        self.root = self._article(anchors)

    def _furniture(self, protected: set[etree._Element], report_tables: set[etree._Element]) -> set[etree._Element]:
        """Elements not to read: furniture that holds no part of the report. Report tables are left whole."""
        skip: set[etree._Element] = set()
        stack = [self.body]
        while stack:
            for el in stack.pop():
                tag = el.tag
                if not isinstance(tag, str) or el in report_tables:
                    continue
                if el not in protected and _is_furniture(el, tag):
                    skip.add(el)
                else:
                    stack.append(el)
        return skip

    def _article(self, anchors: list[set[etree._Element]]) -> etree._Element:
        """The deepest body-like element that holds every sign of the report, or <body>.

        With two signs or more, the element spans the report from one to the other; a single sign
        (a lone heading) is trusted only in an element holding a good share of the page's text.
        """
        if not anchors:
            return self.body
        common = set.intersection(*anchors)
        common.discard(self.body)
        least = (0.1 if len(anchors) > 1 else 0.4) * _text_length(self.body)
        best, depth = self.body, -1
        for el in common:
            tag = el.tag
            if tag in _NOT_BODY_TAGS:
                continue
            if tag not in _BODY_TAGS and not any(word in _names(el) for word in _BODY_WORDS):
                continue
            here = sum(1 for _ in el.iterancestors())
            if here > depth and _text_length(el) >= least:
                best, depth = el, here
        return best

    # ----------------------------------------------------------------- walking

    def lines(self, root: etree._Element, tables: list[etree._Element]) -> list[_Walked]:
        """Lines of text (str) and tables (elements, appended to ``tables`` too) under ``root``, in order."""
        if not len(root):  # a cell or paragraph holding nothing but text
            line = _clean_line(root.text or "")
            return [line] if line else []
        out: list[_Walked] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                line = _clean_line("".join(buf))
                buf.clear()
                if line:
                    out.append(line)

        skip = self.skip
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if event == "end":
                if el is root:
                    break
                if buf and tag in _BLOCK_TAGS:
                    flush()
                text = el.tail
            elif not isinstance(tag, str) or el in skip or tag in _SKIP_TAGS or tag.startswith(_OFFICE_XML):
                if tag == "img" and el not in skip:
                    flush()
                    out.append(el)  # perhaps a table pasted as a picture
                walker.skip_subtree()
                continue
            elif tag == "br":
                flush()
                continue
            elif tag == "table" and el is not root:
                flush()
                out.append(el)
                tables.append(el)
                walker.skip_subtree()
                continue
            elif tag == "pre":
                flush()
                out.extend(ln.strip() for ln in _text(el).splitlines() if ln.strip())
                walker.skip_subtree()
                continue
            else:
                if buf and tag in _BLOCK_TAGS:
                    flush()
                text = el.text
            if text and (buf or not text.isspace()):  # white space opening a line is dropped anyway
                buf.append(text)
        flush()
        return out

    def blocks(self) -> list[_Item]:
        """Lines (str) and grids (tuple rows) of the article, in document order."""
        out: list[_Item] = []
        self._emit(self.root, out, depth=0)
        return out

    def _emit(self, root: etree._Element, out: list[_Item], depth: int) -> None:
        for item in self.lines(root, []):
            if not isinstance(item, str) and item.tag == "img":
                out.append(_Img(str(item.get("src") or "").strip()))
            elif not isinstance(item, str):
                self._table(item, out, depth + 1)
            elif len(item) > 60 or not _FURNITURE_LINE.search(item):
                out.append(item)

    def _table(self, table: etree._Element, out: list[_Item], depth: int) -> None:
        rows = self._rows(table)
        cells: list[list[_Cell]] = []
        nested: list[etree._Element] = []
        own = long_text = 0
        for tr in rows:
            row = []
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                if len(cell):
                    text = "\n".join(x for x in self.lines(cell, nested) if isinstance(x, str))
                else:
                    text = _clean_line(cell.text or "")
                row.append((text, cell.get("colspan"), cell.get("rowspan")))
                own += len(text)
                if len(text) > 150:
                    long_text += len(text)
            cells.append(row)
        nested_text = sum(len(_text(t)) for t in nested)
        width = max((len(r) for r in cells), default=0)
        if not own and not nested:
            return  # a spacer
        if depth > 40 or width <= 1 or long_text + nested_text > 0.5 * (own + nested_text):
            self._emit(table, out, depth)  # a layout table: read it as text
            return
        caption = table.find("caption")
        if caption is not None:
            out.extend(x for x in self.lines(caption, []) if isinstance(x, str))
        out.append(self._grid(cells))
        for inner in nested:
            self._table(inner, out, depth + 1)

    @staticmethod
    def _rows(table: etree._Element) -> list[etree._Element]:
        rows = []
        for child in table:
            tag = child.tag
            if tag == "tr":
                rows.append(child)
            elif tag in ("thead", "tbody", "tfoot"):
                rows.extend(tr for tr in child if tr.tag == "tr")
        return rows

    def _grid(self, cells: list[list[_Cell]]) -> tuple[tuple[Optional[str], ...], ...]:
        """Expand row and column spans: text at the top-left of a merged cell, ``None`` over the rest."""
        n_rows = len(cells)
        grid: list[list[Union[str, None, _Free]]] = [[] for _ in range(n_rows)]
        budget = self.cells_left
        for r, row in enumerate(cells):
            if budget < 0:
                break
            line = grid[r]
            c = 0
            for text, colspan_attr, rowspan_attr in row:
                while c < len(line) and line[c] is not _FREE:
                    c += 1
                if colspan_attr is None and rowspan_attr is None:  # the usual plain cell
                    budget -= 1
                    if c == len(line):
                        line.append(text)
                    else:
                        line[c] = text
                    c += 1
                    continue
                colspan = min(_span(colspan_attr), MAX_COLSPAN)
                rowspan = min(_span(rowspan_attr, zero=n_rows - r), n_rows - r)
                budget -= colspan * rowspan
                if budget < 0:
                    break
                end = c + colspan
                for target in grid[r:r + rowspan]:
                    if len(target) < end:
                        target.extend([_FREE] * (end - len(target)))
                    target[c:end] = [None] * colspan
                line[c] = text
                c = end
        if budget < 0:
            raise ReadError(f"网页中的表格合并后超过 {MAX_GRID_CELLS} 个单元格，不像年度报告，未读取")
        self.cells_left = budget
        width = max(map(len, grid), default=0)
        return tuple(
            tuple(None if isinstance(v, _Free) else v for v in line) + (None,) * (width - len(line)) for line in grid
        )

    def title(self) -> Optional[str]:
        for text in _title_candidates(self.doc, self.body):
            text = _clean_line(text)
            if _is_title(text):
                return text
        return None


def _span(value: Optional[str], zero: int = 1) -> int:
    """A rowspan/colspan attribute as browsers read it: its leading digits, else 1; ``zero`` for 0."""
    if value is None:
        return 1
    if not value.isdigit():
        m = re.match(r"\s*(\d{1,6})", value)
        if not m:
            return 1
        value = m.group(1)
    n = int(value[:7])
    return n if n > 0 else zero


def _has_title(lines: list[str]) -> bool:
    first = lines[:12]
    return any(_is_title(ln) for ln in first) or any(_is_title(a + b) for a, b in zip(first, first[1:]))


def _is_report_text(item: _Item) -> bool:
    if isinstance(item, _Img):
        return False
    if isinstance(item, str):
        return bool(_ANY_MARKER.search(item))
    return any(cell and _REPORT_TABLE.search(cell) for row in item for cell in row)


def _start_at_title(items: list[_Item], title: Optional[str]) -> None:
    """The report begins with its title: drop what a page put before it, or put the title back."""
    if not title:
        return
    flat = re.sub(r"\s+", "", title)
    at = next((i for i, it in enumerate(items) if isinstance(it, str) and re.sub(r"\s+", "", it) == flat), None)
    if at is not None:
        if not any(_is_report_text(it) for it in items[:at]):
            del items[:at]  # related links, metadata tables, 「字号：大 中 小」 …
    elif not _has_title([it for it in items if isinstance(it, str)]):
        items.insert(0, title)


def read_html(path: Path, ocr: Optional[OcrFunction] = None) -> LoadedFile:
    """Blocks of the web page at ``path``; an ``<img>`` written into the page (a ``data:`` URI) standing
    where a table should be is read by ``ocr`` (see ``gxcheck.loaders._pictures``)."""
    size = path.stat().st_size
    if size == 0:
        raise ReadError("文件是空的")
    if size > MAX_HTML_BYTES:
        raise ReadError(f"网页文件有 {size / (1024 * 1024):.0f} MB，超过 {MAX_HTML_BYTES // (1024 * 1024)} MB 的上限，"
                        "不像一份年度报告，未读取")
    data = path.read_bytes()
    if data.count(b"<") > MAX_TAGS:
        raise ReadError(f"网页有超过 {MAX_TAGS} 个标签，不像一份年度报告，未读取")
    text = decode_page(data)
    if not text.strip():
        raise ReadError("网页中没有文字", code="E002")
    doc, notes = parse_page(text)
    page = _Page(doc)
    items = page.blocks()
    lines = [it for it in items if isinstance(it, str)]
    if not lines and not any(any(c for row in it for c in row if c) for it in items if isinstance(it, tuple)):
        if notes:
            raise ReadError(notes[0])
        if any(True for _ in page.body.iter("img")):
            raise ReadError("网页中只有图片，没有可读取的文字", code="E002")
        raise ReadError("网页中没有文字（可能是框架页或由脚本生成的页面）", code="E002")
    _start_at_title(items, page.title())
    blocks: list[Block] = []
    pictures: list[Picture] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, str):
            blocks.append(TextBlock(text=item, origin=Origin(line=n)))
        elif isinstance(item, _Img):
            inline = _DATA_URI.match(item.src)
            pictures.append(Picture(at=len(blocks), origin=Origin(line=n),
                                    open=partial(_data_picture, item.src[inline.end():]) if inline else None))
        else:
            blocks.append(TableBlock(rows=item, origin=Origin(line=n)))
    published = _published(doc)
    if not pictures:
        return LoadedFile(format="html", blocks=tuple(blocks), notes=tuple(notes), published=published)
    read = read_pictures(blocks, pictures, ocr)
    return LoadedFile(format="html", blocks=tuple(read.blocks), notes=tuple(notes + read.notes), published=published,
                      ocr_pictures=read.read, unread_pictures=read.unread)


#: A picture written into the page itself; any other ``src`` (a link, a file) is never opened.
_DATA_URI = compiled_on_use(r"data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)


def _data_picture(encoded: str) -> Optional[Any]:
    """The picture of a base64 ``data:`` URI, within the size limit; ``None`` when it is not one."""
    if len(encoded) > MAX_PICTURE_BYTES * 4 // 3 + 4:
        return None
    try:
        data = base64.b64decode(re.sub(r"\s+", "", encoded), validate=True)
    except ValueError:  # binascii.Error: not base64
        return None
    return open_picture(data)


@hookimpl
def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
    if format != "html":
        return None
    return read_html(path, ocr)
