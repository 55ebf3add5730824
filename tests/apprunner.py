"""Start the real web app (`python -m assistant ui`) on a loopback port for browser and load tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings

CHROMIUM = os.environ.get("CA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(settings: Settings, workdir: Path, **env_extra: str):
    """Run the UI over ``settings``' store; yield {"url", "feedback", "log"}; stop it afterwards."""
    port = free_port()
    feedback = workdir / "feedback.jsonl"
    env = {**os.environ, "CA_STORE_DIR": str(settings.store_dir), "CA_DOCS_DIR": str(settings.docs_dir),
           "CA_FETCH_DIR": str(settings.fetch_dir), "CA_FEEDBACK_PATH": str(feedback), "CA_PORT": str(port),
           **env_extra}
    log = workdir / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "ui"], cwd=PROJECT_ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the UI exited early:\n{log.read_text()[-3000:]}")
            if time.time() > deadline:
                raise RuntimeError(f"the UI did not start in 180 s:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(1)
        yield {"url": url, "feedback": feedback, "log": log}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


BOT = "#ca-chat [data-testid=bot]"
# records every state the chat's last answer passes through, so a test can see it stream
RECORDER = """() => { window.__states = []; const seen = new Set();
  new MutationObserver(() => { const m = document.querySelectorAll('#ca-chat [data-testid=bot]');
    if (!m.length) return; const t = m[m.length - 1].innerText; if (!seen.has(t)) { seen.add(t); window.__states.push(t); } })
  .observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def ask(page, question: str, n: int, timeout: float = 60_000) -> str:
    """Ask through the page; wait for the n-th answer to be final; return its text."""
    page.evaluate(RECORDER)
    page.fill("#ca-question textarea", question)
    page.click("#ca-ask")
    page.wait_for_function(
        """n => { const m = document.querySelectorAll('#ca-chat [data-testid=bot]');
                  return m.length >= n && !/Searching the corpus|▌/.test(m[n - 1].innerText); }""",
        arg=n, timeout=timeout)
    page.wait_for_timeout(300)  # the sources panel is updated by the same event
    return page.locator(BOT).nth(n - 1).inner_text()
