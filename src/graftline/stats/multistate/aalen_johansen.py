"""State occupation probabilities of a multi-state model, equal to R survival's ``survfit``.

``multistate(data, ...)`` is the Aalen-Johansen estimator (what mstate's
``probtrans`` gives without covariates and survival's
``survfit(Surv(tstart, tstop, state) ~ 1, id = id)`` gives) with the
infinitesimal-jackknife standard errors of survival 3.5, the Nelson-Aalen
hazard of every transition, and restricted mean time in each state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special

from graftline.errors import InputError
from graftline.stats._aalen_johansen import (
    AalenJohansenFit,
    aalen_johansen,
    functional_influence,
    restricted_mean_weights,
)
from graftline.stats._validation import check_time
from graftline.stats.multistate.data import CENSOR, MultiStateData, check_rows
from graftline.stats.multistate.transitions import TransitionMatrix


@dataclass(frozen=True)
class MultiStateResult:
    """Aalen-Johansen fit per group.

    Attributes
    ----------
    states : tuple of str
        State names, in the model's order (columns of every probability).
    groups : tuple
        Group labels (``("all",)`` without ``group``).
    transitions : TransitionMatrix
        The model; with no model given, the transitions seen in the data.
    fits : dict
        ``fits[group]`` is the engine's fit (times, probabilities, covariance).
    """

    states: tuple[str, ...]
    groups: tuple
    transitions: TransitionMatrix
    fits: dict = field(repr=False)

    def probabilities(self, times: Sequence[float] | np.ndarray, *, conf_level: float = 0.95) -> pd.DataFrame:
        """State probabilities at chosen times, like ``summary(survfit(...), times = ...)``.

        Returns
        -------
        pandas.DataFrame
            Columns ``group, time, state, probability, se, lower, upper``;
            one row per group, time and state. ``se`` is the IJ standard
            error (R's ``std.err``); limits are R's default ``log`` interval
            (``exp(log p -/+ z se / p)``, upper capped at 1; NaN where p = 0).
            Times after a group's last follow-up give NaN (R drops them).
        """
        times = check_time(np.atleast_1d(np.asarray(times, dtype=np.float64)), name="times")
        frames = []
        for label in self.groups:
            fit = self.fits[label]
            p, se = _at(fit, times)
            frames.append(_long(label, times, self.states, p, se, conf_level))
        return pd.concat(frames, ignore_index=True)

    def occupancy(self, states: Sequence[str], times: Sequence[float] | np.ndarray, *,
                  name: str | None = None, conf_level: float = 0.95) -> pd.DataFrame:
        """Probability of being in any of ``states`` (e.g. current GRFS), with its IJ SE.

        The SE uses the full IJ covariance of the state probabilities:
        :math:`\\operatorname{se}(\\sum_{s \\in A} p_s) = \\sqrt{1_A^T V 1_A}`.
        Columns ``group, time, state, probability, se, lower, upper``, with
        ``state`` = ``name`` (default the states joined by ``+``).
        """
        index = [self._state_index(s) for s in states]
        times = check_time(np.atleast_1d(np.asarray(times, dtype=np.float64)), name="times")
        selector = np.zeros(len(self.states))
        selector[index] = 1.0
        label_name = name or "+".join(states)
        frames = []
        for label in self.groups:
            fit = self.fits[label]
            k = _row_at(fit, times)
            inside = k >= -1
            p = np.where(k >= 0, fit.probability[np.maximum(k, 0)] @ selector, fit.initial @ selector)
            var = np.where(k >= 0, np.einsum("s,tsu,u->t", selector, fit.covariance[np.maximum(k, 0)], selector), 0.0)
            p = np.where(inside, p, np.nan)
            se = np.where(inside, np.sqrt(np.maximum(var, 0.0)), np.nan)
            frames.append(_long(label, times, (label_name,), p[:, None], se[:, None], conf_level))
        return pd.concat(frames, ignore_index=True)

    def to_frame(self, *, conf_level: float = 0.95) -> pd.DataFrame:
        """Every distinct time of R's grid (event and censoring times) per group and state.

        Columns ``group, time, state, n_risk, n_event, probability, se,
        lower, upper``: ``n_risk`` counts patients at risk in the state just
        before ``time``, ``n_event`` transitions into the state at ``time``
        (unweighted counts, as R's ``survfit`` multi-state). Each group
        starts with a row at time 0 holding the initial distribution.
        """
        frames = []
        for label in self.groups:
            fit = self.fits[label]
            time = np.r_[min(0.0, fit.time[0]), fit.time]
            p = np.vstack([fit.initial, fit.probability])
            se = np.vstack([np.zeros(len(self.states)), fit.std_err])
            part = _long(label, time, self.states, p, se, conf_level)
            part.insert(3, "n_risk", np.vstack([np.zeros((1, len(self.states)), dtype=np.int64), fit.n_risk]).ravel())
            part.insert(4, "n_event", np.vstack([np.zeros((1, len(self.states)), dtype=np.int64), fit.n_event]).ravel())
            frames.append(part)
        return pd.concat(frames, ignore_index=True)

    def cumulative_hazard(self) -> pd.DataFrame:
        """Nelson-Aalen cumulative hazard of every observed transition (R's ``cumhaz``).

        Columns ``group, time, transition, from_state, to_state,
        cumulative_hazard``; ``transition`` is the model's (mstate) number.
        """
        frames = []
        for label in self.groups:
            fit = self.fits[label]
            for k, (a, b) in enumerate(fit.transitions):
                from_state, to_state = self.states[a], self.states[b]
                frames.append(pd.DataFrame({
                    "group": [label] * fit.time.size, "time": fit.time,
                    "transition": _transition_number(self.transitions, from_state, to_state),
                    "from_state": from_state, "to_state": to_state,
                    "cumulative_hazard": fit.cumulative_hazard[:, k],
                }))
        columns = ["group", "time", "transition", "from_state", "to_state", "cumulative_hazard"]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    def sojourn(self, tau: float) -> pd.DataFrame:
        """Expected (restricted mean) time in each state up to ``tau``, with IJ SE.

        :math:`\\int_0^\\tau p_s(t)\\,dt` per state, equal to ``rmean`` of
        ``print(survfit(...), rmean = tau)``; the SE is the IJ standard error
        of the integral (R's ``se(rmean)`` with ``influence = TRUE``).
        The time in all states adds to ``tau``. Columns
        ``group, state, tau, rmean, se``.
        """
        tau = float(check_time(np.atleast_1d(tau), name="tau")[0])
        rows = []
        for label in self.groups:
            fit = self.fits[label]
            grid = np.r_[0.0, fit.time[fit.time < tau], tau]
            p = np.vstack([fit.initial, fit.probability[fit.time < tau]])
            mean = (np.diff(grid)[:, None] * p).sum(axis=0)
            if fit.event_time.size:
                influence = functional_influence(fit, restricted_mean_weights(fit, tau))
                se = np.sqrt((influence ** 2).sum(axis=0))
            else:
                se = np.zeros(len(self.states))
            for s, state in enumerate(self.states):
                rows.append({"group": label, "state": state, "tau": tau, "rmean": mean[s], "se": se[s]})
        return pd.DataFrame(rows, columns=["group", "state", "tau", "rmean", "se"])

    def plot(self, ax=None, *, group=None, states: Sequence[str] | None = None, colors=None,
             until: float | None = None):
        """Stacked state occupation (as mstate's ``plot.probtrans``) of one group; returns the Axes.

        ``states`` orders the bands from the bottom (default the model's
        order); ``until`` cuts the time axis.
        """
        from graftline.stats.multistate.plotting import stacked_plot

        label = self.groups[0] if group is None else group
        if label not in self.fits:
            raise InputError(f"group {label!r} is not one of {list(self.groups)}")
        return stacked_plot(self, label, ax=ax, states=states, colors=colors, until=until)

    def _state_index(self, state: str) -> int:
        if state not in self.states:
            raise InputError(f"{state!r} is not a state of the model; states: {list(self.states)}")
        return self.states.index(state)


def multistate(data: pd.DataFrame | MultiStateData, *, id: str = "id", start: str = "tstart",
               stop: str = "tstop", state: str = "state", initial: str | None = None,
               istate: str | None = None, group: str | None = None,
               weights: str | np.ndarray | None = None,
               transitions: TransitionMatrix | None = None, censor: str = CENSOR) -> MultiStateResult:
    """Aalen-Johansen state occupation probabilities with IJ standard errors.

    Parameters
    ----------
    data : pandas.DataFrame or MultiStateData
        Long format, one row per interval: ``id``, ``start``, ``stop`` and
        ``state`` (the state entered at ``stop``, or ``censor``/missing when
        the interval ends without a transition), as built by
        ``survival::tmerge`` or :func:`from_wide`. A :class:`MultiStateData`
        (from the builders) brings its model and initial state with it.
    id, start, stop, state : str
        Column names.
    initial : str
        The state every patient starts in (e.g. ``"transplant"``).
    istate : str, optional
        Instead of ``initial``: a column holding each patient's initial state
        (read on the patient's first row), as R's ``istate``.
    group : str, optional
        Column with a group label per patient (e.g. ``"arm"``); one fit per group.
    weights : str or array_like, optional
        Case weights (column name or one value per row), > 0 and constant
        within a patient (e.g. inverse probability of treatment weights).
    transitions : TransitionMatrix, optional
        The model. Transitions it does not allow are refused with the patient
        and row; without it the transitions seen in the data define the model.
    censor : str, default "censor"

    Returns
    -------
    MultiStateResult

    Notes
    -----
    At each distinct transition time :math:`t_j`, with :math:`Y_a` the
    (weighted) number at risk in state *a* and :math:`dN_{ab}` the (weighted)
    number of *a -> b* transitions, :math:`H_j = I + dA_j`,
    :math:`dA_j[a,b] = dN_{ab}/Y_a` and :math:`p(t) = p_0 \\prod_{t_j \\le t} H_j`
    (Aalen and Johansen 1978). The variance is the infinitesimal jackknife
    of survival 3.5 (``survfitCI``): the influence of each patient on
    :math:`p(t)`, summed over patients after multiplying by their weight; it
    is the robust variance for weighted data and for patients with several
    intervals. :math:`p_0` is the (weighted) distribution of the initial
    states among patients at risk at the first transition time, and its own
    uncertainty is not included (R's default; zero with one initial state).

    Conventions (as R unless said):

    - Risk sets: a patient is at risk at *t* in the state of the interval
      with ``start < t <= stop``; transitions and censorings at one time are
      processed together (no jitter).
    - Output times: every distinct ``stop`` (R's grid). ``probabilities``
      reads the step function at chosen times, NaN after the group's last
      follow-up (R drops those times).
    - Gaps and overlaps in a patient's follow-up, ``start >= stop``, a row
      after an absorbing state, a "transition" into the current state, and
      weights that change within a patient are errors (R accepts changing
      weights and uses the last row's; graftline asks for one per patient).

    References
    ----------
    .. [1] Aalen OO, Johansen S. An empirical transition matrix for
       non-homogeneous Markov chains based on censored observations. Scand J
       Stat 1978;5:141-150.
    .. [2] Putter H, Fiocco M, Geskus RB. Tutorial in biostatistics: competing
       risks and multi-state models. Stat Med 2007;26:2389-2430.
    .. [3] Therneau TM. survival: A Package for Survival Analysis in R,
       version 3.5: ``survfitCI``, C routine ``survfitci``; vignette
       "Multi-state models and competing risks".

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"id": [1, 1, 2, 3], "tstart": [0, 10, 0, 0], "tstop": [10, 30, 20, 25],
    ...                      "state": ["relapse", "death", "death", "censor"]})
    >>> fit = multistate(data, initial="transplant", transitions=TransitionMatrix.illness_death())
    >>> fit.probabilities([15])[["state", "probability"]].round(3).values.tolist()
    [['transplant', 0.667], ['relapse', 0.333], ['death', 0.0]]
    """
    if isinstance(data, MultiStateData):
        transitions = transitions or data.transitions
        if initial is None and istate is None:
            initial, istate = data.initial, data.istate
        data = data.frame
    checked = check_rows(data, id=id, start=start, stop=stop, state=state, initial=initial,
                         istate=istate, transitions=transitions, group=group, weights=weights,
                         censor=censor)
    fits = {}
    n_states = len(checked.states)
    for k, label in enumerate(checked.groups):
        rows = checked.for_group(k)
        fits[label] = aalen_johansen(rows, _initial_distribution(rows, checked, k, n_states))
    if transitions is None:
        seen = sorted({ab for fit in fits.values() for ab in fit.transitions})
        transitions = TransitionMatrix(states=checked.states,
                                       allowed=tuple((checked.states[a], checked.states[b]) for a, b in seen))
    return MultiStateResult(states=checked.states, groups=checked.groups, transitions=transitions, fits=fits)


def _initial_distribution(rows, checked, k, n_states) -> np.ndarray:
    """R's p0: weighted initial states of the rows at risk at the first transition time."""
    moves = rows.to_state >= 0
    t0 = rows.exit[moves].min() if moves.any() else rows.exit.max()
    here = (rows.entry < t0) & (rows.exit >= t0)
    p0 = np.bincount(rows.state[here], weights=rows.weight[here], minlength=n_states)
    return p0 / p0.sum()


def _row_at(fit: AalenJohansenFit, times: np.ndarray) -> np.ndarray:
    """Index of the last grid time <= t (-1 before the first), -2 after the last follow-up."""
    k = np.searchsorted(fit.time, times, side="right") - 1
    return np.where(times > fit.time[-1], -2, k)


def _at(fit: AalenJohansenFit, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    k = _row_at(fit, times)
    p = np.where((k >= 0)[:, None], fit.probability[np.maximum(k, 0)], fit.initial[None, :])
    se = np.where((k >= 0)[:, None], fit.std_err[np.maximum(k, 0)], 0.0)
    outside = (k == -2)[:, None]
    return np.where(outside, np.nan, p), np.where(outside, np.nan, se)


def _long(label, times, states, p, se, conf_level) -> pd.DataFrame:
    lower, upper = _log_interval(p, se, conf_level)
    n_times, n_states = p.shape
    return pd.DataFrame({
        "group": [label] * (n_times * n_states),
        "time": np.repeat(times, n_states),
        "state": np.tile(np.asarray(states, dtype=object), n_times),
        "probability": p.ravel(), "se": se.ravel(), "lower": lower.ravel(), "upper": upper.ravel(),
    })


def _log_interval(p: np.ndarray, se: np.ndarray, conf_level: float) -> tuple[np.ndarray, np.ndarray]:
    """R's survfit_confint with logse = FALSE, conf.type = "log"."""
    if not 0 < conf_level < 1:
        raise InputError(f"conf_level {conf_level!r} must lie strictly between 0 and 1")
    z = special.ndtri(1 - (1 - conf_level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = z * se / p
        lower = np.where(p > 0, np.exp(np.log(p) - half), np.nan)
        upper = np.where(p > 0, np.minimum(np.exp(np.log(p) + half), 1.0), np.nan)
    return lower, upper


def _transition_number(model: TransitionMatrix, a: str, b: str) -> int:
    return model.transition_number(a, b) if model.is_allowed(a, b) else 0
