"""The binary treatment of an adjusted comparison, checked once at the boundary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError
from graftline.stats._validation import _to_numpy, check_group


@dataclass(frozen=True)
class Treatment:
    """Treatment as 0/1 per patient and the label of each arm.

    Attributes
    ----------
    treated : ndarray of bool, shape (n,)
        True for the treated (exposed) arm.
    labels : tuple
        ``(control label, treated label)`` as given by the caller.
    """

    treated: np.ndarray
    labels: tuple[object, object]

    @property
    def n(self) -> int:
        return len(self.treated)

    @property
    def indicator(self) -> np.ndarray:
        """1.0 for treated, 0.0 for control (the glm response)."""
        return self.treated.astype(np.float64)


def check_treatment(treatment: object, *, treated: object = None, n: int | None = None,
                    name: str = "treatment") -> Treatment:
    """Encode a two-arm treatment; the treated arm is ``treated`` or R's second level.

    Without ``treated``, the treated arm is the second level in R's
    ``factor()`` order (declared categories, else sorted values): 1 for 0/1
    codes, True for booleans, ``"mst"`` for ``{"chemo", "mst"}``. That is the
    level ``glm(family = binomial)`` models the probability of.
    """
    array = _to_numpy(treatment, name)
    if n is not None and len(array) != n:
        raise InputError(f"{name} has {len(array)} values but the covariates have {n} rows; "
                         "expected one per patient")
    groups = check_group(treatment, len(array), name=name)
    if groups.count != 2:
        raise InputError(
            f"{name} has {groups.count} distinct value{'s' if groups.count != 1 else ''} "
            f"{list(groups.labels)[:5]}; an adjusted comparison needs exactly two arms "
            "(compare arms pairwise, e.g. MST vs chemotherapy)"
        )
    if treated is None:
        index = 1
    else:
        matches = [k for k, label in enumerate(groups.labels) if _same_label(label, treated)]
        if not matches:
            raise InputError(f"treated={treated!r} is not one of the arms {list(groups.labels)} in {name}")
        index = matches[0]
    labels = (groups.labels[1 - index], groups.labels[index])
    return Treatment(treated=groups.codes == index, labels=labels)


def _same_label(label: object, given: object) -> bool:
    """``treated=`` names ``label``: equal, equal as text, or equal as numbers.

    Numbers: a 0/1 arm column with one missing value is read as 0.0/1.0, and
    ``--treated 1`` (text on the command line) should still name the 1s.
    """
    if label == given or str(label) == str(given):
        return True
    try:
        return float(label) == float(given)
    except (TypeError, ValueError):
        return False


def check_confounders(covariates: object, arms: Treatment) -> None:
    """Refuse confounders a propensity model cannot use, naming the column and level.

    - A column with one value for every patient cannot confound anything
      (and is collinear with the intercept).
    - A category (or a value of a two-valued column such as a 0/1 code)
      present in one arm only separates the arms: every such patient has a
      score of exactly 0 or 1 in the limit, R's ``glm`` returns an
      arbitrarily large coefficient, often without a warning (the fitted
      probabilities stop just short of its ``10 * .Machine$double.eps``
      threshold), and the weights of those patients mean nothing. There is
      no comparable patient in the other arm (a positivity violation).

    Continuous columns are not checked value by value: distinct values are
    expected to differ between arms. A separating combination of several
    columns is caught by :func:`graftline.stats.propensity_scores` from the
    fitted scores.
    """
    from graftline.stats._design import _columns

    for name, values, declared in _columns(covariates):
        values = np.asarray(values)
        if len(values) != arms.n:
            continue  # model_matrix names the wrong length
        levels, codes = _levels(values, categorical=declared is not None or values.dtype.kind not in "iufb")
        if levels is None:
            continue  # a missing value: model_matrix names it
        if len(levels) == 1:
            raise InputError(
                f"confounder '{name}' has the same value ({_shown(levels[0])}) for every patient: it cannot "
                "confound the comparison, and a propensity model cannot estimate it; drop it"
            )
        if codes is None:   # a continuous column with three or more values
            continue
        treated_per_level = np.bincount(codes, weights=arms.treated, minlength=len(levels))
        total_per_level = np.bincount(codes, minlength=len(levels))
        for k in sorted(range(len(levels)), key=lambda k: str(levels[k])):
            level = levels[k]
            only = (treated_per_level[k] == total_per_level[k], treated_per_level[k] == 0)
            if only[0] or only[1]:
                arm = arms.labels[1] if only[0] else arms.labels[0]
                other = arms.labels[0] if only[0] else arms.labels[1]
                count = int(total_per_level[k])
                raise InputError(
                    f"confounder '{name}' = {_shown(level)} occurs only in arm {arm} ({count} patient"
                    f"{'s' if count > 1 else ''}): no {other} patient is comparable, so the propensity "
                    "score of those patients is 0 or 1 (separation: R's glm gives an arbitrarily "
                    "large coefficient, often without a warning) and their weights are meaningless. Merge that "
                    "level with a neighbouring one, or leave those patients out"
                )


def _levels(values: np.ndarray, *, categorical: bool) -> tuple[list | None, np.ndarray | None]:
    """Distinct values and a code per patient, in O(n) (hashing, not sorting: registries are large).

    A numeric column is only coded when it has at most two values; with
    more, ``(the first two values seen, None)`` is enough for the caller.
    ``(None, None)`` when a value is missing.
    """
    if categorical:
        import pandas as pd

        codes, uniques = pd.factorize(values)
        return (None, None) if (codes < 0).any() else (list(uniques), codes)
    if values.dtype.kind == "f" and np.isnan(values).any():
        return None, None
    first = values[0]
    others = values[values != first]
    if others.size == 0:
        return [first], np.zeros(len(values), dtype=np.intp)
    if np.all(others == others[0]):
        return [first, others[0]], (values != first).astype(np.intp)
    return [first, others[0]], None


def _shown(value: object) -> str:
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    return repr(value)
