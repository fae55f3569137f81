"""The one small text file of a ``gxcheck run`` is checked in the command's own process, under the
same limits as a worker (gxcheck/worker.py: ``suits_here``, ``check_here``); everything else still in
a forked worker. Run through the real command line (a subprocess), as only it checks a file so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import run_json, shared_path
from gxcheck import worker
from gxcheck.engine import Engine
from gxcheck.manager import Plugins

_PROBE = """
import io, json, os, resource, signal, sys
forks = [0]
os.register_at_fork(before=lambda: forks.__setitem__(0, forks[0] + 1))
from gxcheck.engine import Engine

def slow(self, report):
    while True:
        pass

def hungry(self, report):
    keep = []
    while True:
        keep.append(bytearray(1024 * 1024))

def burst(self, report):
    return [bytearray(3 * int(os.environ["GXCHECK_MEMORY_MB"]) * 1024 * 1024)]

mode = sys.argv[1]
if mode != "plain":
    Engine.check_report = {"slow": slow, "hungry": hungry, "burst": burst}[mode]
limit = resource.getrlimit(resource.RLIMIT_AS)
sys.argv = ["gxcheck", "run", "--no-progress", "--format", "json", *sys.argv[2:]]
from gxcheck.cli import main
out, sys.stdout = sys.stdout, io.StringIO()
code = main()
text, sys.stdout = sys.stdout.getvalue(), out
restored = (signal.getsignal(signal.SIGALRM) == signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
            and resource.getrlimit(resource.RLIMIT_AS) == limit)
print(json.dumps({"code": code, "forks": forks[0], "restored": restored, "run": json.loads(text)}, ensure_ascii=False))
"""


def _probe(mode: str, *paths: Path, **env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, mode, *map(str, paths)], capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ, **env), timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _without_times(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    doc["summary"].pop("seconds", None)
    for d in doc["documents"]:
        d.pop("seconds", None)
    return doc


def test_a_lone_text_report_is_checked_without_a_worker_and_reads_as_in_one(capsys):
    for name in ("r003.txt", "r007.txt", "r011.txt"):
        path = shared_path("corpus", name)
        here = _probe("plain", path)
        assert here["forks"] == 0 and here["restored"]
        assert _without_times(here["run"]) == _without_times(run_json(capsys, str(path)))  # main([...]): a worker


def test_several_files_a_word_file_or_a_big_text_file_still_go_to_workers(tmp_path):
    big = tmp_path / "big.txt"
    text = shared_path("corpus", "r003.txt").read_text(encoding="utf-8")
    big.write_text(text * (worker.HERE_BYTES // len(text.encode("utf-8")) + 1), encoding="utf-8")
    assert _probe("plain", shared_path("corpus", "r003.txt"), shared_path("corpus", "r007.txt"))["forks"] >= 1
    assert _probe("plain", shared_path("corpus", "r000.docx"))["forks"] == 1
    assert _probe("plain", big)["forks"] == 1


def test_the_time_limit_holds_in_the_process():
    done = _probe("slow", shared_path("corpus", "r003.txt"), GXCHECK_TIMEOUT="0.5")
    (doc,) = done["run"]["documents"]
    assert done["forks"] == 0 and done["restored"] and done["code"] == 1
    assert [f["code"] for f in doc["findings"]] == ["E001"] and doc["error"] == worker.TIMEOUT_MESSAGE.format(seconds=0.5)


@pytest.mark.parametrize("mode", ["hungry", "burst"])
def test_the_memory_cap_holds_in_the_process(mode):
    """Growing past the cap little by little (seen by the alarm) or at once (refused by RLIMIT_AS):
    the worker's E001 for a file that took too much memory, and the process goes on."""
    done = _probe(mode, shared_path("corpus", "r003.txt"), GXCHECK_MEMORY_MB="200")
    (doc,) = done["run"]["documents"]
    assert done["forks"] == 0 and done["restored"] and done["code"] == 1
    assert [f["code"] for f in doc["findings"]] == ["E001"] and doc["error"] == worker.DIED_MESSAGE


def test_what_suits_the_process(tmp_path):
    text = shared_path("corpus", "r003.txt")
    own = Engine(Plugins())
    assert worker.suits_here(own, text)
    assert not worker.suits_here(own, shared_path("corpus", "r000.docx"))
    assert not worker.suits_here(own, shared_path("corpus", "r001.html"))
    assert not worker.suits_here(own, tmp_path)  # a folder: the worker says what is wrong
    assert not worker.suits_here(own, tmp_path / "missing.txt")

    class Other:  # any plugin that is not gxcheck's own: its code may do anything
        pass

    assert not worker.suits_here(Engine(Plugins(extra=[("other", Other())])), text)
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append(worker.suits_here(own, text)))
    thread.start()
    thread.join()
    assert seen == [False]
