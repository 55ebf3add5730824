"""Reciprocal rank fusion (Cormack et al., 2009): pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence


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
