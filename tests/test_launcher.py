"""``gxcheck-page``: the clerk's launcher (a gui-scripts entry point, no console on Windows)."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

import pytest

pytest.importorskip("starlette")

import gxcheck.serve as serve_module  # noqa: E402


def test_launcher_is_a_gui_script() -> None:
    found = [ep for ep in entry_points(group="gui_scripts") if ep.name == "gxcheck-page"]
    assert [ep.value for ep in found] == ["gxcheck.serve:launch"]


def test_launcher_serves_on_a_free_local_port_and_opens_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: dict[str, Any] = {}
    opened: list[str] = []
    monkeypatch.setattr(serve_module.uvicorn, "run", lambda app, **kw: ran.update(kw))
    monkeypatch.setattr(serve_module.webbrowser, "open", opened.append)

    class NowTimer:
        def __init__(self, delay: float, fn: Any, args: tuple[str]) -> None:
            self.fn, self.args = fn, args

        def start(self) -> None:
            self.fn(*self.args)

    monkeypatch.setattr(serve_module.threading, "Timer", NowTimer)
    serve_module.launch()
    assert ran["host"] == "127.0.0.1" and 1024 <= ran["port"] < 65536
    assert opened == [f"http://127.0.0.1:{ran['port']}/"]


def test_serve_without_the_page_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from gxcheck.cli import main

    monkeypatch.delitem(sys.modules, "gxcheck.serve")
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    assert main(["serve", "--no-browser"]) == 2
    assert "pip install 'gxcheck[page]'" in capsys.readouterr().err
