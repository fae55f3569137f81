"""Checking files in worker processes with a memory and a time limit.

A hostile file can make a native library abort (PDFium, signal 6), run for minutes or eat
gigabytes.  Each file is therefore checked in a worker process (also with ``--jobs 1``) whose
address space is capped (``RLIMIT_AS``) and whose answer is awaited for a limited time.  A worker
that runs past the time limit is killed and its file gets E001 「读取超时」; a worker that dies
(a native crash, the memory cap) costs its own file an E001 「文件过大或过于复杂」.  The dead
worker is replaced and the batch goes on; every file is reported exactly once, in order.

A worker is stopped with SIGTERM first (on a time-out, Ctrl-C or the run's own SIGTERM), which it
turns into :class:`gxcheck.stopping.Terminated`: a LibreOffice conversion under way is killed and its
folder removed on the way out.  Only a worker that does not end within :data:`GRACE_SECONDS` (stuck
in native code) is killed outright.

OCR is the one slow path that is expected: before each page or picture it reads, the
worker is granted :data:`OCR_SECONDS_PER_PAGE` more (:func:`allow_more`), so a scanned
file's time limit grows with its page count.  The growth is bounded by the loaders' own
caps (40 scanned pages, 12 pictures), so a hostile scan still ends.

Workers are forked, so they inherit the engine with its plugins already loaded.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from gxcheck.ftypes import DocumentResult
from gxcheck.stopping import EXIT_TERMINATED, Terminated, raise_terminated

#: Defaults: a worker's address space, and how long one file may take.
DEFAULT_MEMORY_MB = 2048
DEFAULT_SECONDS = 60.0
#: How long a worker told to stop may take to clean up before it is killed.
GRACE_SECONDS = 5.0

#: How much longer a file may take for each page or picture it sends to OCR: a page takes
#: 3–5 s on a quiet two-core machine and several times that on a busy one.
OCR_SECONDS_PER_PAGE = 30.0

TIMEOUT_MESSAGE = "读取超时：检查这个文件用了超过 {seconds:g} 秒，已停止；文件可能过于复杂或是恶意构造的"
DIED_MESSAGE = "文件过大或过于复杂：读取时超出了内存上限或使读取程序异常退出，未读取；其余文件照常检查"
TERMINATED_MESSAGE = "读取被终止：检查这个文件的进程收到了终止信号（SIGTERM），未读取；其余文件照常检查"


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class _More:
    """A worker's word to its parent: the file being checked may take ``seconds`` longer."""

    seconds: float


#: In a worker process: the pipe to the parent.
_parent: Optional[Connection] = None
#: Threads of a worker may ask for more time at once (pages read side by side): one message at a time.
_sending = threading.Lock()
#: How many files are checked at once (one per worker process): the cores left for each file's own
#: threads (the pages of a scan read side by side, see ``gxcheck.loaders.pdf._scan``).
_files_at_once = 1


def files_at_once() -> int:
    """How many files are being checked at once by this run (1 outside a run of several workers)."""
    return _files_at_once


def allow_more(seconds: float) -> None:
    """Say, before slow work that is expected (OCR of a page), that the file may take ``seconds`` longer.

    Only a worker's time limit grows; elsewhere (no limit, or not in a worker) nothing happens."""
    if _parent is not None:
        try:
            with _sending:
                _parent.send(_More(seconds))
        except OSError:
            pass  # the parent is gone: the worker is about to end anyway


def _die_with_parent(parent: int) -> None:
    """On Linux, ask the kernel to kill this worker when the parent ends (SIGTERM, a crash), so no
    worker is left running a hostile file after gxcheck is gone.  A parent that ended before the
    request was made (between the fork and here) is not signalled for: then the worker ends now."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker still ends when its pipe closes
    if os.getppid() != parent:
        os._exit(EXIT_TERMINATED)


def _address_space() -> int:
    """Bytes of address space this process has now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _serve(engine: Any, conn: Connection, memory_mb: int, parent: int) -> None:
    global _parent
    _parent = conn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    signal.signal(signal.SIGTERM, raise_terminated)  # a conversion under way cleans up, then the worker ends
    _die_with_parent(parent)
    if memory_mb > 0:
        import resource

        # The budget is what reading files may add to what the worker starts with: a forked worker
        # inherits its parent's address space, which is not the file's doing (a large parent —
        # a long test session, an OCR engine already loaded — must not leave a file no room).
        limit = _address_space() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass  # a lower hard limit is already in place: keep it
    try:
        while True:
            try:
                path = conn.recv()
            except (EOFError, OSError):
                return
            if path is None:
                return
            try:
                result = engine.check_file(path, keep_report=engine.keep_reports)
            except MemoryError:
                result = None
            conn.send(result)
    except Terminated:
        os._exit(EXIT_TERMINATED)  # cleaned up already; no answer for the file, the parent says why


