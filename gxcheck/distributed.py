"""Checking files on the workers of a Dask cluster: ``gxcheck run archive/ --dask tcp://scheduler:8786``.

For runs too big for one machine (an OCR pass over a multi-year archive). The client — the machine
running ``gxcheck run`` — reads each file and sends its bytes to a worker, so the workers need no
shared folder; each worker builds the same engine as the client (the same plugins turned off, the
same TOML rule files, the same settings) once per process, checks the file in a temporary folder
and sends the result back. Results come back in input order, and the cross-report rules (the years
pack) then run on the client over the collected facts, exactly as in a local run; so the output is
the same as ``--jobs 1``.

Before the first file the client asks every worker for the hash of its gxcheck and plugin code
(:func:`gxcheck.cache.setup_hash`); a worker with other code would give other findings, so the run
stops and says which worker differs.

Only a bounded number of files are in flight at once (:data:`PER_THREAD` per worker thread), so the
client's memory does not grow with the size of the archive. A worker checks one file at a time
(PDFium is not thread-safe): start workers with ``--nthreads 1`` and as many ``--nworkers`` as cores.

Dask is an optional extra (``pip install "gxcheck[dask]"``); this module imports it only when used.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import tempfile
import threading
from collections import deque
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from gxcheck.engine import Engine
from gxcheck.ftypes import Config, DocumentResult
from gxcheck.worker import DIED_MESSAGE

INSTALL = 'pip install "gxcheck[dask]"'
#: Files in flight per worker thread (the cluster's threads when the run starts).
PER_THREAD = 4
#: How long to try to reach the scheduler, and to wait for it to have at least one worker.
CONNECT_SECONDS = 10.0
WAIT_FOR_WORKERS = 30.0


#: How a lost scheduler shows: a closed connection (an OSError), a timeout, or the futures cancelled.
_LOST = (OSError, TimeoutError, CancelledError, asyncio.CancelledError)


class ClusterError(Exception):
    """The cluster cannot be used, or was lost during the run (say where, why and what to do)."""


@dataclass(frozen=True)
class Setup:
    """What a worker needs to load the client's plugins: plain data, so it crosses the network."""

    disabled: tuple[str, ...]
    #: The TOML rule files of the configuration: (the file's name as the client knows it, its text).
    rule_files: tuple[tuple[str, str], ...]

    @property
    def key(self) -> str:
        return hashlib.sha256(repr((self.disabled, self.rule_files)).encode()).hexdigest()


