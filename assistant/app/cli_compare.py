"""`convention-assistant compare`: two treaties aligned article by article, as a table, JSON, Markdown or CSV;
one article's counterpart with word differences; the reviewed overrides' notes; scoring against a gold file."""

from __future__ import annotations

import json

from ..config import Settings
from ..types import AssistantError


def cmd_compare(args, settings: Settings) -> int:
    from ..compare.alignment import align, to_csv, to_markdown
    from ..compare.textdiff import plain_diff
    from ..eval.aligneval import Gold, score
    from ..wiring import build

    parts = build(settings)
    index, comparer = parts.index, parts.comparer
    if args.gold:
        gold = Gold.load(args.gold)
        computed = align(index.chunks(), index.vectors(), gold.from_doc, gold.to_doc)  # no overrides
        print(json.dumps(score(computed, gold).to_dict(), indent=2))
        return 0
    al = comparer.alignment(args.from_doc, args.to_doc)
    names = {d.id: d.short_name for d in parts.manifest}
    a_name, b_name = names.get(al.from_doc, al.from_doc), names.get(al.to_doc, al.to_doc)
    if args.notes:
        print("\n".join(al.notes) or "the reviewed overrides agree with the computed alignment")
        return 0
    if args.format:
        text = to_markdown(al, a_name, b_name) if args.format == "md" else to_csv(al)
        if args.out is None:
            print(text, end="")
        else:
            try:
                args.out.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise AssistantError(f"cannot write {args.out}: {exc.strerror}") from exc
            print(f"wrote {args.out} ({len(al.pairs)} articles)")
        return 0
    if args.article:
        art = args.article.strip().removeprefix("Art.").removeprefix("Article").strip()
        cmp = comparer.article(al.from_doc, al.to_doc, art)
        if args.json:
            d = {**al.to_dict(), "pairs": [p for p in al.to_dict()["pairs"] if p["from_article"] == art]}
            d["paragraphs"] = [{"from": p.a.locator if p.a else None, "to": p.b.locator if p.b else None,
                                "similarity": p.similarity, "same_wording": p.same_wording,
                                "segments": [s.__dict__ for s in p.segments]} for p in cmp.paragraphs]
            print(json.dumps(d, ensure_ascii=False, indent=2))
            return 0
        best = cmp.pair.best
        verdict = "counterpart" if cmp.pair.counterpart else "no counterpart (closest shown)"
        print(f"{a_name} Art. {art} – {cmp.article.title}")
        if cmp.counterpart and best:
            print(f"{b_name} Art. {cmp.counterpart.number} – {cmp.counterpart.title}  [score {best.score:.2f}, {verdict}]")
        print("others checked: " + ", ".join(f"Art. {m.article} ({m.score:.2f})" for m in cmp.pair.matches[1:]))
        for p in cmp.paragraphs:
            print()
            if p.a and p.b:
                print(f"{p.a.locator} ↔ {p.b.locator}" + ("  (same wording)" if p.same_wording else ""))
                print(plain_diff(p.segments))
            else:
                c = p.a or p.b
                print(f"{c.locator} (no corresponding paragraph)\n{c.text}")
        return 0
    if args.json:
        print(json.dumps(al.to_dict(), ensure_ascii=False, indent=2))
        return 0
    for p in al.pairs:
        best = p.best
        other = f"Art. {best.article:>3} {best.title[:38]:38} {best.score:.2f}" if best and p.counterpart else \
            f"{'— no counterpart':49}" + (f" (closest Art. {best.article}, {best.score:.2f})" if best else "")
        print(f"Art. {p.from_article:>3} {p.from_title[:44]:44} {other}")
    print(f"\nonly in {b_name}: " + (", ".join(f"Art. {a} {al.to_titles.get(a, '')}" for a in al.only_in_to) or "none"))
    return 0
