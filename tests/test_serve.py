"""``gxcheck serve``: the self-check page and its JSON API, through a real server."""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import page_server  # noqa: E402

SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_6b3625ffea8c0954.txt"
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from page_server.start("--max-mb", "1")


def test_front_page_is_chinese_and_self_contained(server: str) -> None:
    with urllib.request.urlopen(server) as response:
        page = response.read().decode("utf-8")
    assert "政府信息公开工作年度报告自查" in page and 'name="file"' in page and 'name="previous"' in page
    assert "http://" not in page and "https://" not in page


@needs_shared
def test_upload_shows_verdict_and_findings_in_words(server: str) -> None:
    status, page = page_server.post_file(server + "check", "青石镇.docx", (CORPUS / "r020.docx").read_bytes())
    assert status == 200
    assert "需要修改：3 个错误" in page and "青石镇.docx" in page
    assert "本年新收（2）加上年结转（0）共 2 件" in page
    assert "「（七）总计」行，「总计」列" in page
    assert "重新检查" in page


@needs_shared
def test_api_answers_with_the_run_json_contract(server: str) -> None:
    status, body = page_server.post_file(server + "api/check", "r010.pdf", (CORPUS / "r010.pdf").read_bytes())
    assert status == 200
    doc = json.loads(body)
    assert doc["schema_version"] == 1 and doc["documents"][0]["path"] == "r010.pdf"
    codes = {f["code"] for f in doc["documents"][0]["findings"]}
    assert {"A004", "N006"} <= codes
    assert doc["summary"]["errors"] >= 1


def test_too_large_unknown_and_empty_files_get_chinese_messages(server: str) -> None:
    status, body = page_server.post_file(server + "check", "大.txt", b"x" * (2 << 20))
    assert status == 413 and "文件太大：最多 1 MB" in body
    status, body = page_server.post_file(server + "api/check", "a.exe", b"MZ")
    assert status == 400 and "只支持" in json.loads(body)["error"]
    status, body = page_server.post_file(server + "check", "空.txt", b"")
    assert status == 400 and "空文件" in body


def test_upload_name_is_never_a_path(server: str) -> None:
    before = set(Path(tempfile.gettempdir()).glob("gxcheck-page-*"))
    status, body = page_server.post_file(server + "api/check", "../../etc/evil.txt", "二〇二四年度报告\n".encode())
    assert status == 200 and json.loads(body)["documents"][0]["path"] == "evil.txt"
    assert not (Path(tempfile.gettempdir()).parent / "etc" / "evil.txt").exists()
    # The private folder the bytes were checked in is gone.
    assert set(Path(tempfile.gettempdir()).glob("gxcheck-page-*")) == before


def test_private_folder_is_removed_with_whatever_was_left_in_it() -> None:
    from gxcheck.serve import _private_folder

    with _private_folder() as folder:
        assert folder.stat().st_mode & 0o077 == 0  # readable by this user only
        (folder / "report.docx").write_bytes(b"PK")
        (folder / "converted").mkdir()  # what a converter might leave behind
        (folder / "converted" / "report.docx").write_bytes(b"PK")
    assert not folder.exists()
    with _private_folder() as folder:
        (folder / "report.txt").write_text("x")
    assert not folder.exists()


