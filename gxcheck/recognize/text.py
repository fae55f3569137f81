"""Text normalisation shared by the recognizer and the rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from gxcheck.national import fold_lookalikes

# Word and WPS leave bookmarks and field codes in text dumps: 「[bookmark: _GoBack]」.
_ARTEFACT = re.compile(r"\[(?:bookmark|BOOKMARK|Bookmark)[^\]]*\]|\[(?:image|IMAGE)[^\]]*\]")
_SPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
# Page furniture of PDF dumps: 「- 3 -」, 「— 3 —」, 「第 3 页」, 「3/6」.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")

ORDINAL = re.compile(
    r"^\s*(?:第?([一二三四五六七八九十]{1,3})\s*(?:部分)?\s*[、.．,，:：\s]\s*"
    r"|([0-9０-９]{1,2})\s*[、.．,，]\s*"
    r"|[（(]\s*([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*[)）]\s*)"
)

# Traditional characters are folded with OpenCC's data (t2s), which knows every character and the
# words whose folding depends on their neighbours; the narrative itself is shown as written.
# Measured on the words gxcheck looks for: opencc and zhconv got all of them, the hand-made table
# this replaces got 93 of 164; opencc was the faster of the two.
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def changed_by_t2s(converter: Any) -> str:
    """The characters of the CJK blocks that OpenCC's t2s changes, each converted on its own."""
    chars = [chr(c) for low, high in _CJK_BLOCKS for c in range(low, high)]
    folded = converter.convert("\n".join(chars)).split("\n")
    return "".join(a for a, b in zip(chars, folded) if a != b)


def t2s_digest() -> Optional[str]:
    """A digest of the t2s configuration and dictionaries ``opencc.OpenCC("t2s")`` reads, found
    without importing opencc; ``None`` where they are not in the place the opencc package keeps them."""
    import hashlib
    import importlib.util
    import json
    import os

    if os.path.isfile("t2s.json"):  # OpenCC would read this one, in the current folder
        return None
    try:
        spec = importlib.util.find_spec("opencc")
        folders = list(spec.submodule_search_locations or ()) if spec is not None else []
        if not folders:
            return None
        share = Path(folders[0]) / "clib" / "share" / "opencc"
        config = (share / "t2s.json").read_bytes()
        digest = hashlib.sha256(config)
        for name in _dictionary_files(json.loads(config)):
            digest.update(name.encode() + b"\0" + (share / name).read_bytes())
    except (ImportError, OSError, ValueError):
        return None
    return digest.hexdigest()


def _dictionary_files(config: Any) -> list[str]:
    if isinstance(config, dict):
        found = [config["file"]] if isinstance(config.get("file"), str) else []
        return found + [f for value in config.values() for f in _dictionary_files(value)]
    if isinstance(config, list):
        return [f for value in config for f in _dictionary_files(value)]
    return []


@lru_cache(maxsize=1)
def _changed() -> dict[int, None]:
    """The characters t2s changes, so that the many strings with none of them are never handed to it.

    Importing opencc and converting the CJK blocks to find them costs about 10 ms, a twentieth of
    ``gxcheck run one.txt``, so they are kept in ``_t2s_changed.py`` (``scripts/t2s_changed.py``
    writes it) with the digest of the dictionaries they came from; with other dictionaries installed
    they are found again.  A report in simplified characters then never imports opencc."""
    from gxcheck.recognize import _t2s_changed

    found = _t2s_changed.CHANGED if t2s_digest() == _t2s_changed.DIGEST else changed_by_t2s(_converter())
    return dict.fromkeys(map(ord, found))


def simplified(text: str) -> str:
    """``text`` in simplified characters (traditional ones folded); the same string when it has none."""
    if text.isascii():
        return text
    if len(text.translate(_changed())) == len(text):
        return text
    result: str = _converter().convert(text)
    return result


def clean(text: str) -> str:
    """Drop extraction artefacts; keep the text otherwise as written."""
    if "[" in text:
        text = _ARTEFACT.sub("", text)
    return text


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """The form used for matching: NFKC (full-width → ASCII), simplified, no white space."""
    text = clean(text)
    text = simplified(unicodedata.normalize("NFKC", text))
    return _SPACE.sub("", text)


@lru_cache(maxsize=65536)
def matchable(text: str) -> str:
    """The form to look for the format's words in: :func:`squash`, then :func:`fold_lookalikes`."""
    return fold_lookalikes(squash(text))


def is_page_furniture(line: str) -> bool:
    return len(line) < 40 and bool(_PAGE_NUMBER.match(line))


def strip_ordinal(text: str) -> tuple[str | None, str]:
    """Split 「二、主动公开…」 into (「二」, 「主动公开…」); (None, text) when there is none."""
    m = ORDINAL.match(text)
    if not m:
        return None, text.strip()
    ordinal = next(g for g in m.groups() if g)
    return ordinal, text[m.end():].strip()


CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3,
                  "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_ordinal_value(ordinal: str) -> int | None:
    """「二」→2, 「十二」→12, 「二十五」→25, 「2」→2 (numbers below 100, as in dates and ordinals)."""
    ordinal = unicodedata.normalize("NFKC", ordinal)
    if ordinal.isdigit():
        return int(ordinal)
    if "十" in ordinal:
        tens, _, ones = ordinal.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        t = CHINESE_DIGITS.get(tens, None) if tens else 1
        o = CHINESE_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(ordinal) == 1:
        return CHINESE_DIGITS.get(ordinal)
    return None
