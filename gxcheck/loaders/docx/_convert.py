"""Old binary Word/WPS files (.doc, .wps): converted to .docx by LibreOffice.

There is no reader here for the old binary formats; when LibreOffice is
installed it converts the file (a copy, in a private temporary folder with its
own LibreOffice profile, within a time limit) and the .docx is read as usual.
Also here: recognising a password-protected Office file, which is an OLE
container (like a .doc) holding an ``EncryptedPackage`` stream, so that it is
reported as encrypted rather than sent to LibreOffice or called corrupt.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from gxcheck.ftypes import ReadError

#: Seconds LibreOffice may take to convert one .doc/.wps.
CONVERT_TIMEOUT = 60

_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def find_soffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_encrypted_ole(path: Path) -> bool:
    """An Office file protected by a password: an OLE container with an ``EncryptedPackage`` stream."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return _ENCRYPTED_MARK in head


def _kill_tree(proc: "subprocess.Popen[bytes]") -> None:
    """Kill LibreOffice and whatever it started (its own session), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()
    proc.communicate()


@contextmanager
def converted_to_docx(path: Path, soffice: str, suffix: str = ".doc") -> Iterator[Path]:
    """Convert a .doc/.wps, .rtf or .odt to .docx in a private temporary folder; yields the .docx.

    ``suffix`` is the kind detected from the content: the copy is named by it, not by the
    user's file name (a .doc that is really RTF converts as RTF)."""
    with tempfile.TemporaryDirectory(prefix="gxcheck-doc-") as tmp:
        tmpdir = Path(tmp)
        src_dir, out_dir, own_tmp = tmpdir / "in", tmpdir / "out", tmpdir / "tmp"
        for folder in (src_dir, out_dir, own_tmp):
            folder.mkdir()
        if suffix == ".doc" and path.suffix.lower() in (".wps", ".dot", ".wpt"):
            suffix = path.suffix.lower()
        source = src_dir / f"report{suffix}"
        try:
            shutil.copyfile(path, source)  # LibreOffice's lock files then stay out of the user's folder
        except OSError as exc:
            raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
        cmd = [soffice, f"-env:UserInstallation={(tmpdir / 'profile').as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx", "--outdir", str(out_dir),
               str(source)]
        try:
            # its own temporary files in the private folder too, so that a killed conversion leaves none
            env = {**os.environ, "TMPDIR": str(own_tmp)}
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, cwd=tmp, env=env, start_new_session=True)
        except OSError as exc:
            raise ReadError(f"无法启动 LibreOffice 转换这个文件：{exc.strerror or exc}") from exc
        try:
            proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_tree(proc)
            raise ReadError(f"用 LibreOffice 转换这个文件超时（{CONVERT_TIMEOUT} 秒），"
                            "请用 Word 或 WPS 另存为 .docx 后再检查") from None
        except BaseException:  # Ctrl-C, SIGTERM (gxcheck.stopping) or the run stopping: LibreOffice must not outlive it
            _kill_tree(proc)
            raise
        converted = out_dir / "report.docx"
        if not converted.is_file():
            raise ReadError("LibreOffice 未能转换这个文件（文件可能已损坏，或不是文字处理文档），"
                            "请用 Word 或 WPS 另存为 .docx 后再检查")
        yield converted
