# ruff: noqa: F811  (the fixtures app and page come from test_e2e_browser)
"""The interview form of the 起草 tab in headless Chromium: questions built from last year's report, grouped by
sub-part with last year's answer; a number question takes words too; the answers survive a reload (they live in
the project store) and 起草 places each in its own sub-part. Own browser context and project per test."""

from test_agents_interview import LAST_FIVE, LAST_ONE
from test_e2e_browser import CHROMIUM, app, open_page, page, pid_of, requires_commands, tab, wait_saved  # noqa: F401

from report.model import labels as L
from report.model.tables import Report

pytestmark = requires_commands(CHROMIUM, install="make system-deps (apt-get install chromium fonts-noto-cjk)")

NUMBER_Q, TEXT_Q = "一1.1", "一4.1"  # 主动公开: 「去年：全年发布政策解读117篇。今年？」; 平台建设: the base text question
TEXT_ANSWER = "开通“某县发布”微信公众号，全年推送信息856条"
WORDS_FOR_NUMBER_Q = "全年召开新闻发布会6场，其中线上2场"  # words typed into a number question (一1.2)


def _with_previous(page):
    """This project: 某某县人民政府 2023 with last year's report (its 一 in five sub-parts, its 五 three problems)."""
    def change(p):
        prev = Report.blank(agency="某某县人民政府", year=2022)
        prev.sections["一"], prev.sections["五"] = LAST_ONE, LAST_FIVE
        p.previous = prev
        p.report.agency, p.report.year = "某某县人民政府", 2023
        for row in L.t3_rows(p.report.template):
            p.report.table3[row] = [0] * 7

    page.services.projects.update(pid_of(page), change)
    open_page(page, page.app_url)


def _open_interview(page):
    tab(page, "起草", "#draft_btn")
    page.locator("#interview_box").get_by_text("访谈：起草前回答几个问题", exact=False).first.click()
    page.locator(f"#interview_form [data-qid='{NUMBER_Q}']").wait_for(state="visible")


def _span(text, head, next_head):
    start = text.index(head)
    end = text.index(next_head, start) if next_head in text[start:] else len(text)
    return text[start:end]


def test_interview_answers_are_saved_and_placed_in_their_sub_part(page):
    _with_previous(page)
    _open_interview(page)
    form = page.locator("#interview_form")
    legends = form.locator("legend").all_inner_texts()
    assert any("主动公开" in x for x in legends) and any("平台建设" in x for x in legends)
    assert any("上年度问题整改" in x for x in legends)  # 五: last year's problems, one question each
    block = form.locator(f".nb-q[data-q='{NUMBER_Q}']")
    assert "去年：全年发布政策解读117篇" in block.inner_text()  # last year's answer shown with the question
    page.fill(f"#interview_form [data-qid='{NUMBER_Q}']", "130")
    page.fill(f"#interview_form [data-qid='{TEXT_Q}']", TEXT_ANSWER)
    page.fill("#interview_form [data-qid='一1.2']", WORDS_FOR_NUMBER_Q)
    page.click("#interview_save")
    page.wait_for_function("document.querySelector('#interview_status').innerText.includes('已保存 3 条回答')")
    assert "请填写一个数字" not in page.inner_text("body")
    saved = wait_saved(page, lambda p: p.answers.get(TEXT_Q) == TEXT_ANSWER, "the interview answers")
    answers = {k: v for k, v in saved.answers.items() if not k.startswith("#")}  # "#id": what each answered
    assert answers == {NUMBER_Q: "130", TEXT_Q: TEXT_ANSWER, "一1.2": WORDS_FOR_NUMBER_Q}
    assert {k for k in saved.answers if k.startswith("#")} == {"#" + NUMBER_Q, "#" + TEXT_Q, "#一1.2"}
    # a reload shows the saved answers again (read back from the project store)
    open_page(page, page.app_url)
    _open_interview(page)
    assert page.input_value(f"#interview_form [data-qid='{TEXT_Q}']") == TEXT_ANSWER
    assert page.input_value(f"#interview_form [data-qid='{NUMBER_Q}']") == "130"
    # 起草 section 一: each answer in its own sub-part
    page.click("#draft_btn")
    page.wait_for_function("document.querySelector('#draft_editor textarea').value.includes('（五）')")
    text = page.input_value("#draft_editor textarea")
    proactive = _span(text, "（一）", "（二）")
    platforms = _span(text, "（四）", "（五）")
    assert "全年发布政策解读130篇" in proactive and "117" not in proactive  # last year's sentence, this year's figure
    assert WORDS_FOR_NUMBER_Q in proactive
    assert TEXT_ANSWER in platforms and TEXT_ANSWER not in proactive
    marked = page.locator("#draft_marked mark", has_text="130")
    marked.first.wait_for()
    assert marked.first.get_attribute("data-status") == "verified"  # the answer is a fact the checker binds
    assert NUMBER_Q in marked.first.get_attribute("title")
    in_words = page.locator("#draft_marked mark", has_text="856")  # a number inside a text answer: bound too
    assert in_words.first.get_attribute("data-status") == "verified" and TEXT_Q in in_words.first.get_attribute("title")
    # re-checking the text (as after an edit) binds the answers the same way
    page.click("#recheck_btn")
    page.wait_for_function("document.querySelector('#draft_marked').innerText.includes('856')")
    assert page.locator("#draft_marked mark[data-status='verified']", has_text="856").count() == 1
    assert page.locator("#draft_marked mark[data-status='unverifiable']").count() == 0


def test_a_project_without_last_year_is_asked_the_generic_questions(page):
    _open_interview_generic(page)
    notice = page.inner_text("#interview_notice")
    assert "未载入上年年报" in notice and "通用提纲" in notice
    assert page.locator("#interview_form [data-qid='一0']").count() == 1
    assert not page.locator("#interview_confirm").is_visible()


def _open_interview_generic(page):
    tab(page, "起草", "#draft_btn")
    page.locator("#interview_box").get_by_text("访谈：起草前回答几个问题", exact=False).first.click()
    page.locator("#interview_form [data-qid='一0']").wait_for(state="visible")


def test_last_year_found_under_another_name_is_used_only_after_confirmation(page):
    def change(p):  # the bundled 平潭 2021 report names the agency 平潭综合实验区党工委管委会
        p.report.agency, p.report.year = "平潭综合实验区管理委员会", 2022

    page.services.projects.update(pid_of(page), change)
    open_page(page, page.app_url)
    _open_interview_generic(page)
    notice = page.inner_text("#interview_notice")
    assert "写法不同" in notice and "平潭综合实验区党工委管委会" in notice and "请确认" in notice
    assert page.locator("#interview_form .nb-ly").count() == 0  # not used before staff confirm
    page.click("#interview_confirm")
    page.wait_for_function("document.querySelector('#interview_notice').innerText.includes('已载入的上年报告')")
    page.locator("#interview_form .nb-ly").first.wait_for(state="visible")  # questions now show last year's text
    assert not page.locator("#interview_confirm").is_visible()
    saved = wait_saved(page, lambda p: p.previous is not None, "last year's report loaded after confirmation")
    assert saved.previous.agency == "平潭综合实验区党工委管委会" and saved.previous.year == 2021
