"""The result cache: a re-run reads results back; edited code or config, and only that, makes it miss."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import shutil
import sys
import textwrap

import pytest
from conftest import run_cli, shared_path

from gxcheck.cache import ResultCache, cached_results, content_hash, setup_hash
from gxcheck.engine import Engine
from gxcheck.ftypes import Config, DocumentResult
from gxcheck.manager import Plugins


def _documents(out: str) -> list[dict]:
    docs = json.loads(out)["documents"]
    for doc in docs:
        doc.pop("seconds", None)
    return docs


def test_rerun_reads_results_from_the_cache(capsys, tmp_path, monkeypatch):
    seeds = shared_path("seeds")
    db = str(tmp_path / "c.sqlite")
    code1, out1, _ = run_cli(capsys, "run", "-j", "1", "-f", "json", "--cache-file", db, str(seeds))

    def refuse(self, path, keep_report=True):
        raise AssertionError(f"{path} was checked again instead of read from the cache")

    monkeypatch.setattr(Engine, "check_file", refuse)
    code2, out2, _ = run_cli(capsys, "run", "-j", "1", "-f", "json", "--cache-file", db, str(seeds))
    assert (code2, _documents(out2)) == (code1, _documents(out1))
    assert any(doc["findings"] for doc in _documents(out2))


def test_a_moved_file_still_hits_and_keeps_its_new_path(capsys, tmp_path):
    seed = shared_path("seeds", "002_06c4d2819f1ca5c3.txt")
    db = str(tmp_path / "c.sqlite")
    run_cli(capsys, "run", "-f", "json", "--cache-file", db, str(seed))
    moved = tmp_path / "elsewhere.txt"
    shutil.copy(seed, moved)
    with ResultCache(tmp_path / "c.sqlite", setup_hash(Plugins(), Config())) as cache:
        assert cache.has(content_hash(moved))
    _, out, _ = run_cli(capsys, "run", "-f", "json", "--cache-file", db, str(moved))
    assert _documents(out)[0]["path"] == str(moved)


def test_a_toml_rule_file_is_part_of_the_key(capsys, tmp_path, monkeypatch):
    from test_rulefile import GOOD

    (tmp_path / "县级.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "gxcheck.toml").write_text('rules = ["县级.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    seed = str(shared_path("seeds", "002_06c4d2819f1ca5c3.txt"))
    first = run_cli(capsys, "run", "-f", "json", "--cache-file", "c.sqlite", seed)
    assert first[2] == "" and run_cli(capsys, "run", "-f", "json", "--cache-file", "c.sqlite", seed) == first
    with ResultCache(tmp_path / "c.sqlite", "") as cache:
        assert cache.info().entries == 1
    (tmp_path / "县级.toml").write_text(GOOD.replace("信息处理费", "信息处理费用"), encoding="utf-8")
    run_cli(capsys, "run", "-f", "json", "--cache-file", "c.sqlite", seed)
    with ResultCache(tmp_path / "c.sqlite", "") as cache:
        assert cache.info().entries == 2


def test_config_and_rule_selection_are_part_of_the_key():
    plugins = Plugins()
    base = setup_hash(plugins, Config())
    assert setup_hash(plugins, Config()) == base
    assert setup_hash(plugins, Config(select=("D",))) != base
    assert setup_hash(plugins, Config(deadline=(3, 31))) != base
    assert setup_hash(Plugins(disabled=["narrative"]), Config()) != base


def _plugin_module(tmp_path, body: str):
    (tmp_path / "gxcheck_cachetest_plugin.py").write_text(textwrap.dedent(body), encoding="utf-8")
    sys.modules.pop("gxcheck_cachetest_plugin", None)
    return importlib.import_module("gxcheck_cachetest_plugin")


def test_an_edited_plugin_invalidates_the_cache(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    source = """
        import gxcheck

        @gxcheck.hookimpl
        def gxcheck_rules():
            return []
        # {}
    """
    module = _plugin_module(tmp_path, source.format("first"))
    before = setup_hash(Plugins(extra=[("cachetest", module)]), Config())
    module = _plugin_module(tmp_path, source.format("second"))  # same version, new code
    after = setup_hash(Plugins(extra=[("cachetest", module)]), Config())
    assert before != after

    report = shared_path("seeds", "000_6b3625ffea8c0954.txt")
    checked: list[str] = []

    def check(files):
        checked.extend(str(f) for f in files)
        return [DocumentResult(path=str(f)) for f in files]

    with ResultCache(tmp_path / "c.sqlite", before) as cache:
        list(cached_results(cache, [report], check))
        list(cached_results(cache, [report], check))
    assert len(checked) == 1, "the second run under the same code is a hit"
    with ResultCache(tmp_path / "c.sqlite", after) as cache:
        list(cached_results(cache, [report], check))
    assert len(checked) == 2, "edited plugin code is a miss"


def test_unreadable_files_are_not_kept(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "c.sqlite"
    code, _, _ = run_cli(capsys, "run", "--cache-file", str(db), str(empty))
    assert code == 1
    with ResultCache(db) as cache:
        assert cache.info().entries == 0


def _writer(path: str, worker: int) -> None:
    with ResultCache(path, "setup", batch=7) as cache:
        for i in range(150):
            cache.put(f"{worker}-{i}", DocumentResult(path=f"{worker}/{i}.txt"))


def test_concurrent_runs_share_one_cache(tmp_path):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    db = str(tmp_path / "c.sqlite")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(db, w)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with ResultCache(db, "setup") as cache:
        assert cache.info().entries == 450
        assert cache.get("2-149") == DocumentResult(path="2/149.txt")


def test_cache_info_and_clear_commands(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    run_cli(capsys, "run", "--cache-file", db, str(shared_path("seeds")))
    code, out, _ = run_cli(capsys, "cache", "info", "--cache-file", db)
    assert code == 0 and "条目：5（与当前代码和设置相符的 5 条）" in out
    code, out, _ = run_cli(capsys, "cache", "clear", "--cache-file", db)
    assert code == 0 and "删除 5 条" in out
    _, out, _ = run_cli(capsys, "cache", "info", "--cache-file", db)
    assert "条目：0" in out


def test_an_unusable_cache_path_is_a_usage_error(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run_cli(capsys, "run", "--cache-file", str(blocker / "c.sqlite"),
                           str(shared_path("seeds", "000_6b3625ffea8c0954.txt")))
    assert code == 2 and "无法打开结果缓存" in err and "Traceback" not in err


def test_plain_cache_flag_uses_the_user_cache_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    run_cli(capsys, "run", "--cache", str(shared_path("seeds", "000_6b3625ffea8c0954.txt")))
    assert (tmp_path / "gxcheck" / "results.sqlite").is_file()


def test_html_from_the_cache_still_shows_the_report_as_read(tmp_path, capsys):
    from conftest import ROOT, run_cli

    db = tmp_path / "cache.sqlite"
    report = str(ROOT / "examples" / "reports" / "马店镇2024年报告.txt")
    run_cli(capsys, "run", "--cache-file", str(db), "-f", "json", report)  # an entry without the report
    pages = []
    for _ in range(2):  # the first html run stores its own entry, the second reads it back
        _, out, _ = run_cli(capsys, "run", "--cache-file", str(db), "-f", "html", report, str(ROOT / "examples"))
        assert 'class="report-view"' in out and "D001" in out
        pages.append(out)
    assert pages[0] == pages[1], "a report read back from the cache is shown exactly as when it was read"