class _Worker:
    def __init__(self, engine: Any, memory_mb: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(engine, child, memory_mb, os.getpid()), daemon=True)
        # The objects that exist at the fork (modules, plugins, the engine) are moved out of the garbage
        # collector's reach, so that collections in the child do not write to them and copy the pages it
        # shares with the parent (measured: about 25 ms CPU less for `gxcheck run one.txt`). They are
        # long-lived; unfreezing them in the parent would copy those pages on the parent's side instead.
        gc.freeze()
        self.process.start()
        child.close()
        #: The file being checked: its index, path, start time and time limit.
        self.job: Optional[tuple[int, Path, float, float]] = None

    def give(self, index: int, path: Path, seconds: float) -> None:
        self.job = (index, path, time.monotonic(), seconds)
        self.conn.send(path)

    def stop(self, kill: bool = False) -> None:
        """End the worker: ``kill`` for one busy with a file (SIGTERM, then SIGKILL after the grace)."""
        if kill and self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=GRACE_SECONDS)
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _failed(engine: Any, path: Path, message: str, seconds: float) -> DocumentResult:
    from gxcheck.fingerprints import with_fingerprints

    finding = engine._engine_finding("E001", message)
    return with_fingerprints(DocumentResult(path=str(path), findings=(finding,), error=message, seconds=seconds))


def check_isolated(engine: Any, files: Sequence[Path], jobs: int, memory_mb: int = DEFAULT_MEMORY_MB,
                   seconds: float = DEFAULT_SECONDS) -> Iterator[DocumentResult]:
    """Results for ``files`` in order, each file checked in a limited worker process."""
    global _files_at_once
    pending = deque(enumerate(files))
    done: dict[int, DocumentResult] = {}
    _files_at_once = max(1, min(jobs, len(files)))  # before the fork: each worker knows it
    workers = [_Worker(engine, memory_mb) for _ in range(_files_at_once)]
    following = 0
    try:
        while following < len(files):
            for w in workers:
                if w.job is None and pending:
                    w.give(*pending.popleft(), seconds)
            busy = [w for w in workers if w.job is not None]
            now = time.monotonic()
            ends = [w.job[2] + w.job[3] for w in busy if w.job is not None]
            wait_for = max(0.0, min(ends) - now) if seconds > 0 and ends else None
            ready = wait([w.conn for w in busy], timeout=wait_for)
            for i, w in enumerate(workers):
                if w.job is None:
                    continue
                index, path, started, limit = w.job
                elapsed = time.monotonic() - started
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if isinstance(result, _More):
                        w.job = (index, path, started, limit + result.seconds)
                    elif result is None:
                        w.stop(kill=True)
                        told_to_stop = w.process.exitcode in (EXIT_TERMINATED, -signal.SIGTERM)
                        done[index] = _failed(engine, path, TERMINATED_MESSAGE if told_to_stop else DIED_MESSAGE,
                                              elapsed)
                        workers[i] = _Worker(engine, memory_mb)
                    else:
                        done[index] = result
                        w.job = None
                elif seconds > 0 and elapsed >= limit:
                    done[index] = _failed(engine, path, TIMEOUT_MESSAGE.format(seconds=limit), elapsed)
                    w.stop(kill=True)
                    workers[i] = _Worker(engine, memory_mb)
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for w in workers:  # all told at once, so that they clean up side by side
            if w.job is not None and w.process.is_alive():
                w.process.terminate()
        for w in workers:
            w.stop(kill=w.job is not None)
        _files_at_once = 1


#: A text file of at most this size, checked alone, may be checked in the command's own process.
HERE_BYTES = 1024 * 1024
#: How often a file checked in this process has its time and memory looked at.
WATCH_SECONDS = 0.02


