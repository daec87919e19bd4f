"""Scaling agenda minutes: exact totals, no empty or rushed items."""

from __future__ import annotations

import pytest

from mentor_assistant.agendas.scaling import MIN_ITEM, scale_minutes

TEMPLATES = [[5, 15, 10, 10, 10, 10], [5, 8, 12, 10, 5, 5], [5, 15, 10, 15, 10, 5, 20]]


@pytest.mark.parametrize("weights", TEMPLATES)
def test_every_total_adds_up_exactly(weights: list[int]) -> None:
    for total in range(15, 241):
        kept, minutes = scale_minutes(weights, total, protect={0, len(weights) - 1})
        assert sum(minutes) == total and min(minutes) >= MIN_ITEM, (total, minutes)
        assert kept == sorted(kept) and {0, len(weights) - 1} <= set(kept)


def test_proportions_are_kept() -> None:
    assert scale_minutes([5, 15, 10, 10, 10, 10], 120) == ([0, 1, 2, 3, 4, 5],
                                                          [10, 30, 20, 20, 20, 20])


def test_short_sessions_drop_the_least_weighty_items_not_protected_ones() -> None:
    kept, minutes = scale_minutes([5, 15, 10, 10, 10, 10], 15, protect={0, 5})
    assert kept == [0, 1, 5] and sum(minutes) == 15


def test_priorities_decide_what_goes_first() -> None:
    # the 30-minute check-in asked for 15 minutes: the optional close goes before the
    # heavier check-in, and the essential items stay whatever their weight
    kept, minutes = scale_minutes([3, 5, 14, 5, 3], 15, protect={2, 3},
                                  priorities=[2, 2, 1, 1, 3])
    assert kept == [1, 2, 3] and sum(minutes) == 15
    kept, _ = scale_minutes([5, 3, 14, 5, 3], 15, priorities=[3, 1, 1, 1, 2])
    assert kept == [1, 2, 3]
    kept, _ = scale_minutes([5, 3, 14, 5, 3], 15)  # by weight alone, the light ones go
    assert kept == [0, 2, 3]
