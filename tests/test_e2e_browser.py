"""End to end in headless Chromium (Debian chromium driven by Playwright), the way a member of staff uses the app:
ask and see a cited answer; load last year's report and see 上年结转 pre-filled; type every cell of 表三 (click,
type, Tab/Enter) and read back exactly what was typed; a refused entry is refused in place; a wrong total is marked
on its cell and the finding jumps to it; draft and see highlighted numbers; export and download the .docx; a wrong or
oversized upload is refused in Chinese; gradio's own strings are Chinese in an English browser.

Each test opens its own browser context, so it gets its own project (the project id lives in the browser's storage)
and does not depend on any other test having run. Screenshots go to a temporary folder; with ``SAVE_SCREENSHOTS=1``
they go to docs/screenshots/ui_*.png (tracked in git, so only regenerate them on purpose). Every wait is on a page
or store condition with a timeout of at most 30 s — no fixed sleeps."""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, requires_commands
from report.model import CellRef
from report.model import labels as L
from ui.testing import start_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US"]
REPO_SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WAIT_MS = 30000
PREVIOUS = FIXTURES / "002_huaian_shi_2024.txt"
TRUTH = json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8"))
T3 = "#sheet-table3 input.nb-cell"

pytestmark = requires_commands(CHROMIUM, install="make system-deps (apt-get install chromium fonts-noto-cjk)")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is not installed (make system-deps)"
    shots = REPO_SHOTS if os.environ.get("SAVE_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    demo, svc, url = start_app(tmp_path_factory.mktemp("data"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser, svc, url, shots
        browser.close()
    demo.close()


@pytest.fixture
def page(app):
    """A fresh browser context (its own storage, so its own project) on the app's page, in an English browser."""
    browser, svc, url, shots = app
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    pg.outside_requests = outside
    pg.shots = shots
    pg.services = svc
    open_page(pg, url)
    pg.app_url = url
    yield pg
    context.close()


def open_page(pg, url):
    pg.goto(url, wait_until="load")
    pg.wait_for_selector("#msg textarea")
    pg.wait_for_function("document.querySelector('#pid textarea') && document.querySelector('#pid textarea').value.length > 8")


def pid_of(page):
    return page.input_value("#pid textarea")


def tab(page, name, ready):
    """Switch tab and wait until an element of that tab is visible (no fixed sleep); 起草 is ready when the editor
    has been given the project's text (the page load fills it)."""
    page.get_by_role("tab", name=name, exact=True).click()
    page.locator(ready).first.wait_for(state="visible")
    if name == "起草":
        page.wait_for_function("document.querySelector('#editor_source').innerText.includes('当前显示')")


def shot(page, name, **kw):
    page.screenshot(path=str(page.shots / name), **kw)


def wait_saved(page, check, what):
    """Poll the project store (the app saves every committed edit) until ``check(project)`` holds, at most 30 s."""
    deadline = time.time() + WAIT_MS / 1000
    while True:
        project = page.services.projects.load(pid_of(page))
        if check(project):
            return project
        if time.time() > deadline:
            raise AssertionError(f"not saved within 30 s: {what}")
        time.sleep(0.2)


def sheet_values(page, selector=T3):
    return page.eval_on_selector_all(selector, "els => els.map(e => e.value)")


def test_chat_shows_cited_answer(page):
    page.fill("#msg textarea", "依申请公开的答复期限是多少个工作日？")
    page.press("#msg textarea", "Enter")
    page.wait_for_selector("#chatbot details summary")
    bot = page.locator("#chatbot [data-testid='bot']").last
    page.locator("#chatbot details summary").last.click()
    assert "第三十三条" in bot.inner_text()
    shot(page, "ui_chat.png")
    assert page.outside_requests == []


def test_gradio_strings_are_chinese_in_an_english_browser(page):
    tab(page, "本年数据", "#prev_file")
    page.wait_for_function("document.body.innerText.includes('将文件拖放到此处')")
    body = page.inner_text("body")
    for english in ("Drop File Here", "Click to Upload", "Use via API", "Built with Gradio", "Settings"):
        assert english not in body
    assert "通过 API 使用" not in body and page.locator("footer:visible").count() == 0
    assert "OPENAI_BASE_URL" not in page.inner_text("#banner") and "离线模式" in page.inner_text("#banner")
    assert "上年年报" in page.inner_text("#guide") and "导出" in page.inner_text("#guide")
    tab(page, "关于", "#about")
    assert "OPENAI_BASE_URL" in page.inner_text("#about")  # the technical facts live here
    # the 知识库 and 历年对比 grids are filled on load, never gradio's placeholder 1 | 2 | 3
    tab(page, "知识库", "#kb_docs")
    page.wait_for_function("document.querySelector('#kb_docs').innerText.includes('条例')")
    assert "文档编号" in page.inner_text("#kb_docs")
    tab(page, "历年对比", "#trend_table")
    page.wait_for_function("document.querySelector('#trend_table').innerText.includes('件数')")
    for name, ready in (("本年数据", "#sheets"), ("知识库", "#kb_docs"), ("对话", "#msg")):
        tab(page, name, ready)
        assert _english_labels(page) == [], name  # no English tooltip or screen-reader label


def _english_labels(page):
    """Tooltips, screen-reader labels and placeholders of visible elements that have Latin words and no Chinese."""
    return page.evaluate("""() => {
        const out = [];
        document.querySelectorAll('*').forEach((e) => {
            if (e.offsetParent === null) return;
            for (const a of ['title', 'aria-label', 'placeholder']) {
                const v = e.getAttribute(a);
                if (v && /[A-Za-z]{3,}/.test(v) && !/[\u4e00-\u9fff]/.test(v)) out.push(a + ': ' + v);
            }
        });
        return out;
    }""")


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
    expected = [str(v) for v in TRUTH["table3"][L.R_CARRIED_OUT]]
    row = [CellRef("table3", L.R_CARRIED_IN, c).id for c in L.T3_COLUMNS]
    page.wait_for_function("(id) => { const e = document.querySelector(`input[data-cell=\"${id}\"]`); return e && e.value !== ''; }",
                           arg=row[-1])
    cells = [page.input_value(f"input[data-cell='{cid}']") for cid in row]
    assert cells == expected
    assert "表三还有 24 行未填" in page.inner_text("#findings_box")  # one line for the table, not one per row
    shot(page, "ui_previous.png")


def _typed_value(i, j):
    """A distinct figure per cell, 1–3 digits, with the 总计 column deliberately not the row sum in some rows."""
    return str((i * 37 + j * 11) % 250 + (1 if j == 0 else 0))


def test_typing_every_cell_of_table3_reads_back_exactly(page):
    tab(page, "本年数据", "#sheets")
    rows = L.t3_rows(L.TEMPLATE_2021)
    n_cols = len(L.T3_COLUMNS)
    assert page.locator(T3).count() == len(rows) * n_cols  # fixed shape: 25 rows × 7 columns
    # the sheets offer no way to add or delete rows or columns
    assert page.locator("#sheets [role='menu'], #sheets button").count() == 0
    typed = {}
    for i, path in enumerate(rows):
        page.locator(f"input[data-cell='{CellRef('table3', path, L.T3_COLUMNS[0]).id}']").click()
        for j, col in enumerate(L.T3_COLUMNS):
            value = _typed_value(i, j)
            typed[CellRef("table3", path, col).id] = value
            page.keyboard.type(value)
            page.keyboard.press("Tab" if j < n_cols - 1 else "Enter")
    expected = [typed[CellRef("table3", p, c).id] for p in rows for c in L.T3_COLUMNS]
    assert sheet_values(page) == expected  # on screen: exactly what was typed, in every one of the 175 cells
    saved = wait_saved(page, lambda p: [p.report.get(CellRef("table3", r, c)) for r in rows for c in L.T3_COLUMNS]
                       == [int(v) for v in expected], "the 175 typed cells")
    assert saved.auto_cells == []  # every 总计 was typed by hand, none is kept as computed
    # typing over a value replaces it (5 -> 7, never 57), whether the cell is reached by click, Tab or Enter
    first = CellRef("table3", L.R_NEW, "自然人").id
    page.locator(f"input[data-cell='{first}']").click()
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("7")
    page.keyboard.press("Enter")  # Enter goes to the cell below
    below = CellRef("table3", L.R_CARRIED_IN, "自然人").id
    assert page.evaluate("document.activeElement.dataset.cell") == below
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    assert page.input_value(f"input[data-cell='{first}']") == "7"
    assert page.input_value(f"input[data-cell='{below}']") == "3"
    wait_saved(page, lambda p: p.report.t3(L.R_NEW, "自然人") == 7 and p.report.t3(L.R_CARRIED_IN, "自然人") == 3,
               "7 typed over 5, 3 typed over the old value")
    # after a reload the page shows what was saved
    open_page(page, page.app_url)
    tab(page, "本年数据", "#sheets")
    expected[0], expected[n_cols] = "7", "3"
    page.wait_for_function("(v) => document.querySelector(\"#sheet-table3 input.nb-cell\").value === v", arg="7")
    assert sheet_values(page) == expected


def test_non_number_is_refused_in_place_and_totals_are_computed(page):
    tab(page, "本年数据", "#sheets")
    cell = f"input[data-cell='{CellRef('table3', L.R_NEW, '自然人').id}']"
    page.locator(cell).click()
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.locator(cell).click()
    page.keyboard.type("十二")
    refusal = page.locator(".nb-refusal")
    refusal.wait_for(state="visible")
    assert "“十二”不是阿拉伯数字" in refusal.inner_text() and "已恢复原值 4" in refusal.inner_text()
    assert page.input_value(cell) == "4"  # the refused text does not stay on screen
    shot(page, "ui_refused.png", clip=page.locator("#sheet-table3").bounding_box())
    # fill the other five applicant columns: the row's 总计 is computed and shown (grey), and saved
    page.keyboard.press("Tab")
    for v in ("1", "0", "0", "0", "2"):
        page.keyboard.type(v)
        page.keyboard.press("Tab")
    total = f"input[data-cell='{CellRef('table3', L.R_NEW, '总计').id}']"
    assert page.input_value(total) == "7"
    assert "nb-auto" in page.get_attribute(total, "class")
    wait_saved(page, lambda p: p.report.t3(L.R_NEW) == 7 and CellRef("table3", L.R_NEW, "总计").id in p.auto_cells,
               "the computed 总计")
    # the user may override it: typed 9 stays, and the mismatch becomes a finding marked on the cell
    page.keyboard.type("9")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"{total}.nb-bad")
    assert page.input_value(total) == "9"
    assert "总计多 2" in page.inner_text("#findings_box")  # 9 against 7: the difference in words, not 「相差 2」


