"""``gxcheck serve``: the self-check page for a clerk, on this computer only.

The page takes one uploaded report, checks it and shows the same verdict and findings as
``gxcheck run --format html``.  ``POST /api/check`` (multipart field ``file``) answers with the
``gxcheck run --format json`` contract, for county platforms.

Safety: it binds to 127.0.0.1 unless told otherwise; requests whose Host header is not an
allowed name, and POSTs from another origin, are refused (so a web page elsewhere cannot drive
it).  The uploaded bytes are written into a private temporary folder under a fixed name (the
upload's own file name is only shown, never used as a path), checked in a worker process with a
time limit, and the folder is removed when the check ends.  Uploads above the size limit get a
Chinese message.  Needs the ``page`` extra (Starlette, uvicorn, Jinja2, python-multipart).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import multiprocessing
import socket
import sys
import tempfile
import threading
import webbrowser
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path, PurePath
from typing import AsyncIterator, Optional, Sequence
from urllib.parse import urlsplit

import uvicorn
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from gxcheck import __version__
from gxcheck.engine import Engine
from gxcheck.ftypes import Config, DocumentResult, Finding, Severity
from gxcheck.manager import Plugins
from gxcheck.output.html import document_html, page_foot, page_head
from gxcheck.output.json import SCHEMA_VERSION, run_document
from gxcheck.sniff import REPORT_SUFFIXES

DEFAULT_PORT = 8765
DEFAULT_MAX_MB = 20
TIME_LIMIT = 60.0
UPLOAD_SUFFIXES = REPORT_SUFFIXES | {".md"}
LOCAL_NAMES = ("localhost", "127.0.0.1")
CHUNK = 1 << 16
#: An oversized upload up to this many times the limit is read (and dropped) before the answer.
DRAIN_FACTOR = 8

_templates = Environment(loader=PackageLoader("gxcheck", "templates"), autoescape=select_autoescape(["html"]))


class UploadProblem(Exception):
    """An upload that cannot be checked; the message is for the person who sent it."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --------------------------------------------------------------------------- the check, in a worker

_worker_engine: Optional[Engine] = None


def _check_bytes(data: bytes, suffix: str) -> DocumentResult:
    """Runs in a worker process: write the bytes into a private folder, check them, remove the folder."""
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = Engine(Plugins(), Config())
    with tempfile.TemporaryDirectory(prefix="gxcheck-page-") as folder:  # created readable by this user only
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        return _worker_engine.check_file(path, keep_report=False)


