"""The evaluation report: report.json (everything), report.md and report.html (tables, plots, drill-down),
and three plots: retrieval metrics per system, answer metrics per system, latency distributions."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

RETRIEVAL = [("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("ndcg@10", "nDCG@10")]
ANSWER = [("key_fact_accuracy", "key facts"), ("lead", "lead"), ("lead@250", "lead@250"), ("evidence_cited", "evidence cited"),
          ("citation_validity", "citation validity"), ("citation_precision", "citation precision"),
          ("citation_recall", "citation recall"), ("faithfulness", "faithfulness"),
          ("abstention_correct", "abstention accuracy"), ("false_abstention", "false abstention"),
          ("all_sources_cited", "both treaties cited")]


def write_report(results: dict, out: Path) -> dict[str, Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html",
             "retrieval": out / "retrieval.png", "answers": out / "answers.png", "latency": out / "latency.png"}
    paths["json"].write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    _plots(results, paths)
    paths["md"].write_text(markdown(results), encoding="utf-8")
    paths["html"].write_text(to_html(results, paths), encoding="utf-8")
    return paths


# ------------------------------------------------------------------------------------------ tables


def tables(results: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for every table of the report."""
    out = []
    rows = []
    for name, s in results["systems"].items():
        r, lat = s["retrieval"], s["latency"]
        rows.append([name, *(f"{r.get(k, 0):.3f}" for k, _ in RETRIEVAL),
                     f"{lat['retrieve_p50'] * 1000:.0f}", f"{lat['retrieve_p95'] * 1000:.0f}"])
        if "first_stage" in s:  # the passages the answer quotes come first; the retriever's own order, for reference
            rows.append([f"{name}: retriever alone", *(f"{s['first_stage'].get(k, 0):.3f}" for k, _ in RETRIEVAL), "", ""])
    out.append((f"Retrieval ({results['n_answerable']} answerable questions)",
                ["system", *(t for _, t in RETRIEVAL), "p50 ms", "p95 ms"], rows))
    rows = []
    for name, s in results["systems"].items():
        a, lat = s["answer"], s["latency"]
        if a:
            rows.append([name, *(f"{a.get(k, 0):.3f}" for k, _ in ANSWER),
                         f"{lat['answer_p50']:.2f}", f"{lat['answer_p95']:.2f}"])
    out.append(("Answers (extractive answerer behind each retriever)", ["system", *(t for _, t in ANSWER),
                                                                        "p50 s", "p95 s"], rows))
    if "generative" in results:
        g = results["generative"]
        a = g["answer"]
        out.append((f"Generative slice ({g['n']} questions, local LLM)",
                    [*(t for _, t in ANSWER), "fell back", "p50 s", "p95 s", "first token p50 s", "model ready s"],
                    [[*(f"{a.get(k, 0):.3f}" for k, _ in ANSWER), f"{a.get('fell_back', 0):.3f}",
                      f"{g['answer_p50']:.1f}", f"{g['answer_p95']:.1f}", f"{g['first_token_p50']:.1f}",
                      f"{g['model_ready_s']:.1f}"]]))
    rows = []
    for split, by_slice in results.get("slices", {}).items():
        for name, d in by_slice.items():
            if d["n"]:
                r, a = d["retrieval"], d["answer"]
                rows.append([split, name, str(d["n"]), *(f"{r[k]:.3f}" if k in r else "-" for k, _ in RETRIEVAL),
                             *(f"{a[k]:.3f}" if k in a else "-" for k, _ in ANSWER)])
                if d.get("first_stage"):
                    rows.append([split, f"{name}: retriever alone", str(d["n"]),
                                 *(f"{d['first_stage'][k]:.3f}" for k, _ in RETRIEVAL), *("-" for _ in ANSWER)])
    out.append(("The system by split and slice (test: never tuned on)", ["split", "slice", "n",
                *(t for _, t in RETRIEVAL), *(t for _, t in ANSWER)], rows))
    rows = [[name, str(a["n_pairs"]), f"{a['pair_accuracy_at_1']:.3f}", f"{a['pair_recall_at_3']:.3f}",
             f"{a['no_counterpart_recall']:.3f}", f"{a['no_counterpart_precision']:.3f}",
             str(a["n_gold_pairs_flagged"])] for name, a in results.get("alignment", {}).items()]
    if rows:
        out.append(("Article alignment, computed, against the gold alignment (evals/alignment)",
                    ["pair", "gold pairs", "rank-1 accuracy", "recall@3", "no-counterpart recall",
                     "no-counterpart precision", "gold pairs called no counterpart"], rows))
    sp = results["speed"]
    rows = [["index update before the run", f"{sp['index_update_s']:.1f} s"]]
    if "ingest_s" in sp:
        rows += [["fresh ingest", f"{sp['chunks']} chunks in {sp['ingest_s']:.1f} s = {sp['ingest_chunks_per_s']:.1f} chunks/s"],
                 ["raw model encode, same texts (the limit)",
                  f"{sp['encode_s']:.1f} s = {sp['encode_chunks_per_s']:.1f} chunks/s"]]
    rows.append(["peak memory of the run", f"{sp['peak_memory_mb']:.0f} MB"])
    out.append(("Speed and size", ["measure", "value"], rows))
    return out


