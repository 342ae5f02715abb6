"""A deliberately different, loop-based implementation of the recovery rules.

Used only by tests: the Ibis/SQL engine must agree with these plain loops on
seeded random timelines.
"""

from __future__ import annotations


def first_recovery_day(
    values: dict[int, float],
    threshold: float,
    *,
    n: int = 3,
    max_gap: int | None = None,
    successive: bool = False,
    transfusions: list[int] = (),
    free_days: int | None = None,
) -> int | None:
    """First day starting n values >= threshold after the nadir (and transfusion-free, if asked)."""
    days = sorted(values)
    for i, day in enumerate(days):
        fell_before = any(values[d] < threshold for d in days[:i]) or any(0 <= t < day for t in transfusions)
        if not fell_before:
            continue
        run = days[i : i + n]
        if len(run) < n or any(values[d] < threshold for d in run):
            continue
        gaps = [b - a for a, b in zip(run, run[1:], strict=False)]
        if successive and any(g != 1 for g in gaps):
            continue
        if max_gap is not None and any(g > max_gap for g in gaps):
            continue
        if free_days is not None and any(day - free_days < t <= day for t in transfusions):
            continue
        return day
    return None
