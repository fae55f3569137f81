"""Waivers: a reviewer accepts a finding, with a reason, in ``gxcheck-waivers.toml``.

```toml
[[waiver]]
code = "A009"                    # required: one code
file = "乡镇/双溪镇2024.docx"     # the file (relative to this file's folder; * and ? allowed) …
# body = "双溪镇"  year = 2024   # … or the body (and year) it was read as
# location = {table = "requests", row = "total"}   # optional: only findings there
# fingerprint = "3f2a…"          # optional: exactly one finding (see gxcheck.fingerprints)
reason = "区政府确认该数字无误"      # required
expires = 2026-06-30             # optional: from that day on it waives nothing
```

The same ``[[waiver]]`` tables may stand in ``gxcheck.toml`` (or ``[[tool.gxcheck.waiver]]`` in
``pyproject.toml``).  A waived finding is still shown, marked 已豁免 with the reason, and does not
count for the verdict or the exit status.  A file that cannot be read (E001, E002) is waived only
by a waiver that names the file and the code.  A waiver that matched nothing, and one that has
expired, are reported at the end of the run, like ruff's unused ``noqa``.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from gxcheck.facts import body_parts
from gxcheck.faults import os_reason, toml_reason
from gxcheck.ftypes import DocumentResult, Finding, Waived

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_NAME = "gxcheck-waivers.toml"
_KEYS = {"code", "file", "body", "year", "location", "fingerprint", "reason", "expires"}
_LOCATION_KEYS = {"part", "table", "row", "column"}
#: Findings about a file that could not be read: only a waiver naming the file accepts them.
_FILE_ONLY = ("E001", "E002")


class WaiverError(Exception):
    """A waiver is malformed (a user's mistake: the message names the file, the entry and the key)."""


@dataclass
class Waiver:
    code: str
    reason: str
    source: str
    folder: Path
    file: Optional[str] = None
    body: Optional[tuple[str, str]] = None
    year: Optional[int] = None
    location: dict[str, str] = field(default_factory=dict)
    fingerprint: Optional[str] = None
    expires: Optional[dt.date] = None
    used: int = 0
    #: The checked files this waiver names (by file, body or year), whatever their findings.
    targeted: list[str] = field(default_factory=list)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def targets(self, result: DocumentResult) -> bool:
        """Whether the waiver names this file (by its file, body or year); a waiver given only
        by fingerprint names every file."""
        if self.file is not None and not _same_file(self.folder, self.file, result.path):
            return False
        if self.body is not None and not _same_body(self.body, result.body):
            return False
        return self.year is None or result.year == self.year

    def matches(self, result: DocumentResult, finding: Finding) -> bool:
        if finding.code != self.code or (self.fingerprint and finding.fingerprint != self.fingerprint):
            return False
        if finding.code in _FILE_ONLY and self.file is None:
            return False
        if not self.targets(result):
            return False
        where = finding.location.as_dict()
        return all(where.get(k) == v for k, v in self.location.items())

    def describe(self) -> str:
        target = self.file or (self.body and "".join(self.body)) or "任何文件"
        year = f" {self.year}年" if self.year else ""
        return f"{self.source}：{self.code} @ {target}{year}"


def _same_file(folder: Path, pattern: str, path: str) -> bool:
    given = Path(path)
    try:
        rel = given.resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        rel = given.as_posix()
    return rel == pattern or fnmatch.fnmatchcase(rel, pattern) or given.as_posix() == pattern


def _same_body(wanted: tuple[str, str], body: Optional[str]) -> bool:
    """「双溪镇」 matches any prefix of 双溪镇; 「宁远县双溪镇」 only that one."""
    if not body:
        return False
    prefix, core = wanted
    return body.endswith(core) and (not prefix or body == prefix + core)


def parse_waivers(entries: Any, source: Path, known: Optional[set[str]] = None) -> list[Waiver]:
    """The ``[[waiver]]`` tables of one file; :class:`WaiverError` for a malformed entry."""
    if not isinstance(entries, list):
        raise WaiverError(f"{source}：waiver 应写成 [[waiver]] 表")
    return [_one(entry, source, n, known) for n, entry in enumerate(entries, 1)]


def _one(entry: Any, source: Path, n: int, known: Optional[set[str]]) -> Waiver:
    where = f"{source} 第 {n} 条豁免"
    if not isinstance(entry, dict):
        raise WaiverError(f"{where}：应为一个表（code = …, reason = …）")
    unknown = set(entry) - _KEYS
    if unknown:
        raise WaiverError(f"{where}：不认识的键 {'、'.join(sorted(unknown))}（可用：{'、'.join(sorted(_KEYS))}）")
    for key in ("code", "reason"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise WaiverError(f"{where}：必须写明 {key}（文字），例如 {key} = \"A009\"" if key == "code"
                              else f"{where}：必须写明豁免理由 reason = \"…\"")
    code = entry["code"].strip().upper()
    if known is not None and code not in known:
        from gxcheck.codes import suggest

        near = suggest(code, sorted(known))
        hint = f"（您是不是想写「{'」或「'.join(near)}」？）" if near else ""
        raise WaiverError(f"{where}：没有代码为「{code}」的规则{hint}；用 gxcheck rules 查看全部规则代码")
    for key in ("file", "body", "fingerprint"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            raise WaiverError(f"{where}：{key} 应为文字")
    if "year" in entry and not isinstance(entry["year"], int):
        raise WaiverError(f"{where}：year 应为年份数字，例如 2024")
    expires = entry.get("expires")
    if expires is not None and not isinstance(expires, dt.date):
        raise WaiverError(f"{where}：expires 应为日期，例如 expires = 2026-06-30（不加引号）")
    location = entry.get("location", {})
    if not isinstance(location, dict) or set(location) - _LOCATION_KEYS or \
            not all(isinstance(v, str) for v in location.values()):
        raise WaiverError(f"{where}：location 应为 {{table = \"requests\", row = \"total\"}} 这样的表"
                          f"（键：{'、'.join(sorted(_LOCATION_KEYS))}）")
    location = _canonical_location(location, where)
    if not any(k in entry for k in ("file", "body", "fingerprint")):
        raise WaiverError(f"{where}：要写明针对哪个文件（file）或哪个机关（body），或给出 fingerprint")
    return Waiver(code=code, reason=entry["reason"].strip(), source=f"{source.name} 第 {n} 条", folder=source.parent,
                  file=entry["file"].replace("\\", "/") if "file" in entry else None,  # a Windows path too
                  body=body_parts(entry["body"]) if "body" in entry else None,
                  year=entry.get("year"), location=dict(location), fingerprint=entry.get("fingerprint"),
                  expires=expires.date() if isinstance(expires, dt.datetime) else expires)


def _location_names() -> dict[str, dict[str, dict[str, str]]]:
    """For each location key and table (「」 for any): the keys it may take and their printed names."""
    from gxcheck.national import (PART_NAMES, PROACTIVE_COLUMN_LABELS, PROACTIVE_ROWS, REQUEST_COLUMN_LABELS,
                                  REQUEST_ROWS, REVIEW_COLUMN_LABELS, REVIEW_GROUPS, TABLE_NAMES, row_label)

    rows = {"proactive": {r.key: r.label for r in PROACTIVE_ROWS},
            "requests": {r.key: row_label("requests", r.key) for r in REQUEST_ROWS},
            "review": dict(REVIEW_GROUPS)}
    columns = {"proactive": PROACTIVE_COLUMN_LABELS, "requests": REQUEST_COLUMN_LABELS, "review": REVIEW_COLUMN_LABELS}
    parts = {**PART_NAMES, "preface": "前言", "title": "标题", "signoff": "落款"}
    tables = {key: name for key, name in TABLE_NAMES.items()}
    return {"part": {"": parts}, "table": {"": tables}, "row": rows, "column": columns}


def _canonical_location(location: dict[str, str], where: str) -> dict[str, str]:
    """A waiver's ``location`` in canonical keys: each value is a key (「total」) or the name the
    outputs print (「（七）总计」「现行有效件数」「表三」「第三部分」).  A value that is neither is a
    usage error, not a waiver that silently never applies."""
    from gxcheck.recognize.text import squash

    names = _location_names()
    table = location.get("table")
    out: dict[str, str] = {}
    for kind in ("part", "table", "row", "column"):
        if kind not in location:
            continue
        value = location[kind]
        by_table = names[kind]
        scopes = [by_table[""]] if "" in by_table else (
            [by_table[out["table"]]] if out.get("table") in by_table else list(by_table.values()))
        wanted = squash(value)
        found = {key for scope in scopes for key, name in scope.items()
                 if value == key or wanted in (squash(name), squash(name).split("(", 1)[0])}
        if len(found) != 1:
            some = "、".join(f"「{name}」" for name in list(scopes[0].values())[:3])
            raise WaiverError(f"{where}：location 的 {kind} 写作「{value}」，"
                              + ("对应不止一处，请同时写明 table" if found else
                                 f"不是{'这张表的' if table and kind in ('row', 'column') else ''}任何一项")
                              + f"；可写输出中显示的名称（如 {some}）或其键（如 \"{next(iter(scopes[0]))}\"）")
        out[kind] = found.pop()
    return out


def load_waivers(path: Path, known: Optional[set[str]] = None) -> list[Waiver]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WaiverError(f"无法读取豁免文件 {path}：{os_reason(exc)}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WaiverError(f"豁免文件 {path} 格式有误：{toml_reason(exc)}") from None
    unknown = set(data) - {"waiver"}
    if unknown:
        raise WaiverError(f"豁免文件 {path} 中有不认识的设置：{'、'.join(sorted(unknown))}（只应有 [[waiver]] 表）")
    return parse_waivers(data.get("waiver", []), path, known)


class Waivers:
    """Every waiver in force for a run; :meth:`apply` marks a result's findings."""

    def __init__(self, waivers: Sequence[Waiver], today: Optional[dt.date] = None) -> None:
        self.today = today or dt.date.today()
        self.all = list(waivers)
        self.active = [w for w in self.all if not w.expired(self.today)]

    def apply(self, result: DocumentResult) -> DocumentResult:
        for named in self.active:
            if (named.file is not None or named.body is not None) and named.targets(result):
                named.targeted.append(result.path)
        if not self.active or not result.findings:
            return result
        findings = []
        changed = False
        for f in result.findings:
            waiver = next((w for w in self.active if w.matches(result, f)), None)
            if waiver is not None:
                waiver.used += 1
                f = f.model_copy(update={"waiver": Waived(reason=waiver.reason, source=waiver.source,
                                                          expires=waiver.expires)})
                changed = True
            findings.append(f)
        return result.model_copy(update={"findings": tuple(findings)}) if changed else result

    def leftovers(self, ran: Callable[[str, str], bool] = lambda path, code: True) -> list[str]:
        """One line per waiver that has expired, and per waiver that matched nothing although a
        file it names was checked with its rule (``ran(path, code)``): one for a file not in this
        run, or a rule not selected, is not called unused."""
        lines = [f"豁免已过期（{w.expires}），不再生效：{w.describe()}" for w in self.all if w.expired(self.today)]
        lines += [f"豁免未用上（所针对的文件已检查，但没有与之相符的问题，可以删去）：{w.describe()}"
                  for w in self.active if not w.used and any(ran(path, w.code) for path in w.targeted)]
        return lines
