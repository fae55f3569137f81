"""Findings that explain others: one likely wrong cell behind several broken sums.

A rule may say that one cell explains other findings (``Finding.explains``, with that one cell in
``location.cells``; A010 does).  After a file's rules have run, every other finding whose cells
include that cell gets ``explained_by`` set to the explaining finding's code: it keeps its own
code and message, and outputs can show it under the finding that explains it.
"""

from __future__ import annotations

from typing import Sequence

from gxcheck.ftypes import CellRef, Finding


def _key(ref: CellRef) -> tuple[str, str, int]:
    return ref.table, ref.row, ref.index  # the side does not matter: a cell is a cell


def link_explanations(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` with ``explained_by`` set on those an explaining finding accounts for."""
    causes = [f for f in findings if f.explains and f.location.cells]
    if not causes:
        return list(findings)
    out = []
    for finding in findings:
        if not finding.explains and finding.location.cells:
            mine = {_key(ref) for ref in finding.location.cells}
            cause = next((c for c in causes if {_key(ref) for ref in c.location.cells} <= mine), None)
            if cause is not None:
                finding = finding.model_copy(update={"explained_by": cause.code})
        out.append(finding)
    return out
