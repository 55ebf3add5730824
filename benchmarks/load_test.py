"""Load test of the running web app: N concurrent sessions on loopback ask corpus questions through the
Gradio API for a bounded time; prints p50/p95 latency, throughput and errors, writes JSON and a plot.

    python -m benchmarks.load_test --url http://127.0.0.1:7860/ --sessions 20 --duration 60
    python -m benchmarks.load_test --start --sessions 20 --duration 60   # starts the app on its own

Only loopback addresses are accepted. Each session is bounded by --duration and --max-per-session.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlparse

QUESTIONS = [
    "How long can preserved data be kept under the Budapest Convention?",
    "What is the definition of traffic data?",
    "Which safeguards apply to the powers in Article 19?",
    "What are Cisco's concerns about the UN convention?",
    "What does Article 29 say?",
    "When does the Budapest Convention enter into force?",
    "Who supports the UN convention, according to the briefing note?",
    "What penalties does Brazilian law set for phishing?",
]


def session(url: str, n: int, deadline: float, max_requests: int, mode: str, out: list, lock: threading.Lock):
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # noqa: BLE001 -- a failed connection is a load-test result, not a crash
        with lock:
            out.append({"session": n, "ok": False, "error": f"connect: {exc}", "latency": 0.0})
        return
    for i in range(max_requests):
        if time.time() >= deadline:
            break
        question = QUESTIONS[(n + i) % len(QUESTIONS)]
        t = time.perf_counter()
        try:
            result = client.predict(question, [], "all", 5, mode, api_name="/ask")
            chat = result[1]
            text = chat[-1]["content"][0]["text"] if isinstance(chat[-1]["content"], list) else chat[-1]["content"]
            ok, error = not text.startswith("⚠️"), ("" if not text.startswith("⚠️") else text[:200])
        except Exception as exc:  # noqa: BLE001
            ok, error = False, f"{type(exc).__name__}: {exc}"[:300]
        with lock:
            out.append({"session": n, "ok": ok, "error": error, "latency": time.perf_counter() - t})


def run(url: str, sessions: int, duration: float, max_requests: int, mode: str) -> dict:
    host = urlparse(url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"refusing to load-test {host}: loopback addresses only")
    results: list[dict] = []
    lock = threading.Lock()
    deadline = time.time() + duration
    started = time.perf_counter()
    threads = [threading.Thread(target=session, args=(url, n, deadline, max_requests, mode, results, lock))
               for n in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 300)
    wall = time.perf_counter() - started
    lat = sorted(r["latency"] for r in results if r["ok"])
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
    return {
        "url": url, "sessions": sessions, "duration_s": duration, "mode": mode, "wall_s": wall,
        "requests": len(results), "ok": len(lat), "errors": len(results) - len(lat),
        "sessions_served": len({r["session"] for r in results if r["ok"]}),
        "p50_s": q[49] if lat else None, "p95_s": q[94] if lat else None, "max_s": max(lat) if lat else None,
        "throughput_rps": len(lat) / wall if wall else 0.0,
        "error_samples": sorted({r["error"] for r in results if not r["ok"]})[:5],
        "latencies": lat,
    }


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.hist(report["latencies"], bins=30)
    ax.set_xlabel("seconds per answer (queue wait included)")
    ax.set_ylabel("requests")
    ax.set_title(f"{report['sessions']} concurrent sessions, {report['ok']} answers, {report['errors']} errors")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:7860/")
    p.add_argument("--start", action="store_true", help="start the web app on a free loopback port first")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--duration", type=float, default=60.0, help="seconds during which new questions are sent")
    p.add_argument("--max-per-session", type=int, default=20)
    p.add_argument("--mode", choices=["extractive", "generative"], default="extractive")
    p.add_argument("--out", type=Path, default=Path("evals/reports/load"))
    args = p.parse_args(argv)
    context = nullcontext({"url": args.url})
    if args.start:
        import tempfile

        from assistant.config import Settings, ensure_offline_env
        from tests.apprunner import serve

        ensure_offline_env()
        context = serve(Settings.from_env(), Path(tempfile.mkdtemp(prefix="load-")))
    with context as app:
        print(f"load test: {args.sessions} sessions for {args.duration:.0f}s against {app['url']}", file=sys.stderr)
        report = run(app["url"], args.sessions, args.duration, args.max_per_session, args.mode)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(report, indent=2))
    plot(report, args.out / "load.png")
    fmt = lambda v: "-" if v is None else f"{v:.2f}s"  # noqa: E731
    print(f"requests {report['requests']}, ok {report['ok']}, errors {report['errors']}, sessions served "
          f"{report['sessions_served']}/{report['sessions']}; latency p50 {fmt(report['p50_s'])}, "
          f"p95 {fmt(report['p95_s'])}, max {fmt(report['max_s'])}; {report['throughput_rps']:.1f} answers/s")
    for e in report["error_samples"]:
        print(f"  error: {e}")
    return 0 if report["errors"] == 0 and report["sessions_served"] == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
