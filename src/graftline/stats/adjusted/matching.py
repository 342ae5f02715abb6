"""Greedy nearest-neighbour matching on the propensity logit, equal to MatchIt's ``method = "nearest"``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError
from graftline.stats.adjusted.balance import BalanceTable, balance_table
from graftline.stats.adjusted.propensity import PropensityModel, propensity_scores


@dataclass(frozen=True)
class MatchResult:
    """Matched sets of a 1:k nearest-neighbour match of treated to control patients.

    Attributes
    ----------
    matches : ndarray of int, shape (n_treated, ratio)
        Row index (into the input) of each treated patient's controls, in
        the order they were chosen; -1 where none was found.
    treated_rows : ndarray of int
        Row index of each treated patient (the rows of ``matches``).
    weights : ndarray, shape (n,)
        MatchIt's matching weights: 1 for a matched treated patient, for a
        control the sum over its treated patient of 1/(that patient's number
        of controls), scaled so the control weights add up to the number of
        matched controls; 0 for the unmatched.
    model : PropensityModel
        The score model whose logit was matched on.
    caliper : float or None
        The caliper in logit units (the requested SDs times the SD of the logit).
    """

    matches: np.ndarray
    treated_rows: np.ndarray
    weights: np.ndarray
    model: PropensityModel
    caliper: float | None

    @property
    def matched(self) -> np.ndarray:
        """True for every patient in a matched set."""
        return self.weights > 0

    @property
    def n_matched_treated(self) -> int:
        return int((self.matches[:, 0] >= 0).sum())

    def balance(self, covariates, *, sd_denominator: str = "pooled") -> BalanceTable:
        """Balance of ``covariates`` in the matched sets, beside the full cohort's."""
        return balance_table(self.model.treated, covariates, self.weights, sd_denominator=sd_denominator)

    def to_frame(self):
        """One row per matched pair: ``subclass, treated_row, control_row``."""
        import pandas as pd

        rows, slots = np.nonzero(self.matches >= 0)
        return pd.DataFrame({
            "subclass": rows,
            "treated_row": self.treated_rows[rows],
            "control_row": self.matches[rows, slots],
        })


def match_nearest(treatment, covariates, *, caliper: float | None = 0.2, ratio: int = 1,
                  treated: object = None) -> MatchResult:
    """Match each treated patient to its nearest control(s) on the propensity logit.

    Parameters
    ----------
    treatment, covariates, treated
        As :func:`graftline.stats.propensity_scores`; the treated arm is the
        one matched (the ATT: the controls are made to resemble the treated).
    caliper : float or None, default 0.2
        Maximum distance in standard deviations of the logit (Austin 2011
        recommends 0.2); a treated patient without a control that close
        stays unmatched. ``None``: no caliper.
    ratio : int, default 1
        Controls per treated patient (1:k matching).

    Returns
    -------
    MatchResult

    Notes
    -----
    The algorithm of MatchIt 4 with ``distance = "glm", link = "linear.logit",
    m.order = "largest", replace = FALSE``: treated patients are taken from
    the largest score down (ties in input order); each takes the closest
    control not yet used (a tie between the nearest control below and above
    goes to the one below; equal scores in input order). With ``ratio = k``
    every treated patient takes its first control before any takes its
    second. The caliper is ``caliper`` times the sample SD of the logit over
    all patients. Greedy matching is not optimal matching: its pairs depend
    on the order, but it is what MatchIt does by default.

    Matched-set balance should use weights (MatchIt's ``weights``) in the
    analysis; the matched pairs are not independent, so analyses of a
    matched cohort should use a variance robust to the pairing (cluster on
    the pair).

    References
    ----------
    .. [1] Austin PC. Optimal caliper widths for propensity-score matching when
       estimating differences in means and differences in proportions in
       observational studies. Pharm Stat 2011;10:150-61.
    .. [2] Ho DE, Imai K, King G, Stuart EA. MatchIt. J Stat Softw 2011;42(8).

    Examples
    --------
    >>> import numpy as np
    >>> arm = np.array([1, 0, 0, 1, 0, 0, 1, 0])
    >>> age = np.array([70.0, 68, 40, 55, 52, 30, 45, 61])
    >>> result = match_nearest(arm, age, caliper=None)
    >>> result.to_frame().shape
    (3, 3)
    """
    ratio = int(ratio)
    if ratio < 1:
        raise InputError(f"ratio={ratio}; expected at least one control per treated patient")
    if caliper is not None and not caliper > 0:
        raise InputError(f"caliper={caliper!r}; expected a positive number of SDs of the logit, or None")
    model = propensity_scores(treatment, covariates, treated=treated)
    distance = model.logit
    width = None if caliper is None else float(caliper) * float(np.std(distance, ddof=1))
    matches, treated_rows = _greedy(distance, model.treated, ratio=ratio, caliper=width)
    if not (matches >= 0).any():
        raise InputError(f"no treated patient has a control within the caliper ({caliper:g} SD of the score "
                         f"logit = {width:.3g} logit units); widen the caliper")
    return MatchResult(matches=matches, treated_rows=treated_rows,
                       weights=_matching_weights(matches, treated_rows, len(distance)), model=model,
                       caliper=width)


