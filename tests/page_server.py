"""A real ``gxcheck serve`` for the page's tests: started on a free port, stopped afterwards."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from typing import Iterator


def start(*extra: str) -> Iterator[str]:
    from gxcheck.serve import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gxcheck", "serve", "--port", str(port), "--no-browser", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server exited") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def post_file(url: str, name: str, data: bytes, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """POST one file as the multipart field ``file``; (status, body text)."""
    return post_files(url, {"file": (name, data)}, headers)


def post_files(url: str, files: dict[str, tuple[str, bytes]], headers: dict[str, str] | None = None) -> tuple[int, str]:
    """POST files as multipart fields (field name → (file name, bytes)); (status, body text)."""
    boundary = uuid.uuid4().hex
    body = b""
    for field, (name, data) in files.items():
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