def misses(results: dict) -> list[str]:
    """Per-question drill-down: retrieval misses and wrong answers of the system, with what it found. Only the
    dev split's are listed: the test split is not to be tuned on, so its misses are counted, not shown (each
    item's scores stay in report.json)."""
    lines = []
    hidden = 0
    for item_id, d in results["items"].items():
        sys_ = d.get("system", {})
        r, a = sys_.get("retrieval"), sys_.get("answer", {})
        why = []
        if r is not None and r["hit@5"] == 0.0:
            why.append("evidence not in the top 5")
        if d["answerable"] and a.get("false_abstention"):
            why.append("declined although answerable")
        elif d["answerable"] and a and a.get("key_fact_accuracy", 1) < 1:
            why.append(f"key facts {a['key_fact_accuracy']:.2f}")
        if not d["answerable"] and a and not a.get("abstention_correct"):
            why.append("answered although not covered")
        if why and d.get("split", "dev") == "test":
            hidden += 1
        elif why:
            found = ", ".join(sys_.get("top", [])) or ", ".join(a.get("cited", [])) or "-"
            lines.append(f"{item_id} ({d['type']}, {d.get('split', 'dev')}): {d['question']} — {'; '.join(why)}. Retrieved/cited: {found}. "
                         f"Answer: {a.get('answer', '')[:160]!r}")
    if hidden:
        lines.append(f"{hidden} test-split questions missed: not listed, since the test split is not tuned on")
    return lines


def markdown(results: dict) -> str:
    lines = [f"# Evaluation report ({results['n_items']} questions, {results['n_answerable']} answerable)", "",
             "![retrieval](retrieval.png) ![answers](answers.png) ![latency](latency.png)", ""]
    for title, header, rows in tables(results):
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    lines += ["## Misses of the system", ""] + ([f"- {m}" for m in misses(results)] or ["- none"])
    return "\n".join(lines) + "\n"


def to_html(results: dict, paths: dict[str, Path]) -> str:
    e = html.escape
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Convention Assistant evaluation</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:1em}table{border-collapse:"
             "collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,"
             "th:first-child{text-align:left}img{max-width:100%}li{margin:4px 0}</style></head><body>",
             f"<h1>Evaluation report: {results['n_items']} questions, {results['n_answerable']} answerable</h1>"]
    for key in ("retrieval", "answers", "latency"):
        data = base64.b64encode(paths[key].read_bytes()).decode()
        parts.append(f"<img alt='{key}' src='data:image/png;base64,{data}'>")
    for title, header, rows in tables(results):
        parts.append(f"<h2>{e(title)}</h2><table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table>")
    parts.append("<h2>Misses of the system</h2><ul>")
    parts += [f"<li>{e(m)}</li>" for m in misses(results)] or ["<li>none</li>"]
    parts.append("</ul></body></html>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------ plots


def _bars(ax, results: dict, section: str, metrics: list[tuple[str, str]]) -> None:
    names = [n for n, s in results["systems"].items() if s[section]]
    width = 0.8 / max(1, len(names))
    for i, name in enumerate(names):
        vals = [results["systems"][name][section].get(k, 0) for k, _ in metrics]
        ax.bar([x + i * width for x in range(len(metrics))], vals, width, label=name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(metrics))], [t for _, t in metrics], rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=7, loc="lower right")


def _plots(results: dict, paths: dict[str, Path]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.2))
    _bars(ax, results, "retrieval", RETRIEVAL)
    ax.set_title(f"Retrieval on {results['n_answerable']} answerable questions (higher is better)")
    fig.tight_layout()
    fig.savefig(paths["retrieval"], dpi=100)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(10, 4.2))
    _bars(ax, results, "answer", ANSWER)
    ax.set_title("Answers (false abstention: lower is better)")
    fig.tight_layout()
    fig.savefig(paths["answers"], dpi=100)
    plt.close(fig)

    series = {f"{n}: retrieve": [v * 1000 for v in s["latencies"]["retrieve"]]
              for n, s in results["systems"].items() if s["latencies"]["retrieve"]}
    series.update({f"{n}: answer": [v * 1000 for v in s["latencies"]["answer"]]
                   for n, s in results["systems"].items() if s["latencies"]["answer"]})
    if "generative" in results:
        series["generative answer"] = [v * 1000 for v in results["generative"]["latencies"]]
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(series) + 1.5))
    ax.boxplot(list(series.values()), vert=False, tick_labels=list(series), showfliers=True)
    ax.set_xscale("log")
    ax.set_xlabel("milliseconds (log scale)")
    ax.set_title("Latency per question")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(paths["latency"], dpi=100)
    plt.close(fig)
