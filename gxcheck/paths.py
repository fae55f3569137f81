"""The files a run checks: paths as given, report files found in folders, and nothing skipped
silently.

A folder is searched recursively (following links to folders, each folder once) for report files
(:data:`~gxcheck.sniff.REPORT_SUFFIXES`).  What cannot be checked is still listed, so it gets a
finding of its own and the run goes on: a folder that cannot be read, and, named on the command
line or found in a folder with a report's suffix, a named pipe (FIFO), a device, a socket, or a
link to nothing.  :func:`not_a_regular_file` says what is wrong with such a path; the engine asks
it before opening anything, so a FIFO never blocks the run and ``/dev/zero`` is never read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Optional, Sequence

from gxcheck.sniff import REPORT_SUFFIXES

#: gxcheck's own settings beside the reports: never a report, never worth a word when skipped.
_SETTINGS_FILES = frozenset({"gxcheck.toml", "gxcheck-waivers.toml", "pyproject.toml"})

_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
          (stat.S_ISSOCK, "套接字"))


def expand_paths(paths: Iterable[str], skipped: Optional[list[Path]] = None) -> list[Path]:
    """Files as given, and report files found recursively under folders, in a stable order.
    The other files found in folders (not hidden ones) are added to ``skipped`` when it is given,
    so that the command line can name them.

    Raises FileNotFoundError naming the first path that does not exist (a link to nothing exists:
    it is listed, and gets its finding)."""
    out: list[Path] = []
    # Resolved names as strings: a Path object costs several times its text, and an archive
    # lists hundreds of thousands of files.
    seen: set[str] = set()

    def add(file: Path) -> None:  # a file named twice (or inside a folder also named) is checked once
        try:
            key = os.path.realpath(file, strict=False)
        except (OSError, RuntimeError, ValueError):  # a loop of links, a name too long: keep it as given
            key = os.path.abspath(file)
        if key not in seen:
            seen.add(key)
            out.append(file)

    for raw in paths:
        p = Path(raw)
        if _is_dir(p):
            for f in sorted(_walk(p, skipped)):
                add(f)
        elif _exists(p):
            add(p)
        else:
            raise FileNotFoundError(raw)
    return out


def _exists(p: Path) -> bool:
    try:
        os.lstat(p)
        return True
    except OSError as exc:  # a name too long exists as far as the user is concerned: say why it fails
        return not isinstance(exc, FileNotFoundError) and not isinstance(exc, NotADirectoryError)


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def _walk(top: Path, skipped: Optional[list[Path]] = None) -> list[Path]:
    """Report files (and what cannot be read) under ``top``; other files go to ``skipped``."""
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in visited:
                continue  # a link back to a folder already searched
            visited.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            found.append(folder)  # an unreadable folder: listed, so it gets its finding
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue  # hidden: a tool's own files (.git), never a report
            if entry.name.startswith("~$"):  # the lock file Word keeps beside a document it has open
                if skipped is not None:
                    skipped.append(path)
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                pending.append(path)
            elif path.suffix.lower() in REPORT_SUFFIXES:
                found.append(path)  # a regular file, or a FIFO, device or dangling link to report
            elif skipped is not None and entry.name not in _SETTINGS_FILES:
                skipped.append(path)
    return found


def describe_skipped(skipped: Sequence[Path], shown: int = 3) -> str:
    """One Chinese line naming the files of a folder that are not checked: how many of each kind,
    and a few of them (an archive may hold thousands of pictures)."""
    kinds: dict[str, int] = {}
    for path in skipped:
        kind = "Word 临时文件（~$）" if path.name.startswith("~$") else (path.suffix.lower() or "无扩展名")
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = "、".join(f"{kind} {n} 个" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    names = "、".join(str(p) for p in sorted(skipped)[:shown]) + ("等" if len(skipped) > shown else "")
    return (f"文件夹中有 {len(skipped)} 个文件不是报告格式，未检查（{counted}）：{names}。"
            f"报告格式为 {' '.join(sorted(REPORT_SUFFIXES))}；要检查其中某个文件，请直接给出它的路径")


def not_a_regular_file(path: Path) -> Optional[str]:
    """Why ``path`` cannot be read as a file (in Chinese), or ``None`` for a regular file.

    Asked before anything is opened: opening a FIFO would wait for a writer for ever."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"这是一个链接，但它指向的「{os.readlink(path)}」不存在，未读取；请检查链接或改为给出文件本身"
        return "文件在检查过程中被删除或移走了；请确认文件还在后再检查"
    except PermissionError:
        return "没有访问这个路径的权限（所在文件夹不可读），未读取；请检查权限后再检查"
    except OSError as exc:
        from gxcheck.faults import describe_failure

        return describe_failure(exc)
    link = f"这是一个链接，指向的「{os.readlink(path)}」" if os.path.islink(path) else "这"
    if stat.S_ISDIR(st.st_mode):
        return "这个文件夹无法读取（没有权限或已损坏），其中的文件都没有检查；请检查文件夹权限后再检查"
    for test, kind in _KINDS:
        if test(st.st_mode):
            return f"{link}不是普通文件，而是{kind}，不能当作报告读取，未读取；请给出报告文件本身"
    return None