def suits_here(engine: Any, path: Path) -> bool:
    """Whether ``path``, the one file of a run, may be checked in this process instead of a forked worker.

    Forking the worker costs ``gxcheck run one.txt`` about 15 ms of its 0.2 s.  A file qualifies when
    nothing on its way can be crashed by its content and every limit still holds: a text file (by its
    content) of at most :data:`HERE_BYTES`, read by gxcheck's text loader (Python's own codecs, no
    native reader) and checked by gxcheck's own rules (only gxcheck's plugins and TOML rule files are
    loaded: no other code runs on it); in the main thread of a process with no other thread and no
    alarm of its own, on a system where the process's address space can be read, so that
    :func:`check_here` can hold the time limit and the memory cap.  Everything else, and every file
    of a run of several, is checked in a worker as before."""
    import stat

    from gxcheck.sniff import detect_format

    if not engine.plugins.only_own_code or not hasattr(signal, "setitimer") or not _address_space():
        return False
    if threading.current_thread() is not threading.main_thread() or threading.active_count() != 1:
        return False
    if signal.getsignal(signal.SIGALRM) != signal.SIG_DFL or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False
    try:
        info = os.stat(path)
        return stat.S_ISREG(info.st_mode) and 0 < info.st_size <= HERE_BYTES and detect_format(path) == "text"
    except (OSError, ValueError):
        return False  # the worker says what is wrong with it


class _OutOfTime(BaseException):
    """A file checked in this process ran past its time: no ``Exception``, so that no rule's guard
    takes it for the rule's own failure (as ``KeyboardInterrupt``)."""


class _OutOfMemory(BaseException):
    """A file checked in this process made it grow past its memory cap (no ``Exception`` either)."""


def check_here(engine: Any, path: Path, memory_mb: int = DEFAULT_MEMORY_MB,
               seconds: float = DEFAULT_SECONDS) -> DocumentResult:
    """The result for ``path`` checked in this process under a worker's limits (see :func:`suits_here`).

    Every :data:`WATCH_SECONDS` an alarm looks at the clock and at the address space: past
    ``seconds`` the file gets the worker's E001 「读取超时」, past what the process had at the start
    plus ``memory_mb`` the E001 of a worker that died; a ``MemoryError`` gives that E001 too.  The
    address space is also capped (``RLIMIT_AS``) at twice that budget, so that one huge allocation
    between two looks fails as it would in a worker, rather than taking the machine's memory.  The
    alarm, its handler and the cap are put back as they were afterwards."""
    import resource

    started = time.monotonic()
    space = _address_space()
    budget = memory_mb * 1024 * 1024
    watching = True

    def watch(signum: int, frame: Any) -> None:
        if not watching:
            return  # an alarm that came as the check ended
        if seconds > 0 and time.monotonic() - started >= seconds:
            raise _OutOfTime
        if memory_mb > 0 and _address_space() - space > budget:
            raise _OutOfMemory

    previous_limit = resource.getrlimit(resource.RLIMIT_AS)
    previous_handler = signal.signal(signal.SIGALRM, watch)
    failure: Optional[str] = None
    try:
        if memory_mb > 0:
            cap = space + 2 * budget
            soft, hard = previous_limit
            for lower in (soft, hard):
                if lower != resource.RLIM_INFINITY:
                    cap = min(cap, lower)
            try:
                resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
            except (ValueError, OSError):
                pass  # the limit in force stays
        try:
            tick = min(WATCH_SECONDS, seconds) if seconds > 0 else WATCH_SECONDS
            signal.setitimer(signal.ITIMER_REAL, tick, tick)
            return engine.check_file(path, keep_report=engine.keep_reports)  # type: ignore[no-any-return]
        finally:
            watching = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OutOfTime:
        failure = TIMEOUT_MESSAGE.format(seconds=seconds)
    except (_OutOfMemory, MemoryError):  # as a worker that ran out of its address space
        failure = DIED_MESSAGE
    finally:
        try:
            resource.setrlimit(resource.RLIMIT_AS, previous_limit)
        except (ValueError, OSError):
            pass
        signal.signal(signal.SIGALRM, previous_handler)
    return _failed(engine, path, failure, time.monotonic() - started)


def limits_from_env() -> tuple[int, float]:
    """The limits, from ``GXCHECK_MEMORY_MB`` / ``GXCHECK_TIMEOUT`` when set (0 turns one off)."""
    try:
        memory = int(os.environ.get("GXCHECK_MEMORY_MB", DEFAULT_MEMORY_MB))
        seconds = float(os.environ.get("GXCHECK_TIMEOUT", DEFAULT_SECONDS))
    except ValueError:
        memory, seconds = DEFAULT_MEMORY_MB, DEFAULT_SECONDS
    return memory, seconds
