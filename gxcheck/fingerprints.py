"""Stable fingerprints of findings: what waivers and baselines match on.

A fingerprint is the first 16 hex digits of a SHA-256 over

* the finding's code;
* the report's identity: its body key and year (「平山县兴隆街道」 + 2024) when both were read,
  else the hash of the file's content;
* the canonical location: part, table, row and column keys, and the quoted words with all
  white space removed — never a page or line number, never the message text, so saving the
  same report again as PDF, re-wrapping its lines or rewording a message keeps it;
* an ordinal, counting findings of one code at one canonical location in the order reported.

So a finding keeps its fingerprint when the file is renamed, moved, reformatted or re-saved
in another format, and a corrected cell's finding disappears instead of moving to another.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Callable, Optional

from gxcheck.ftypes import DocumentResult, Finding, Location
from gxcheck.startup import compiled_on_use

_SPACE = compiled_on_use(r"\s+")


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, with its suffix (a .doc and a .docx of equal bytes differ).

    Raises OSError for what is not a regular file: a FIFO would block the read, a device never end."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return f"{digest.hexdigest()}{path.suffix.lower()}"


def canonical_location(location: Location) -> str:
    quote = _SPACE.sub("", location.text or "")
    return "/".join(x or "" for x in (location.part, location.table, location.row, location.column, quote))


def fingerprint(code: str, identity: str, location: Location, ordinal: int = 0) -> str:
    text = "\x1f".join((code, identity, canonical_location(location), str(ordinal)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def identity(body: Optional[str], year: Optional[int], content: Callable[[], str]) -> str:
    """「body|year」 when both are known, else 「file:<content hash>」."""
    if body and year:
        return f"{body}|{year}"
    try:
        return f"file:{content()}"
    except OSError:  # the file vanished: its path is all that is left to tell it by
        return "file:?"


def with_fingerprints(result: DocumentResult) -> DocumentResult:
    """The result with every finding's fingerprint set (recomputed, so findings added later count)."""
    if not result.findings:
        return result
    ident = identity(result.body, result.year, lambda: content_hash(Path(result.path)))
    seen: dict[tuple[str, str], int] = {}
    findings: list[Finding] = []
    for f in result.findings:
        key = (f.code, canonical_location(f.location))
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        findings.append(f.model_copy(update={"fingerprint": fingerprint(f.code, ident, f.location, ordinal)}))
    return result.model_copy(update={"findings": tuple(findings)})
