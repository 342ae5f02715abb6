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