def test_wrong_total_is_marked_on_its_cell_and_the_finding_jumps_to_it(page):
    tab(page, "本年数据", "#sheets")
    row = [CellRef("table3", L.R_NEW, c).id for c in L.T3_COLUMNS]
    page.locator(f"input[data-cell='{row[0]}']").click()
    for value in ["10", "0", "0", "0", "0", "0", "99"]:  # 10 ≠ 99
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.wait_for_selector(f"input[data-cell='{row[-1]}'].nb-bad")
    text = page.inner_text("#findings_box")
    assert "错误" in text and "表三 一、本年新收政府信息公开申请数量 · 总计" in text  # the place in words
    assert "sections." not in text and "表三/" not in text
    item = page.locator("#findings_box li[data-jump-cell]").first
    target = item.get_attribute("data-jump-cell")
    assert target in row
    page.locator(f"input[data-cell='{row[2]}']").click()
    item.click()
    assert page.evaluate("document.activeElement.dataset.cell") == target
    page.locator("#findings_box").scroll_into_view_if_needed()
    shot(page, "ui_finding.png")
    assert wait_saved(page, lambda p: p.report.t3(L.R_NEW) == 99, "99 typed as 总计").report.t3(L.R_NEW, "自然人") == 10


def _set_t3_row(page, values):
    def change(p):
        for col, v in zip(L.T3_COLUMNS, values):
            p.report.set(CellRef("table3", L.R_NEW, col), v)

    page.services.projects.update(pid_of(page), change)
    open_page(page, page.app_url)


