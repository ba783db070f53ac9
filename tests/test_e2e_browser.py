"""End to end in headless Chromium (Debian chromium driven by Playwright): ask and see a cited answer, load last
year's report and see 上年结转 pre-filled, type a wrong total and see the finding, draft and see highlighted numbers,
export and download the .docx; a wrong or oversized upload is refused in Chinese in the browser.

Screenshots go to a temporary folder; with ``SAVE_SCREENSHOTS=1`` they go to docs/screenshots/ui_*.png (tracked in
git, so only regenerate them on purpose). Every wait is on a page condition with a timeout of at most 30 s — no
fixed sleeps — so a loaded 2-core machine is slower but not flaky."""

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, requires_commands
from report.model import labels as L
from ui.testing import start_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO_SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WAIT_MS = 30000
PREVIOUS = FIXTURES / "002_huaian_shi_2024.txt"
TRUTH = json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8"))

pytestmark = requires_commands(CHROMIUM, install="make system-deps (apt-get install chromium fonts-noto-cjk)")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    shots = REPO_SHOTS if os.environ.get("SAVE_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    demo, svc, url = start_app(tmp_path_factory.mktemp("data"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        pg.set_default_timeout(WAIT_MS)
        outside = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        pg.goto(url, wait_until="load")
        pg.wait_for_selector("#msg textarea")
        pg.wait_for_function("document.querySelector('#pid textarea') && document.querySelector('#pid textarea').value.length > 8")
        pg.outside_requests = outside
        pg.shots = shots
        pg.services = svc
        yield pg
        browser.close()
    demo.close()


def tab(page, name, ready):
    """Switch tab and wait until an element of that tab is visible (no fixed sleep)."""
    page.get_by_role("tab", name=name).click()
    page.locator(ready).first.wait_for(state="visible")


def shot(page, name):
    page.screenshot(path=str(page.shots / name))


def test_chat_shows_cited_answer(page):
    page.fill("#msg textarea", "依申请公开的答复期限是多少个工作日？")
    page.press("#msg textarea", "Enter")
    page.wait_for_selector("#chatbot details summary")
    bot = page.locator("#chatbot [data-testid='bot']").last
    page.locator("#chatbot details summary").last.click()
    assert "第三十三条" in bot.inner_text()
    shot(page, "ui_chat.png")
    assert page.outside_requests == []


def test_wrong_or_oversized_upload_is_refused_in_chinese(page, tmp_path):
    tab(page, "本年数据", "#prev_file")
    picker = "#prev_file input[type=file]"
    assert ".docx" in page.get_attribute(picker, "accept")  # the file dialog offers report formats only
    exe = tmp_path / "上年年报.exe"
    exe.write_bytes(b"MZ" * 10)
    page.set_input_files(picker, str(exe))
    toast = page.locator("#nb-upload-toast")
    toast.wait_for(state="visible")
    assert "不支持的文件类型“.exe”" in toast.inner_text()
    page.evaluate("""() => {  // dragging a file onto the box is checked too
        const dt = new DataTransfer();
        dt.items.add(new File(["Rar!"], "年报.rar"));
        const target = document.querySelector('#prev_file');
        target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""")
    page.wait_for_function("document.querySelector('#nb-upload-toast').innerText.includes('“.rar”')")
    big = tmp_path / "很大的年报.txt"
    big.write_bytes(b"a" * (6 * 1024 * 1024))  # MAX_UPLOAD_MB=5 in the test app
    page.set_input_files(picker, str(big))
    page.wait_for_function("document.querySelector('#nb-upload-toast').innerText.includes('超过上限 5 MB')")
    assert "maximum" not in page.inner_text("body")  # gradio's English message never shows
    assert "尚未载入上年年报" in page.inner_text("#prev_summary")  # nothing was uploaded


def test_previous_report_prefills_carry_over(page):
    tab(page, "本年数据", "#prev_file")
    page.set_input_files("#prev_file input[type=file]", str(PREVIOUS))
    page.wait_for_function("document.querySelector('#prev_summary').innerText.includes('已载入上年年报')")
    assert not page.locator("#nb-upload-toast").is_visible()  # an accepted upload clears the earlier refusal
    expected = TRUTH["table3"][L.R_CARRIED_OUT]
    page.wait_for_function("(v) => document.querySelector(\"#t3 [data-testid='cell-1-7']\").innerText.trim().split('\\n')[0] === v",
                           arg=str(expected[-1]))
    cells = [page.inner_text(f"#t3 [data-testid='cell-1-{c}']").strip().split("\n")[0] for c in range(1, 8)]
    assert [int(x) for x in cells] == expected
    shot(page, "ui_previous.png")


def _edit_cell(page, row, col, value):
    cell = page.locator(f"#t3 [data-testid='cell-{row}-{col}']")
    cell.dblclick()
    box = cell.locator("input, textarea").first
    box.wait_for()
    box.fill(value)
    box.press("Enter")
    page.wait_for_function("([sel, v]) => document.querySelector(sel).innerText.trim().split('\\n')[0] === v",
                           arg=[f"#t3 [data-testid='cell-{row}-{col}']", value])


def test_wrong_total_shows_finding(page):
    for col, value in enumerate(["10", "0", "0", "0", "0", "0", "99"], start=1):  # 10 ≠ 99
        _edit_cell(page, 0, col, value)
    page.click("#check_btn")
    page.wait_for_selector("#mirror_box td.nb-bad")
    assert "错误" in page.inner_text("#findings_box")
    bad = page.locator("#mirror_box td.nb-bad").first.get_attribute("title")
    assert bad.startswith("表三/")
    page.locator("#findings_box").scroll_into_view_if_needed()
    shot(page, "ui_finding.png")
    assert page.services.projects.load(page.input_value("#pid textarea")).report.t3(L.R_NEW) == 99


def test_draft_highlights_numbers(page):
    tab(page, "起草", "#draft_btn")
    page.click("#draft_btn")
    page.wait_for_function("document.querySelector('#draft_editor textarea').value.includes('总体情况')"
                           " || document.querySelector('#draft_editor textarea').value.length > 50")
    # staff edit the draft: one figure that matches 表三 (99 typed above) and one that contradicts it
    page.fill("#draft_editor textarea", "本年共新收政府信息公开申请99件，其中自然人申请12件。")
    page.click("#recheck_btn")
    page.wait_for_selector("#draft_marked mark[data-status='contradicts']")
    ok = page.locator("#draft_marked mark[data-status='verified']").first
    assert ok.inner_text() == "99件" or ok.inner_text().startswith("99")
    assert "表三/一、本年新收政府信息公开申请数量/总计" in ok.get_attribute("title")  # provenance on hover
    bad = page.locator("#draft_marked mark[data-status='contradicts']").first
    assert "12" in bad.inner_text() and "10" in bad.get_attribute("title")
    shot(page, "ui_draft.png")


def test_export_docx_downloads(page, tmp_path):
    tab(page, "导出", "#export_docx_btn")
    page.click("#export_docx_btn")
    link = page.locator("#export_file a").first
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    target = tmp_path / dl.value.suggested_filename
    dl.value.save_as(target)
    assert target.suffix == ".docx" and target.stat().st_size > 5000
    import docx

    assert docx.Document(str(target)).tables
    assert "草稿" in page.inner_text("#export_status")  # the wrong total is still there
    shot(page, "ui_export.png")
