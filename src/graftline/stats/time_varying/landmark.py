"""Landmark analysis: patients event-free at a landmark day, followed from it."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats.competing.cuminc import CumulativeIncidenceResult, cumulative_incidence
from graftline.stats.endpoint_columns import from_endpoints
from graftline.stats.survival.cox import ConvergenceWarning, CoxResult, cox_ph
from graftline.stats.survival.kaplan_meier import KaplanMeierResult, kaplan_meier
from graftline.stats.time_varying.split import NOT_APPLICABLE, _exposure_day


@dataclass(frozen=True)
class LandmarkAnalysis:
    """The analysis at one landmark day.

    Attributes
    ----------
    day : float
        The landmark.
    data : pandas.DataFrame
        The patients event-free at the landmark: ``id, time, status`` (time
        from the landmark), the covariates' status at the landmark, ``fixed``.
    curves : KaplanMeierResult or CumulativeIncidenceResult
        By ``group`` (one curve when no group).
    cox : CoxResult or None
        (Cause-specific) Cox model on the covariates and ``fixed``; None when
        there are none or no events.
    n_excluded : int
        Patients with the outcome, a competing event or censoring on or
        before the landmark.
    """

    day: float
    data: pd.DataFrame = field(repr=False)
    curves: KaplanMeierResult | CumulativeIncidenceResult | None = field(repr=False)
    cox: CoxResult | None = field(repr=False)
    n_excluded: int = 0
    notes: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return len(self.data)

    @property
    def n_events(self) -> int:
        return int((self.data["status"] == 1).sum())


@dataclass(frozen=True)
class LandmarkResult:
    """Landmark analyses of one outcome at several days."""

    outcome: str
    estimator: str  # "kaplan_meier" or "cumulative_incidence"
    group: str | None
    analyses: tuple[LandmarkAnalysis, ...]

    def summary(self) -> pd.DataFrame:
        """One row per landmark: ``landmark, n, events, competing, excluded``."""
        return pd.DataFrame({
            "landmark": [a.day for a in self.analyses],
            "n": [a.n for a in self.analyses],
            "events": [a.n_events for a in self.analyses],
            "competing": [int((a.data["status"] == 2).sum()) for a in self.analyses],
            "excluded": [a.n_excluded for a in self.analyses],
        })

    def to_frame(self, *, conf_level: float = 0.95) -> pd.DataFrame:
        """Cox coefficients per landmark: ``landmark`` then ``CoxResult.to_frame()``'s columns."""
        parts = [a.cox.to_frame(conf_level=conf_level).assign(landmark=a.day)
                 for a in self.analyses if a.cox is not None]
        if not parts:
            return pd.DataFrame(columns=["landmark", "term", "coef", "se", "hr", "lower", "upper", "p_value"])
        frame = pd.concat(parts, ignore_index=True)
        return frame[["landmark", *[c for c in frame.columns if c != "landmark"]]]

    def curves(self) -> pd.DataFrame:
        """The curves of every landmark stacked, with a ``landmark`` column; time is
        from the landmark (add ``landmark`` for days from day 0)."""
        parts = []
        for a in self.analyses:
            if a.curves is None:
                continue
            frame = a.curves.to_frame()
            if self.estimator == "cumulative_incidence":
                frame = frame[frame["cause"] == 1].drop(columns="cause")
            parts.append(frame.assign(landmark=a.day))
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        return frame[["landmark", *[c for c in frame.columns if c != "landmark"]]] if parts else frame

    def at(self, times: Sequence[float]) -> pd.DataFrame:
        """Estimates at times after each landmark (e.g. 365 days later), per group."""
        parts = []
        for a in self.analyses:
            if a.curves is None:
                continue
            frame = a.curves.at(list(times))
            if self.estimator == "cumulative_incidence":
                frame = frame[frame["cause"] == 1].drop(columns="cause")
            parts.append(frame.assign(landmark=a.day))
        if not parts:  # no landmark had patients
            return pd.DataFrame(columns=["landmark", "group", "time"])
        frame = pd.concat(parts, ignore_index=True)
        return frame[["landmark", *[c for c in frame.columns if c != "landmark"]]]


