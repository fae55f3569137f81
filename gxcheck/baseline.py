"""Baselines: ``--write-baseline known.json`` records today's findings; ``--baseline known.json``
then reports only new ones, and says how many known ones are gone.

A baseline is a JSON file of fingerprints (see ``gxcheck.fingerprints``), each with its code,
file (relative to the baseline's folder) and message so that a person can read it::

    {"schema_version": 1, "gxcheck": "0.1.0",
     "findings": [{"fingerprint": "3f2a…", "code": "A001", "path": "乡镇/双溪镇.docx", "message": "…"}]}

Findings that say a file could not be read (E001, E002) are never hidden by a baseline.  A known
finding is "gone" when its file was checked in this run and the finding was not found again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gxcheck import __version__
from gxcheck.codes import UNREADABLE
from gxcheck.faults import os_reason
from gxcheck.ftypes import DocumentResult

SCHEMA_VERSION = 1


class BaselineError(Exception):
    """The baseline cannot be read or written (a user's matter)."""


def _real(path: Path) -> str:
    return os.path.realpath(path)


class Baseline:
    def __init__(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
            entries = data["findings"]
            # Paths are written relative to the baseline's folder: from wherever gxcheck runs now,
            # they name the same files.
            folder = path.parent
            self.known: dict[str, str] = {str(e["fingerprint"]): _real(folder / str(e.get("path", "")))
                                          for e in entries}
        except FileNotFoundError:
            raise BaselineError(f"找不到基线文件：{path}（先用 --write-baseline {path} 生成）") from None
        except OSError as exc:
            raise BaselineError(f"无法读取基线文件 {path}：{os_reason(exc)}") from None
        except (ValueError, KeyError, TypeError):
            raise BaselineError(f"{path} 不是 gxcheck 的基线文件（应由 --write-baseline 生成）") from None
        self.seen: set[str] = set()
        self.checked_paths: set[str] = set()
        self.hidden = 0

    def apply(self, result: DocumentResult) -> DocumentResult:
        """The result without the findings the baseline knows."""
        self.checked_paths.add(_real(Path(result.path)))
        kept = []
        for f in result.findings:
            if f.fingerprint in self.known and f.code not in UNREADABLE:
                self.seen.add(f.fingerprint)
                self.hidden += 1
            else:
                kept.append(f)
        if len(kept) == len(result.findings):
            return result
        return result.model_copy(update={"findings": tuple(kept)})

    @property
    def gone(self) -> int:
        return sum(1 for fp, path in self.known.items() if fp not in self.seen and path in self.checked_paths)


class BaselineWriter:
    """Collects the fingerprints of a run (a few dozen bytes a finding) and writes them at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[dict[str, Any]] = []

    def add(self, result: DocumentResult) -> None:
        where = os.path.relpath(_real(Path(result.path)), _real(self.path.parent))
        self.entries.extend({"fingerprint": f.fingerprint, "code": f.code, "path": Path(where).as_posix(),
                             "message": f.message} for f in result.findings if f.waiver is None)

    def check_writable(self) -> None:
        try:
            with self.path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise BaselineError(f"无法写入基线文件 {self.path}：{os_reason(exc, writing=True)}") from None

    def write(self) -> None:
        data = {"schema_version": SCHEMA_VERSION, "gxcheck": __version__, "findings": self.entries}
        try:
            self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                                 errors="surrogateescape")
        except OSError as exc:
            raise BaselineError(f"无法写入基线文件 {self.path}：{os_reason(exc, writing=True)}") from None