class Checker:
    """Worker processes for the checks; a crashed pool is replaced, a slow check is given up."""

    def __init__(self, time_limit: float = TIME_LIMIT) -> None:
        self.time_limit = time_limit
        self._pool: Optional[ProcessPoolExecutor] = None
        self._lock = threading.Lock()

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                methods = multiprocessing.get_all_start_methods()
                ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                self._pool = ProcessPoolExecutor(mp_context=ctx)
            return self._pool

    def _drop_pool(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    async def check(self, data: bytes, suffix: str, name: str) -> DocumentResult:
        try:
            future = self._get_pool().submit(_check_bytes, data, suffix)
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except asyncio.TimeoutError:
            self._drop_pool()
            return _engine_failure(name, f"检查超过 {int(self.time_limit)} 秒仍未完成，已放弃。文件可能过大或已损坏")
        except BrokenProcessPool:
            self._drop_pool()
            return _engine_failure(name, "检查这个文件时检查程序意外退出。文件可能已损坏，请另存为 docx 或 pdf 后再试")
        return result.model_copy(update={"path": name})

    def close(self) -> None:
        self._drop_pool()


def _engine_failure(name: str, message: str) -> DocumentResult:
    finding = Finding(code="E001", severity=Severity.ERROR, message=message, rule="engine.read", pack="engine")
    return DocumentResult(path=name, findings=(finding,), error=message)


# --------------------------------------------------------------------------- the web application


def _origin_ok(request: Request) -> bool:
    """A POST must come from this page itself: no foreign Origin, no cross-site fetch."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and request.headers.get("sec-fetch-site") == "same-origin"):
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def _read_upload(request: Request, max_bytes: int) -> tuple[bytes, str, str]:
    """(bytes, suffix, name shown) of the ``file`` field, or UploadProblem."""
    if not _origin_ok(request):
        raise UploadProblem("拒绝来自其他网页的提交。请直接在本页面选择文件", 403)
    limit_mb = max_bytes // (1 << 20)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes + CHUNK:
        if int(length) <= DRAIN_FACTOR * max_bytes:  # read and drop the body, so that the sender sees the answer
            async for _ in request.stream():
                pass
        raise UploadProblem(f"文件太大：最多 {limit_mb} MB。请压缩其中的图片，或另存为 docx 或 pdf 后再试", 413)
    async with request.form(max_files=2, max_fields=4) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UploadProblem("没有收到文件。请选择一份报告文件（docx、pdf、html、txt 等）后再点「检查」")
        name = PurePath(upload.filename.replace("\\", "/")).name
        suffix = PurePath(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise UploadProblem(f"无法检查「{name}」：只支持 {'、'.join(sorted(UPLOAD_SUFFIXES))} 文件")
        parts: list[bytes] = []
        size = 0
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise UploadProblem(f"文件太大：最多 {limit_mb} MB。请压缩其中的图片，或另存为 docx 或 pdf 后再试", 413)
            parts.append(chunk)
    if not size:
        raise UploadProblem(f"「{name}」是空文件，请选择写好的报告")
    return b"".join(parts), suffix, name


def _page(result: str = "", message: str = "") -> str:
    return _templates.get_template("page.html").render(
        head=page_head("政府信息公开工作年度报告自查"), foot=page_foot(), result=result, message=message,
        version=__version__, when=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))


def create_app(max_bytes: int = DEFAULT_MAX_MB << 20, allowed_hosts: Sequence[str] = LOCAL_NAMES,
               checker: Optional[Checker] = None) -> Starlette:
    """The page and its API; ``allowed_hosts`` are the names it may be reached by."""
    work = checker or Checker()

    async def index(request: Request) -> Response:
        return HTMLResponse(_page())

    async def check_page(request: Request) -> Response:
        try:
            data, suffix, name = await _read_upload(request, max_bytes)
        except UploadProblem as exc:
            return HTMLResponse(_page(message=exc.message), status_code=exc.status)
        result = await work.check(data, suffix, name)
        return HTMLResponse(_page(result=document_html(result)))

    async def check_api(request: Request) -> Response:
        try:
            data, suffix, name = await _read_upload(request, max_bytes)
        except UploadProblem as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        result = await work.check(data, suffix, name)
        return JSONResponse({
            "schema_version": SCHEMA_VERSION,
            "documents": [run_document(result)],
            "summary": {"documents": 1, "errors": result.count(Severity.ERROR),
                        "warnings": result.count(Severity.WARNING), "infos": result.count(Severity.INFO)},
        })

    routes = [Route("/", index), Route("/check", check_page, methods=["POST"]),
              Route("/api/check", check_api, methods=["POST"])]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        work.close()

    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))],
                     lifespan=lifespan)


# --------------------------------------------------------------------------- starting it


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def serve(host: str, port: int, max_mb: int, allowed_hosts: Sequence[str], open_browser: bool) -> None:
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    sys.stderr.write(f"gxcheck: 自查页面已启动：{url}（按 Ctrl+C 停止）\n")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    app = create_app(max_mb << 20, allowed_hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def cmd_serve(args: argparse.Namespace) -> int:
    allowed = [*LOCAL_NAMES, *args.allowed_host]
    if args.host not in LOCAL_NAMES:
        sys.stderr.write(f"gxcheck: 注意：页面监听 {args.host}，网络上的其他计算机也可能访问到它；"
                         f"允许的主机名：{'、'.join(allowed)}\n")
    serve(args.host, args.port, args.max_mb, allowed, not args.no_browser)
    return 0


def launch() -> None:
    """The ``gxcheck-page`` launcher: the page on a free local port, opened in the browser."""
    serve("127.0.0.1", free_port(), DEFAULT_MAX_MB, LOCAL_NAMES, True)
