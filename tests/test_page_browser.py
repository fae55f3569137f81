"""The self-check page in a real browser: Debian's Chromium, headless, driven by Selenium.

Uploads reports through the page's own form and reads what a person sees.  Screenshots are
saved in the folder named by ``GXCHECK_SCREENSHOTS`` if set, else under the test's temporary
folder (``page-screenshots``), for a person to look at.
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("starlette")
webdriver = pytest.importorskip("selenium.webdriver")

import page_server  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHARED = Path("/work/shared")
SEED = SHARED / "seeds" / "000_6b3625ffea8c0954.txt"
CORPUS = SHARED / "corpus"

pytestmark = [
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="apt chromium/chromium-driver missing"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from page_server.start()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1600",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    named = os.environ.get("GXCHECK_SCREENSHOTS")
    if named:
        Path(named).mkdir(parents=True, exist_ok=True)
        return Path(named)
    return tmp_path_factory.mktemp("page-screenshots")


def full_page_shot(driver: webdriver.Chrome, path: Path, width: int = 1200) -> None:
    """A screenshot of the whole page, not only the window."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(width, min(height + 150, 8000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1200, 1600)


def upload(driver: webdriver.Chrome, server: str, source: Path, tmp: Path, previous: Path | None = None) -> str:
    """Choose the file (and last year's) in the page's form, press 检查, return the visible text of the result."""
    driver.get(server)
    for field, chosen in (("file", source), ("previous", previous)):
        if chosen is not None:
            copy = tmp / chosen.name
            if copy != chosen:
                shutil.copyfile(chosen, copy)
            driver.find_element(By.ID, field).send_keys(str(copy))
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    driver.find_element(By.CSS_SELECTOR, "section.document")  # waits (implicitly) for the result
    return str(driver.find_element(By.TAG_NAME, "body").text)


