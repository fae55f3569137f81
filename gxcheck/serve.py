"""``gxcheck serve``: the self-check page for a clerk, on this computer only.

The page takes one uploaded report (field ``file``) and, optionally, last year's report of the
same body (field ``previous``), checks them as ``gxcheck run FILE --previous PREVIOUS`` does and
shows the same verdict and findings as ``gxcheck run --format html``, cross-year ones included.
``POST /api/check`` (the same multipart fields) answers with the ``gxcheck run --format json``
contract, for county platforms.

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
from dataclasses import dataclass
import socket
import sys
import shutil
import tempfile
import threading
import webbrowser
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path, PurePath
from typing import AsyncIterator, Iterator, Optional, Sequence
from urllib.parse import urlsplit

import uvicorn
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import Headers, UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from gxcheck import __version__
from gxcheck.engine import Engine
from gxcheck.facts import bodies
from gxcheck.ftypes import Config, DocumentResult, Facts, Finding, Severity
from gxcheck.manager import Plugins
from gxcheck.output.html import document_html, page_foot, page_head
from gxcheck.openapi import openapi
from gxcheck.output.json import SCHEMA_VERSION, run_document, run_summary
from gxcheck.sniff import REPORT_SUFFIXES
from gxcheck.summary import Tally

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


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its bytes, its suffix and the name it is shown by (never a path)."""

    data: bytes
    suffix: str
    name: str


@dataclass(frozen=True)
class Checked:
    """What the page shows of one check: the result and, when last year's report was given, a
    sentence saying whether the two were compared."""

    result: DocumentResult
    comparison: str = ""
    #: The result as the page shows it, rendered where it was checked: a worker process sends
    #: back this text and the findings, never the parsed report (pickling it cost more than the check).
    html: str = ""

    @property
    def shown(self) -> str:
        return self.html or document_html(self.result)


_worker_engine: Optional[Engine] = None


def _shown_as(result: DocumentResult, name: str) -> DocumentResult:
    """The result under the name the clerk knows the file by (also in its facts, which messages quote)."""
    facts = result.facts.model_copy(update={"path": name}) if result.facts is not None else None
    return result.model_copy(update={"path": name, "facts": facts})


def comparison_sentence(this: Optional[Facts], last: Optional[Facts], last_result: DocumentResult) -> str:
    """Whether the cross-year rules could compare the two reports, and if not, why (in Chinese)."""
    name = last_result.path
    if last_result.error:
        return f"上一年度的报告「{name}」无法读取（{last_result.error}），没有做跨年度比较"
    if this is None or last is None:
        return "跨年度检查规则没有启用，没有做跨年度比较"
    if this.year is None or last.year is None:
        return f"没能从{'本年度' if this.year is None else '上一年度'}的报告中读出年度，没有做跨年度比较"
    if not any(this in group and last in group for group in bodies([this, last])):
        return (f"两份报告的机关名称不同（「{this.agency or '未能读出'}」和「{last.agency or '未能读出'}」），"
                "不是同一机关的报告，没有做跨年度比较")
    if last.year != this.year - 1:
        return (f"「{name}」是 {last.year} 年度的报告，本报告是 {this.year} 年度的；"
                f"跨年度比较需要上一年（{this.year - 1} 年度）的报告")
    return f"已与上一年度（{last.year} 年度）的报告「{name}」比较"


def _check_upload(upload: Upload, previous: Optional[Upload] = None, keep_report: bool = True) -> Checked:
    """Runs in a worker process: write the bytes into a private folder, check them as
    ``gxcheck run FILE --previous PREVIOUS`` does, remove the folder.  ``keep_report``: the
    result carries the parsed report (the page shows it; the JSON API does not need it)."""
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = Engine(Plugins(), Config())
    with _private_folder() as folder:
        return _check_in(folder, _worker_engine, upload, previous, keep_report)


