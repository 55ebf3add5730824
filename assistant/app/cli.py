"""Command line: a thin layer over the library. `convention-assistant --help`."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from ..config import Settings, ensure_offline_env
from ..types import Answer, AssistantError
from .cli_compare import cmd_compare
from .cli_corpus import cmd_corpus


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="convention-assistant", description="Cited answers about cybercrime treaties.")
    p.add_argument("--store", type=Path, help="index directory (default ~/.local/share/convention-assistant/store; env CA_STORE_DIR)")
    p.add_argument("--docs-dir", type=Path, help="documents directory (default ../shared/corpus; env CA_DOCS_DIR)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="chunk and embed the corpus into the index (incremental)")
    s.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    s.add_argument("--prune", action="store_true", help="drop indexed documents whose files have gone")
    s.add_argument("--all", action="store_true", help="include optional documents (e.g. the Arabic partial text)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")

    s = sub.add_parser("corpus", help="the document manifest: list (with each document's outline), fetch, check")
    s.add_argument("action", choices=["list", "fetch", "check"])
    s.add_argument("files", nargs="*", type=Path, help="check: files to check instead of the manifest's documents")
    s.add_argument("--doc", action="append", dest="docs", help="check: only this document id (repeatable)")
    s.add_argument("--json", action="store_true", help="check: one JSON object per document")

    for name, help_ in (("retrieve", "show the passages retrieved for a question"), ("ask", "answer with citations")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("question", nargs="?", help="the question (or use --questions FILE)")
        s.add_argument("--questions", type=Path, help="file with one question a line; prints JSON lines")
        s.add_argument("--json", action="store_true", help="print JSON")
        s.add_argument("-k", type=int, default=None, help="number of passages")
        s.add_argument("--doc", action="append", dest="docs", help="restrict to a document id (repeatable)")
        if name == "ask":
            s.add_argument("--mode", choices=["extractive", "generative"], default=None)

    s = sub.add_parser("chat", help="ask questions interactively in the terminal, with follow-ups")
    s.add_argument("--mode", choices=["extractive", "generative"], default=None)

    s = sub.add_parser("brief", help="write a one-page cited brief on a topic")
    s.add_argument("topic")
    s.add_argument("--out", type=Path, help="file to write: .md, .pdf or .docx (default: Markdown on stdout)")
    s.add_argument("--doc", action="append", dest="docs", help="restrict to a document id (repeatable)")

    s = sub.add_parser("compare", help="align two treaties article by article (default: UN convention -> Budapest)")
    s.add_argument("--from", dest="from_doc", default="un-convention", help="document id (default un-convention)")
    s.add_argument("--to", dest="to_doc", default="budapest", help="document id (default budapest)")
    s.add_argument("--article", default=None, help="one article of --from: its counterpart and the differences")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.add_argument("--format", choices=["md", "csv"], default=None, help="write the whole alignment as a table")
    s.add_argument("--out", type=Path, default=None, help="--format: file to write (default stdout)")
    s.add_argument("--notes", action="store_true", help="list where reviewed overrides disagree with the computation")
    s.add_argument("--gold", type=Path, default=None, help="score the computed alignment against a gold file")

    s = sub.add_parser("eval", help="evaluate retrieval and answer grounding against baselines; report; gate")
    s.add_argument("--questions", type=Path, default=None, help="question set (default evals/questions.jsonl)")
    s.add_argument("--out", type=Path, default=None, help="report directory (default evals/reports/latest)")
    s.add_argument("--fast", action="store_true", help="CI subset: the system and BM25 alone, answers scored for the system only, no ingest benchmark")
    s.add_argument("--gate", action="store_true", help="exit 1 when the system falls below evals/thresholds.toml")
    s.add_argument("--thresholds", type=Path, default=None)
    s.add_argument("--generative", type=int, default=0, metavar="N", help="also answer N questions with the LLM")
    s.add_argument("--quiet", action="store_true", help="no progress bars")
    s.add_argument("--split", choices=["dev", "test"], default="", help="run one part of the set (tune on dev)")

    s = sub.add_parser("feedback", help="feedback given in the web UI; --export turns it into eval candidates")
    s.add_argument("--export", type=Path, default=None, metavar="FILE",
                   help="write candidate eval items (JSONL) for review before they join evals/questions.jsonl")

    s = sub.add_parser("ui", help="start the web UI (default http://127.0.0.1:7860)")
    s.add_argument("--host", default=None, help="address to bind (default 127.0.0.1; env CA_HOST)")
    s.add_argument("--port", type=int, default=None, help="port (default 7860; env CA_PORT)")
    return p


def main(argv: list[str] | None = None) -> int:
    ensure_offline_env()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(store_dir=args.store, docs_dir=args.docs_dir)
        return COMMANDS[args.command](args, settings)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The console command: :func:`main`, then an exit that skips the interpreter's last garbage sweeps over every
    object still alive (Chroma's, numpy's, the models'): ~0.3 s of a cold `ask`. Reference counting still
    closes what is open; only cycles left at exit go unswept, and the process's end frees them."""
    code = main()
    gc.freeze()
    sys.exit(code)