def test_foreign_host_and_cross_origin_posts_are_refused_in_chinese(server: str) -> None:
    request = urllib.request.Request(server, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 400
    page = caught.value.read().decode("utf-8")
    assert "拒绝访问：这个页面只能通过 127.0.0.1、localhost 打开，这次请求用的是「evil.example」" in page
    assert "--allowed-host" in page and page.startswith("<!DOCTYPE html>")
    # The API answers in JSON, also when refusing; a rebinding name with the right port is refused too.
    port = server.rsplit(":", 1)[1].rstrip("/")
    status, body = page_server.post_file(server + "api/check", "a.txt", b"x", {"Host": f"rebind.example:{port}"})
    assert status == 400 and json.loads(body)["error"].startswith("拒绝访问") and "rebind.example" in body
    # localhost with a port is one of the allowed names.
    with urllib.request.urlopen(urllib.request.Request(server, headers={"Host": f"localhost:{port}"})) as ok:
        assert ok.status == 200
    status, body = page_server.post_file(server + "api/check", "a.txt", b"x", {"Origin": "http://evil.example"})
    assert status == 403 and json.loads(body)["error"] == "拒绝来自其他网页的提交。请直接在本页面选择文件"
    status, body = page_server.post_file(server + "check", "a.txt", b"x", {"Sec-Fetch-Site": "cross-site"})
    assert status == 403 and "拒绝来自其他网页的提交" in body


def test_host_names_without_their_port() -> None:
    from gxcheck.serve import host_name

    assert host_name("127.0.0.1:8765") == "127.0.0.1" and host_name("LocalHost") == "localhost"
    assert host_name("[::1]:8765") == "::1" and host_name("") == ""


@needs_shared
def test_concurrent_uploads_all_answer(server: str) -> None:
    files = sorted(CORPUS.glob("r0[0-4]*.*"))[:20]
    expected = len(files)

    def one(path: Path) -> tuple[str, str]:
        status, body = page_server.post_file(server + "api/check", path.name, path.read_bytes())
        assert status == 200, body
        return path.name, json.loads(body)["documents"][0]["path"]

    with ThreadPoolExecutor(max_workers=expected) as pool:
        answers = list(pool.map(one, files))
    assert len(answers) == expected and all(sent == got for sent, got in answers)


@needs_shared
def test_a_seed_gets_its_verdict(server: str) -> None:
    status, page = page_server.post_file(server + "check", SEED.name, SEED.read_bytes())
    assert status == 200 and ("可以提交" in page or "需要修改" in page)


SERIES = SHARED / "series"
needs_series = pytest.mark.skipif(not SERIES.is_dir(), reason="shared series not available")


@needs_series
def test_last_years_report_as_second_upload_gives_the_cross_year_findings(server: str) -> None:
    # series truth: s00y1 (2024) has a planted carry-over break against s00y0 (2023) in the 「其他」 column
    this, last = SERIES / "s00y1.html", SERIES / "s00y0.docx"
    status, body = page_server.post_files(server + "api/check", {"file": ("兴隆街道2024.html", this.read_bytes()),
                                                                "previous": ("兴隆街道2023.docx", last.read_bytes())})
    assert status == 200, body
    doc = json.loads(body)
    assert doc["schema_version"] == 1 and [d["path"] for d in doc["documents"]] == ["兴隆街道2024.html"]
    carry = [f for f in doc["documents"][0]["findings"] if f["code"] == "Y001"]
    assert {f["location"]["column"] for f in carry} == {"other", "total"}
    assert all("2023年报告（兴隆街道2023.docx）" in f["message"] for f in carry)
    assert doc["previous"] == {"path": "兴隆街道2023.docx", "comparison": "已与上一年度（2023 年度）的报告「兴隆街道2023.docx」比较"}
    # Without last year's report there is nothing to compare with.
    status, body = page_server.post_file(server + "api/check", "兴隆街道2024.html", this.read_bytes())
    assert "Y001" not in {f["code"] for f in json.loads(body)["documents"][0]["findings"]}
    assert "previous" not in json.loads(body)


@needs_series
def test_the_page_says_when_last_years_report_cannot_be_compared(server: str) -> None:
    this = (SERIES / "s00y1.html").read_bytes()
    status, page = page_server.post_files(server + "check", {"file": ("a.html", this),
                                                            "previous": ("b.docx", (SERIES / "s01y0.docx").read_bytes())})
    assert status == 200 and "不是同一机关的报告，没有做跨年度比较" in page and "Y001" not in page
    status, page = page_server.post_files(server + "check", {"file": ("a.html", this), "previous": ("b.exe", b"MZ")})
    assert status == 400 and "无法检查上一年度的报告「b.exe」" in page
    status, page = page_server.post_files(server + "check", {"file": ("报告.html", this),
                                                            "previous": ("报告.html", this)})
    assert status == 200 and "上一年度的报告.html" in page and "跨年度比较需要上一年（2023 年度）的报告" in page


@needs_shared
def test_api_is_described_as_openapi_and_answers_by_that_description(server: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    with urllib.request.urlopen(server + "api/openapi.json") as response:
        doc = json.loads(response.read().decode("utf-8"))
    post = doc["paths"]["/api/check"]["post"]
    assert doc["openapi"].startswith("3.1") and "file" in post["requestBody"]["content"]["multipart/form-data"]["schema"]["required"]
    status, body = page_server.post_file(server + "api/check", "r010.pdf", (CORPUS / "r010.pdf").read_bytes())
    answer_schema = {"$ref": "#/components/schemas/RunOut", "components": doc["components"]}
    jsonschema.validate(json.loads(body), answer_schema)
    status, body = page_server.post_file(server + "api/check", "空.txt", b"")
    jsonschema.validate(json.loads(body), {"$ref": "#/components/schemas/Error", "components": doc["components"]})
