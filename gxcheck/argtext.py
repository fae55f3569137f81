"""The command line in Chinese: argparse's own words (usage, help, errors) and did-you-mean.

argparse asks ``gettext`` for every phrase it prints; :class:`ChineseParser` answers with the
Chinese below while it parses or formats help (and puts the standard function back after, so
nothing else in the process is affected).  A mistyped command or option gets the nearest
known one suggested.
"""

from __future__ import annotations

import argparse
import difflib
import re
from contextlib import contextmanager
from typing import Any, Iterator, NoReturn, Optional, Sequence

PHRASES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "ignored explicit argument %r": "多余的参数值 %r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开「%(filename)s」：%(error)s",
}


def _chinese(text: str) -> str:
    return PHRASES.get(text, text)


@contextmanager
def _speaking_chinese() -> Iterator[None]:
    standard = argparse._  # type: ignore[attr-defined]
    argparse._ = _chinese  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = standard  # type: ignore[attr-defined]


class UsageError(Exception):
    """A mistake on the command line: the message is said in Chinese, and gxcheck exits 2."""


def nearest(word: str, known: Sequence[str]) -> Optional[str]:
    found = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


class ChineseParser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese, raises :class:`UsageError` instead of exiting,
    and suggests the nearest command or option on a typo."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _speaking_chinese():
            super().__init__(*args, **kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _speaking_chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _speaking_chinese():
            return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        with _speaking_chinese():
            return super().format_help()

    def format_usage(self) -> str:
        with _speaking_chinese():
            return super().format_usage()

    def error(self, message: str) -> NoReturn:
        raise UsageError(self._with_suggestion(message))

    def _with_suggestion(self, message: str) -> str:
        choice = re.search(r"无效的选择：'([^']*)'（可选：(.*)）", message)
        if choice:
            commands = [c.strip(" '") for c in choice.group(2).split(",")]
            near = nearest(choice.group(1), commands)
            hint = f"；您是不是想用「{near}」？" if near else ""
            return f"没有「{choice.group(1)}」这个命令{hint}（可用的命令：{'、'.join(commands)}）"
        unknown = re.search(r"不认识的参数：(.*)", message)
        if unknown:
            for word in unknown.group(1).split():
                near = nearest(word, self._long_options()) if word.startswith("-") else None
                if near:
                    return f"{message}；您是不是想用「{near}」？（gxcheck 命令 -h 查看各命令的选项）"
        return message

    def _long_options(self) -> list[str]:
        """The long options of this parser and of its commands' parsers."""
        found = [o for o in self._option_string_actions if o.startswith("--")]
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for parser in action.choices.values():
                    found += [o for o in parser._option_string_actions if o.startswith("--")]
        return sorted(set(found))