def cmd_ingest(args, settings: Settings) -> int:
    from ..ingest.documents import discover
    from ..wiring import build

    parts = build(settings)
    documents = discover(parts.manifest, settings.search_dirs, include_optional=args.all)
    for info, path in documents:
        if path is None and info.default:
            print(f"note: {info.id} has no local file ({info.file}); `convention-assistant corpus fetch` gets it",
                  file=sys.stderr)
    report = parts.index.ingest(documents, rebuild=args.rebuild, prune=args.prune, progress=not args.quiet)
    for doc, reason in report.skipped:
        print(f"skipped {doc}: {reason}", file=sys.stderr)
    for doc in report.kept_missing:
        print(f"kept {doc}: its file is gone but the indexed version stays (use --prune to drop it)", file=sys.stderr)
    print(report.summary())
    t = time.perf_counter()
    kept, encoded = parts.encode_ahead(progress=not args.quiet)
    if kept:
        print(f"sentences encoded ahead for answering: {kept} ({encoded} new, {time.perf_counter() - t:.1f}s)")
    return 1 if report.skipped and not (report.added or report.updated or report.unchanged) else 0


def _questions(args) -> list[str]:
    if args.questions:
        try:
            lines = args.questions.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise AssistantError(f"cannot read {args.questions}: {exc.strerror}") from exc
        return [q for q in (line.strip() for line in lines) if q]
    if args.question is None:
        raise AssistantError("give a question, or --questions FILE")
    return [args.question]


def _assistant(settings: Settings):
    """The assistant, its embedding models loading while the rest of it is imported (:func:`models.preload`),
    taken by the embedders it is built with."""
    from ..store.models import preload

    preloads = preload([settings.embedding_model, settings.sentence_model], settings.embed_backend)
    from ..wiring import build

    return build(settings, preloads=preloads).assistant


def cmd_retrieve(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    questions = _questions(args)
    for q in questions:
        q = assistant.validate(q)
        result = assistant.retriever.retrieve(q, k=args.k or settings.top_k, doc_ids=args.docs, candidates=settings.candidate_k)
        if args.json or args.questions:
            out = {"question": q, "query": result.query, "hits": [h.to_dict() for h in result.hits],
                   "context": [h.to_dict() for h in result.context],
                   "timings": {k: round(v, 4) for k, v in result.timings.items()}}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            for h in result.hits + result.context:
                print(f"{h.rank:>2}. {h.chunk.locator}  [{', '.join(h.sources)}] {h.score:.4f}\n    {h.chunk.text[:200]}")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    for q in _questions(args):
        if args.json or args.questions:
            try:
                answer = assistant.ask(q, mode=args.mode, doc_ids=args.docs, k=args.k)
            except AssistantError as exc:
                if not args.questions:
                    raise
                print(json.dumps({"question": q, "error": str(exc)}), flush=True)
                continue
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            continue
        answer = None
        for part in assistant.stream(q, mode=args.mode, doc_ids=args.docs, k=args.k):
            if isinstance(part, str):
                print(part, end="", flush=True)
            elif isinstance(part, Answer):  # a Draft (the quotes being written from) is listed with the answer
                answer = part
        print("\n" + format_answer(answer))
    return 0


def format_answer(answer) -> str:
    lines = [answer.answer, ""]
    if answer.notice:
        lines.append(f"note: {answer.notice}")
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.locator}: “{c.quote}”")
    lines.append(f"({answer.mode}, {answer.grounding}, {answer.timings.get('total', 0):.1f}s)")
    return "\n".join(lines)


