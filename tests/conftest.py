"""Shared fixtures: the reference material in ../shared and helpers to run gxcheck."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    return path


@pytest.fixture(scope="session")
def truth() -> dict[str, dict]:
    data = json.loads(shared_path("corpus", "truth.json").read_text(encoding="utf-8"))
    return {t["file"]: t for t in data}


@pytest.fixture(scope="session")
def engine():
    from gxcheck.engine import Engine
    from gxcheck.manager import Plugins

    return Engine(Plugins())


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    from gxcheck.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, *paths: str) -> dict:
    code, out, _ = run_cli(capsys, "run", "--format", "json", "--no-progress", *paths)
    assert code in (0, 1)
    return json.loads(out)


def show_json(capsys, *paths: str) -> list[dict]:
    code, out, _ = run_cli(capsys, "show", "--format", "json", *paths)
    assert code == 0
    return json.loads(out)
