#!/usr/bin/env python3
"""Write gxcheck/recognize/_t2s_changed.py: the characters OpenCC's t2s changes, and the digest of
the dictionaries they came from (see ``gxcheck.recognize.text._changed``).

    .venv/bin/python scripts/t2s_changed.py

Run it after installing an opencc whose t2s dictionaries differ (tests/test_traditional.py says so).
"""

from __future__ import annotations

from pathlib import Path

import opencc

from gxcheck.recognize.text import changed_by_t2s, t2s_digest

OUT = Path(__file__).resolve().parent.parent / "gxcheck" / "recognize" / "_t2s_changed.py"


def main() -> None:
    digest = t2s_digest()
    if digest is None:
        raise SystemExit("找不到 opencc 的 t2s 词典文件，无法生成")
    changed = changed_by_t2s(opencc.OpenCC("t2s"))
    lines = [changed[i:i + 60] for i in range(0, len(changed), 60)]
    body = "\n".join(f'    "{line}"' for line in lines)
    OUT.write_text(
        '"""The characters OpenCC\'s t2s changes (written by scripts/t2s_changed.py; do not edit).\n\n'
        f'Made with opencc {opencc.__version__}; DIGEST is the sha256 of its t2s.json and the dictionaries it names."""\n\n'
        f'DIGEST = "{digest}"\n\nCHANGED = (\n{body}\n)\n', encoding="utf-8")
    print(f"{OUT}: {len(changed)} characters")


if __name__ == "__main__":
    main()
