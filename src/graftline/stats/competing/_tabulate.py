"""Counts of censorings and failures by stratum, group, distinct time and cause.

Both the cumulative incidence estimator and Gray's test need nothing but
these counts, so the data are tabulated once: one hash-based factorisation
of the times (no full argsort of the subjects) and one ``bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graftline.stats._validation import Groups, _plain, check_group


@dataclass(frozen=True)
class CompetingCounts:
    """Tabulated competing-risks data.

    Attributes
    ----------
    times : ndarray, shape (T,)
        Distinct observed times, ascending.
    counts : ndarray, shape (S, G, T, K + 1)
        ``counts[s, g, t, 0]`` subjects censored and ``counts[s, g, t, k]``
        failures from cause ``k`` (1-based, in the order of ``causes``) at
        ``times[t]`` in stratum ``s`` and group ``g``.
    """

    times: np.ndarray
    counts: np.ndarray


def tabulate(
    time: np.ndarray, cause_index: np.ndarray, group_codes: np.ndarray,
    n_groups: int, n_causes: int, strata_codes: np.ndarray | None = None, n_strata: int = 1,
) -> CompetingCounts:
    """Tabulate; ``cause_index`` is 0 for censored and 1..K for the causes."""
    # factorize hashes the values and sorts only the distinct ones: O(n + T log T).
    codes, times = pd.factorize(time, sort=True)
    n_times = len(times)
    flat = group_codes.astype(np.int64) * n_times + codes
    if strata_codes is not None and n_strata > 1:
        flat += strata_codes.astype(np.int64) * (n_groups * n_times)
    flat = flat * (n_causes + 1) + cause_index
    size = n_strata * n_groups * n_times * (n_causes + 1)
    counts = np.bincount(flat, minlength=size).reshape(n_strata, n_groups, n_times, n_causes + 1)
    return CompetingCounts(times=np.asarray(times, dtype=np.float64), counts=counts.astype(np.float64))


def exclusive_cumsum(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Sum of the values strictly before each position along ``axis``."""
    total = np.cumsum(values, axis=axis)
    return total - values


def encode_groups(group: object, n: int, *, name: str = "group") -> Groups:
    """Group codes as :func:`check_group` gives them, by hashing instead of sorting.

    ``check_group`` sorts (or loops over) every label, which costs seconds for a
    million string labels; ``pandas.factorize`` hashes them and sorts only the
    distinct ones. Anything unusual (missing labels, unused categories, mixed
    types, polars) goes to ``check_group``, which raises its usual message.
    """
    if group is None or type(group).__module__.startswith("polars"):
        return check_group(group, n, name=name)
    try:
        categorical = _as_categorical(group)
        if categorical is not None:
            codes = np.asarray(categorical.codes)
            labels = categorical.categories
            if codes.size != n or (codes < 0).any() or np.bincount(codes, minlength=len(labels)).min() == 0:
                return check_group(group, n, name=name)
        else:
            values = group.to_numpy() if hasattr(group, "to_numpy") else np.asarray(group)
            if values.ndim != 1 or values.size != n:
                return check_group(group, n, name=name)
            codes, labels = pd.factorize(values, sort=True)
            if (codes < 0).any():
                return check_group(group, n, name=name)
    except TypeError:  # unorderable mixed labels
        return check_group(group, n, name=name)
    return Groups(codes=codes.astype(np.intp), labels=tuple(_plain(v) for v in labels))


def _as_categorical(group: object) -> pd.Categorical | None:
    if isinstance(group, pd.Categorical):
        return group
    if isinstance(getattr(group, "dtype", None), pd.CategoricalDtype) and hasattr(group, "cat"):
        return pd.Categorical(group)
    return None
