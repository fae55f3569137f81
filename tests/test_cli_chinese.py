"""Issue 10: the command line speaks Chinese (argparse's own words too) and suggests on a typo."""

from __future__ import annotations

import argparse

from conftest import ROOT, run_cli

EXAMPLE = str(ROOT / "examples" / "reports" / "马店镇2024年报告.txt")


def test_help_is_chinese(capsys):
    try:
        run_cli(capsys, "run", "--help")
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert out.startswith("用法：gxcheck run") and "位置参数" in out and "显示本帮助并退出" in out
    assert "usage:" not in out and "show this help" not in out


def test_argparse_errors_are_chinese(capsys):
    code, _, err = run_cli(capsys, "run")
    assert code == 2 and "缺少必需的参数" in err and "required" not in err
    code, _, err = run_cli(capsys, "run", "-j", "x", EXAMPLE)
    assert code == 2 and "无效的 int 值" in err


def test_mistyped_command_option_and_format_get_suggestions(capsys):
    code, _, err = run_cli(capsys, "rn", EXAMPLE)
    assert code == 2 and "「run」" in err
    code, _, err = run_cli(capsys, "run", "--selct", "A", EXAMPLE)
    assert code == 2 and "「--select」" in err and "不认识的参数" in err
    code, _, err = run_cli(capsys, "run", "-f", "jsn", EXAMPLE)
    assert code == 2 and "「json」" in err


def test_english_comes_back_after_parsing(capsys):
    run_cli(capsys, "run", "--no-progress", EXAMPLE)
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage(), "other argparse users keep their language"
