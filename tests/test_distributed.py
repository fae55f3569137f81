"""``gxcheck run --dask``: files checked on a Dask cluster's workers give the output of ``--jobs 1``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import run_cli, shared_path
from test_rulefile import GOOD

distributed = pytest.importorskip("distributed")

CORPUS = ("r000.docx", "r001.html", "r002.pdf", "r003.txt")
#: Two bodies' series: s00 has a planted carry-over mismatch (Y001), s02 a copied narrative (Y003).
SERIES = ("s00y0.docx", "s00y1.html", "s02y0.html", "s02y1.docx", "s02y2.html")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, as the README says to start them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    for name in CORPUS:
        shutil.copy(shared_path("corpus", name), folder / name)
    (folder / "series").mkdir()
    for name in SERIES:
        shutil.copy(shared_path("series", name), folder / "series" / name)
    (folder / "empty.txt").write_bytes(b"")  # unreadable: E001 from the worker, like a local run
    return folder


def _without_time(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "用时" not in line)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_cluster_run_gives_the_output_of_jobs_1(capsys, cluster, archive, fmt):
    local = run_cli(capsys, "run", "-j", "1", "-f", fmt, "--no-progress", str(archive))
    remote = run_cli(capsys, "run", "--dask", cluster, "-f", fmt, "--no-progress", str(archive))
    assert remote[2] == "" and local[0] == 1
    assert (remote[0], _without_time(remote[1])) == (local[0], _without_time(local[1]))
    if fmt == "json":
        codes = {(Path(d["path"]).name, f["code"]) for d in json.loads(remote[1])["documents"] for f in d["findings"]}
        # the cross-year rules ran on the facts the workers sent back
        assert {("s00y1.html", "Y001"), ("s02y2.html", "Y003"), ("empty.txt", "E001")} <= codes


def test_workers_use_the_clients_rule_files_disabled_plugins_and_each_files_settings(capsys, cluster, archive,
                                                                                       tmp_path, monkeypatch):
    (tmp_path / "县级.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "gxcheck.toml").write_text('rules = ["县级.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the rule file lives only here, on the client
    folder = tmp_path / "archive"
    shutil.copytree(archive, folder)
    (folder / "series" / "gxcheck.toml").write_text('ignore = ["S006"]\n', encoding="utf-8")  # for series/ only
    args = ("-p", "no:narrative", "run", "-f", "json", "--no-progress", "--deadline", "03-31", str(folder))
    code, out, err = run_cli(capsys, *args, "--dask", cluster)
    assert (code, out) == run_cli(capsys, *args, "-j", "1")[:2], err
    found = {(Path(d["path"]).parent.name, f["code"]) for d in json.loads(out)["documents"] for f in d["findings"]}
    codes = {code for _, code in found}
    assert "CY001" in codes and not any(c.startswith("N") for c in codes)
    assert ("archive", "S006") in found and ("series", "S006") not in found


def test_a_worker_with_other_code_stops_the_run(capsys, cluster, archive, monkeypatch):
    import gxcheck.distributed as on_cluster

    real = on_cluster._code_hash
    monkeypatch.setattr(on_cluster, "_code_hash", lambda engine: real(engine) + "-edited")  # here only, not on the workers
    code, out, err = run_cli(capsys, "run", "--dask", cluster, "--no-progress", str(archive))
    assert code == 2 and out == "" and "与本机不同" in err and "Traceback" not in err


def test_no_scheduler_at_the_address_is_a_usage_error(capsys, archive, monkeypatch):
    monkeypatch.setattr("gxcheck.distributed.CONNECT_SECONDS", 1.0)
    code, _, err = run_cli(capsys, "run", "--dask", "tcp://127.0.0.1:9", "--no-progress", str(archive / "r003.txt"))
    assert code == 2 and "无法连接 Dask 调度器 tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_without_the_extra_the_user_is_told_what_to_install(capsys, archive, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails as if not installed
    code, _, err = run_cli(capsys, "run", "--dask", "tcp://127.0.0.1:8786", str(archive / "r003.txt"))
    assert code == 2 and 'pip install "gxcheck[dask]"' in err and "Traceback" not in err


def test_a_scheduler_lost_during_the_run_stops_it_saying_how_far_it_got(archive):
    from gxcheck.distributed import Cluster, ClusterError
    from gxcheck.engine import Engine, expand_paths
    from gxcheck.manager import Plugins

    files = expand_paths([str(archive)]) * 3
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as local:
        results = Cluster(local.scheduler_address, Engine(Plugins())).check(files)
        first = next(results)
        assert first.path == str(files[0])
        local.close()
        with pytest.raises(ClusterError, match="连接中断.*已检查 1 份") as lost:
            list(results)
    assert "--cache" in str(lost.value)


class _CrashOn(distributed.WorkerPlugin):
    """On every worker process, also those started again: checking a file of this name kills it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def setup(self, worker):
        import os

        import gxcheck.distributed as on_cluster

        real, name = on_cluster.check_remote, self.name

        def check_remote(setup, config, keep_report, file_name, data):
            if file_name == name:
                os._exit(1)  # as a native crash or the memory limit would end it
            return real(setup, config, keep_report, file_name, data)

        on_cluster.check_remote = check_remote


def test_a_file_that_kills_its_worker_is_e001_and_the_run_goes_on(capsys, tmp_path):
    import cloudpickle
    import dask

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import the tests
    (tmp_path / "crash.txt").write_text("某镇2024年政府信息公开工作年度报告\n", encoding="utf-8")
    shutil.copy(shared_path("corpus", "r003.txt"), tmp_path / "r003.txt")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # the first death is final
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                      silence_logs=50) as local:
            with distributed.Client(local) as client:
                client.register_plugin(_CrashOn("crash.txt"))
            code, out, err = run_cli(capsys, "run", "--dask", local.scheduler_address, "-f", "json", "--no-progress",
                                     str(tmp_path))
    docs = {Path(d["path"]).name: d for d in json.loads(out)["documents"]}
    assert code == 1 and [f["code"] for f in docs["crash.txt"]["findings"]] == ["E001"]
    assert "异常退出" in docs["crash.txt"]["error"] and docs["r003.txt"].get("error") is None
