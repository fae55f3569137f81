"""The walk of ``w:body``: paragraphs and tables, in document order, as blocks.

Every body paragraph becomes a :class:`TextBlock` (``origin.line`` = its ordinal
among the body paragraphs), every table a :class:`TableBlock` (laid out on its
grid by ``_grid``).  Content controls (``w:sdt``), custom XML and tracked
insertions are looked through; deleted and hidden text is left out.  The text of
a paragraph is its runs' text with its automatic list number in front; the text
boxes it anchors follow it as blocks of their own.  Plain paragraphs and cells,
nearly all of a report, are read in one pass over their elements; anything
needing judgement takes a careful walk instead.
"""

from __future__ import annotations

from typing import Iterator, Optional

from lxml import etree

from gxcheck.ftypes import Block, Origin, TableBlock, TextBlock

from ._grid import Cell, expand_merges
from ._numbering import Numbering
from ._package import OFF, to_int

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


class BodyReader:
    """Walks ``w:body`` once, producing blocks in document order."""

    def __init__(self, ns: str, numbering: Optional[Numbering]) -> None:
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
        # Keyed by tag; lxml types a tag as str, bytes or QName (comments have a function), hence object.
        self._kinds: dict[object, int] = {
            self.T: 1, self.P: 2, self.BR: 3, self.CR: 3, self.TAB: 4, self.PTAB: 4, self.NBHYPHEN: 5,
            self.GRIDSPAN: 6, self.VMERGE: 7, self.HMERGE: 8, **{tag: 9 for tag in careful}}
        self.numbering = numbering
        self.notes: list[str] = []
        #: The pictures of body paragraphs: (blocks before it, relationship id, paragraph ordinal).
        self.pictures: list[tuple[int, str, int]] = []
        self._pending: list[str] = []
        self._para_count = 0
        self._altchunks = 0

    # ----------------------------------------------------------- paragraphs

    def _runs(self, parent: etree._Element, out: list[str], tab: str, boxes: Optional[list[etree._Element]]) -> None:
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
                        if vanish is not None and vanish.get(self.VAL, "1") not in OFF:
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
                            self._pending.extend(_picture_ids(x))
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

    def _textboxes(self, holder: etree._Element, boxes: list[etree._Element]) -> None:
        if holder.tag == self.ALT:
            holder = self._choice(holder)
        for box in holder.iter(self.TXBX):
            boxes.append(box)

    def paragraph_text(self, p: etree._Element, tab: str, boxes: Optional[list[etree._Element]] = None) -> str:
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

    def _iter(self, parent: etree._Element, want: str) -> Iterator[etree._Element]:
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

    def _cell(self, tc: etree._Element) -> Cell:
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
                    if _grandparent(el) is tc:  # not an old value inside w:tcPrChange
                        span = max(1, to_int(el.get(self.VAL), 1))
                elif kind == 7:
                    if _grandparent(el) is tc:
                        vmerge = el.get(self.VAL) or "continue"
                elif kind == 8:
                    if _grandparent(el) is tc:
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
                            span = max(1, to_int(prop.get(self.VAL), 1))
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
        """The table's cells, read row by row, laid out on its grid."""
        VAL, TRPR = self.VAL, self.TRPR
        rows: list[tuple[int, int, list[Cell]]] = []
        for tr in self._iter(tbl, self.TR):
            before = after = 0
            for el in tr:
                if el.tag == TRPR:
                    for prop in el:
                        if prop.tag == self.GRIDBEFORE:
                            before = to_int(prop.get(VAL), 0)
                        elif prop.tag == self.GRIDAFTER:
                            after = to_int(prop.get(VAL), 0)
                    break
            rows.append((before, after, [self._cell(tc) for tc in self._iter(tr, self.TC)]))
        grid = 0
        for el in tbl:
            if el.tag == self.TBLGRID:
                grid = sum(1 for col in el if col.tag == self.GRIDCOL)
                break
        return expand_merges(rows, grid)

    # ----------------------------------------------------------- the flow

    def read_body(self, body: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        self._flow(body, blocks)
        if self._altchunks:
            self.notes.append(f"文档中有 {self._altchunks} 处嵌入的外部内容（altChunk），未能读取其中的文字")
        return blocks

    def _flow(self, parent: etree._Element, blocks: list[Block]) -> None:
        for child in parent:
            tag = child.tag
            if tag == self.P:
                self._para_count += 1
                line = self._para_count
                boxes: list[etree._Element] = []
                blocks.append(TextBlock(text=self.paragraph_text(child, "\t", boxes), origin=Origin(line=line)))
                for box in boxes:
                    self._textbox(box, blocks, line)
                if self._pending:
                    self.pictures.extend((len(blocks), rid, line) for rid in self._pending)
                    self._pending.clear()
            elif tag == self.TBL:
                frame = self._frame_cells(child)
                if frame is not None:
                    for cell in frame:  # a layout table around the text: its content is the body
                        self._flow(cell, blocks)
                else:
                    blocks.append(TableBlock(rows=self.table_rows(child), origin=Origin(line=self._para_count + 1)))
            elif tag == self.SDT:
                content = child.find(self.SDTCONTENT)
                if content is not None:
                    self._flow(content, blocks)
            elif tag in self.BLOCK:
                self._flow(child, blocks)
            elif tag == self.ALTCHUNK:
                self._altchunks += 1

    def _frame_cells(self, tbl: etree._Element) -> Optional[list[etree._Element]]:
        """The cells, top to bottom, of a table of one column (one cell a row) that holds a table or
        several paragraphs, else ``None``.  Such a table is a frame a clerk drew around the text
        (often the whole report, its tables nested inside; sometimes one row a part), not a table
        of the report, which always has several columns: what it holds is read as paragraphs and
        tables in their places.  One short cell stays a table of one cell."""
        cells: list[etree._Element] = []
        for tr in self._iter(tbl, self.TR):
            row = list(self._iter(tr, self.TC))
            if len(row) != 1:
                return None
            cells.append(row[0])
        if not cells:
            return None
        if any(next(cell.iter(self.TBL), None) is not None for cell in cells) \
                or sum(1 for cell in cells for _ in self._iter(cell, self.P)) >= 2:
            return cells
        return None

    def _textbox(self, box: etree._Element, blocks: list[Block], line: int) -> None:
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


def _grandparent(el: etree._Element) -> Optional[etree._Element]:
    parent = el.getparent()
    return parent.getparent() if parent is not None else None


def _picture_ids(holder: etree._Element) -> list[str]:
    """The relationship ids of the pictures embedded in a drawing (``a:blip r:embed``, VML ``v:imagedata r:id``).

    Of ``mc:AlternateContent`` only the first branch that has a picture (the others repeat it).
    A linked picture (``r:link``) is never opened, so it is not listed."""
    alternatives = str(holder.tag).endswith("}AlternateContent")
    branches = [b for b in holder if isinstance(b.tag, str)] if alternatives else [holder]
    for branch in branches:
        found = []
        for el in branch.iter():
            if not isinstance(el.tag, str):
                continue
            local = el.tag.rpartition("}")[2]
            want = "embed" if local == "blip" else "id" if local == "imagedata" else None
            if want is None:
                continue
            rid = next((v for k, v in el.attrib.items() if str(k).rpartition("}")[2] == want and str(k).startswith("{")), None)
            if rid:
                found.append(str(rid))
        if found:
            return found
    return []
