"""Objects of a run set aside on disk: pickled to a private temporary file, read back by offset.

Only gxcheck's own objects are written here, and only this process reads them back: a pickle
of bytes from a checked file is never loaded.
"""

from __future__ import annotations

import pickle
import tempfile
from typing import Any


class Spill:
    def __init__(self, prefix: str = "gxcheck-") -> None:
        self.file = tempfile.TemporaryFile(prefix=prefix)

    def add(self, obj: Any) -> int:
        """Write ``obj``; returns the offset to read it back from."""
        offset = self.file.seek(0, 2)
        pickle.dump(obj, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        return offset

    def load(self, offset: int) -> Any:
        self.file.seek(offset)
        return pickle.load(self.file)

    def close(self) -> None:
        self.file.close()