@contextlib.contextmanager
def _private_folder() -> Iterator[Path]:
    """A folder only this user can read (``mkdtemp``), removed with what was written into it.

    The files are named by gxcheck, so they are removed one by one; ``shutil.rmtree`` is kept
    for what a converter may have left (it costs more than the removal itself on every check)."""
    folder = Path(tempfile.mkdtemp(prefix="gxcheck-page-"))
    try:
        yield folder
    finally:
        for name in _UPLOAD_NAMES:
            (folder / name).unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)


_UPLOAD_NAMES = [f"{stem}{suffix}" for stem in ("report", "previous") for suffix in sorted(UPLOAD_SUFFIXES)]


def _check_in(folder: Path, engine: Engine, upload: Upload, previous: Optional[Upload], keep_report: bool) -> Checked:
    path = folder / f"report{upload.suffix}"
    path.write_bytes(upload.data)
    result = _shown_as(engine.check_file(path, keep_report=keep_report), upload.name)
    if previous is None:
        return _rendered(Checked(result)) if keep_report else Checked(result)
    before_path = folder / f"previous{previous.suffix}"
    before_path.write_bytes(previous.data)
    # Two uploads of one name still need two names: the cross-year rules tell reports by it.
    before_name = previous.name if previous.name != upload.name else f"上一年度的{previous.name}"
    before = _shown_as(engine.check_file(before_path, keep_report=False), before_name)
    sentence = comparison_sentence(result.facts, before.facts, before)
    # Last year's report is read for comparison only, as with --previous: its own findings are not shown.
    checked = Checked(engine.check_run([result, before])[0], sentence)
    return _rendered(checked) if keep_report else checked


def _rendered(checked: Checked) -> Checked:
    """The check with its html made here, and the parsed report left behind."""
    return Checked(checked.result.model_copy(update={"report": None}), checked.comparison,
                   document_html(checked.result))


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

    async def check(self, upload: Upload, previous: Optional[Upload] = None, keep_report: bool = True) -> Checked:
        try:
            future = self._get_pool().submit(_check_upload, upload, previous, keep_report)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except asyncio.TimeoutError:
            self._drop_pool()
            return Checked(_engine_failure(
                upload.name, f"检查超过 {int(self.time_limit)} 秒仍未完成，已放弃。文件可能过大或已损坏"))
        except BrokenProcessPool:
            self._drop_pool()
            return Checked(_engine_failure(
                upload.name, "检查这个文件时检查程序意外退出。文件可能已损坏，请另存为 docx 或 pdf 后再试"))

    def close(self) -> None:
        self._drop_pool()


def _engine_failure(name: str, message: str) -> DocumentResult:
    finding = Finding(code="E001", severity=Severity.ERROR, message=message, rule="engine.read", pack="engine")
    return DocumentResult(path=name, findings=(finding,), error=message)


# --------------------------------------------------------------------------- the web application


