"""The command-line contract, run in-process on the real index."""

from __future__ import annotations

import json

from assistant.app.cli import main
from assistant.config import PROJECT_ROOT


def _run(capsys, settings, *args):
    code = main(["--store", str(settings.store_dir), "--docs-dir", str(settings.docs_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_retrieve_json_contract(index, settings, capsys):
    code, out, _ = _run(capsys, settings, "retrieve", "What does Article 29 say?", "--json", "-k", "3")
    assert code == 0
    data = json.loads(out)
    hit = data["hits"][0]
    assert set(hit) >= {"rank", "doc_id", "doc_title", "locator", "text", "score"}
    assert hit["rank"] == 1 and hit["locator"] == "Budapest Convention, Art. 29(1)"


def test_ask_json_and_questions_file(index, settings, capsys, tmp_path):
    qfile = tmp_path / "q.txt"
    qfile.write_text("How long can a preservation order last?\n\nWhat is the capital of France?\n")
    code, out, _ = _run(capsys, settings, "ask", "--questions", str(qfile))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in rows] == ["How long can a preservation order last?", "What is the capital of France?"]
    assert rows[0]["abstained"] is False and rows[0]["citations"][0]["quote"] in rows[0]["citations"][0]["text"]
    assert rows[1]["abstained"] is True and rows[1]["citations"] == []
    assert rows[0]["mode"] == "extractive" and "total" in rows[0]["timings"]


def test_errors_are_one_line_and_nonzero(index, settings, capsys, tmp_path):
    code, _, err = _run(capsys, settings, "ask", "   ", "--json")
    assert code == 2 and err.startswith("error: the question is empty") and err.count("\n") == 1
    code = main(["--store", str(tmp_path / "nowhere"), "ask", "anything"])
    err = capsys.readouterr().err
    assert code == 2 and "run `convention-assistant ingest`" in err


def test_corpus_fetch_fails_clearly_offline(settings, capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["--store", str(settings.store_dir), "--docs-dir", str(empty), "corpus", "fetch"])
    out = capsys.readouterr()
    assert "un-convention" in out.out and "failed" in out.out
    assert code == 2 and "corpus fetch" in out.err


def test_corpus_check_reports_the_structure_and_fails_on_a_problem(settings, capsys, tmp_path):
    code, out, _ = _run(capsys, settings, "corpus", "check", "--doc", "un-convention")
    assert code == 0 and out.rstrip().endswith("ok")
    assert "Arts. 1–68 (68 articles" in out and "9 chapters" in out and "12 operative paragraphs" in out
    assert "Art. 25 – Expedited preservation of stored electronic data" in out
    assert "interpretative note 3 (on Art. 17)" in out and "46 pages" in out
    code, out, _ = _run(capsys, settings, "corpus", "check", "--json", "--doc", "budapest")
    assert code == 0 and json.loads(out)["problems"] == []
    # a treaty with a gap in its articles and a running header left in its text
    bad = tmp_path / "bad-treaty.txt"
    bad.write_text("Article 1\nScope\nThis Convention applies.\nArticle 3\nPowers\n"
                   "1. Each Party shall act. 24-24621 12/46\n", encoding="utf-8")
    code, out, _ = _run(capsys, settings, "corpus", "check", str(bad))
    assert code == 1 and "article numbers missing: 2" in out and "page furniture" in out
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 truncated")
    code, out, _ = _run(capsys, settings, "corpus", "check", str(broken))
    assert code == 1 and "PROBLEM" in out


def test_ui_on_a_busy_port_says_so(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        rc = main(["ui", "--port", str(busy.getsockname()[1])])
    assert rc == 2 and "another program uses it" in capsys.readouterr().err


def test_compare_json_contract_and_reports(index, settings, capsys, tmp_path):
    code, out, _ = _run(capsys, settings, "compare", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("un-convention", "budapest")
    arts = [p["from_article"] for p in data["pairs"]]
    assert arts == [str(n) for n in range(1, 69)]  # every UN article once, as strings, in order
    by = {p["from_article"]: p for p in data["pairs"]}
    assert by["25"]["counterpart"] and by["25"]["matches"][0]["article"] == "16"
    assert all(isinstance(m["score"], float) for p in data["pairs"] for m in p["matches"])
    assert all(p["matches"] == sorted(p["matches"], key=lambda m: -m["score"]) or p["from_article"] in {"57"}
               for p in data["pairs"])  # best first (a reviewed pair is put first)
    assert not by["16"]["counterpart"] and "10" in data["only_in_to"]  # intimate images; copyright

    code, out, _ = _run(capsys, settings, "compare", "--json", "--article", "24")
    one = json.loads(out)
    assert [p["from_article"] for p in one["pairs"]] == ["24"] and one["pairs"][0]["matches"][0]["article"] == "15"
    changed = [s for p in one["paragraphs"] for s in p["segments"] if s["op"] != "equal"]
    assert any("review" in s["a"] and "supervision" in s["b"] for s in changed)

    code, out, _ = _run(capsys, settings, "compare", "--from", "budapest", "--to", "un-convention", "--article", "16")
    assert code == 0 and "UN Convention against Cybercrime Art. 25" in out and "{+" in out

    csv_file = tmp_path / "alignment.csv"
    code, out, _ = _run(capsys, settings, "compare", "--format", "csv", "--out", str(csv_file))
    assert code == 0 and csv_file.read_text().count("\n") == 69 + len(data["only_in_to"])
    code, out, err = _run(capsys, settings, "compare", "--from", "nothing")
    assert code == 2 and "not an indexed document" in err


def test_computed_alignment_meets_the_gold_alignment(index, settings, capsys):
    """The alignment alone (no reviewed overrides) against the pairs written by reading both texts."""
    gold = str(PROJECT_ROOT / "evals" / "alignment" / "un-convention--budapest.toml")
    code, out, _ = _run(capsys, settings, "compare", "--gold", gold)
    s = json.loads(out)
    assert s["n_pairs"] >= 30
    assert s["pair_accuracy_at_1"] >= 0.9 and s["pair_recall_at_3"] >= 0.95
    assert s["no_counterpart_recall"] >= 0.8 and s["gold_pairs_flagged_no_counterpart"] == []
