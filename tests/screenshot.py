"""The README's screenshot: the real web UI over the default store, one question asked in headless Chromium.

    .venv/bin/python -m tests.screenshot "Compare when a denunciation takes effect under the UN convention and the Budapest Convention." docs/screenshot-ask.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from assistant.config import Settings
from tests.apprunner import CHROMIUM, CHROMIUM_ARGS, ask, serve

# scroll the chat to the question just asked, and the page to its top
_SHOW_LAST_TURN = """() => { const m = document.querySelectorAll('#ca-chat [data-testid=user]');
  m[m.length - 1].scrollIntoView({block: 'start'}); window.scrollTo(0, 0); }"""


def main(question: str, out: str) -> int:
    with tempfile.TemporaryDirectory() as work, serve(Settings.from_env(), Path(work)) as app, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(120_000)
        page.goto(app["url"])
        page.wait_for_selector("#ca-question textarea")
        ask(page, question, 1, timeout=120_000)
        page.evaluate(_SHOW_LAST_TURN)
        page.wait_for_timeout(500)
        page.screenshot(path=out)
        browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
