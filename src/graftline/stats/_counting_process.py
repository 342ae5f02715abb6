"""Risk sets of counting-process data: which rows are at risk at which event times.

A row is a time interval ``(start, stop]`` of one subject with an event
indicator at ``stop`` and a stratum. Right-censored data are the special
case ``start = -inf``. The Cox partial likelihood, its residuals, the
Schoenfeld-residual test and the multi-state transition models need, for
each distinct event time ``t`` of a stratum, sums over the rows at risk,
``start < t <= stop`` (R survival's convention: a row that starts at ``t``
is not at risk at ``t``, a row that stops at ``t`` is).

Instead of sorting rows and walking through time (R's ``agfit4``), each row
is mapped once to the *window* of event-time cells it is at risk for,
``entry <= k <= exit`` (cells are the distinct (stratum, event time) pairs,
in stratum then time order). Then

- a sum over each risk set is a suffix sum of per-cell totals: rows add at
  their ``exit`` cell (rows are sorted by it once, so this is a contiguous
  ``reduceat``) and are taken out again at ``entry - 1`` (a ``bincount``);
- a per-row sum over its own window of per-cell quantities (a cumulative
  hazard) is a difference of two prefix sums.

Rows whose window is empty (no event time of their stratum in
``(start, stop]``) play no part, as in R's ``agreg.fit``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RiskSets:
    """Event-time cells of counting-process data and each used row's window.

    Attributes
    ----------
    used : ndarray of intp
        Positions (in the caller's rows) of the rows at risk at one event
        time at least, sorted by last cell (events last within a cell);
        every per-row array below is over these rows in this order.
    entry, exit : ndarray of intp
        First and last cell each used row is at risk for.
    subtract_at : ndarray of intp
        Rows entering after their stratum's first cell (delayed entry or a
        later interval of a split subject): their index into the used rows.
    death : ndarray of intp
        Used rows with an event (index into the used rows), in cell order.
    death_cell : ndarray of intp
        The cell of each ``death`` row.
    cell_time, cell_stratum : ndarray
        Time and stratum code of each cell.
    n_deaths : ndarray of int64
        Events per cell.
    block_bounds : ndarray of intp
        Cell ranges of the strata that have events: ``block_bounds[b]`` to
        ``block_bounds[b + 1]``.
    """

    used: np.ndarray
    entry: np.ndarray
    exit: np.ndarray
    subtract_at: np.ndarray
    death: np.ndarray
    death_cell: np.ndarray
    cell_time: np.ndarray
    cell_stratum: np.ndarray
    n_deaths: np.ndarray
    block_bounds: np.ndarray
    n_rows: int
    exit_start: np.ndarray  # first used row of each cell's exits (rows sorted by exit)

    @property
    def n_cells(self) -> int:
        return len(self.cell_time)

    @classmethod
    def build(cls, stop: np.ndarray, event: np.ndarray, stratum: np.ndarray,
              start: np.ndarray | None = None) -> RiskSets:
        """Map every row to its window of event-time cells; O(n log m).

        ``stop``, ``start`` float arrays, ``event`` 0/1, ``stratum`` integer
        codes ``0..s-1``. ``start=None`` means right-censored data (every
        row at risk from the beginning of its stratum). The used rows are
        kept sorted by their last cell, events last within a cell, so that
        every per-cell sum over rows is a contiguous ``reduceat``.
        """
        n = len(stop)
        is_event = event > 0
        event_times = np.unique(stop[is_event])
        n_times = len(event_times)
        width = np.int64(n_times + 1)
        # Count of event times <= t (any stratum) ranks a time; a cell key
        # (stratum, rank) is then an exact integer, so no float offsets.
        stop_rank = np.searchsorted(event_times, stop, side="right")
        stratum64 = stratum.astype(np.int64)
        base = stratum64 * width
        cell_keys = np.unique(base[is_event] + stop_rank[is_event])
        n_keys = int(stratum64.max(initial=0) + 1) * int(width)
        if n_keys <= 4 * n + 1024:
            # "How many cells have a key <= k" as a dense table: one gather per
            # row instead of a binary search (searchsorted side="right").
            table = np.zeros(n_keys, dtype=np.int64)
            table[cell_keys] = 1
            np.cumsum(table, out=table)

            def cells_upto(keys):
                return table[keys]
        else:
            def cells_upto(keys):
                return np.searchsorted(cell_keys, keys, side="right")
        exit_ = cells_upto(base + stop_rank) - 1
        block_lo = cells_upto(base)
        if start is None:
            entry = block_lo
        else:
            start_rank = np.searchsorted(event_times, start, side="right")
            entry = cells_upto(base + start_rank)
        used = np.flatnonzero(entry <= exit_)
        m = len(cell_keys)
        key = 2 * exit_[used] + is_event[used]
        small = np.uint16 if 2 * m < 65_536 else np.int64  # uint16: NumPy's O(n) radix sort
        used = used[np.argsort(key.astype(small), kind="stable")]
        entry, exit_, block_lo = entry[used], exit_[used], block_lo[used]
        later = np.flatnonzero(entry > block_lo)
        cell_stratum = (cell_keys // width).astype(np.intp)
        cell_time = event_times[(cell_keys % width) - 1]
        death = np.flatnonzero(is_event[used])  # ascending position, hence ascending cell
        death_cell = exit_[death]
        n_deaths = np.bincount(death_cell, minlength=m).astype(np.int64)
        exit_start = np.searchsorted(exit_, np.arange(m), side="left")
        change = np.flatnonzero(cell_stratum[1:] != cell_stratum[:-1]) + 1
        block_bounds = np.r_[0, change, m].astype(np.intp)
        index = np.intp
        return cls(used=used.astype(index), entry=entry.astype(index), exit=exit_.astype(index),
                   subtract_at=later.astype(index), death=death.astype(index),
                   death_cell=death_cell.astype(index), cell_time=cell_time,
                   cell_stratum=cell_stratum, n_deaths=n_deaths, block_bounds=block_bounds,
                   n_rows=n, exit_start=exit_start.astype(index))

    def at_risk_sums(self, values: np.ndarray) -> np.ndarray:
        """Sum of each row of ``values`` (k x used rows, or one row) over every cell's risk set.

        Returns an array (cells x k): the rows leaving at each cell are one
        contiguous ``reduceat`` segment (the used rows are sorted by exit
        cell); rows entering late are taken out again at ``entry - 1`` with a
        ``bincount``; then one suffix sum per stratum.
        """
        values = np.atleast_2d(values)
        m = self.n_cells
        per_cell = np.add.reduceat(values, self.exit_start, axis=1).T
        later = self.subtract_at
        if len(later):
            taken_out_at = self.entry[later] - 1
            delayed = values[:, later]
            for j in range(values.shape[0]):
                per_cell[:, j] -= np.bincount(taken_out_at, delayed[j], minlength=m)
        return self.suffix_sums(np.ascontiguousarray(per_cell))

    def suffix_sums(self, per_cell: np.ndarray) -> np.ndarray:
        """Sum over cells ``>= k`` of the same stratum, for every cell k (in place)."""
        bounds = self.block_bounds
        for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
            block = per_cell[begin:end][::-1]
            np.cumsum(block, axis=0, out=block)
        return per_cell

    def window_sums(self, per_cell: np.ndarray) -> np.ndarray:
        """For each used row, the sum of ``per_cell`` (cells x k) over its window.

        Prefix sums are taken within each stratum, so strata do not mix.
        """
        per_cell = per_cell.reshape(self.n_cells, -1)
        prefix = np.empty((self.n_cells + 1, per_cell.shape[1]))
        prefix[0] = 0.0
        bounds = self.block_bounds
        for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
            np.cumsum(per_cell[begin:end], axis=0, out=prefix[begin + 1:end + 1])
        # Row windows never cross a stratum, so prefix[entry] (the sum up to
        # entry - 1) is 0 at a stratum's first cell only if that prefix is
        # restarted: subtract it only for rows entering later.
        result = prefix[self.exit + 1]
        later = self.subtract_at
        if len(later):
            result[later] -= prefix[self.entry[later]]
        return result

    def scatter(self, per_used_row: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """Per-used-row values back to the caller's rows (unused rows get ``fill``)."""
        shape = (self.n_rows,) + per_used_row.shape[1:]
        out = np.full(shape, fill, dtype=np.float64)
        out[self.used] = per_used_row
        return out
