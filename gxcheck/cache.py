"""A result cache: a re-run of an unchanged archive reads its results back instead of checking again.

One SQLite database (by default ``gxcheck/results.sqlite`` in the user's cache folder) maps a key to
a file's :class:`DocumentResult` as JSON. The key is made of

* the file's content (SHA-256) and its suffix (the suffix helps decide the format),
* the *setup*: a hash of the source of gxcheck and of every loaded plugin (their files, not only their
  version numbers — an editable install keeps 0.1.0 while its code changes), the versions of the
  libraries that read files, the TOML rule files' text, and the run's configuration.

So editing a rule, a plugin or ``gxcheck.toml`` makes every entry miss; moving or renaming a file keeps
it. Results of files that could not be read are not kept (a missing LibreOffice or a time limit is not
a property of the file). The database runs in WAL mode with a busy timeout, so several runs may share
one cache at once.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import inspect
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

from gxcheck.fingerprints import content_hash
from gxcheck.ftypes import Config, DocumentResult

if TYPE_CHECKING:
    from gxcheck.manager import Plugins

#: Bump when the stored form changes; old entries then simply miss.
SCHEMA = 1

#: Libraries whose version changes what a loader reads.
_READERS = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "lxml", "cn2an", "pydantic")

_SKIP_DIRS = {"__pycache__", ".git", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def default_path() -> Path:
    """``$XDG_CACHE_HOME/gxcheck/results.sqlite`` (``~/.cache`` when unset; ``%LOCALAPPDATA%`` on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else "")
    return Path(base or Path.home() / ".cache") / "gxcheck" / "results.sqlite"


def _source_root(obj: object) -> Optional[Path]:
    """The folder (or single file) holding the code of a plugin object: its top-level package."""
    module = obj if inspect.ismodule(obj) else inspect.getmodule(obj)
    if module is None:
        return None
    top = sys.modules.get(module.__name__.split(".")[0], module)
    file = getattr(top, "__file__", None) or getattr(module, "__file__", None)
    if not file:
        return None
    path = Path(file)
    return path.parent if path.name == "__init__.py" else path


def _hash_tree(digest: "hashlib._Hash", root: Path) -> None:
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.is_file() and not _SKIP_DIRS.intersection(p.relative_to(root).parts)
        and p.suffix not in (".pyc", ".pyo"))
    for path in files:
        digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


def setup_hash(plugins: Plugins, config: Config) -> str:
    """What, besides a file's bytes, decides its result: code, reader versions, rule files, config."""
    import gxcheck

    digest = hashlib.sha256(f"schema {SCHEMA}\0python {sys.version_info[:2]}\0".encode())
    roots: dict[str, Path] = {}
    gx = _source_root(gxcheck)
    if gx is not None:
        roots[str(gx)] = gx
    pm = plugins.pm
    # list_name_plugin, not get_plugins(): that builds a set, and a TOML rule pack is not hashable
    for name, plugin in sorted(((n, p) for n, p in pm.list_name_plugin() if p is not None), key=lambda np: np[0]):
        digest.update(f"plugin {name}\0".encode())
        root = _source_root(plugin)
        if root is not None:
            roots.setdefault(str(root), root)
    for key in sorted(roots):
        _hash_tree(digest, roots[key])
    for dist in _READERS:
        try:
            version = md.version(dist)
        except md.PackageNotFoundError:
            version = "-"
        digest.update(f"{dist} {version}\0".encode())
    for file in config.rule_files:
        try:
            digest.update(Path(file).read_bytes() + b"\0")
        except OSError:
            digest.update(f"missing {file}\0".encode())
    digest.update(config.model_dump_json().encode())
    return digest.hexdigest()


@dataclass
class CacheInfo:
    path: Path
    bytes: int
    entries: int
    current: int  # entries made with the present setup


class CacheError(Exception):
    """The cache database cannot be opened or used (a user's matter: say where and why)."""


