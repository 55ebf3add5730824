"""Scale-out: the store on a real Chroma server (`chroma run` on loopback), shared by several processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.config import PROJECT_ROOT, Settings
from assistant.documents import discover, load_manifest
from assistant.index import Index

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
    return {**os.environ, "CA_CHROMA_MODE": "http", "CA_CHROMA_HOST": "127.0.0.1",
            "CA_CHROMA_PORT": str(settings.chroma_port), "CA_COLLECTION": settings.collection,
            "CA_DOCS_DIR": str(settings.docs_dir), "CA_FETCH_DIR": str(settings.fetch_dir)}


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


def test_two_processes_share_the_server(server_settings, embedder):
    Index(server_settings, embedder=embedder).ingest(
        discover(load_manifest(server_settings.manifest_path), [server_settings.docs_dir]), progress=False)
    question = ["-m", "assistant", "retrieve", "Which organisations criticised the UN convention?", "--json", "-k", "3"]
    procs = [subprocess.Popen([sys.executable, *question], cwd=PROJECT_ROOT, env=_env(server_settings),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-1000:] for o in outs]
    hits = [[h["locator"] for h in json.loads(o[0])["hits"]] for o in outs]
    assert hits[0] == hits[1] and any("Cisco briefing note" in loc for loc in hits[0])
    # a document added by one process is seen by another
    (server_settings.docs_dir / "staff-note.md").write_text("The delegation met the Secretariat on 3 March.\n")
    add = subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=PROJECT_ROOT,
                         env=_env(server_settings), capture_output=True, text=True, timeout=180)
    assert add.returncode == 0 and "1 added" in add.stdout, add.stderr
    seen = Index(server_settings, embedder=embedder).documents()
    assert "staff-note" in seen
