"""How much text one report may hold before it is refused unread.

The recognizer and the rules are linear in the text, but a hostile file inside the byte limits can
still hold millions of characters (one 6 MB line, a 60 MB ``document.xml`` of repeated headings)
and cost minutes.  An annual report runs to 3–30 pages, a few thousand characters (rarely 20,000); a loaded
file with many times that is refused with one finding, whatever its format, before it is
recognized.  Each loader bounds its own parsing work first (bytes, tags, paragraphs, pages).
"""

from __future__ import annotations

from gxcheck.ftypes import LoadedFile, ReadError, TableBlock

#: Characters in all the blocks of one file (text and table cells): some 50 times the longest
#: report in the corpus, the real files and the seeds (about 6,000 characters).
MAX_CHARS = 300_000
#: Table cells in one file: the three tables of a report hold about 400.
MAX_CELLS = 100_000


def check_size(loaded: LoadedFile) -> None:
    """Raise :class:`ReadError` when ``loaded`` holds far more than any annual report."""
    chars = cells = 0
    for block in loaded.blocks:
        if isinstance(block, TableBlock):
            for row in block.rows:
                cells += len(row)
                chars += sum(map(len, filter(None, row)))  # the cells that hold text
        else:
            chars += len(block.text)
        if chars > MAX_CHARS:
            raise ReadError(f"文件中的文字超过 {MAX_CHARS:,} 字，远多于任何一份年度报告（通常不到 2 万字），"
                            "可能是恶意构造或重复粘贴的文件，未检查；请确认文件内容后再检查")
        if cells > MAX_CELLS:
            raise ReadError(f"文件中的表格超过 {MAX_CELLS:,} 个单元格，远多于年度报告的三张表（约 400 个），"
                            "可能是恶意构造的文件，未检查；请确认文件内容后再检查")
