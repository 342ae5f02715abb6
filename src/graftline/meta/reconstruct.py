"""Individual patient data reconstructed from published Kaplan-Meier curves (Guyot et al. 2012).

A digitised curve (time, survival) and the numbers at risk printed under it
give back, by inverting the Kaplan-Meier equations interval by interval, a
data set of event and censoring times whose Kaplan-Meier curve retraces the
published one. Hazard ratios, restricted mean survival times and pooled
analyses can then be computed as from the trial's own data.

Written from the published algorithm (Guyot et al. 2012, "Methods"); Python
has no maintained implementation. Censoring times inside an interval are
spread evenly, as in the paper; the reconstruction is only as good as the
digitisation and the reported numbers at risk (the paper's validation: no
material systematic error; survival probabilities and medians reproduced
accurately; hazard ratios reasonably accurate only when numbers at risk or the
total number of events are reported).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graftline.errors import InputError


@dataclass(frozen=True, eq=False)  # holds arrays
class ReconstructedIPD:
    """Reconstructed individual data of one arm: one row per patient."""

    time: np.ndarray
    event: np.ndarray  # 1 = event, 0 = censored
    arm: str
    digitised_time: np.ndarray  # the cleaned digitised curve the data were fitted to
    digitised_survival: np.ndarray
    risk_time: np.ndarray
    n_risk: np.ndarray
    messages: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.time)

    @property
    def events(self) -> int:
        return int(self.event.sum())

    def to_frame(self) -> pd.DataFrame:
        """``time, event, arm``: ready for ``kaplan_meier`` or ``cox_ph``."""
        return pd.DataFrame({"time": self.time, "event": self.event, "arm": self.arm})

    def kaplan_meier(self):
        """Kaplan-Meier curve of the reconstructed data (:func:`graftline.stats.kaplan_meier`)."""
        from graftline.stats import kaplan_meier

        return kaplan_meier(self.time, self.event)


def _clean_curve(times, survival, risk_times):
    t = np.asarray(times, dtype=float)
    s = np.asarray(survival, dtype=float)
    if t.shape != s.shape or t.ndim != 1 or len(t) < 2:
        raise InputError("the digitised curve needs matching 1-D time and survival values (at least 2 points)")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(s))):
        raise InputError("the digitised curve has missing or non-finite values")
    if np.any(t < 0):
        raise InputError(f"digitised time {t[t < 0][0]:g} is negative")
    if s.max() > 1.5:
        raise InputError("digitised survival looks like a percentage (values above 1.5): divide by 100")
    # Digitiser clicks wobble: sort by time (then by falling survival), clip to
    # [0, 1] and force the curve to be non-increasing, as a KM curve is.
    order = np.lexsort((-s, t))
    t, s = t[order], np.clip(s[order], 0.0, 1.0)
    s = np.minimum.accumulate(s)
    if t[0] > 0:
        t, s = np.r_[0.0, t], np.r_[1.0, s]
    # Make sure every risk-table time is a point of the curve (the curve is
    # flat between digitised points), so that every interval starts at one.
    extra = [x for x in risk_times if x <= t[-1] and not np.any(t == x)]
    if extra:
        at = np.array([s[np.searchsorted(t, x, side="right") - 1] for x in extra])
        t, s = np.r_[t, extra], np.r_[s, at]
        order = np.lexsort((-s, t))
        t, s = t[order], s[order]
    return t, s


def reconstruct_ipd(times, survival, risk_times, n_risk, *, total_events: int | None = None,
                    arm: str = "arm", censoring: str = "steps",
                    survival_resolution: float = 0.002) -> ReconstructedIPD:
    """Reconstruct individual patient data from a digitised Kaplan-Meier curve (Guyot et al. 2012).

    Parameters
    ----------
    times, survival : array_like
        Digitised points of one arm's curve (survival as a fraction), e.g. both
        corners of every step; the start (0, 1) is added if missing.
    risk_times, n_risk : array_like
        The numbers-at-risk table under the figure; the first time must be 0
        and its number the arm's size.
    total_events : int, optional
        Total number of events in the arm, if reported: fixes the censoring in
        the last interval (after the last risk-table time).
    arm : str
        Label of the arm.
    censoring : {"steps", "uniform"}
        Where censoring goes inside an interval of the risk table. ``"uniform"``
        spreads it evenly in time, as Guyot et al.; ``"steps"`` (default) then
        moves it between events where the heights of the curve's steps show
        how many were still at risk (see Notes).
    survival_resolution : float
        Precision of the digitised survival values (about one pixel of the
        figure's height as a fraction of the axis, e.g. 0.002 for 500 pixels);
        steps smaller than this carry no information on censoring.

    Returns
    -------
    ReconstructedIPD

    Notes
    -----
    For each interval ``[t_i, t_(i+1))`` of the risk table (digitised points
    ``k = l_i .. u_i``), starting from ``n_hat = n_risk_i``:

    1. first guess of the number censored in the interval,
       ``c_i = round(n_risk_i S(t_(i+1))/S(t_i) - n_risk_(i+1))``;
    2. spread ``c_i`` censoring times evenly over the interval;
    3. at each digitised point, events ``d_k = round(n_hat_k (1 - S_k/KM_last))``
       (``KM_last``: the reconstructed KM at the previous event),
       ``KM_k = KM_last (1 - d_k/n_hat_k)``, and
       ``n_hat_(k+1) = n_hat_k - d_k - censored in [T_k, T_(k+1))``;
    4. if the number left at ``t_(i+1)`` differs from ``n_risk_(i+1)``, change
       ``c_i`` by the difference and repeat from 2.

    After the last risk-table time, censoring is set so that the total number
    of events equals ``total_events`` if given, otherwise censoring continues
    at the average rate per unit time of the earlier intervals. Patients left
    at the end are censored at the last digitised time.

    With ``censoring="steps"`` (an addition to the published algorithm) the
    events and the number censored per interval stay as above, but the
    censored patients are re-placed between the events of the interval: the
    height of a step of ``d`` events, ``S_k/S_(k-1) = 1 - d/n_k``, says how
    many (``n_k``) were at risk, so the cumulative number censored before
    each event is chosen (dynamic programming over whole patients) to
    minimise ``sum S_(k-1)^2 (log(1 - d_k/n_k) - log(S_k/S_(k-1)))^2 +
    r^2 sum (G_k - U_k)^2``, where ``G_k`` is the number censored before
    event k, ``U_k`` its value under even spreading and ``r`` the survival
    resolution: where steps are too small to tell (many at risk), censoring
    stays spread evenly; where few remain at risk (the tail of the curve),
    the reconstructed curve follows the published steps.

    References
    ----------
    1. Guyot P, Ades AE, Ouwens MJNM, Welton NJ. Enhanced secondary analysis of
       survival data: reconstructing the data from published Kaplan-Meier
       survival curves. BMC Med Res Methodol 2012;12:9.

    Examples
    --------
    >>> ipd = reconstruct_ipd([0, 10, 10, 20, 20, 30], [1, 1, 0.9, 0.9, 0.8, 0.8], [0, 15], [10, 9])
    >>> ipd.n, ipd.events
    (10, 2)
    """
    risk_t = np.atleast_1d(np.asarray(risk_times, dtype=float))
    risk_n = np.atleast_1d(np.asarray(n_risk, dtype=float))
    if len(risk_t) != len(risk_n) or len(risk_t) == 0:
        raise InputError("risk_times and n_risk must have the same, non-zero length")
    if risk_t[0] != 0:
        raise InputError(f"the numbers-at-risk table must start at time 0 (the arm's size), not {risk_t[0]:g}")
    if np.any(np.diff(risk_t) <= 0):
        raise InputError("risk-table times must increase")
    if np.any(risk_n < 0) or np.any(np.diff(risk_n) > 0) or np.any(risk_n != np.round(risk_n)):
        raise InputError("numbers at risk must be whole numbers >= 0 that never increase")
    T, S = _clean_curve(times, survival, risk_t)
    messages: list[str] = []
    beyond = risk_t > T[-1]
    if beyond.any():
        messages.append(f"numbers at risk after the last digitised time ({T[-1]:g}) ignored")
        risk_t, risk_n = risk_t[~beyond], risk_n[~beyond]
    risk_n = risk_n.astype(int)
    m, N = len(risk_t), len(T)
    lower = np.searchsorted(T, risk_t, side="left")
    upper = np.r_[lower[1:] - 1, N - 1]

    n_hat = np.zeros(N + 1)
    events = np.zeros(N, dtype=int)
    censored = np.zeros(N, dtype=int)
    km = np.ones(N)
    censor_times: list[np.ndarray] = [np.empty(0)] * m
    last = 0  # index of the last point with an event (KM_last = km[last])
    censored_per_time: list[float] = []

    def run(i: int, count: int, start_last: int) -> tuple[int, np.ndarray]:
        """Steps 2-3 for interval i with `count` censored; returns the last event index."""
        lo, hi = lower[i], upper[i]
        end = T[lower[i + 1]] if i + 1 < m else T[-1]
        times_c = T[lo] + np.arange(1, count + 1) * (end - T[lo]) / (count + 1) if count > 0 else np.empty(0)
        # Censored in [T_k, T_(k+1)) are at risk at T_k; with two points at one
        # time (both corners of a step) they go to the later one.
        bins = np.searchsorted(T[lo:hi + 1], times_c, side="right") - 1
        censored[lo:hi + 1] = np.bincount(bins, minlength=hi - lo + 1)
        n_hat[lo] = risk_n[i]
        last_k = start_last
        for k in range(lo, hi + 1):
            if k == 0:
                events[k], km[k] = 0, 1.0
            else:
                d = int(round(n_hat[k] * (1 - S[k] / km[last_k]))) if km[last_k] > 0 else 0
                d = min(max(d, 0), int(max(n_hat[k], 0)))
                events[k] = d
                km[k] = km[last_k] * (1 - d / n_hat[k]) if n_hat[k] > 0 else km[last_k]
                if d > 0:
                    last_k = k
            censored[k] = min(censored[k], int(n_hat[k]) - events[k])
            n_hat[k + 1] = n_hat[k] - events[k] - censored[k]
        return last_k, times_c

    for i in range(m - 1):
        start_last = last
        count = max(0, int(round(risk_n[i] * S[lower[i + 1]] / S[lower[i]] - risk_n[i + 1])))
        for _ in range(10 * (risk_n[0] + 1)):
            last, times_c = run(i, count, start_last)
            left = n_hat[lower[i + 1]]
            if left == risk_n[i + 1] or (left < risk_n[i + 1] and count == 0):
                break
            count = max(0, count + int(left - risk_n[i + 1]))
        censor_times[i] = times_c
        if n_hat[lower[i + 1]] != risk_n[i + 1]:
            messages.append(f"interval starting at {risk_t[i]:g}: the curve implies {n_hat[lower[i + 1]]:.0f} at "
                            f"risk at {risk_t[i + 1]:g}, the table {risk_n[i + 1]} (check the digitisation)")
        length = T[lower[i + 1]] - T[lower[i]]
        if length > 0:
            censored_per_time.append(count / length)

    # Last interval: after the last risk-table time.
    i = m - 1
    start_last = last
    events_before = int(events[:lower[i]].sum())
    if total_events is not None:
        if total_events < events_before:
            raise InputError(f"total_events = {total_events} is fewer than the {events_before} events the curve "
                             "shows before the last risk-table time")
        count = max(0, risk_n[i] - (total_events - events_before))
        for _ in range(10 * (risk_n[0] + 1)):
            last, times_c = run(i, count, start_last)
            excess = int(events[lower[i]:].sum()) + events_before - total_events
            if excess == 0 or (excess < 0 and count == 0):
                break
            count = max(0, count + excess)
            if count > risk_n[i]:
                break
        if int(events.sum()) != total_events:
            messages.append(f"reconstructed {int(events.sum())} events, {total_events} reported")
    else:
        rate = float(np.mean(censored_per_time)) if censored_per_time else 0.0
        count = min(int(round(rate * (T[-1] - T[lower[i]]))), int(risk_n[i]))
        last, times_c = run(i, count, start_last)
    censor_times[i] = times_c

    if censoring not in {"steps", "uniform"}:
        raise InputError(f"censoring must be 'steps' or 'uniform', not {censoring!r}")
    if censoring == "steps":
        for i in range(m):
            lo, hi = lower[i], upper[i]
            end = T[lower[i + 1]] if i + 1 < m else T[-1]
            total = int(censored[lo:hi + 1].sum())
            placed = _place_censoring(T, S, events, lo, hi, end, int(risk_n[i]), total, survival_resolution)
            if placed is not None:
                censor_times[i] = placed
                bins = np.searchsorted(T[lo:hi + 1], placed, side="right") - 1
                censored[lo:hi + 1] = np.bincount(bins, minlength=hi - lo + 1)

    # Assemble: events at the digitised times, censoring at the spread times,
    # and whoever is left at the end censored at the last digitised time.
    time_parts = [np.repeat(T, events)]
    event_parts = [np.ones(int(events.sum()), dtype=int)]
    for i in range(m):
        lo, hi = lower[i], upper[i]
        # Censoring times beyond what the interval could hold were dropped in run().
        kept = censor_times[i][: int(censored[lo:hi + 1].sum())]
        time_parts.append(kept)
        event_parts.append(np.zeros(len(kept), dtype=int))
    remaining = int(round(n_hat[N]))
    if remaining > 0:
        time_parts.append(np.full(remaining, T[-1]))
        event_parts.append(np.zeros(remaining, dtype=int))
    time = np.concatenate(time_parts)
    event = np.concatenate(event_parts)
    order = np.lexsort((1 - event, time))
    return ReconstructedIPD(time=time[order], event=event[order], arm=str(arm), digitised_time=T,
                            digitised_survival=S, risk_time=risk_t, n_risk=risk_n, messages=tuple(messages))


def _place_censoring(T, S, events, lo, hi, end, n_start, total, resolution):
    """Censoring times inside one risk interval that best fit the step heights (see ``censoring="steps"``)."""
    points = [k for k in range(lo, hi + 1) if events[k] > 0]
    if total == 0 or not points or end <= T[lo]:
        return None
    G = np.arange(total + 1)
    cost_rows = []
    before = 0
    for k in points:
        n = n_start - before - G  # at risk at the event, for each number censored before it
        d = events[k]
        previous = S[k - 1] if k > 0 else 1.0
        ratio = S[k] / previous if previous > 0 else 1.0
        uniform = total * (T[k] - T[lo]) / (end - T[lo])
        with np.errstate(divide="ignore", invalid="ignore"):
            fit = previous**2 * (np.log1p(-d / n) - np.log(max(ratio, 1e-12))) ** 2
        fit = np.where(n > d, fit, np.where(n == d, previous**2 * np.log(max(ratio, 1e-12)) ** 2, np.inf))
        cost_rows.append(fit + resolution**2 * (G - uniform) ** 2)
        before += d
    # best[p, g]: least cost with g censored before event p (g non-decreasing in p).
    best = np.full((len(points), total + 1), np.inf)
    choice = np.zeros((len(points), total + 1), dtype=int)
    best[0] = cost_rows[0]
    for p in range(1, len(points)):
        running = np.minimum.accumulate(best[p - 1])
        argmin = np.zeros(total + 1, dtype=int)
        for g in range(1, total + 1):
            argmin[g] = g if best[p - 1][g] <= running[g - 1] else argmin[g - 1]
        best[p] = running + cost_rows[p]
        choice[p] = argmin
    if not np.isfinite(best[-1]).any():
        return None
    g = int(np.argmin(best[-1]))
    cumulative = [g]
    for p in range(len(points) - 1, 0, -1):
        g = int(choice[p][g])
        cumulative.append(g)
    cumulative = cumulative[::-1]
    # Spread each gap's censoring evenly between the events around it.
    times, done, start = [], 0, T[lo]
    for k, cum in zip(points, cumulative, strict=True):
        count = cum - done
        if count > 0:
            times.append(start + np.arange(1, count + 1) * (T[k] - start) / (count + 1))
        done, start = cum, T[k]
    if total - done > 0:
        times.append(start + np.arange(1, total - done + 1) * (end - start) / (total - done + 1))
    return np.concatenate(times) if times else np.empty(0)


def restricted_mean_survival(time, event, tau: float) -> tuple[float, float]:
    """Restricted mean survival time up to ``tau`` and its standard error.

    The area under the Kaplan-Meier curve on ``[0, tau]`` with the variance of
    ``print(survfit(...), rmean = tau)`` in R's survival (Klein & Moeschberger
    2003, section 4.5): a thin wrapper around :func:`graftline.stats.rmst` for
    one arm of reconstructed data, returning ``(rmst, se)``.
    """
    from graftline.stats import rmst

    result = rmst(time, event, tau)
    return float(result.estimate[0]), float(result.se[0])


@dataclass(frozen=True)
class ArmComparison:
    """Experimental versus control arm of one study, from (reconstructed) individual data.

    ``log_hr, se_log_hr`` from a Cox model (Efron ties) with the arm as the
    only covariate; ``rmst_difference`` (experimental - control) up to
    ``tau`` with its SE (independent arms); ``yi, vi`` are the log HR and its
    variance, ready for :func:`graftline.meta.pool` with ``measure="HR"``.
    """

    log_hr: float
    se_log_hr: float
    hr: float
    hr_lower: float
    hr_upper: float
    p_value: float
    tau: float
    rmst_experimental: float
    rmst_control: float
    rmst_difference: float
    se_rmst_difference: float
    events_experimental: int
    n_experimental: int
    events_control: int
    n_control: int

    @property
    def yi(self) -> float:
        return self.log_hr

    @property
    def vi(self) -> float:
        return self.se_log_hr**2

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.__dict__])


def compare_arms(experimental: ReconstructedIPD, control: ReconstructedIPD, *, tau: float | None = None,
                 level: float = 0.95) -> ArmComparison:
    """Cox hazard ratio and RMST difference between two (reconstructed) arms.

    ``tau`` defaults to the smaller of the two arms' last follow-up times (so
    that both curves are observed up to it).
    """
    from scipy import stats

    from graftline.stats import cox_ph

    time = np.r_[experimental.time, control.time]
    event = np.r_[experimental.event, control.event]
    arm = np.r_[np.ones(experimental.n), np.zeros(control.n)]
    fit = cox_ph(time, event, arm[:, None])
    log_hr, se = float(fit.coef[0]), float(fit.se[0])
    crit = stats.norm.isf((1 - level) / 2)
    if tau is None:
        tau = float(min(experimental.time.max(), control.time.max()))
    r1, s1 = restricted_mean_survival(experimental.time, experimental.event, tau)
    r0, s0 = restricted_mean_survival(control.time, control.event, tau)
    return ArmComparison(
        log_hr=log_hr, se_log_hr=se, hr=float(np.exp(log_hr)), hr_lower=float(np.exp(log_hr - crit * se)),
        hr_upper=float(np.exp(log_hr + crit * se)), p_value=float(2 * stats.norm.sf(abs(log_hr / se))),
        tau=float(tau), rmst_experimental=r1, rmst_control=r0, rmst_difference=r1 - r0,
        se_rmst_difference=float(np.hypot(s1, s0)), events_experimental=experimental.events,
        n_experimental=experimental.n, events_control=control.events, n_control=control.n)


def pool_reconstructed(comparisons, *, labels=None, outcome: str = "HR", method: str = "REML", **options):
    """Pool studies' reconstructed comparisons: log hazard ratios (``outcome="HR"``) or RMST differences.

    ``comparisons`` is a sequence of :class:`ArmComparison`; ``options`` go to
    :func:`graftline.meta.pool`. RMST differences are pooled on their own
    scale (time units), and only make sense with a common ``tau``.
    """
    from graftline.meta.pooling import pool

    comparisons = list(comparisons)
    if outcome == "HR":
        yi = [c.log_hr for c in comparisons]
        vi = [c.se_log_hr**2 for c in comparisons]
        measure = "HR"
    elif outcome == "RMST":
        taus = {round(c.tau, 9) for c in comparisons}
        if len(taus) > 1:
            raise InputError(f"RMST differences use different tau ({sorted(taus)}); compare at one tau")
        yi = [c.rmst_difference for c in comparisons]
        vi = [c.se_rmst_difference**2 for c in comparisons]
        measure = "RMSTD"
    else:
        raise InputError(f"outcome must be 'HR' or 'RMST', not {outcome!r}")
    n = [c.n_experimental + c.n_control for c in comparisons]
    return pool(yi, vi, method=method, labels=labels, n=n, measure=measure, **options)
