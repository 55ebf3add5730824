"""The web UI end to end: the real app (a subprocess on loopback, real index, real embedding model) driven by
real headless Chromium through Playwright. A screenshot of the main screen goes to tests/artifacts/."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from tests.apprunner import BOT, ask, serve

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def app(settings, index, tmp_path_factory):
    """The real web app over the session's index, as `convention-assistant ui` runs it."""
    with serve(settings, tmp_path_factory.mktemp("ui"), CA_LLM_MAX_TOKENS="60") as running:
        yield running
    assert "Traceback" not in running["log"].read_text(), running["log"].read_text()[-3000:]


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(app["url"])
    pg.wait_for_selector("#ca-question textarea")
    yield pg
    context.close()


def test_ask_cite_open_follow_up_abstain_rate_export(page, app):
    # the examples render after the question box: wait for them (a bare is_visible() raced the page in CI)
    page.get_by_text("Example questions").wait_for(state="visible")
    page.get_by_text("How long can preserved data be kept", exact=False).first.wait_for(state="visible")

    first = ask(page, "What does Article 16 of the Budapest Convention require?", 1)
    states = page.evaluate("window.__states")
    assert any("Searching the corpus" in s for s in states), states  # progress shown before the answer
    assert "[1]" in first and "Art. 16" in first
    sources = page.inner_text("#ca-sources")
    assert "Supported by the corpus" in sources and "[1] Budapest Convention, Art. 16" in sources
    marked = page.locator("#ca-sources mark").first.inner_text()
    # the quoted span is highlighted inside its passage: the answer's first quote (its drafting frame left out,
    # "…") is made of pieces of it
    shown = first.split("“", 1)[1].split("”", 1)[0]
    pieces = [p.strip() for p in shown.split("…") if p.strip()]
    assert marked and pieces and all(p in marked for p in pieces), (shown, marked)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"))

    page.click("#ca-open")  # open the whole cited article
    page.wait_for_selector("#ca-reader [data-key='art:16']")
    reader = page.inner_text("#ca-reader")
    assert "Article 16 – Expedited preservation of stored computer data" in reader and "ninety days" in reader
    assert page.locator("#ca-reader mark").count() == 1

    page.get_by_role("tab", name="Ask").click()
    follow = ask(page, "And how long can that last?", 2)
    assert "ninety days" in follow and "[1]" in follow

    out = ask(page, "What penalties does Brazilian law set for phishing?", 3)
    assert "[1]" not in out and "Brazilian" in out
    assert "does not cover" in page.inner_text("#ca-sources")

    page.locator(BOT).nth(1).hover()
    page.locator("#ca-chat button[aria-label='Like']").nth(1).click()
    page.wait_for_function("() => document.querySelector('#ca-status').innerText.includes('feedback saved')")
    saved = [json.loads(line) for line in app["feedback"].read_text().splitlines()]
    assert saved[-1]["helpful"] is True and "ninety days" in saved[-1]["answer"] and saved[-1]["citations"]

    with page.expect_download() as dl:
        page.click("#ca-export")
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert text.count("## Q") == 3 and "**Sources**" in text and "Art. 16" in text


def _navigate(page, *choices: tuple[str, str]) -> None:
    """Pick a value in each dropdown of the Documents tab, in order."""
    for field, value in choices:
        page.click(f"{field} input")
        page.fill(f"{field} input", value)
        page.keyboard.press("Enter")
        page.wait_for_timeout(700)


def test_document_browser_navigates_chapter_and_article(page):
    page.get_by_role("tab", name="Documents").click()
    _navigate(page, ("#ca-doc", "Budapest Convention"), ("#ca-chapter", "Chapter III"), ("#ca-article", "Article 29"))
    reader = page.inner_text("#ca-reader")
    assert "Article 29 – Expedited preservation of stored computer data" in reader
    assert "Chapter III" in reader and "sixty days" in reader


def test_un_convention_answers_and_outline(page):
    text = ask(page, "How long can a preservation order last under the UN convention?", 1)
    assert "up to a maximum of 90 days" in text and "Budapest" not in text  # the named treaty only
    sources = page.inner_text("#ca-sources")
    assert "UN Convention against Cybercrime, Art. 25(2) (p. 15)" in sources
    assert not any(junk in sources for junk in ("24-24621", "/46", "A/RES/79/243 "))  # no page furniture
    page.screenshot(path=str(ARTIFACTS / "ui-un-answer.png"))
    # a yes/no question gets its "Yes" first, with the article that answers it
    text = ask(page, "Is sharing intimate images without consent a crime under the UN convention?", 2)
    assert text.startswith("Yes —") and "Art. 16(1)" in text.split("\n")[0]
    # a status question is declined with the depositary's page as a working link
    text = ask(page, "Which countries have already ratified the UN convention?", 3)
    assert "not their status" in text
    link = page.locator(BOT).nth(2).locator("a")
    assert link.get_attribute("href") == "https://treaties.un.org/" and link.inner_text() == "https://treaties.un.org/"
    page.get_by_role("tab", name="Documents").click()
    _navigate(page, ("#ca-doc", "UN Convention against Cybercrime"), ("#ca-chapter", "Resolution A/RES/79/243"),
              ("#ca-article", "Para. 12"))
    reader = page.inner_text("#ca-reader")
    assert "International Anti-Cybercrime Day" in reader and "p. 3" in reader
    page.click("#ca-chapter input")
    chapters = page.locator("[role='option']").all_inner_texts()
    assert {"Chapter I – General provisions", "Interpretative notes", "Footnotes"} <= set(chapters), chapters