def setup_of(engine: Engine) -> Setup:
    files = []
    for file in engine.config.rule_files:
        try:
            files.append((file, Path(file).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:  # Plugins read it a moment ago: it changed meanwhile
            raise ClusterError(f"无法读取规则文件 {file}：{exc}") from None
    return Setup(tuple(sorted(engine.plugins.disabled)), tuple(files))


# -- on a worker ---------------------------------------------------------------------------------

_plugins: dict[str, Any] = {}
_engines: dict[Config, Engine] = {}
#: One file at a time per worker process: PDFium and the OCR engine are not thread-safe.
_lock = threading.Lock()


def _engine(setup: Setup, config: Config) -> Engine:
    """The engine for these plugins and settings, made once per worker process and kept."""
    plugins = _plugins.get(setup.key)
    if plugins is None:
        from gxcheck.manager import Plugins
        from gxcheck.rulefile import parse_rule_file

        packs = [parse_rule_file(text, file) for file, text in setup.rule_files]
        _plugins.clear()  # one run's plugins at a time: a worker serving many runs must not grow
        _engines.clear()
        plugins = _plugins[setup.key] = Plugins(disabled=setup.disabled, extra=[(p.name, p) for p in packs])
    engine = _engines.get(config)
    if engine is None:
        engine = _engines[config] = Engine(plugins, config)
    return engine


def _code_hash(engine: Engine) -> str:
    """The hash of the code and reader libraries that decide a result (rule files are sent, so left out)."""
    from gxcheck.cache import setup_hash

    return setup_hash(engine.plugins, engine.config.model_copy(update={"rule_files": ()}))


def worker_code_hash(setup: Setup, config: Config) -> str:
    """Run on every worker before the first file (``Client.run``)."""
    with _lock:
        return _code_hash(_engine(setup, config))


def check_remote(setup: Setup, config: Config, keep_report: bool, name: str, data: bytes) -> DocumentResult:
    """Check one file's bytes with the settings in force for it on the client, the file written under
    its own name in a temporary folder (its suffix helps decide the format)."""
    with _lock, tempfile.TemporaryDirectory(prefix="gxcheck-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return _engine(setup, config).check_file(path, keep_report=keep_report)


# -- on the client -------------------------------------------------------------------------------


def _as_given(result: DocumentResult, path: Path) -> DocumentResult:
    """A worker's result under the path the user gave (the worker saw a temporary file)."""
    update: dict[str, Any] = {"path": str(path)}
    if result.facts is not None:
        update["facts"] = result.facts.model_copy(update={"path": str(path)})
    return result.model_copy(update=update)


class Cluster:
    """A connection to a running Dask scheduler whose workers have checked that their code is ours."""

    def __init__(self, address: str, engine: Engine) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(f"--dask 需要可选组件 Dask，本机没有安装；请运行 {INSTALL} 后再试"
                               "（集群的每台工作机上也要安装同一版本的 gxcheck 和插件）") from None
        # Dask logs a lost connection with its tracebacks; gxcheck says it once, in Chinese.
        for name in ["distributed", *(n for n in logging.root.manager.loggerDict if n.startswith("distributed."))]:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        self.address = address
        self.engine = engine
        self.setup = setup_of(engine)
        try:
            self.client: Any = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"无法连接 Dask 调度器 {address}：{exc}；请确认地址（如 tcp://scheduler:8786）"
                               "和端口无误、调度器已经启动（dask scheduler）") from None
        try:
            self._check_workers()
        except _LOST as exc:
            self.client.close()
            raise self._lost(exc, 0) from None
        except BaseException:
            self.client.close()
            raise

    def _lost(self, exc: BaseException, done: int) -> ClusterError:
        return ClusterError(f"与 Dask 集群 {self.address} 的连接中断（{type(exc).__name__}）："
                            f"已检查 {done} 份，其余未检查；请确认调度器仍在运行后重新运行"
                            "（加 --cache 可跳过已检查的文件）")

    def _check_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:  # a lost connection is an OSError too, and goes on to _LOST
            raise ClusterError(f"Dask 调度器 {self.address} 上没有工作进程（等了 {WAIT_FOR_WORKERS:g} 秒）；"
                               f"请在工作机上启动：dask worker {self.address} --nthreads 1") from None
        threads: dict[str, int] = self.client.nthreads()
        #: Files in flight: enough to keep every worker thread busy while results come back in order.
        self.window = PER_THREAD * max(1, sum(threads.values()))
        ours = _code_hash(self.engine)
        theirs = self.client.run(worker_code_hash, self.setup, self.engine.config)
        differ = sorted(worker for worker, code in theirs.items() if code != ours)
        if differ:
            raise ClusterError(
                f"Dask 集群上有 {len(differ)} 个工作进程（{'、'.join(differ[:3])}{'等' if len(differ) > 3 else ''}）"
                "的 gxcheck、插件或读取文件用的库与本机不同，检查结果会不一致，已停止；"
                "请在每台工作机上安装与本机相同版本的 gxcheck 和插件后再运行")


    def close(self) -> None:
        self.client.close()

    def check(self, files: Sequence[Path]) -> Iterator[DocumentResult]:
        """Results for ``files`` in order; closes the connection when done."""
        from distributed import KilledWorker

        window = self.window
        pending: deque[tuple[Path, Optional[Any]]] = deque()
        todo = iter(files)
        done = 0

        def submit() -> bool:
            path = next(todo, None)
            if path is None:
                return False
            try:
                data = path.read_bytes()
            except OSError:  # unreadable here: the local engine says why, as in a local run
                pending.append((path, None))
                return True
            config = self.engine.for_file(path).config  # the settings in force for this file, here
            pending.append((path, self.client.submit(check_remote, self.setup, config, self.engine.keep_reports,
                                                     path.name, data, pure=False)))
            return True

        try:
            while len(pending) < window and submit():
                pass
            while pending:
                path, future = pending.popleft()
                if future is None:
                    result = self.engine.check_file(path, keep_report=self.engine.keep_reports)
                else:
                    try:
                        result = _as_given(future.result(), path)
                    except KilledWorker:  # the file killed every worker that tried it (a crash, the memory limit)
                        finding = self.engine._engine_finding("E001", DIED_MESSAGE)
                        result = DocumentResult(path=str(path), findings=(finding,), error=DIED_MESSAGE)
                done += 1
                submit()
                yield result
        except _LOST as exc:
            raise self._lost(exc, done) from None
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()
            self.close()
