"""Counts at risk and events at each distinct time, for many groups at once.

One sort of the times (``np.unique``) and integer ``bincount`` over a
combined (group, time) key replace a loop over groups, so a Kaplan-Meier
curve per arm or a log-rank table costs O(n log n) in total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TimeTable:
    """One row per distinct (block, time) with at least one subject.

    ``block`` is a group (Kaplan-Meier) or a stratum (log-rank); rows are
    sorted by block, then time. ``n_risk`` counts subjects of the block with
    follow-up ``>= time``; ``n_event`` those with an event at ``time``.
    """

    block: np.ndarray
    time: np.ndarray
    n_at_time: np.ndarray
    n_event: np.ndarray
    n_risk: np.ndarray
    cell: np.ndarray  # per subject: its row in this table


def time_table(block: np.ndarray, n_blocks: int, time: np.ndarray, event: np.ndarray) -> TimeTable:
    """Tabulate subjects by (block, distinct time); O(n log n)."""
    unique_times, time_index = np.unique(time, return_inverse=True)
    n_times = len(unique_times)
    key = block.astype(np.int64) * n_times + time_index
    if n_blocks * n_times <= 4 * len(time) + 1024:
        # Dense count over every (block, time) pair, then keep the occupied ones:
        # cheaper than a second sort when the grid is not much larger than n.
        at_key = np.bincount(key, minlength=n_blocks * n_times)
        occupied = np.flatnonzero(at_key)
        lookup = np.empty(n_blocks * n_times, dtype=np.intp)
        lookup[occupied] = np.arange(len(occupied))
        cell = lookup[key]
        cells = occupied
    else:
        cells, cell = np.unique(key, return_inverse=True)
    n_at_time = np.bincount(cell, minlength=len(cells))
    n_event = np.bincount(cell, weights=event, minlength=len(cells)).round().astype(np.int64)
    row_block = cells // n_times
    # Subjects with time >= t in the same block: a reverse cumulative count,
    # minus everything that belongs to later blocks (exact in integers).
    after = np.cumsum(n_at_time[::-1])[::-1]
    block_end = np.searchsorted(row_block, row_block, side="right")
    after_block = np.append(after, 0)[block_end]
    return TimeTable(
        block=row_block.astype(np.intp),
        time=unique_times[cells % n_times],
        n_at_time=n_at_time,
        n_event=n_event,
        n_risk=after - after_block,
        cell=cell,
    )


@dataclass(frozen=True)
class SortedBlocks:
    """Per block (group, stratum or stratum x group): its times and event times, sorted."""

    times: list[np.ndarray]
    event_times: list[np.ndarray]


def sorted_blocks(block: np.ndarray, n_blocks: int, time: np.ndarray, event: np.ndarray) -> SortedBlocks:
    """Split subjects by block and sort each block's times and event times.

    NumPy's ``np.sort`` of float64 is vectorised (SIMD) and about five times
    faster than ``argsort``; nothing below needs to know which subject sits
    where, so counts come from sorted values alone. Grouping by a small
    integer code uses a stable (radix) argsort, O(n).
    """
    has_event = event > 0
    if n_blocks == 1:
        return SortedBlocks([np.sort(time)], [np.sort(time[has_event])])
    small = np.uint8 if n_blocks <= 256 else np.uint16 if n_blocks <= 65536 else np.int64
    order = np.argsort(block.astype(small), kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(block, minlength=n_blocks))]
    by_block, events_by_block = time[order], has_event[order]
    times, event_times = [], []
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
        segment = by_block[begin:end]
        times.append(np.sort(segment))
        event_times.append(np.sort(segment[events_by_block[begin:end]]))
    return SortedBlocks(times, event_times)


def count_at(sorted_times: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each value v: how many sorted times are >= v, and how many equal v."""
    left = np.searchsorted(sorted_times, values, side="left")
    right = np.searchsorted(sorted_times, values, side="right")
    return len(sorted_times) - left, right - left


def step_table(blocks: SortedBlocks) -> TimeTable:
    """A :class:`TimeTable` (without ``cell``) from sorted blocks: every distinct time per block."""
    rows_block, rows_time, rows_at, rows_event, rows_risk = [], [], [], [], []
    for k, (times, event_times) in enumerate(zip(blocks.times, blocks.event_times, strict=True)):
        if len(times) == 0:
            continue
        starts = np.flatnonzero(np.r_[True, times[1:] != times[:-1]])
        distinct = times[starts]
        rows_block.append(np.full(len(starts), k, dtype=np.intp))
        rows_time.append(distinct)
        rows_at.append(np.diff(np.r_[starts, len(times)]))
        rows_risk.append(len(times) - starts)
        rows_event.append(count_at(event_times, distinct)[1])
    return TimeTable(
        block=np.concatenate(rows_block), time=np.concatenate(rows_time),
        n_at_time=np.concatenate(rows_at), n_event=np.concatenate(rows_event),
        n_risk=np.concatenate(rows_risk), cell=np.empty(0, dtype=np.intp),
    )
