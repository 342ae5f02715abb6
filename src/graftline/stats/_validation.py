"""Checks shared by every estimator in :mod:`graftline.stats`.

Each check converts one argument at the boundary to a plain NumPy array and
raises :class:`graftline.errors.InputError` with a message that names the
argument, the first offending position and value, and what was expected.
Positions are 0-based indices into the arrays the caller passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError


def _to_numpy(values: object, name: str) -> np.ndarray:
    """Turn a list, NumPy array, pandas or polars Series into a 1-D array."""
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        # pandas and polars Series; pandas nullable dtypes become object/float
        values = values.to_numpy()
    array = np.asarray(values)
    if array.ndim == 0:
        raise InputError(f"{name} must be a 1-D sequence, got a single value {array.item()!r}")
    if array.ndim != 1:
        raise InputError(f"{name} must be 1-D, got an array of shape {array.shape}")
    return array


def check_time(time: object, *, name: str = "time") -> np.ndarray:
    """Return follow-up times as float64, finite and >= 0.

    Raises
    ------
    InputError
        If ``time`` is empty, not numeric, NaN/infinite or negative.
    """
    array = _to_numpy(time, name)
    if array.size == 0:
        raise InputError(f"{name} is empty: at least one subject is needed")
    if array.dtype.kind not in "iuf":
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError):
            bad = _first_non_numeric(array)
            raise InputError(
                f"{name}[{bad}] = {_plain(array[bad])!r} is not a number; expected times in days >= 0"
            ) from None
    array = array.astype(np.float64, copy=False)
    bad = np.flatnonzero(~np.isfinite(array) | (array < 0))
    if bad.size:
        i = int(bad[0])
        what = "missing (NaN)" if np.isnan(array[i]) else f"{_plain(array[i])!r}"
        raise InputError(
            f"{name}[{i}] is {what}; expected a finite time >= 0 "
            f"({bad.size} such value{'s' if bad.size > 1 else ''} in total)"
        )
    return array


def _first_non_numeric(array: np.ndarray) -> int:
    for i, value in enumerate(array):
        try:
            float(value)
        except (TypeError, ValueError):
            return i
    return 0


def check_event(event: object, n: int, *, name: str = "event") -> np.ndarray:
    """Return a 0/1 event indicator as float64 (1 = event, 0 = censored).

    Booleans are accepted. Any other code is an error: a status with several
    causes belongs to :func:`graftline.stats.cumulative_incidence`.
    """
    array = _to_numpy(event, name)
    check_length(array, n, name)
    if array.dtype == bool:
        return array.astype(np.float64)
    try:
        numeric = array.astype(np.float64)
    except (TypeError, ValueError):
        bad = _first_non_numeric(array)
        raise InputError(
            f"{name}[{bad}] = {_plain(array[bad])!r}; expected 1 (event) or 0 (censored)"
        ) from None
    bad = np.flatnonzero((numeric != 0) & (numeric != 1))
    if bad.size:
        i = int(bad[0])
        raise InputError(
            f"{name}[{i}] = {_plain(array[i])!r}; expected 1 (event) or 0 (censored)"
            + (" - for several causes use cumulative_incidence" if numeric[i] > 1 else "")
        )
    return numeric


def check_status(
    status: object, n: int, *, censor_code: int = 0, codes: Iterable[int] | None = None,
    name: str = "status",
) -> np.ndarray:
    """Return integer status codes (``censor_code`` = censored, others = causes).

    If ``codes`` is given, every value must be one of them (plus the censor code).
    """
    array = _to_numpy(status, name)
    check_length(array, n, name)
    try:
        numeric = array.astype(np.float64)
    except (TypeError, ValueError):
        bad = _first_non_numeric(array)
        raise InputError(f"{name}[{bad}] = {_plain(array[bad])!r} is not an integer status code") from None
    bad = np.flatnonzero(~np.isfinite(numeric) | (numeric != np.round(numeric)))
    if bad.size:
        i = int(bad[0])
        raise InputError(f"{name}[{i}] = {_plain(array[i])!r} is not an integer status code")
    integer = numeric.astype(np.int64)
    if codes is not None:
        allowed = {int(c) for c in codes} | {int(censor_code)}
        bad = np.flatnonzero(~np.isin(integer, sorted(allowed)))
        if bad.size:
            i = int(bad[0])
            raise InputError(
                f"{name}[{i}] = {integer[i]} is not a declared status code; "
                f"expected one of {sorted(allowed)} ({censor_code} = censored)"
            )
    return integer


def check_weights(weights: object, n: int, *, name: str = "weights", zero: bool = False) -> np.ndarray:
    """Return case weights as float64: one per subject, finite and > 0 (``zero``: >= 0).

    Callers that refuse a weight of 0 with their own message pass ``zero=True``.
    """
    array = _to_numpy(weights, name)
    check_length(array, n, name)
    try:
        array = array.astype(np.float64)
    except (TypeError, ValueError):
        bad = _first_non_numeric(array)
        raise InputError(f"{name}[{bad}] = {_plain(array[bad])!r} is not a number; expected a weight > 0") from None
    bad = np.flatnonzero(~np.isfinite(array) | (array < 0) | ((array == 0) & (not zero)))
    if bad.size:
        i = int(bad[0])
        # Weights of 0 come from trimmed or unmatched patients (propensity_weights, match_nearest).
        hint = "; leave out the rows that should not count (weight 0: trimmed or unmatched patients)" \
            if array[i] == 0 else ""
        raise InputError(f"{name}[{i}] = {_plain(array[i])!r}; expected a finite weight > 0 "
                         f"({bad.size} such value{'s' if bad.size > 1 else ''} in total){hint}")
    return array


def check_length(array: np.ndarray, n: int, name: str) -> None:
    """Raise if ``array`` does not have one value per subject."""
    if len(array) != n:
        raise InputError(f"{name} has {len(array)} values but time has {n}; expected one per subject")


@dataclass(frozen=True)
class Groups:
    """Integer codes ``0..k-1`` per subject and the label of each code."""

    codes: np.ndarray
    labels: tuple[object, ...]

    @property
    def count(self) -> int:
        return len(self.labels)


def check_group(group: object, n: int, *, name: str = "group") -> Groups:
    """Encode group labels; order is the pandas Categorical order, else sorted.

    Sorted order is what R's ``factor()`` gives for character vectors, so the
    first group here is R's first level. A declared category with no subject
    (a group of size 0) is an error rather than a silent empty curve.
    """
    if group is None:
        return Groups(codes=np.zeros(n, dtype=np.intp), labels=("all",))
    declared = _declared_categories(group)
    array = _to_numpy(group, name)
    check_length(array, n, name)
    missing = _missing_mask(array)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise InputError(f"{name}[{i}] is missing; every subject needs a group label")
    if declared is None:
        if array.dtype.kind in "iu" and array.min() >= 0 and array.max() <= 4 * n:
            # Small non-negative integer codes (e.g. arm 0/1/2): O(n) by counting.
            present = np.bincount(array) > 0
            labels = np.flatnonzero(present)
            codes = (np.cumsum(present) - 1)[array]
        elif array.dtype.kind in "iufb":
            labels, codes = np.unique(array, return_inverse=True)
        else:
            # Text labels: pandas' hash-based factorize is ~5x faster than
            # sorting a million strings with np.unique; sort=True gives the
            # same sorted level order (R's factor() order).
            import pandas as pd

            try:
                codes, labels = pd.factorize(array, sort=True)
            except TypeError:
                raise InputError(
                    f"{name} mixes label types ({sorted({type(v).__name__ for v in array})}); "
                    "use one type, e.g. all strings"
                ) from None
            labels = np.asarray(labels)
        # tolist() turns NumPy scalars into Python ones in C (as _plain does one by
        # one): a million patient ids as cluster labels cost ~0.05 s, not ~2 s.
        return Groups(codes=codes.astype(np.intp), labels=tuple(np.asarray(labels).tolist()))
    codes = _category_codes(group)
    if codes is None:  # polars: map labels through the declared order
        lookup = {label: k for k, label in enumerate(declared)}
        codes = np.fromiter((lookup[v] for v in array), dtype=np.intp, count=n)
    sizes = np.bincount(codes, minlength=len(declared))
    empty = [declared[k] for k in np.flatnonzero(sizes == 0)]
    if empty:
        raise InputError(
            f"{name} declares level{'s' if len(empty) > 1 else ''} {empty} with no subjects "
            "(a group of size 0); drop unused categories first, e.g. "
            "series.cat.remove_unused_categories()"
        )
    return Groups(codes=codes, labels=tuple(_plain(v) for v in declared))


def _declared_categories(values: object) -> list | None:
    """Categories of a pandas Categorical/polars Enum in their declared order."""
    dtype = getattr(values, "dtype", None)
    categories = getattr(dtype, "categories", None)  # pandas CategoricalDtype
    if categories is not None:
        return list(categories)
    if hasattr(values, "cat") and hasattr(values.cat, "get_categories"):  # polars
        return list(values.cat.get_categories().to_list())
    return None


def _category_codes(values: object) -> np.ndarray | None:
    """Integer codes of a pandas Categorical (Series or array) in declared order."""
    if hasattr(values, "cat") and hasattr(values.cat, "codes"):
        return values.cat.codes.to_numpy().astype(np.intp)
    if hasattr(values, "codes") and hasattr(values, "categories"):
        return np.asarray(values.codes, dtype=np.intp)
    return None


def _missing_mask(array: np.ndarray) -> np.ndarray:
    if array.dtype.kind == "f":
        return np.isnan(array)
    if array.dtype.kind == "O":
        import pandas as pd  # vectorised None/NaN/NA test; a Python loop costs ~0.1 s per 10^6

        return np.asarray(pd.isna(array), dtype=bool)
    return np.zeros(len(array), dtype=bool)


def _plain(value: object) -> object:
    """NumPy scalars to Python scalars so labels print and compare simply."""
    return value.item() if isinstance(value, np.generic) else value
