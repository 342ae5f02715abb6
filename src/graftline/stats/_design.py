"""Covariates to a model matrix, as R's ``model.matrix`` does for ``coxph``/``crr``.

Survival regression has no intercept (the baseline hazard takes its place),
so the matrix is R's treatment-contrast matrix with the ``(Intercept)``
column removed: numeric columns enter as they are, a categorical column with
levels ``l1 < l2 < ... < lk`` enters as ``k - 1`` indicator columns named
``<column><level>`` for ``l2..lk`` (``l1`` is the reference), and a boolean
column enters as ``<column>TRUE`` (R's logical-as-factor naming).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.linalg.lapack

from graftline.errors import InputError

# R's qr() default tolerance for rank determination (LINPACK dqrdc2, tol = 1e-7).
_RANK_TOLERANCE = 1e-7


@dataclass(frozen=True)
class DesignMatrix:
    """A numeric model matrix and where each column came from.

    Attributes
    ----------
    matrix : ndarray, shape (n, p)
        float64 values, one row per subject, no intercept.
    names : tuple of str
        R-style column names (``age``, ``armmst``, ``disease_riskhigh``).
    sources : tuple of str
        For each column, the input column it was built from.
    """

    matrix: np.ndarray
    names: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def n_terms(self) -> int:
        return len(self.names)


def model_matrix(covariates: object, *, n: int | None = None, check_rank: bool = True) -> DesignMatrix:
    """Build the treatment-contrast model matrix for a survival regression.

    Parameters
    ----------
    covariates : pandas.DataFrame, polars.DataFrame, ndarray or sequence
        One row per subject. A 1-D array is one covariate. Array columns are
        named ``x1, x2, ...``; a structured/record array keeps its field names.
    n : int, optional
        Expected number of rows (the length of ``time``); checked if given.
    check_rank : bool, default True
        Raise if the centred columns are linearly dependent. Centring is
        used because without an intercept a constant column (or a full set of
        indicators) is confounded with the baseline hazard.

    Returns
    -------
    DesignMatrix

    Raises
    ------
    InputError
        Missing values, non-numeric values in a numeric column, wrong number
        of rows, no columns, or collinear columns (the message names them).

    Notes
    -----
    Level order is the pandas ``Categorical`` (or polars ``Enum``) order when
    declared, otherwise sorted values, which is R's ``factor()`` default, so
    the reference level matches R. Unlike R, unused declared levels are
    dropped (R would keep an all-zero column and report ``NA``), so the
    reference is the first level that occurs.

    Examples
    --------
    >>> import pandas as pd
    >>> x = model_matrix(pd.DataFrame({"age": [30.0, 41, 52], "arm": ["chemo", "mst", "msc"]}))
    >>> x.names
    ('age', 'armmsc', 'armmst')
    >>> x.matrix[:, 1:].tolist()
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    """
    columns = _columns(covariates)
    if not columns:
        raise InputError("covariates has no columns; expected at least one covariate")
    rows = {len(values) for _, values, _ in columns}
    if len(rows) != 1:
        raise InputError(f"covariate columns have different lengths {sorted(rows)}")
    n_rows = rows.pop()
    if n is not None and n_rows != n:
        raise InputError(f"covariates has {n_rows} rows but time has {n}; expected one row per subject")

    blocks: list[np.ndarray] = []
    names: list[str] = []
    sources: list[str] = []
    for name, values, declared in columns:
        block, block_names = _encode(name, values, declared)
        blocks.append(block)
        names.extend(block_names)
        sources.extend([name] * len(block_names))
    matrix = np.column_stack(blocks) if blocks else np.empty((n_rows, 0))
    if matrix.shape[1] == 0:
        raise InputError("covariates give no model terms (each categorical has a single level)")
    design = DesignMatrix(np.ascontiguousarray(matrix, dtype=np.float64), tuple(names), tuple(sources))
    if check_rank:
        check_full_rank(design)
    return design


def check_full_rank(design: DesignMatrix) -> None:
    """Raise an InputError naming the columns that are linear combinations of others.

    Works on the correlation (Gram) matrix of the centred columns, so the cost
    is one O(n p^2) product: a pivoted Cholesky factor of it is the R of a
    column-pivoted QR of the standardised matrix, and a column whose pivot
    falls below ``1e-7 * |R[0, 0]|`` (R's ``qr`` tolerance) is dependent.
    """
    x = design.matrix - design.matrix.mean(axis=0)
    gram = x.T @ x
    scale = np.sqrt(np.diag(gram))
    constant = [design.names[j] for j in np.flatnonzero(scale <= _RANK_TOLERANCE * max(scale.max(), 1.0))]
    if constant:
        raise InputError(
            f"covariate column{'s' if len(constant) > 1 else ''} {constant} "
            "take a single value for every subject; a constant has no hazard ratio "
            "(the baseline hazard absorbs it) - drop it"
        )
    # Standardise so the tolerance does not depend on units (days vs years).
    correlation = gram / np.outer(scale, scale)
    factor, pivot, rank, _ = scipy.linalg.lapack.dpstrf(correlation, lower=0, tol=_RANK_TOLERANCE**2)
    pivot = pivot - 1  # LAPACK is 1-based
    if rank == len(scale):
        return
    kept = pivot[:rank]
    messages = []
    for j in pivot[rank:]:
        # Which kept columns reproduce column j: least squares via the normal equations.
        weights = np.linalg.lstsq(correlation[np.ix_(kept, kept)], correlation[kept, j], rcond=None)[0]
        involved = [design.names[k] for k, w in zip(kept, weights, strict=True) if abs(w) > 1e-6]
        messages.append(f"'{design.names[j]}' is a linear combination of {involved}")
    raise InputError(
        "covariates are collinear (singular design): " + "; ".join(messages)
        + ". Drop or merge these columns."
    )


def _columns(covariates: object) -> list[tuple[str, np.ndarray, list | None]]:
    """Split the input into (name, values, declared levels or None) per column."""
    if hasattr(covariates, "columns") and hasattr(covariates, "dtypes"):
        if type(covariates).__module__.startswith("polars"):
            return [(str(c), covariates[c].to_numpy(), _declared(covariates[c])) for c in covariates.columns]
        if getattr(covariates.columns, "nlevels", 1) > 1:
            raise InputError("covariates has a MultiIndex header; flatten the column names first")
        return [(str(c), covariates[c].to_numpy(), _declared(covariates[c])) for c in covariates.columns]
    if hasattr(covariates, "to_numpy") and hasattr(covariates, "name"):  # one Series
        name = str(covariates.name) if covariates.name is not None else "x"
        return [(name, covariates.to_numpy(), _declared(covariates))]
    array = np.asarray(covariates)
    if array.dtype.names:
        return [(str(f), array[f], None) for f in array.dtype.names]
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise InputError(f"covariates must be a table or a 2-D array, got shape {array.shape}")
    return [(f"x{j + 1}", array[:, j], None) for j in range(array.shape[1])]


def _declared(series: object) -> list | None:
    dtype = getattr(series, "dtype", None)
    categories = getattr(dtype, "categories", None)
    if categories is not None:  # pandas Categorical
        return list(categories)
    if hasattr(series, "cat") and hasattr(series.cat, "get_categories"):  # polars Categorical/Enum
        return list(series.cat.get_categories().to_list())
    return None


def _encode(name: str, values: np.ndarray, declared: list | None) -> tuple[np.ndarray, list[str]]:
    """One input column to its model-matrix block and the block's column names."""
    values = np.asarray(values)
    missing = _missing(values)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise InputError(
            f"covariates column '{name}' row {i} is missing; complete the data or drop "
            f"those subjects ({int(missing.sum())} missing in this column)"
        )
    if declared is None and values.dtype.kind in "iuf":
        if not np.isfinite(values).all():
            i = int(np.flatnonzero(~np.isfinite(values))[0])
            raise InputError(f"covariates column '{name}' row {i} is {values[i].item()!r}; expected a finite number")
        return values.astype(np.float64)[:, None], [name]
    if declared is None and values.dtype.kind == "b":
        # R treats a logical as a factor with levels FALSE < TRUE.
        return values.astype(np.float64)[:, None], [f"{name}TRUE"]
    if declared is None and values.dtype.kind == "O" and _all_numeric_objects(values):
        return values.astype(np.float64)[:, None], [name]
    if declared is None:
        try:
            levels = sorted(set(values.tolist()))
        except TypeError:
            raise InputError(
                f"covariates column '{name}' mixes numbers and text "
                f"(e.g. {values.tolist()[0]!r}); expected one kind per column"
            ) from None
    else:
        present = set(values.tolist())
        levels = [level for level in declared if level in present]
    index = {level: k for k, level in enumerate(levels)}
    codes = np.fromiter((index[v] for v in values.tolist()), dtype=np.intp, count=len(values))
    block = (codes[:, None] == np.arange(1, len(levels))[None, :]).astype(np.float64)
    return block, [f"{name}{_level_text(level)}" for level in levels[1:]]


def _all_numeric_objects(values: np.ndarray) -> bool:
    return all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in values.tolist())


def _missing(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind == "f":
        return np.isnan(values)
    if values.dtype.kind == "O":
        return np.fromiter(
            (v is None or (isinstance(v, float) and v != v) or type(v).__name__ in {"NAType", "NaTType"}
             for v in values.tolist()),
            dtype=bool, count=len(values),
        )
    return np.zeros(len(values), dtype=bool)


def _level_text(level: object) -> str:
    if isinstance(level, (bool, np.bool_)):
        return "TRUE" if level else "FALSE"
    if isinstance(level, float) and level.is_integer():
        return str(int(level))  # R prints factor(c(1, 2)) levels as "1", "2"
    return str(level)