def host_name(header: str) -> str:
    """The name in a Host header, without its port: 「127.0.0.1:8765」 → 「127.0.0.1」, 「[::1]:80」 → 「::1」."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostGuard:
    """Refuses, with a Chinese message, a request whose Host header is not an allowed name.

    A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding); its requests then
    carry that name, not localhost, and are refused here."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.allowed = {name.lower() for name in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            name = host_name(Headers(scope=scope).get("host", ""))
            if name not in self.allowed and "*" not in self.allowed:
                message = (f"拒绝访问：这个页面只能通过 {'、'.join(sorted(self.allowed))} 打开，"
                           f"这次请求用的是「{name or '（没有主机名）'}」。请在浏览器地址栏输入 "
                           "http://127.0.0.1:端口号/；要让其他名字也能访问，启动时用 --allowed-host 名字 指明")
                response: Response
                if str(scope.get("path", "")).startswith("/api/"):
                    response = JSONResponse({"error": message}, status_code=400)
                else:
                    response = HTMLResponse(_page(message=message), status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _origin_ok(request: Request) -> bool:
    """A POST must come from this page itself: no foreign Origin, no cross-site fetch."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and request.headers.get("sec-fetch-site") == "same-origin"):
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def _read_field(upload: UploadFile, max_bytes: int, which: str) -> Upload:
    """The bytes of one uploaded file, or UploadProblem; ``which`` names it in messages."""
    name = PurePath((upload.filename or "").replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadProblem(f"无法检查{which}「{name}」：只支持 {'、'.join(sorted(UPLOAD_SUFFIXES))} 文件")
    parts: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise UploadProblem(_too_large(max_bytes), 413)
        parts.append(chunk)
    if not size:
        raise UploadProblem(f"{which}「{name}」是空文件，请选择写好的报告")
    return Upload(b"".join(parts), suffix, name)


def _too_large(max_bytes: int) -> str:
    return f"文件太大：最多 {max_bytes // (1 << 20)} MB。请压缩其中的图片，或另存为 docx 或 pdf 后再试"


async def _read_upload(request: Request, max_bytes: int) -> tuple[Upload, Optional[Upload]]:
    """The ``file`` field and the optional ``previous`` one (last year's report), or UploadProblem."""
    if not _origin_ok(request):
        raise UploadProblem("拒绝来自其他网页的提交。请直接在本页面选择文件", 403)
    length = request.headers.get("content-length")
    # Two files may be sent, each up to the limit.
    if length and length.isdigit() and int(length) > 2 * max_bytes + CHUNK:
        if int(length) <= DRAIN_FACTOR * max_bytes:  # read and drop the body, so that the sender sees the answer
            async for _ in request.stream():
                pass
        raise UploadProblem(_too_large(max_bytes), 413)
    async with request.form(max_files=2, max_fields=4) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UploadProblem("没有收到文件。请选择一份报告文件（docx、pdf、html、txt 等）后再点「检查」")
        this = await _read_field(upload, max_bytes, "")
        earlier = form.get("previous")
        last = None
        if isinstance(earlier, UploadFile) and earlier.filename:  # a form sends an empty part when none is chosen
            last = await _read_field(earlier, max_bytes, "上一年度的报告")
    return this, last


def _page(result: str = "", message: str = "", comparison: str = "") -> str:
    return _templates.get_template("page.html").render(
        head=page_head("政府信息公开工作年度报告自查"), foot=page_foot(), result=result, message=message,
        comparison=comparison,
        version=__version__, when=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))


def create_app(max_bytes: int = DEFAULT_MAX_MB << 20, allowed_hosts: Sequence[str] = LOCAL_NAMES,
               checker: Optional[Checker] = None) -> Starlette:
    """The page and its API; ``allowed_hosts`` are the names it may be reached by."""
    work = checker or Checker()

    async def index(request: Request) -> Response:
        return HTMLResponse(_page())

    async def check_page(request: Request) -> Response:
        try:
            upload, previous = await _read_upload(request, max_bytes)
        except UploadProblem as exc:
            return HTMLResponse(_page(message=exc.message), status_code=exc.status)
        checked = await work.check(upload, previous)
        return HTMLResponse(_page(result=checked.shown, comparison=checked.comparison))

    async def check_api(request: Request) -> Response:
        try:
            upload, previous = await _read_upload(request, max_bytes)
        except UploadProblem as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        checked = await work.check(upload, previous, keep_report=False)
        result = checked.result
        tally = Tally()
        tally.add(result)
        answer = {"schema_version": SCHEMA_VERSION, "documents": [run_document(result)],
                  "summary": run_summary(tally.summary(0.0))}
        if previous is not None:  # an added field: whether last year's report could be compared
            answer["previous"] = {"path": previous.name, "comparison": checked.comparison}
        return JSONResponse(answer)

    async def describe_api(request: Request) -> Response:
        return JSONResponse(openapi())

    routes = [Route("/", index), Route("/check", check_page, methods=["POST"]),
              Route("/api/check", check_api, methods=["POST"]), Route("/api/openapi.json", describe_api)]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        work.close()

    return Starlette(routes=routes, middleware=[Middleware(HostGuard, allowed_hosts=list(allowed_hosts))],
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
