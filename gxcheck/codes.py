"""Checking the rule codes a user names (``--select``, ``--ignore``, config).

A code or prefix that matches no known rule is a usage error with a did-you-mean
suggestion: a typo such as ``--select Z`` must never run nothing and report 「通过」.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Sequence

#: Codes that say a file could not be read: always reported, whatever is selected or ignored.
UNREADABLE = ("E001", "E002")


class UnknownCodeError(ValueError):
    pass


def _matches(prefix: str, known: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for code in known)


def suggest(prefix: str, known: Sequence[str]) -> list[str]:
    """Up to three known codes (or their one-letter packs) nearest to ``prefix``."""
    letters = sorted({code[0] for code in known})
    pool = sorted(set(known)) + letters
    return difflib.get_close_matches(prefix, pool, n=3, cutoff=0.5)


def check_codes(prefixes: Sequence[str], known: Sequence[str], where: str) -> None:
    """Raise :class:`UnknownCodeError` naming the first prefix that matches no known code.

    ``""`` matches every code and is accepted; ``where`` says where the prefix was written.
    """
    for prefix in prefixes:
        if prefix == "" or _matches(prefix, known):
            continue
        near = suggest(prefix, known)
        hint = f"（您是不是想写「{'」或「'.join(near)}」？）" if near else ""
        raise UnknownCodeError(
            f"{where} 中的「{prefix}」不是任何规则的代码或前缀{hint}；用 gxcheck rules 查看全部规则代码")


def check_run_codes(select: Sequence[str], ignore: Sequence[str], plugins: object, given: Iterable[str]) -> None:
    """Check the select/ignore codes in force against every known rule, the codes of plugins
    switched off with ``-p no:NAME`` included. ``given`` names the options set on the command
    line (the others came from the configuration file)."""
    from gxcheck.manager import Plugins

    assert isinstance(plugins, Plugins)
    known = [rule.code for _, rule in plugins.rules]
    extra, uninspected = plugins.disabled_codes()
    if uninspected:
        return  # a switched-off plugin whose codes cannot be known: any code might be its
    given = set(given)
    for name, values in (("select", select), ("ignore", ignore)):
        check_codes([v.upper() for v in values], known + extra, f"--{name}" if name in given else f"配置中的 {name}")
