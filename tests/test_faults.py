"""File-system and process faults: each gives a finding or one plain line, and the run goes on.

(A worker killed with SIGKILL, a file past the time limit and the worker-level SIGTERM test are
in test_hostile.py.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHARED, run_cli

SEED = SHARED / "seeds" / "002_06c4d2819f1ca5c3.txt"


@pytest.fixture()
def good(tmp_path) -> Path:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available here")
    path = tmp_path / "good.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def _documents(capfd, *args: str) -> tuple[int, dict[str, list[dict]]]:
    from gxcheck.cli import main

    code = main(["run", "--format", "json", "--no-progress", *args])
    out, err = capfd.readouterr()
    assert "Traceback" not in err and code in (0, 1), err
    return code, {Path(d["path"]).name: d["findings"] for d in json.loads(out)["documents"]}


def _only_e001(findings: list[dict]) -> str:
    assert [f["code"] for f in findings] == ["E001"], findings
    return findings[0]["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_or_in_a_folder_gets_a_finding_and_the_run_goes_on(capfd, tmp_path, good):
    folder = tmp_path / "dir"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named")
    code, docs = _documents(capfd, str(tmp_path / "named"), str(folder), str(good))
    assert code == 1 and set(docs) == {"named", "pipe.txt", "good.txt"}
    assert "命名管道" in _only_e001(docs["named"]) and "命名管道" in _only_e001(docs["pipe.txt"])
    assert "E001" not in [f["code"] for f in docs["good.txt"]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_with_the_result_cache(capfd, tmp_path, good):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    for _ in range(2):  # the second run reads the good file from the cache; the others are never kept
        code, docs = _documents(capfd, "--cache-file", str(tmp_path / "cache.sqlite"), str(tmp_path))
        assert code == 1 and set(docs) == {"pipe.txt", "gone.txt", "good.txt"}
        assert "命名管道" in _only_e001(docs["pipe.txt"]) and "不存在" in _only_e001(docs["gone.txt"])


def test_links_to_nothing_or_to_a_device_get_a_finding(capfd, tmp_path, good):
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    (folder / "zero.txt").symlink_to("/dev/zero")
    code, docs = _documents(capfd, str(folder), str(tmp_path / "dir" / "gone.docx"), str(good))
    assert set(docs) == {"gone.docx", "zero.txt", "good.txt"}  # the link named twice is checked once
    assert "不存在" in _only_e001(docs["gone.docx"])
    assert "字符设备" in _only_e001(docs["zero.txt"])
    assert "E001" not in [f["code"] for f in docs["good.txt"]]


def test_a_folder_that_cannot_be_read_gets_a_finding(capfd, tmp_path, good, monkeypatch):
    locked = tmp_path / "dir" / "locked"
    locked.mkdir(parents=True)
    (locked / "hidden.txt").write_bytes(good.read_bytes())
    real_scandir = os.scandir

    def scandir(path):  # as for a folder without read permission (the tests may run as root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, docs = _documents(capfd, str(tmp_path / "dir"), str(good))
    assert code == 1 and set(docs) == {"locked", "good.txt"}
    assert "文件夹无法读取" in _only_e001(docs["locked"])


def test_a_path_that_does_not_exist_is_still_a_usage_error(capsys, tmp_path):
    code, _, err = run_cli(capsys, "run", str(tmp_path / "nothing.txt"))
    assert code == 2 and "找不到路径" in err


NAMES = {b"\xb1\xa8\xb8\xe6.txt": "报告.txt", b"bad\xff\xfe.txt": "bad%FF%FE.txt"}  # GBK, and no encoding


@pytest.fixture()
def odd_names(tmp_path, good) -> Path:
    folder = tmp_path / "names"
    folder.mkdir()
    for raw in NAMES:
        try:
            (folder / os.fsdecode(raw)).write_bytes(good.read_bytes())
        except (OSError, UnicodeError):
            pytest.skip("this file system refuses names that are not UTF-8")
    return folder


def _formats() -> list[str]:
    from gxcheck.manager import Plugins

    return sorted(Plugins().formatters)


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "--output"])
@pytest.mark.parametrize("fmt", _formats())
def test_names_that_are_not_utf8_in_every_output_format(capsys, tmp_path, odd_names, fmt, to_file):
    if fmt == "xlsx" and not to_file:
        pytest.skip("a binary format is written with --output")
    target = tmp_path / f"out.{fmt}"
    code, out, err = run_cli(capsys, "run", "--format", fmt, "--no-progress", str(odd_names),
                             *(["--output", str(target)] if to_file else []))
    assert code == 1 and "Traceback" not in err
    if fmt == "xlsx":
        return
    out = target.read_text(encoding="utf-8") if to_file else out
    if fmt == "sarif":  # a URI: the name's bytes percent-encoded, as URIs carry them
        assert "%B1%A8%B8%E6.txt" in out and "bad%FF%FE.txt" in out
    elif fmt != "junit":
        assert all(shown in out for shown in NAMES.values())
    if fmt == "json":
        assert sorted(Path(d["path"]).name for d in json.loads(out)["documents"]) == sorted(NAMES.values())


@pytest.mark.parametrize("command", [["show"], ["show", "--format", "json"], ["run", "-q"], ["run", "--statistics"]])
def test_names_that_are_not_utf8_in_show_and_the_short_outputs(capsys, odd_names, command):
    code, out, err = run_cli(capsys, *command, str(odd_names))
    assert code in (0, 1) and "Traceback" not in err
    if command != ["run", "--statistics"]:
        assert all(shown in out for shown in NAMES.values())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", [["run", "--format", "json"], ["run"], ["show"], ["rules"]])
def test_a_full_disk_is_one_line_and_exit_4(good, command):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "gxcheck", *command, *([str(good)] if command != ["rules"] else [])],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1 and "磁盘已满" in done.stderr and "内部错误" not in done.stderr


def test_a_closed_pipe_stays_quiet(good):
    shell = f"{sys.executable} -m gxcheck run --format json {good} {good.parent} | head -c 1"
    done = subprocess.run(shell, shell=True, capture_output=True, text=True, timeout=120)
    assert done.stdout == "{" and done.stderr == ""


def test_an_unreadable_config_file_is_a_chinese_usage_error(capsys, tmp_path, good, monkeypatch):
    config = tmp_path / "gxcheck.toml"
    config.write_text('select = ["A"]\n', encoding="utf-8")
    real_read_text = Path.read_text

    def read_text(self, *args, **kwargs):  # as for a file without read permission (even as root)
        if self.absolute() == config:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    code, _, err = run_cli(capsys, "run", "--config", str(config), str(good))
    assert code == 2 and "无法读取配置文件" in err and "权限" in err and "Traceback" not in err
    monkeypatch.chdir(tmp_path)  # the default ./gxcheck.toml too
    code, _, err = run_cli(capsys, "run", str(good))
    assert code == 2 and "无法读取配置文件" in err


def test_sigterm_ends_the_run_cleanly(tmp_path, good):
    """The real command, stopped with SIGTERM while a file is being checked: one line, exit 143,
    and no worker left behind."""
    from gxcheck import worker

    if not worker.available() or not Path("/proc").is_dir():
        pytest.skip("needs fork and /proc")
    slow = tmp_path / "slow.py"  # gxcheck's own main, with a worker that takes its time
    slow.write_text(
        "import sys, time\n"
        "from gxcheck import cli, engine\n"
        "real = engine.Engine.check_file\n"
        "def check_file(self, path, keep_report=True):\n"
        "    time.sleep(300)\n"
        "engine.Engine.check_file = check_file\n"
        "sys.exit(cli.main(sys.argv[1:]))\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(slow), "run", "--jobs", "2", str(good), str(good.parent)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    children: list[int] = []
    for _ in range(200):
        time.sleep(0.1)
        children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == parent.pid]
        if children:
            break
    assert children, "no worker started"
    time.sleep(0.5)
    parent.send_signal(signal.SIGTERM)
    _, err = parent.communicate(timeout=30)
    assert parent.returncode == 128 + signal.SIGTERM, err
    assert "SIGTERM" in err and "Traceback" not in err
    for _ in range(50):
        if not [c for c in children if _alive(c)]:
            break
        time.sleep(0.1)
    assert not [c for c in children if _alive(c)]


def _ppid(pid: int):
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
