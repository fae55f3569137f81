"""A scanned file's time limit grows with its page count: each page sent to OCR gives it more time."""

from __future__ import annotations

import time

import pytest

from gxcheck import worker
from gxcheck.manager import Plugins


def test_each_page_sent_to_ocr_gives_the_file_more_time(engine, tmp_path, monkeypatch):
    if not worker.available():
        pytest.skip("no fork here")
    monkeypatch.setattr(worker, "OCR_SECONDS_PER_PAGE", 1.0)  # inherited by the forked workers
    plugins = Plugins(disabled=["ocr-rapidocr"])  # no engine: the call is the grant, the sleep the reading

    class Scanning:
        def __getattr__(self, name):
            return getattr(engine, name)

        def check_file(self, path, keep_report=True):
            pages, pause = {"scan.txt": (3, 0.6), "stuck.txt": (1, 30)}.get(path.name, (0, 0))
            for _ in range(pages):
                plugins.ocr(None)
                time.sleep(pause)
            return engine.check_file(path, keep_report=keep_report)

    files = [tmp_path / name for name in ("scan.txt", "stuck.txt", "plain.txt")]
    for f in files:
        f.write_text("一、总体情况\n", encoding="utf-8")
    scan, stuck, plain = worker.check_isolated(Scanning(), files, 1, seconds=1.0)
    # Three pages: 1 s + 3 × 1 s allowed, 1.8 s taken.
    assert scan.error is None or "读取超时" not in scan.error
    # One page: 2 s allowed, and the message says so.
    assert "读取超时" in stuck.error and "超过 2 秒" in stuck.error
    assert plain.error is None or "读取超时" not in plain.error


def test_outside_a_worker_asking_for_more_time_does_nothing():
    worker.allow_more(5.0)  # no parent to tell: nothing is sent, nothing fails


def test_the_pages_of_a_scan_are_read_side_by_side_only_on_cores_other_files_leave(monkeypatch):
    import os

    from gxcheck.loaders.pdf._scan import page_threads

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    assert page_threads(1) == 1, "one page: one thread"
    assert page_threads(40) == cores, "one file at a time: every core"
    monkeypatch.setattr(worker, "_files_at_once", cores)
    assert page_threads(40) == 1, "--jobs takes every core: the pages one after another"


def test_a_worker_under_the_default_memory_limit_reads_one_page_at_a_time(monkeypatch):
    import resource

    from gxcheck.loaders.pdf import _scan

    used = _scan._room_mb()
    monkeypatch.setattr(_scan, "_room_mb", lambda: 2048.0)  # what a fresh worker has: GXCHECK_MEMORY_MB
    assert _scan.page_threads(40) == 1
    monkeypatch.setattr(_scan, "_room_mb", lambda: None)  # no limit
    assert _scan.page_threads(40) >= 1
    assert used is None or resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