def cmd_chat(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    assistant.index.require()
    history: list[tuple[str, str]] = []
    print("Ask about the UN Convention against Cybercrime, the Budapest Convention and its Additional Protocol, "
          "and the debate around them.\n"
          "Empty line or Ctrl-D to quit; 'new' starts a new conversation.")
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            return 0
        if not question:
            return 0
        if question.lower() == "new":
            history.clear()
            continue
        try:
            answer = None
            for part in assistant.stream(question, history=history, mode=args.mode):
                if isinstance(part, str):
                    print(part, end="", flush=True)
                elif isinstance(part, Answer):
                    answer = part
            print("\n" + format_answer(answer))
            history.append((question, answer.answer))
        except AssistantError as exc:
            print(f"error: {exc}")


def cmd_brief(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    from ..answer.brief import build_brief
    from .export import brief_markdown, save_brief

    brief = build_brief(assistant, args.topic, doc_ids=args.docs)
    if args.out is None:
        print(brief_markdown(brief), end="")
        return 0 if brief.covered else 1
    try:
        path = save_brief(brief, args.out)
    except ValueError as exc:
        raise AssistantError(str(exc)) from exc
    except OSError as exc:
        raise AssistantError(f"cannot write {args.out}: {exc.strerror}") from exc
    print(f"wrote {path} ({len(brief.points())} cited points, {len(brief.citations)} sources)"
          + ("" if brief.covered else ": the corpus does not cover this topic"))
    return 0 if brief.covered else 1


def cmd_eval(args, settings: Settings) -> int:
    from ..eval.report import markdown, write_report
    from ..eval.run import EvalConfig, gate, load_thresholds, run_eval

    config = EvalConfig(fast=args.fast, generative=args.generative, progress=not args.quiet, split=args.split)
    config.questions = args.questions or config.questions
    config.out = args.out or config.out
    config.thresholds = args.thresholds or config.thresholds
    thresholds = load_thresholds(config.thresholds) if args.gate else {}
    results = run_eval(settings, config)
    paths = write_report(results, config.out)
    print(markdown(results))
    print(f"report: {paths['html']} (also report.md, report.json, plots)")
    if args.gate:
        failures = gate(results, thresholds)
        for f in failures:
            print(f"GATE FAILED: {f}", file=sys.stderr)
        print("gate: " + ("FAILED" if failures else f"passed ({config.thresholds.name})"))
        return 1 if failures else 0
    return 0


def cmd_feedback(args, settings: Settings) -> int:
    from .feedback import load, to_eval_candidates

    records = load(settings.feedback_path)
    helpful = sum(r.get("helpful") is True for r in records)
    print(f"{len(records)} feedback records in {settings.feedback_path}: {helpful} helpful, "
          f"{len(records) - helpful} not helpful")
    if args.export:
        candidates = to_eval_candidates(records)
        args.export.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in candidates), encoding="utf-8")
        print(f"wrote {len(candidates)} candidate eval items to {args.export}: review each (type, evidence, key facts) "
              "and add it to evals/build_questions.py; `convention-assistant eval` refuses unreviewed items")
    return 0


def _check_port_free(host: str, port: int) -> None:
    import socket

    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise AssistantError(f"cannot listen on {host}:{port} ({exc.strerror}): another program uses it; "
                                 "pass --port or set CA_PORT") from exc


def cmd_ui(args, settings: Settings) -> int:
    from .ui import launch

    settings = settings.with_(host=args.host, port=args.port)
    _check_port_free(settings.host, settings.port)
    print(f"Convention Assistant web UI on http://{settings.host}:{settings.port} (Ctrl-C to stop)", flush=True)
    launch(settings)
    return 0


COMMANDS = {"ingest": cmd_ingest, "corpus": cmd_corpus, "retrieve": cmd_retrieve, "ask": cmd_ask, "chat": cmd_chat,
            "brief": cmd_brief, "compare": cmd_compare, "eval": cmd_eval, "feedback": cmd_feedback, "ui": cmd_ui}

if __name__ == "__main__":
    raise SystemExit(main())