def test_seed_report_uploaded_through_the_page(browser: webdriver.Chrome, server: str, shots: Path,
                                               tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    text = upload(browser, server, SEED, tmp_path)
    assert "政府信息公开工作年度报告自查" in text
    assert SEED.name in text
    assert "可以提交" in text or "需要修改" in text
    assert browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").text == "重新检查"
    browser.save_screenshot(str(shots / "seed.png"))
    assert (shots / "seed.png").stat().st_size > 0


def test_arithmetic_finding_read_in_chinese(browser: webdriver.Chrome, server: str, shots: Path, tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    text = upload(browser, server, CORPUS / "r020.docx", tmp_path)
    verdict = browser.find_element(By.CSS_SELECTOR, ".verdict").text
    assert verdict == "需要修改：3 个错误，0 个警告"
    assert "本年新收（2）加上年结转（0）共 2 件，但办理结果总计（2）加结转下年度（1）共 3 件" in text
    assert "表三（申请情况），「（七）总计」行，「总计」列" in text
    browser.save_screenshot(str(shots / "r020-desktop.png"))
    browser.set_window_size(390, 1600)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than a phone's screen
    browser.save_screenshot(str(shots / "r020-phone.png"))
    browser.set_window_size(1200, 1600)


def test_size_message_for_a_large_file(browser: webdriver.Chrome, server: str, tmp_path: Path) -> None:
    big = tmp_path / "大文件.txt"
    big.write_bytes(b"0" * (25 << 20))
    browser.implicitly_wait(60)
    browser.get(server)
    browser.find_element(By.ID, "file").send_keys(str(big))
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert "文件太大：最多 20 MB" in browser.find_element(By.CSS_SELECTOR, ".message").text


def test_narrative_finding_quotes_its_paragraph(browser: webdriver.Chrome, server: str, shots: Path,
                                                tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    report = Path(__file__).resolve().parent.parent / "examples" / "reports" / "宁远县卫健委2025年报告.html"
    text = upload(browser, server, report, tmp_path)
    assert "需要修改：1 个错误" in text
    assert "以「2025年共收到政府信息公开申请8件，均已按时答复。」开头的段落" in text
    browser.save_screenshot(str(shots / "ningyuan-n002.png"))


def test_last_years_report_uploaded_beside_this_years(browser: webdriver.Chrome, server: str, shots: Path,
                                                      tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    series = SHARED / "series"
    text = upload(browser, server, series / "s00y1.html", tmp_path, previous=series / "s00y0.docx")
    assert "已与上一年度（2023 年度）的报告「s00y0.docx」比较" in text
    assert "表三「其他」列：本年「上年结转」为 2，但2023年报告（s00y0.docx）的「结转下年度继续办理」为 1" in text
    browser.save_screenshot(str(shots / "series-previous.png"))


def test_a_broken_sum_is_highlighted_in_the_table_and_a_click_goes_there(browser: webdriver.Chrome, server: str,
                                                                       shots: Path, tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    # corpus truth: r022.pdf has an A001 defect (the 科研机构 column does not balance)
    upload(browser, server, CORPUS / "r022.pdf", tmp_path)
    finding = next(li for li in browser.find_elements(By.CSS_SELECTOR, "li[data-targets]")
                   if "[A001]" in li.text and "科研机构" in li.text)
    number = finding.find_element(By.CSS_SELECTOR, ".num").text
    cells = [browser.find_element(By.ID, cell_id) for cell_id in finding.get_attribute("data-targets").split()]
    assert len(cells) == 4  # both sides: 新收 + 结转 = 总计 + 结转下年度
    for cell in cells:
        assert "hit" in cell.get_attribute("class")
        assert number in [m.text for m in cell.find_elements(By.CSS_SELECTOR, "a.mark")]
        assert cell.value_of_css_property("outline-style") in ("solid", "dashed")
    browser.execute_script("window.scrollTo(0, 0)")
    finding.find_element(By.CSS_SELECTOR, "a.goto").click()
    assert all("flash" in cell.get_attribute("class") for cell in cells)
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", cells[0])
    assert 0 <= top <= browser.execute_script("return window.innerHeight")  # scrolled into view
    browser.save_screenshot(str(shots / "r022-a001-clicked.png"))
    full_page_shot(browser, shots / "r022-full.png")


def test_the_quoted_sentence_is_marked_in_the_text(browser: webdriver.Chrome, server: str, shots: Path,
                                                   tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    report = Path(__file__).resolve().parent.parent / "examples" / "reports" / "宁远县卫健委2025年报告.html"
    upload(browser, server, report, tmp_path)
    finding = next(li for li in browser.find_elements(By.CSS_SELECTOR, "li[data-targets]") if "[N002]" in li.text)
    finding.click()  # the whole finding is clickable
    [target] = finding.get_attribute("data-targets").split()
    mark = browser.find_element(By.ID, target)
    assert mark.tag_name == "mark" and mark.text.startswith("2025年共收到政府信息公开申请8件")
    assert "flash" in mark.get_attribute("class") and mark.is_displayed()
    browser.save_screenshot(str(shots / "ningyuan-n002-clicked.png"))


def test_image_only_pdf_gets_e002_in_words(browser: webdriver.Chrome, server: str, shots: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    scan = tmp_path / "扫描件.pdf"
    picture = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(picture).rectangle((50, 50, 550, 300), outline=0, width=3)
    picture.save(scan)  # a PDF whose only page is a picture: no text layer
    browser.implicitly_wait(120)
    text = upload(browser, server, scan, tmp_path)
    assert browser.find_element(By.CSS_SELECTOR, ".verdict").text == "无法读取这个文件，没有检查：请按下面的提示处理后重新检查"
    assert "PDF 没有文字层，可能是扫描件" in text and "[E002]" in text
    assert "请提供带文字层的 PDF 或原始 Word 文档" in text
    browser.save_screenshot(str(shots / "scan-e002.png"))


def test_print_view_is_a_clean_result_sheet(browser: webdriver.Chrome, server: str, shots: Path, tmp_path: Path) -> None:
    browser.implicitly_wait(60)
    upload(browser, server, CORPUS / "r020.docx", tmp_path)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.TAG_NAME, "form").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".prose").is_displayed()
        sheet = browser.find_element(By.TAG_NAME, "body").text
        assert "r020.docx" in sheet and "需要修改：3 个错误，0 个警告" in sheet
        assert "检查时间：" in sheet and "gxcheck 0." in sheet  # the date and the version
        assert "在报告中查看" not in sheet
        full_page_shot(browser, shots / "r020-print.png", width=794)  # A4 at 96 dpi
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})
        (shots / "r020-print.pdf").write_bytes(base64.b64decode(pdf["data"]))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert (shots / "r020-print.pdf").read_bytes().startswith(b"%PDF")


def test_the_empty_page_at_phone_width(browser: webdriver.Chrome, server: str, shots: Path) -> None:
    browser.implicitly_wait(10)
    browser.set_window_size(390, 844)
    try:
        browser.get(server)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        assert browser.find_element(By.ID, "file").is_displayed() and browser.find_element(By.ID, "previous").is_displayed()
        assert "政府信息公开工作年度报告自查" in browser.find_element(By.TAG_NAME, "h1").text
        browser.save_screenshot(str(shots / "empty-phone.png"))
    finally:
        browser.set_window_size(1200, 1600)
