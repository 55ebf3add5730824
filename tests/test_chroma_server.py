"""Scale-out: the store on a real Chroma server (`chroma run` on loopback), shared by several processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.answer.chain import Assistant
from assistant.config import PROJECT_ROOT, Settings
from assistant.ingest.documents import discover, load_manifest
from assistant.store.index import Index
from tests.apprunner import serve

DOCS = ("budapest-additional-protocol-ets189.txt", "cisco-concerns-un-cybercrime-convention-2024-08-22.txt")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")  # noqa: SIM115 -- closed at teardown
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        assert proc.poll() is None, (data / "server.log").read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("chroma run did not start: " + (data / "server.log").read_text()[-2000:])
    yield port
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def server_settings(chroma_server, tmp_path_factory, corpus_dir) -> Settings:
    docs = tmp_path_factory.mktemp("server-docs")
    for name in DOCS:
        shutil.copy(corpus_dir / name, docs / name)
    return Settings.from_env(env={}, chroma_mode="http", chroma_host="127.0.0.1", chroma_port=chroma_server,
                             collection="ca_server_test", docs_dir=docs, store_dir=tmp_path_factory.mktemp("unused"),
                             fetch_dir=docs / "none")


def _env(settings: Settings) -> dict:
    # the local store directory too: an ingest keeps its sentences encoded ahead there, never in the user's own
    return {**os.environ, "CA_CHROMA_MODE": "http", "CA_CHROMA_HOST": "127.0.0.1",
            "CA_CHROMA_PORT": str(settings.chroma_port), "CA_COLLECTION": settings.collection,
            "CA_DOCS_DIR": str(settings.docs_dir), "CA_FETCH_DIR": str(settings.fetch_dir),
            "CA_STORE_DIR": str(settings.store_dir)}


def test_ingest_and_answer_against_the_server(server_settings, embedder):
    ix = Index(server_settings, embedder=embedder)
    report = ix.ingest(discover(load_manifest(server_settings.manifest_path), [server_settings.docs_dir]),
                       progress=False)
    assert sorted(report.added) == ["budapest-protocol", "cisco-briefing"]
    assert not list(Path(server_settings.store_dir).iterdir())  # nothing written locally
    ans = Assistant(server_settings, index=ix).ask("What is racist and xenophobic material?")
    assert ans.citations and ans.citations[0].doc_id == "budapest-protocol"
    again = Index(server_settings, embedder=embedder).ingest(
        discover(load_manifest(server_settings.manifest_path), [server_settings.docs_dir]), progress=False)
    assert again.chunks_embedded == 0 and sorted(again.unchanged) == ["budapest-protocol", "cisco-briefing"]


def _ask(url: str, question: str) -> str:
    from gradio_client import Client

    chat = Client(url, verbose=False).predict(question, [], "all", 5, "extractive", api_name="/ask")[1]
    content = chat[-1]["content"]
    return content[0]["text"] if isinstance(content, list) else content


def test_two_app_processes_share_the_server(server_settings, embedder, tmp_path):
    Index(server_settings, embedder=embedder).ingest(
        discover(load_manifest(server_settings.manifest_path), [server_settings.docs_dir]), progress=False)
    http = {k: v for k, v in _env(server_settings).items() if k.startswith("CA_CHROMA") or k == "CA_COLLECTION"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with serve(server_settings, tmp_path / "a", **http) as one, serve(server_settings, tmp_path / "b", **http) as two:
        answers = [_ask(app["url"], "Which organisations criticised the UN convention?") for app in (one, two)]
        assert answers[0] == answers[1] and "Human Rights Watch" in answers[0]
        # a document added by a third process is answered from by both web apps
        (server_settings.docs_dir / "staff-note.md").write_text("The delegation met the Secretariat on 3 March.\n")
        add = subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=PROJECT_ROOT,
                             env=_env(server_settings), capture_output=True, text=True, timeout=180)
        assert add.returncode == 0 and "1 added" in add.stdout, add.stderr
        for app in (one, two):
            assert "3 March" in _ask(app["url"], "When did the delegation meet the Secretariat?")
    for app in (one, two):
        assert "Traceback" not in app["log"].read_text()