def landmark(endpoints: pd.DataFrame, *, at: Sequence[float], outcome: str,
             covariates: Mapping[str, str] | None = None, fixed: Sequence[str] = (),
             group: str | None = None, horizon: float | None = None,
             id: str = "patient_id", ties: str = "efron",  # noqa: A002
             not_applicable: str = "error", cox: bool = True) -> LandmarkResult:
    """Landmark analysis of one outcome at several landmark days, in one call.

    At each landmark day L the patients still event-free (outcome day > L:
    no outcome, competing event or censoring on or before L) are followed
    from L (time re-originated: ``time - L``), with each time-dependent
    covariate frozen at its status on day L. Per landmark: Kaplan-Meier (or,
    when the outcome has competing events, cumulative incidence) by
    ``group``, and a Cox model (cause-specific) on the covariates and
    ``fixed``.

    Parameters
    ----------
    endpoints : pandas.DataFrame
        The endpoint table.
    at : sequence of float
        Landmark days, e.g. ``[90, 180]``.
    outcome : str
        Endpoint analysed from the landmark, e.g. ``"os"`` or ``"relapse"``.
    covariates : mapping of str to str, optional
        Name -> endpoint whose event before or on L makes the covariate 1 at
        the landmark (e.g. ``{"agvhd": "agvhd_2_4"}``).
    fixed : sequence of str, optional
        Baseline columns for the Cox model (and available as ``group``).
    group : str, optional
        A covariate name or fixed column to draw curves by.
    horizon : float, optional
        Follow each landmark for at most this many days (censoring after
        ``L + horizon``), as the landmark literature often does.
    id, ties, not_applicable
        As in :func:`graftline.stats.time_dependent` and :func:`graftline.stats.cox_ph`.
    cox : bool, default True
        Fit the Cox model per landmark (False: curves only).

    Returns
    -------
    LandmarkResult

    Notes
    -----
    The landmark method answers "given alive and event-free at day L, with
    this covariate status at L, what happens next?" and avoids the
    immortal-time bias of comparing groups defined by events after day 0
    (Anderson, Cain, Gelber [1]_; van Houwelingen [2]_; EBMT guidelines
    [3]_). Covariate status uses the same convention as
    :func:`graftline.stats.time_dependent`: an event on day d counts at
    landmarks L >= d. A patient whose outcome falls on day L is not
    event-free at L and is left out.

    References
    ----------
    .. [1] Anderson JR, Cain KC, Gelber RD. Analysis of survival by tumor
       response. J Clin Oncol 1983;1:710-719.
    .. [2] van Houwelingen HC. Dynamic prediction by landmarking in event
       history analysis. Scand J Stat 2007;34:70-85.
    .. [3] Iacobelli S. Suggestions on the use of statistical methodologies
       in studies of the EBMT. Bone Marrow Transplant 2013;48:S1-S37.

    Examples
    --------
    >>> table = pd.DataFrame({"patient_id": range(6), "os_day": [50, 400, 300, 800, 120, 700],
    ...                       "os_status": [1, 1, 0, 1, 1, 0], "agvhd_2_4_day": [20, 30, 200, 100, 60, 10],
    ...                       "agvhd_2_4_status": [1, 1, 0, 1, 1, 1]})
    >>> result = landmark(table, at=[90], outcome="os", covariates={"agvhd": "agvhd_2_4"}, group="agvhd")
    >>> result.summary().to_dict("records")
    [{'landmark': 90, 'n': 5, 'events': 3, 'competing': 0, 'excluded': 1}]
    """
    covariates = dict(covariates or {})
    if not_applicable not in NOT_APPLICABLE:
        raise InputError(f"not_applicable {not_applicable!r}; expected one of {list(NOT_APPLICABLE)}")
    days = [float(d) if not float(d).is_integer() else int(d) for d in np.atleast_1d(np.asarray(at, dtype=float))]
    if not days or any(d < 0 for d in days):
        raise InputError(f"at = {list(at)!r}; expected one or more landmark days >= 0")
    if horizon is not None and not horizon > 0:
        raise InputError(f"horizon = {horizon!r}; expected a number of days > 0")
    missing = [c for c in [id, *fixed] if c not in endpoints.columns]
    if missing:
        raise InputError(f"the endpoint table has no column {missing}")
    if group is not None and group not in covariates and group not in fixed:
        raise InputError(f"group {group!r} must be one of the covariates {list(covariates)} or fixed {list(fixed)}")
    keep = np.ones(len(endpoints), dtype=bool)
    exposure = {}
    for name, endpoint in covariates.items():
        day, drop = _exposure_day(endpoints, endpoint, not_applicable)
        exposure[name] = day
        keep &= ~drop
    frame = endpoints[keep]
    exposure = {name: day[keep] for name, day in exposure.items()}
    time, status = from_endpoints(frame, outcome)
    competing = bool(np.any(status == 2))
    analyses = tuple(_one_landmark(frame, time, status, exposure, d, fixed=fixed, group=group, horizon=horizon,
                                   id_column=id, ties=ties, competing=competing, fit_cox=cox) for d in days)
    return LandmarkResult(outcome=outcome, estimator="cumulative_incidence" if competing else "kaplan_meier",
                          group=group, analyses=analyses)


def _one_landmark(frame, time, status, exposure, day, *, fixed, group, horizon, id_column, ties, competing,
                  fit_cox):
    eligible = time > day
    follow = time[eligible] - day
    code = status[eligible].copy()
    if horizon is not None:
        code[follow > horizon] = 0
        follow = np.minimum(follow, horizon)
    data = pd.DataFrame({id_column: frame[id_column].to_numpy()[eligible], "time": follow, "status": code})
    for name, exposure_day in exposure.items():
        data[name] = (exposure_day[eligible] <= day).astype(np.int64)
    for column in fixed:
        data[column] = frame[column][eligible].reset_index(drop=True)
    notes = []
    curves = cox = None
    if len(data) == 0:
        notes.append(f"no patient is event-free at day {day}")
        return LandmarkAnalysis(day, data, None, None, int((~eligible).sum()), tuple(notes))
    labels = None if group is None else data[group]
    if competing:
        curves = cumulative_incidence(data["time"], data["status"], labels)
    else:
        curves = kaplan_meier(data["time"], data["status"], labels)
    terms = [*exposure, *fixed]
    if fit_cox and terms and (data["status"] == 1).any():
        design = data[terms]
        varying = [c for c in terms if design[c].nunique() > 1]
        dropped = [c for c in terms if c not in varying]
        if dropped:
            notes.append(f"day {day}: {dropped} take one value among the patients at risk; left out of the Cox model")
        if varying:
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", ConvergenceWarning)
                    cox = cox_ph(data["time"], (data["status"] == 1).astype(float), design[varying], ties=ties)
            except InputError as error:
                notes.append(f"day {day}: Cox model not fitted ({error})")
            else:
                # Kept as a note of this landmark (callers see which day it concerns), and warned as before.
                for caught_warning in caught:
                    if issubclass(caught_warning.category, ConvergenceWarning):
                        notes.append(f"day {day}: {caught_warning.message}")
                    warnings.warn(caught_warning.message, stacklevel=3)
    return LandmarkAnalysis(day, data, curves, cox, int((~eligible).sum()), tuple(notes))