def _greedy(distance: np.ndarray, treated: np.ndarray, *, ratio: int,
            caliper: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Greedy 1:k matching without replacement along the sorted distance.

    The available controls nearest to a position are found with two
    "next available" pointer arrays with path compression (a union-find
    over positions), so the whole match costs about O(n log n) for the sort.
    """
    n = len(distance)
    order = np.argsort(distance, kind="stable")
    sorted_distance = distance[order]
    is_control = ~treated[order]
    # left[p]: candidate at or below p; right[p]: at or above p. -1 / n: none.
    left = np.where(is_control, np.arange(n), np.arange(n) - 1).tolist()
    right = np.where(is_control, np.arange(n), np.arange(n) + 1).tolist()
    position = np.empty(n, dtype=np.intp)
    position[order] = np.arange(n)
    treated_rows = np.flatnonzero(treated)
    # MatchIt's m.order = "largest": highest score first, ties in input order.
    visit = np.argsort(-distance[treated_rows], kind="stable").tolist()
    matches = np.full((len(treated_rows), ratio), -1, dtype=np.intp)
    values = sorted_distance.tolist()
    remaining = int(is_control.sum())

    def find(pointer: list[int], p: int, limit: int) -> int:
        root = p
        while root != limit and pointer[root] != root:
            root = pointer[root]
        while p != limit and pointer[p] != root:  # path compression
            pointer[p], p = root, pointer[p]
        return root

    for slot in range(ratio):
        for k in visit:
            if remaining == 0:
                break
            p = int(position[treated_rows[k]])
            d = values[p]
            lo = find(left, p, -1)
            hi = find(right, p, n)
            if lo >= 0 and caliper is not None and abs(d - values[lo]) > caliper:
                lo = -1
            if hi < n and caliper is not None and abs(d - values[hi]) > caliper:
                hi = n
            if lo >= 0 and (hi >= n or abs(values[lo] - d) <= abs(values[hi] - d)):
                chosen = lo
            elif hi < n:
                chosen = hi
            else:
                continue
            matches[k, slot] = order[chosen]
            left[chosen] = chosen - 1
            right[chosen] = chosen + 1
            remaining -= 1
    return matches, treated_rows


def _matching_weights(matches: np.ndarray, treated_rows: np.ndarray, n: int) -> np.ndarray:
    weights = np.zeros(n)
    found = matches >= 0
    per_treated = found.sum(axis=1)
    has = per_treated > 0
    weights[treated_rows[has]] = 1.0
    rows, slots = np.nonzero(found)
    np.add.at(weights, matches[rows, slots], 1.0 / per_treated[rows])
    controls = matches[rows, slots]
    total = weights[controls].sum()
    if total > 0:
        weights[controls] *= len(controls) / total
    return weights
