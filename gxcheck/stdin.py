"""``gxcheck run -``: one report read from standard input.

The bytes go to a private temporary file (the loaders read files; the format is told
from the content, not from a name), removed when the run ends. The result is shown
under the name ``-``.
"""

from __future__ import annotations

import atexit
import os
import sys
import tempfile
from pathlib import Path

NAME = "-"


def stdin_to_file() -> Path:
    """Copy standard input to a temporary file and return its path."""
    fd, name = tempfile.mkstemp(prefix="gxcheck-stdin-")
    with os.fdopen(fd, "wb") as out:
        out.write(sys.stdin.buffer.read())
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return Path(name)
