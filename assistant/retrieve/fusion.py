"""Reciprocal rank fusion (Cormack et al., 2009): pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Hashable]],
    k: int = 60,
    weights: Sequence[float] | None = None,
) -> list[tuple[Hashable, float]]:
    """Fuse several ranked lists of ids into one, best first.

    Each list contributes ``weight / (k + rank)`` (rank from 1) to every id it holds. Ties keep the
    order of first appearance, so the result is deterministic.
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[Hashable, float] = {}
    first_seen: dict[Hashable, int] = {}
    for ranking, weight in zip(rankings, weights, strict=False):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
            first_seen.setdefault(item, len(first_seen))
    return sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


def interleave(ranking: Sequence[Hashable], group_of: Callable[[Hashable], Hashable]) -> list[Hashable]:
    """Round-robin over the groups of a ranking, each group in its own order, groups in order of their best
    item: a comparison sees the best passage of each treaty before the second best of either."""
    queues: dict[Hashable, list[Hashable]] = {}
    for item in ranking:
        queues.setdefault(group_of(item), []).append(item)
    out: list[Hashable] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                out.append(queue.pop(0))
    return out


def kept_firsts(ranking: Sequence[T], firsts: Sequence[Hashable], limit: int,
                id_of: Callable[[T], Hashable] = lambda item: item) -> list[T]:
    """The fused ranking with each ranker's first choice (``firsts``) within its top ``limit``: one that fell
    below, found first by one ranker and not at all by the other (a short paragraph "… results in serious harm" that
    BM25 ranks first and the embedding misses), takes the last places of the top, in the order of ``firsts``."""
    top = {id_of(item) for item in ranking[:limit]}
    wanted = [f for f in dict.fromkeys(firsts) if f not in top]
    moved = [item for f in wanted for item in ranking if id_of(item) == f][:limit]
    if not moved:
        return list(ranking)
    taken = {id_of(item) for item in moved}
    rest = [item for item in ranking if id_of(item) not in taken]
    cut = max(limit - len(moved), 0)
    return rest[:cut] + moved + rest[cut:]
