"""Text layouts of a table: one module per way a converter writes a table as text.

Each layout has the same small interface (:class:`gxcheck.recognize.layouts.base.Layout`):
``claims(lines)`` says whether a run of lines looks like it, ``read(lines, kind)`` reads the
lines into grid rows (a cell per column) or into a token stream, and the lines it used.

:data:`LAYOUTS` is tried in order; the first layout that claims a region reads it.
The order matters: Markdown pipe rows are unmistakable and go first; tab-separated rows
and Word's cell-per-line dump both contain tabs and are told apart by where the tabs sit;
text whose digits are glued to the labels (a crawler's page) comes next; the
space-separated token stream takes whatever is left.
Adding a layout is one module here and one entry in this list.
"""

from __future__ import annotations

from gxcheck.recognize.layouts import cell_per_line, markdown_pipes, run_together, space_tokens, tab_rows
from gxcheck.recognize.layouts.base import Layout, Line, Reading

#: Tried in this order; the first that claims the region reads it.
LAYOUTS: tuple[Layout, ...] = (markdown_pipes.LAYOUT, tab_rows.LAYOUT, cell_per_line.LAYOUT, run_together.LAYOUT,
                               space_tokens.LAYOUT)


def read_region(lines: list[Line], kind: str) -> Reading | None:
    """The reading of the first layout that claims ``lines``; ``None`` when none does."""
    for layout in LAYOUTS:
        if layout.claims(lines):
            return layout.read(lines, kind)
    return None


__all__ = ["LAYOUTS", "Layout", "Line", "Reading", "read_region"]
