"""Scale a list of item lengths to a total, in whole minutes, with no empty item."""

from __future__ import annotations

from collections.abc import Sequence

MIN_ITEM = 3
MIN_AVERAGE = 4  # below this, an agenda is a list of rushed items: drop some instead


def scale_minutes(weights: Sequence[float], total: int, protect: set[int] | None = None,
                  priorities: Sequence[int] | None = None) -> tuple[list[int], list[int]]:
    """Share ``total`` minutes among items in proportion to ``weights``.

    Items are dropped (the highest ``priorities`` number first, then the least
    weight; never a protected one) until the remaining items average at least
    `MIN_AVERAGE` minutes; none gets fewer than `MIN_ITEM`. Returns the indexes of
    the kept items and their minutes, which add up exactly to ``total``.
    """
    protect = protect or set()
    rank = list(priorities) if priorities is not None else [0] * len(weights)
    kept = list(range(len(weights)))
    while len(kept) > 1 and total < MIN_AVERAGE * len(kept):
        droppable = [i for i in kept if i not in protect] or kept[1:]
        kept.remove(min(droppable, key=lambda i: (-rank[i], weights[i], -i)))
    share = [weights[i] for i in kept]
    raw = [w * total / sum(share) for w in share]
    minutes = [max(MIN_ITEM, int(x)) for x in raw]
    order = sorted(range(len(kept)), key=lambda j: (-(raw[j] - int(raw[j])), j))
    step = 0
    while sum(minutes) < total:  # hand out the remainder, biggest fractions first
        minutes[order[step % len(order)]] += 1
        step += 1
    while sum(minutes) > total:  # minimums pushed it over: trim the longest items
        above = [j for j in range(len(minutes)) if minutes[j] > MIN_ITEM]
        longest = max(above, key=lambda j: (minutes[j] - raw[j], minutes[j], -j))
        minutes[longest] -= 1
    return kept, minutes