def test_draft_highlights_numbers(page):
    _set_t3_row(page, [10, 0, 0, 0, 0, 0, 99])
    tab(page, "起草", "#draft_btn")
    page.click("#draft_btn")
    page.wait_for_function("document.querySelector('#draft_editor textarea').value.length > 50")
    # staff edit the draft: one figure that matches 表三 and one that contradicts it
    page.fill("#draft_editor textarea", "本年共新收政府信息公开申请99件，其中自然人申请12件。")
    page.click("#recheck_btn")
    page.wait_for_selector("#draft_marked mark[data-status='contradicts']")
    ok = page.locator("#draft_marked mark[data-status='verified']").first
    assert ok.inner_text() == "99件"
    assert "表三/一、本年新收政府信息公开申请数量/总计" in ok.get_attribute("title")  # provenance on hover
    bad = page.locator("#draft_marked mark[data-status='contradicts']").first
    assert bad.inner_text() == "12件" and "应为 10" in bad.get_attribute("title")
    shot(page, "ui_draft.png")


def test_export_docx_downloads(page, tmp_path):
    _set_t3_row(page, [10, 0, 0, 0, 0, 0, 99])
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

    assert len(docx.Document(str(target)).tables) == 3
    status = page.inner_text("#export_status")
    assert "草稿" in status  # the wrong total is still there
    assert "表三还有 24 行未填" in status and "一行空白" not in status  # blanks: one line per table, not 24
    assert "总计填写为 99" in status
    assert "本机关政府信息公开工作年度报告（草稿）.docx" in status  # no year yet: no 「本机关年」
    shot(page, "ui_export.png")