def _why(path: Path, exc: BaseException) -> str:
    """Why the cache cannot be opened, in Chinese (SQLite's and the system's text are English)."""
    if path.is_dir():
        return "这是一个文件夹，不是文件"
    if isinstance(exc, OSError):
        from gxcheck.faults import os_reason

        return os_reason(exc, writing=True)
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
        return "这个文件不是 gxcheck 的结果缓存（不是 SQLite 数据库）"
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return "缓存正被另一次运行长时间占用"
    return "无法建立或打开数据库文件（所在文件夹不存在、不可写，或文件已损坏）"


class ResultCache:
    """The SQLite store. Use as a context manager; writes are committed in small batches."""

    def __init__(self, path: Path, setup: str = "", batch: int = 64) -> None:
        self.path = Path(path)
        self.setup = setup
        self.batch = batch
        self._pending = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS results (content TEXT NOT NULL, setup TEXT NOT NULL,"
                            " result TEXT NOT NULL, PRIMARY KEY (content, setup)) WITHOUT ROWID")
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"无法打开结果缓存 {self.path}：{_why(self.path, exc)}；"
                             "请检查该路径是否可写，或用 --cache-file 指定别的位置") from exc

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def get(self, content: str) -> Optional[DocumentResult]:
        row = self.db.execute("SELECT result FROM results WHERE content=? AND setup=?",
                              (content, self.setup)).fetchone()
        if row is None:
            return None
        try:
            return DocumentResult.model_validate_json(row[0])
        except ValueError:  # written by another version of the stored form: a miss
            return None

    def has(self, content: str) -> bool:
        return self.db.execute("SELECT 1 FROM results WHERE content=? AND setup=?",
                               (content, self.setup)).fetchone() is not None

    def put(self, content: str, result: DocumentResult, with_report: bool = False) -> None:
        """Store a result; its parsed report only when asked (an output that shows it: html)."""
        if result.error is not None:
            return
        stored = result if with_report else result.model_copy(update={"report": None})
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                        (content, self.setup, stored.model_dump_json()))
        self._pending += 1
        if self._pending >= self.batch:
            self.db.commit()
            self._pending = 0

    def info(self) -> CacheInfo:
        entries = self.db.execute("SELECT count(*) FROM results").fetchone()[0]
        current = self.db.execute("SELECT count(*) FROM results WHERE setup=?", (self.setup,)).fetchone()[0]
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return CacheInfo(self.path, size, entries, current)

    def clear(self) -> int:
        removed: int = self.db.execute("DELETE FROM results").rowcount
        self.db.commit()
        self.db.execute("VACUUM")
        return removed


def cached_results(cache: ResultCache, files: Sequence[Path],
                   check: Callable[[Sequence[Path]], Iterable[DocumentResult]],
                   salt: Callable[[Path], str] = lambda path: "",
                   with_reports: bool = False) -> Iterator[DocumentResult]:
    """Results for ``files`` in order: from the cache where present, else from ``check(missing files)``,
    whose results are stored as they come. ``check`` must yield one result per file, in order.
    ``salt`` adds to a file's key what else decides its result (its own settings)."""
    keys = [_key(path, salt) for path in files]
    hit = [key is not None and cache.has(key) for key in keys]
    fresh = iter(check([path for path, h in zip(files, hit) if not h]))
    for path, key, h in zip(files, keys, hit):
        found = cache.get(key) if h and key is not None else None
        if found is not None:
            yield found.renamed(str(path))
            continue
        result = next(fresh) if not h else None
        if result is None:  # the entry vanished (another run cleared the cache) between has() and get()
            result = next(iter(check([path])))
        if key is not None:
            cache.put(key, result, with_reports)
        yield result


def _key(path: Path, salt: Callable[[Path], str]) -> Optional[str]:
    """A file's cache key; ``None`` for what cannot be hashed (a FIFO, a link to nothing, an
    unreadable folder): it is checked, and gets its finding, but never kept."""
    try:
        return content_hash(path) + salt(path)
    except OSError:
        return None