def test_brief_is_cited_and_downloads(page):
    page.get_by_role("tab", name="Briefing").click()
    page.fill("#ca-topic textarea", "data preservation powers")
    page.click("#ca-write")
    page.wait_for_selector("#ca-brief h2", timeout=90_000)
    brief = page.inner_text("#ca-brief")
    assert "Bottom line" in brief and "What the text says" in brief and "Sources" in brief
    bullets = page.locator("#ca-brief li").all_inner_texts()
    assert bullets and all("[" in b for b in bullets)  # nothing uncited
    for button, check in (("#ca-brief-md", lambda b: b.startswith(b"# Briefing")),
                          ("#ca-brief-pdf", lambda b: b.startswith(b"%PDF")),
                          ("#ca-brief-docx", lambda b: b.startswith(b"PK"))):
        with page.expect_download() as dl:
            page.click(button)
        data = Path(dl.value.path()).read_bytes()
        assert check(data), button
        if button.endswith("docx"):
            with zipfile.ZipFile(dl.value.path()) as z:
                assert "Art. 16" in z.read("word/document.xml").decode()


def test_bad_input_shows_a_message_not_a_traceback(page):
    page.fill("#ca-question textarea", "   ")
    page.click("#ca-ask")
    page.wait_for_function("() => document.querySelector('#ca-status').innerText.includes('empty')")
    page.fill("#ca-question textarea", "x" * 5000)
    page.click("#ca-ask")
    page.wait_for_function("() => document.querySelector('#ca-status').innerText.includes('limit')")
    assert page.locator(BOT).count() == 0
    assert page.input_value("#ca-question textarea") == "x" * 5000  # the text is kept for editing


def test_serves_no_file_outside_the_app(app):
    for path in ("gradio_api/file=/etc/passwd", f"gradio_api/file={PROJECT_ROOT / 'README.md'}",
                 f"gradio_api/file={PROJECT_ROOT / '.store'}", "file=/etc/passwd"):
        try:
            with urllib.request.urlopen(app["url"] + path, timeout=5) as r:
                body = r.read()
                assert r.status != 200 or b"root:" not in body and b"Convention Assistant" not in body, path
        except urllib.error.HTTPError as exc:
            assert exc.code in {400, 403, 404, 405}, (path, exc.code)


# set when the sources panel shows a cited quote while the chat's answer is still being written
QUOTES_WHILE_WRITING = """() => { window.__quotesWhileWriting = false;
  new MutationObserver(() => { const m = document.querySelectorAll('#ca-chat [data-testid=bot]');
    const src = document.querySelector('#ca-sources');
    if (m.length && m[m.length - 1].innerText.includes('▌') && src && /\\[1\\]/.test(src.innerText))
      window.__quotesWhileWriting = true; })
  .observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


@pytest.mark.llm
def test_generative_answer_streams_with_citations(page):
    page.click("#ca-settings")
    page.get_by_text("Written answer by the model").click()
    page.evaluate(QUOTES_WHILE_WRITING)
    text = ask(page, "How long can a preservation order for stored computer data last?", 1, timeout=240_000)
    assert page.evaluate("window.__quotesWhileWriting")  # the quotes were on screen while the model wrote
    states = page.evaluate("window.__states")
    partial = [s for s in states if "▌" in s]
    assert len(partial) >= 2, states  # tokens arrived one after another
    assert "[1]" in text or "does not cover" in text
    assert "Supported" in page.inner_text("#ca-sources") or "Partly" in page.inner_text("#ca-sources")


def test_compare_tab_side_by_side_links_and_export(page):
    page.get_by_role("tab", name="Compare").click()
    page.wait_for_selector("#ca-cmp-table tr >> nth=5")  # the whole alignment is shown on load
    _navigate(page, ("#ca-cmp-article", "Art. 25 –"))
    page.wait_for_selector("#ca-cmp-view [data-from='25'][data-to='16']")
    view = page.inner_text("#ca-cmp-view")
    assert "Budapest Convention Art. 16" in view and "Expedited preservation of stored computer data" in view
    assert "UN Convention against Cybercrime, Art. 25(2)" in view and "Budapest Convention, Art. 16(2)" in view
    marked_un = page.locator("#ca-cmp-view del").all_inner_texts()
    marked_bud = page.locator("#ca-cmp-view ins").all_inner_texts()
    assert any("electronic" in t for t in marked_un) and any("computer" in t for t in marked_bud)
    assert not any("90" in t or "ninety" in t for t in marked_un + marked_bud)  # same period, written differently
    page.screenshot(path=str(ARTIFACTS / "ui-compare.png"))

    page.click("#ca-cmp-filter label:has-text('Only in Budapest')")
    page.wait_for_selector("#ca-cmp-table [data-filter='only_to']")
    table = page.inner_text("#ca-cmp-table")
    assert "Offences related to infringements of copyright" in table and "Illegal access" not in table
    with page.expect_download() as dl:
        page.click("#ca-cmp-csv")
    csv_text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert csv_text.startswith("un-convention article") and ",10,Offences related to infringements" in csv_text
    with page.expect_download() as dl:
        page.click("#ca-cmp-md")
    assert "| Art. 10 |" in Path(dl.value.path()).read_text(encoding="utf-8")

    page.click("#ca-cmp-open-to")  # the counterpart in the Documents reader
    page.wait_for_selector("#ca-reader [data-key='art:16']")
    assert "ninety days" in page.inner_text("#ca-reader")


def test_comparison_question_cites_both_treaties(page):
    ask(page, "Compare corporate liability in the UN convention and the Budapest Convention", 1)
    sources = page.inner_text("#ca-sources")
    assert "UN Convention against Cybercrime, Art. 18" in sources and "Budapest Convention, Art. 12" in sources