def _pick(page, box, option):
    """Choose a part and wait until the editor holds its text (the source line names the part)."""
    page.click(f"{box} input")
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function("(v) => document.querySelector('#editor_source').innerText.includes(v)", arg=option)


def _editor_is(page, text):
    page.wait_for_function("(v) => document.querySelector('#draft_editor textarea').value === v", arg=text)


def test_the_whole_report_is_editable_kept_and_restorable(page):
    tab(page, "起草", "#draft_btn")
    _pick(page, "#part_pick", "开头段落（统计期限说明）")
    page.wait_for_function("document.querySelector('#draft_editor textarea').value.includes('本报告所列数据的统计期限自')")
    assert "建议文本" in page.inner_text("#editor_source")
    page.click("#accept_btn")
    page.wait_for_function("document.querySelector('#accept_status').innerText.includes('已采纳')")
    _pick(page, "#part_pick", "一、总体情况")
    for version in ("第一版：本年度依法做好政府信息公开工作。", "第二版：本年度认真贯彻《条例》。"):
        page.fill("#draft_editor textarea", version)
        page.click("#accept_btn")
        page.wait_for_function("(v) => document.querySelector('#accept_status').innerText.includes('已采纳') &&"
                               " document.querySelector('#history_pick input') !== null", arg=version)
        wait_saved(page, lambda p, v=version: p.report.sections["一"] == v, version)
    _pick(page, "#part_pick", "落款（机关名称、日期）")
    page.fill("#draft_editor textarea", "某某县人民政府办公室\n2025年1月20日")
    page.click("#accept_btn")
    saved = wait_saved(page, lambda p: p.report.closing == "某某县人民政府办公室\n2025年1月20日", "the 落款")
    assert saved.report.signature == {"signed_by": "某某县人民政府办公室", "date": "2025年1月20日"}
    assert "本报告所列数据的统计期限自" in saved.report.preamble
    assert [h["part"] for h in saved.history] == ["开头", "一", "一", "落款"]
    # after a reload the accepted text reopens in the editor
    open_page(page, page.app_url)
    tab(page, "起草", "#draft_btn")
    _editor_is(page, "第二版：本年度认真贯彻《条例》。")
    assert "已采纳的文本" in page.inner_text("#editor_source")
    # an earlier version comes back, and restoring it is kept as a new version
    page.click("#history_pick input")
    page.get_by_role("option").filter(has_text="第一版").first.click()
    page.click("#restore_btn")
    _editor_is(page, "第一版：本年度依法做好政府信息公开工作。")
    restored = wait_saved(page, lambda p: p.report.sections["一"].startswith("第一版"), "the restored version")
    assert len(restored.history) == 5 and restored.history[-1]["source"].startswith("恢复")
    shot(page, "ui_edit.png")


def test_a_finding_about_a_sentence_opens_it_in_the_editor(page):
    text = "本年度依法推进政务公开。\n2024年，本机关共办理申请。"  # a paragraph copied from last year

    def change(p):
        p.report.year = 2025
        p.report.sections["一"] = text
    page.services.projects.update(pid_of(page), change)
    open_page(page, page.app_url)
    tab(page, "导出", "#review_btn")
    page.click("#review_btn")
    item = page.locator("#export_status li[data-rule='stale_year']").first
    item.wait_for()
    assert "一、总体情况 第2段" in item.inner_text()  # the place in words, not sections.一[13:18]
    start, end = int(item.get_attribute("data-jump-start")), int(item.get_attribute("data-jump-end"))
    item.click()
    _editor_is(page, text)
    page.wait_for_function("(s) => document.querySelector('#draft_editor textarea').selectionStart === s", arg=start)
    selected = page.evaluate("(() => { const t = document.querySelector('#draft_editor textarea');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == text[start:end] and "2024" in selected
