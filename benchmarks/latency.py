"""Latency figures on this machine (a benchmark that prints figures, not a test): a cold `ask` in a fresh
process, warm `ask` and retrieval p50/p95 over a question list, the article alignment (cold and cached), and
optionally the written-answer mode's first-token and total time, with the local model or on an OpenAI-compatible
server.

    python -m benchmarks.latency                 # extractive answers, retrieval, compare
    python -m benchmarks.latency --generative 10 # also 10 written answers with the local model (minutes)
    python -m benchmarks.latency --server URL    # 10 written answers on the server at URL (…/v1)
    python -m benchmarks.latency --server echo   # … on a server that answers at once: the path without a model
    python -m benchmarks.latency --json out.json

Needs a built index (`convention-assistant ingest`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUESTIONS = [
    "How long can a preservation order last under the UN convention?",
    "Is sharing intimate images without consent a crime under the UN convention?",
    "What safeguards does the UN convention require for investigative powers?",
    "Can companies be held liable for offences under the UN convention?",
    "Compare corporate liability in the UN convention and the Budapest Convention.",
    "How long can preserved data be kept under the Budapest Convention?",
    "What is the definition of traffic data?",
    "What are Cisco's concerns about the UN convention?",
    "When does the Budapest Convention enter into force?",
    "Which offences can be the subject of an attempt under the Budapest Convention?",
]


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def cold_ask(runs: int = 5) -> float:
    """Seconds for `convention-assistant ask` in a new process (imports, model load, index open, answer): the
    median of ``runs``, since one run on a shared machine varies by ±0.3 s."""
    times = []
    for _ in range(max(1, runs)):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "ask", QUESTIONS[0], "--json"], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def written(assistant, n: int, name: str) -> dict[str, float]:
    """Written answers to the first n questions: when the quotes show, the first words, the whole answer."""
    from assistant.types import Answer, Draft

    quotes, first, total, declined = [], [], [], 0
    assistant.llm  # noqa: B018 - start the model before timing (its start-up is not an answer's latency)
    for q in QUESTIONS[:n]:
        t = time.perf_counter()
        got_quotes, got_first, final = None, None, None
        for part in assistant.stream(q, mode="generative"):
            if isinstance(part, Draft) and got_quotes is None:
                got_quotes = time.perf_counter() - t
            elif isinstance(part, str) and got_first is None:
                got_first = time.perf_counter() - t
            elif isinstance(part, Answer):
                final = part
        total.append(time.perf_counter() - t)
        quotes.append(got_quotes or total[-1])
        first.append(got_first or total[-1])
        declined += final is None or final.abstained or final.mode != "generative"
        print(f"  {total[-1]:5.1f} s  {final.mode if final else '-':10}  {q}", file=sys.stderr)
    return {f"{name}_declined_or_fell_back": declined, f"{name}_quotes_shown_p50_s": pct(quotes, 50),
            f"{name}_first_words_p50_s": pct(first, 50), f"{name}_total_p50_s": pct(total, 50),
            f"{name}_total_p95_s": pct(total, 95)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--generative", type=int, default=0, metavar="N", help="also N written answers (local model)")
    p.add_argument("--server", default="", metavar="URL",
                   help="also 10 written answers on this OpenAI-compatible server ('echo': one that answers at once)")
    p.add_argument("--cold", type=int, default=5, metavar="N", help="cold `ask` runs, median reported (default 5)")
    p.add_argument("--json", type=Path, default=None, help="write the figures as JSON")
    args = p.parse_args(argv)

    from assistant.config import Settings
    from assistant.store.embeddings import forget_kept
    from assistant.wiring import build

    figures: dict[str, float] = {"cold_ask_s": cold_ask(args.cold)}
    settings = Settings.from_env()
    assistant = build(settings).assistant
    assistant.ask("warm-up")
    retrieve, answer = [], []
    for q in QUESTIONS:  # each call from emptied model caches: the ask reads the sentences the retrieval did
        forget_kept(assistant.index, assistant.retriever)
        t = time.perf_counter()
        assistant.retriever.retrieve(q, k=settings.top_k, candidates=settings.candidate_k)
        retrieve.append(time.perf_counter() - t)
        forget_kept(assistant.index, assistant.retriever)
        t = time.perf_counter()
        assistant.ask(q)
        answer.append(time.perf_counter() - t)
    figures.update({"retrieve_p50_ms": 1000 * pct(retrieve, 50), "retrieve_p95_ms": 1000 * pct(retrieve, 95),
                    "warm_ask_p50_s": pct(answer, 50), "warm_ask_p95_s": pct(answer, 95)})

    comparer = assistant.comparer
    cache = settings.store_dir / "alignments"
    for f in cache.glob("un-convention--budapest.json"):
        f.unlink()
    comparer._memo.clear()
    t = time.perf_counter()
    comparer.alignment("un-convention", "budapest")
    figures["align_computed_s"] = time.perf_counter() - t
    comparer._memo.clear()
    t = time.perf_counter()
    comparer.alignment("un-convention", "budapest")
    figures["align_cached_s"] = time.perf_counter() - t

    if args.generative:
        figures.update(written(assistant, args.generative, "generative"))
    if args.server:
        from dataclasses import replace

        from benchmarks.echo_server import EchoServer

        def on(url: str) -> dict[str, float]:
            served = replace(settings, llm_backend="openai", llm_base_url=url)
            return written(build(served, index=assistant.index, retriever=assistant.retriever).assistant,
                           len(QUESTIONS), "server")

        if args.server == "echo":
            with EchoServer() as url:
                figures.update(on(url))
        else:
            figures.update(on(args.server))

    width = max(map(len, figures))
    for k, v in figures.items():
        print(f"{k:{width}}  {v:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    print(f"({len(QUESTIONS)} questions; median of a run, not a test; {statistics.mean(answer):.2f} s mean warm ask)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
