"""Score a computed alignment against a gold alignment written by reading both texts (eval data)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..compare.alignment import Alignment
from ..types import InputError


@dataclass
class Gold:
    from_doc: str
    to_doc: str
    pairs: dict[str, list[str]]  # from article -> accepted counterparts, main one first
    none_from: list[str]
    none_to: list[str]

    @classmethod
    def load(cls, path: Path) -> Gold:
        try:
            d = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            none = d.get("no_counterpart", {})
            return cls(d["from"], d["to"], {str(k): [str(x) for x in v] for k, v in d["pairs"].items()},
                       [str(x) for x in none.get("from", [])], [str(x) for x in none.get("to", [])])
        except (OSError, KeyError, tomllib.TOMLDecodeError) as e:
            raise InputError(f"cannot read the gold alignment {path}: {e}") from e


@dataclass
class AlignmentScore:
    n_pairs: int
    at_1: float  # gold pairs whose rank-1 match is accepted
    at_3: float  # gold pairs with an accepted match in the top 3
    none_recall: float  # gold no-counterpart articles (both sides) flagged
    none_precision: float  # flagged articles (among those the gold judges) that are gold no-counterpart
    pairs_flagged_none: list[str] = field(default_factory=list)  # gold pairs wrongly called "no counterpart"
    misses: list[str] = field(default_factory=list)  # readable lines for the report

    def to_dict(self) -> dict:
        return {"n_pairs": self.n_pairs, "pair_accuracy_at_1": round(self.at_1, 3),
                "pair_recall_at_3": round(self.at_3, 3), "no_counterpart_recall": round(self.none_recall, 3),
                "no_counterpart_precision": round(self.none_precision, 3),
                "gold_pairs_flagged_no_counterpart": self.pairs_flagged_none,
                "n_gold_pairs_flagged": len(self.pairs_flagged_none), "misses": self.misses}


def score(alignment: Alignment, gold: Gold) -> AlignmentScore:
    if (alignment.from_doc, alignment.to_doc) != (gold.from_doc, gold.to_doc):
        raise InputError(f"the gold alignment is {gold.from_doc} -> {gold.to_doc}, "
                         f"the alignment {alignment.from_doc} -> {alignment.to_doc}")
    at1 = at3 = 0
    flagged_pairs, misses = [], []
    for art, accepted in gold.pairs.items():
        p = alignment.pair(art)
        ranked = [m.article for m in p.matches] if p else []
        if ranked[:1] and ranked[0] in accepted:
            at1 += 1
        else:
            misses.append(f"{art}: expected {'/'.join(accepted)}, got {', '.join(ranked[:3]) or 'nothing'}")
        at3 += any(a in accepted for a in ranked[:3])
        if p is None or not p.counterpart:
            flagged_pairs.append(art)
    flagged_from = {p.from_article for p in alignment.pairs if not p.counterpart}
    flagged_to = set(alignment.only_in_to)
    gold_none = {("from", a) for a in gold.none_from} | {("to", a) for a in gold.none_to}
    flagged = {("from", a) for a in flagged_from} | {("to", a) for a in flagged_to}
    judged = gold_none | {("from", a) for a in gold.pairs} | {("to", a) for v in gold.pairs.values() for a in v}
    hits = gold_none & flagged
    for side, art in sorted(gold_none - flagged):
        misses.append(f"{side} {art}: no counterpart, but matched")
    n = len(gold.pairs)
    return AlignmentScore(
        n, at1 / n if n else 0.0, at3 / n if n else 0.0,
        len(hits) / len(gold_none) if gold_none else 1.0,
        len(hits) / len(flagged & judged) if flagged & judged else 1.0,
        flagged_pairs, misses)
