"""Fine-Gray as a weighted Cox model on expanded rows, as R's ``survival::finegray``.

A subject with a competing event stays in the subdistribution risk set after
its event with weight :math:`\\hat G(t-)/\\hat G(T_i-)` (:math:`\\hat G` the
Kaplan-Meier estimate of censoring). ``finegray()`` writes this as extra
``(start, stop]`` rows, one per interval between censoring times that holds
an event of the cause, each with its weight; a weighted counting-process
Cox fit on those rows gives the Fine-Gray coefficients, and
``coxph(..., cluster = )`` a robust variance that treats the weights as known
(Geskus [1]_; Therneau, "The Fine-Gray model" in the survival vignette
"compete" [2]_). This is how graftline fits Fine-Gray with case weights or
clusters, through the shared counting-process Cox engine.

Conventions of ``finegray()`` (survival 3.5) kept here: the censoring
distribution is estimated without case weights; at a time with both events
and censorings the events come first (so the censorings at t do not lower
:math:`\\hat G(t-)`); the subject's own row is extended to the next censoring
time with weight 1.

References
----------
.. [1] Geskus RB. Cause-specific cumulative incidence estimation and the Fine
   and Gray model under both left truncation and right censoring.
   Biometrics 2011;67:39-49.
.. [2] Therneau T, Crowson C, Atkinson E. Multi-state models and competing
   risks. R survival vignette (survival 3.5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ExpandedRows:
    """The ``finegray()`` data: one or more ``(start, stop]`` rows per subject."""

    subject: np.ndarray  # index of the subject each row belongs to
    start: np.ndarray
    stop: np.ndarray
    event: np.ndarray    # 1 = event of the modelled cause at stop
    weight: np.ndarray   # G ratio (1 for ordinary rows)


def expand(time: np.ndarray, codes: np.ndarray, *, cause: int, censor_code: int) -> ExpandedRows:
    """Expand right-censored competing-risks data as ``finegray(etype = cause)``."""
    n = len(time)
    censored = codes == censor_code
    competing = ~censored & (codes != cause)
    zero = 0.0 if time.min() > 0 else 2 * time.min() - 1
    # Censoring Kaplan-Meier; events at a time leave before the censorings at it.
    order = np.argsort(time, kind="stable")
    sorted_time = time[order]
    distinct, first = np.unique(sorted_time, return_index=True)
    n_cens = np.bincount(np.searchsorted(distinct, time[censored]), minlength=len(distinct))
    n_other = np.bincount(np.searchsorted(distinct, time[~censored]), minlength=len(distinct))
    at_or_after = n - first
    with_censoring = n_cens > 0
    at_risk = at_or_after - n_other  # time > c, plus those censored at c
    survival = np.cumprod(np.where(with_censoring, 1.0 - n_cens / np.maximum(at_risk, 1), 1.0))
    censoring_times = distinct[with_censoring]
    censoring_prob = survival[with_censoring]
    cut = np.r_[censoring_times, time.max()]
    prob = np.r_[1.0, censoring_prob]
    # Intervals (cut[j-1], cut[j]] that hold an event time of the cause.
    event_times = np.unique(time[codes == cause])
    holds_event = np.zeros(len(cut), dtype=bool)
    holds_event[np.searchsorted(cut, event_times, side="left")] = True
    kept = np.flatnonzero(holds_event)
    # The subject's interval: the first cut >= its time.
    own = np.searchsorted(cut, time, side="left")
    extra = np.where(competing, len(kept) - np.searchsorted(kept, own, side="right"), 0)
    stop = np.where(competing, cut[np.minimum(own, len(cut) - 1)], time)
    rows = 1 + extra
    subject = np.repeat(np.arange(n), rows)
    offset = np.arange(len(subject)) - np.repeat(np.cumsum(rows) - rows, rows)
    added = offset > 0
    interval = np.zeros(len(subject), dtype=np.intp)
    first_kept = np.searchsorted(kept, own, side="right")
    interval[added] = kept[first_kept[subject[added]] + offset[added] - 1]
    start = np.full(len(subject), zero)
    end = stop[subject].astype(np.float64)
    weight = np.ones(len(subject))
    start[added] = cut[interval[added] - 1]
    end[added] = cut[interval[added]]
    weight[added] = prob[interval[added]] / prob[own[subject[added]]]
    event = np.where(added, 0.0, (codes[subject] == cause).astype(np.float64))
    return ExpandedRows(subject=subject, start=start, stop=end, event=event, weight=weight)
