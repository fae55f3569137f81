"""What went wrong while reading a file, said in Chinese for the user.

A loader says precisely what is wrong with a file by raising ``ReadError``.  Anything else that
escapes while reading (a malformed part a library chokes on, an OS error, memory running out) is
turned here into one plain Chinese sentence: no Python exception text ever reaches a finding.
"""

from __future__ import annotations

import errno

#: (exception type, message), most specific first.
_MESSAGES: tuple[tuple[type[BaseException], str], ...] = (
    (MemoryError, "文件过大或过于复杂，超出内存上限，未读取"),
    (RecursionError, "文件结构嵌套过深，无法读取；可能已损坏或是恶意构造的文件"),
    (PermissionError, "没有读取这个文件的权限；请检查文件权限后再检查"),
    (FileNotFoundError, "文件在检查过程中被删除或移走了；请确认文件还在后再检查"),
    (IsADirectoryError, "这是一个文件夹，不是文件"),
    (UnicodeError, "文件中有无效的文字编码，无法读取；请用原软件重新另存后再检查"),
)


def describe_failure(exc: BaseException) -> str:
    """One Chinese sentence for an unexpected failure while reading a file."""
    for kind, message in _MESSAGES:
        if isinstance(exc, kind):
            return message
    if isinstance(exc, OSError):
        if exc.errno == errno.ENAMETOOLONG:
            return "文件名或路径太长，系统无法打开；请缩短文件名或移到较浅的文件夹后再检查"
        return "读取文件时系统出错（文件可能正在被改动，或存储设备有问题）；请稍后再检查"
    return "文件内容已损坏或结构异常，无法读取；请用原软件（Word、WPS 或 PDF 阅读器）打开并重新另存后再检查"


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "所在位置是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.ELOOP: "链接绕成了圈",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "存储设备出错",
    errno.ENXIO: "设备不存在",
}


def os_reason(exc: OSError, writing: bool = False) -> str:
    """Why opening, reading or writing (``writing``) a file the user named failed, in a few
    Chinese words (the system's own text is English)."""
    if writing and exc.errno == errno.ENOENT:
        return "它所在的文件夹不存在"
    return _OS_REASONS.get(exc.errno or 0, f"系统出错（错误号 {exc.errno}）" if exc.errno else "系统出错")


def toml_reason(exc: Exception) -> str:
    """What is wrong with a TOML file that does not parse, in Chinese, with where (the parser's
    own text is English)."""
    if isinstance(exc, UnicodeDecodeError):
        return "文件不是 UTF-8 编码的文字；请用记事本等编辑器另存为 UTF-8 编码"
    import re

    at = re.search(r"line (\d+), column (\d+)", str(exc))
    where = f"第 {at.group(1)} 行第 {at.group(2)} 列附近" if at else "其中"
    return (f"{where}不符合 TOML 的写法（文字要加引号，如 code = \"A009\"；表头的方括号要成对，如 [[waiver]]；"
            "每个键只写一次）")


#: Exit code of a run whose results could not be written (a full disk, a closed output).
EXIT_OUTPUT = 4

_OUTPUT_ERRORS = {
    errno.ENOSPC: "输出位置的磁盘已满",
    errno.EDQUOT: "超出了输出位置的磁盘配额",
    errno.EFBIG: "输出文件超过了系统允许的大小",
    errno.EIO: "写入输出时存储设备出错",
    errno.EROFS: "输出位置是只读的",
    errno.EBADF: "标准输出已关闭",
}


def output_failure(exc: BaseException) -> str | None:
    """The one-line Chinese message for a failure to write the results, or ``None`` when ``exc``
    is something else.  The output is then pointed at the null device, so what is still buffered
    cannot fail again (and print a Python message) when the process ends."""
    if not isinstance(exc, OSError) or exc.errno not in _OUTPUT_ERRORS:
        return None
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return f"结果无法写出：{_OUTPUT_ERRORS[exc.errno]}；检查结果不完整，请腾出空间或把输出改到别处后重新运行"
