r"""Test of proportional hazards from scaled Schoenfeld residuals, equal to ``survival::cox.zph``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy import stats as scipy_stats

from graftline.errors import InputError
from graftline.stats._inference import chi_square
from graftline.stats._partial_likelihood import Evaluation, PartialLikelihood, weighted_cross
from graftline.stats.survival.cox import CoxResult

__all__ = ["CoxZphResult", "cox_zph"]


@dataclass(frozen=True)
class CoxZphResult:
    """Per-term and global tests of proportional hazards, and the residuals behind them.

    Attributes
    ----------
    terms : tuple of str
        Covariates as given (a categorical's columns form one term, as R's
        ``terms=TRUE``), then ``"GLOBAL"``.
    statistic, df, p_value : ndarray
        Score-test chi-square, degrees of freedom and p-value per term (R's
        ``table``).
    time : ndarray
        Event times, ordered by stratum then time (R's ``$time``).
    transformed_time : ndarray
        ``g(time)`` for the chosen transform (R's ``$x``).
    scaled_residuals : ndarray, shape (events, terms)
        Scaled Schoenfeld residuals (R's ``$y``): for a one-column term the
        time-varying coefficient :math:`\\beta(t)` estimate at each event;
        NaN where the covariate is constant within the event's stratum.
    variance : ndarray
        R's ``$var``, used for the confidence band of :meth:`plot`.
    transform : str
    """

    terms: tuple[str, ...]
    statistic: np.ndarray
    df: np.ndarray
    p_value: np.ndarray
    time: np.ndarray = field(repr=False)
    transformed_time: np.ndarray = field(repr=False)
    scaled_residuals: np.ndarray = field(repr=False)
    variance: np.ndarray = field(repr=False)
    transform: str = "km"

    def to_frame(self):
        """Columns ``term, chisq, df, p_value`` (R's ``print(cox.zph(fit))``)."""
        import pandas as pd

        return pd.DataFrame({"term": list(self.terms), "chisq": self.statistic, "df": self.df,
                             "p_value": self.p_value})

    def residual_frame(self):
        """One row per event: ``time, transformed_time`` and a column per term."""
        import pandas as pd

        frame = pd.DataFrame({"time": self.time, "transformed_time": self.transformed_time})
        for j, term in enumerate(self.terms[:-1]):
            frame[term] = self.scaled_residuals[:, j]
        return frame

    def smooth(self, term: str, *, df: int = 4, n_points: int = 40):
        """The smoothed :math:`\\beta(t)` curve ``plot.cox.zph`` draws, with +-2 SE band.

        A natural cubic spline with ``df`` basis functions (knots at the
        range and inner quantiles of the transformed times, as R's
        ``ns(df = 4, intercept = TRUE)``) fitted by least squares; the band is
        :math:`\\pm 2\\sqrt{V_{jj}\\, p(x)^T (X^T X)^{-1} p(x)}` with R's ``$var``.
        Returns a DataFrame ``transformed_time, estimate, lower, upper``.
        """
        import pandas as pd

        j = self._term_index(term)
        x, y = self.transformed_time, self.scaled_residuals[:, j]
        keep = np.isfinite(y)
        x, y = x[keep], y[keep]
        grid = np.linspace(x.min(), x.max(), n_points)
        knots = np.quantile(x, np.linspace(0, 1, df))
        design = _natural_spline_basis(x, knots)
        coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
        at_grid = _natural_spline_basis(grid, knots)
        estimate = at_grid @ coefficients
        inverse = np.linalg.pinv(design.T @ design)
        half = 2 * np.sqrt(self.variance[j, j] * np.einsum("ij,jk,ik->i", at_grid, inverse, at_grid))
        return pd.DataFrame({"transformed_time": grid, "estimate": estimate,
                             "lower": estimate - half, "upper": estimate + half})

    def plot(self, term: str | None = None, *, ax=None):
        """Scaled Schoenfeld residuals of one term against transformed time, with
        the smooth of :meth:`smooth` and its band (``plot.cox.zph``). A flat
        curve supports proportional hazards; returns the matplotlib Axes."""
        import matplotlib.pyplot as plt

        term = self.terms[0] if term is None else term
        j = self._term_index(term)
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4))
        curve = self.smooth(term)
        ax.scatter(self.transformed_time, self.scaled_residuals[:, j], s=8, color="0.55")
        ax.plot(curve.transformed_time, curve.estimate, color="C0")
        ax.plot(curve.transformed_time, curve.lower, color="C0", linestyle="--", linewidth=0.8)
        ax.plot(curve.transformed_time, curve.upper, color="C0", linestyle="--", linewidth=0.8)
        ax.set_xlabel({"km": "1 - Kaplan-Meier (time)", "identity": "time", "rank": "rank of time",
                       "log": "log(time)"}.get(self.transform, "g(time)"))
        ax.set_ylabel(f"Beta(t) for {term}")
        return ax

    def _term_index(self, term: str) -> int:
        names = list(self.terms[:-1])
        if term not in names:
            raise InputError(f"term {term!r} is not in the model; terms are {names}")
        return names.index(term)


TRANSFORMS = ("km", "rank", "identity", "log")


def cox_zph(fit: CoxResult, *, transform: str | Callable = "km", terms: bool = True) -> CoxZphResult:
    r"""Test the proportional-hazards assumption of a Cox fit, as ``cox.zph``.

    Parameters
    ----------
    fit : CoxResult
        A fit from :func:`graftline.stats.cox_ph` (right-censored or
        counting-process, weighted, stratified).
    transform : {"km", "rank", "identity", "log"} or callable, default "km"
        The function of time :math:`g(t)` the coefficients may drift with:
        ``km`` is 1 minus the (unweighted, unstratified) Kaplan-Meier
        estimate just before t, as R.
    terms : bool, default True
        Test each covariate as given (the columns of a categorical together),
        as R's default; False tests each model column.

    Returns
    -------
    CoxZphResult

    Notes
    -----
    Survival 3's ``cox.zph`` is a score test (Grambsch and Therneau [1]_;
    Therneau and Grambsch [2]_, section 6.2): the model is extended by
    :math:`x \cdot \tilde g(t)`, :math:`\tilde g = g - \text{mean of } g
    \text{ over events}`, and at :math:`(\hat\beta, 0)` the score for the new
    coefficients :math:`U_2 = \sum_k \tilde g(t_k) \sum_{i \in D_k} w_i (x_i -
    \bar x(t_k))` is referred to its information, the :math:`2p \times 2p`
    matrix with blocks :math:`\sum_k \tilde g_k^a V_k` (:math:`a = 0, 1, 2`,
    :math:`V_k` the weighted covariance of x over the risk set, Efron terms
    as in the fit). A term's statistic uses the rows and columns of all
    :math:`p` original coefficients and of its own new ones, df = its number
    of columns; GLOBAL uses all, df = p. Each :math:`V_k`-weighted sum is
    one matrix product here, as for the fit's information.

    Scaled Schoenfeld residuals: :math:`\hat\beta + \hat V_m^{-1} s_k` with
    :math:`s_k` the Schoenfeld residual and :math:`\hat V_m` the information
    divided by the number of events of strata where the covariate varies
    (R's ``vmean``); a categorical's columns are combined as
    :math:`\beta^T s_k / (\beta^T \hat V_m \beta) + 1` (R).

    References
    ----------
    .. [1] Grambsch PM, Therneau TM. Proportional hazards tests and diagnostics
       based on weighted residuals. Biometrika 1994;81:515-526.
    .. [2] Therneau TM, Grambsch PM. Modeling Survival Data: Extending the Cox
       Model. Springer 2000; R survival 3.5 ``cox.zph``.

    Examples
    --------
    >>> import numpy as np
    >>> from graftline.stats import cox_ph
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(200, 1))
    >>> fit = cox_ph(rng.exponential(np.exp(-x[:, 0])), np.ones(200), x)
    >>> cox_zph(fit).to_frame().term.tolist()
    ['x1', 'GLOBAL']
    """
    if not isinstance(fit, CoxResult) or fit.model is None:
        raise InputError("cox_zph needs a CoxResult from graftline.stats.cox_ph")
    model = fit.model
    problem, final = model.problem, model.final
    rs = problem.risk_sets
    stop, event = model.stop, model.event
    g, transform_name = _transformed_times(transform, stop, model.start, event)
    centred = g - g[event > 0].mean()
    # The time weight of each cell: all its events share the time.
    cell_weight = centred[rs.used[rs.death]][problem.death_start]
    p = problem.p
    score2, info12, info22 = _time_weighted(problem, final, cell_weight)
    information = np.block([[final.information, info12], [info12.T, info22]])
    score = np.r_[np.zeros(p), score2]

    sources = model.design.sources
    groups = _term_groups(sources) if terms else [(name, [j]) for j, name in enumerate(model.design.names)]
    statistic, df = [], []
    for _, columns in groups:
        keep = np.r_[np.arange(p), np.asarray(columns) + p]
        statistic.append(float(score[keep] @ np.linalg.solve(information[np.ix_(keep, keep)], score[keep])))
        df.append(len(columns))
    statistic.append(float(score @ np.linalg.solve(information, score)))
    df.append(p)
    tests = [chi_square(s, d) for s, d in zip(statistic, df, strict=True)]

    residuals, order = _scaled_residuals(fit, groups, final.information)
    death_rows = rs.used[rs.death][order]
    return CoxZphResult(
        terms=tuple(name for name, _ in groups) + ("GLOBAL",),
        statistic=np.array([t.statistic for t in tests]), df=np.array(df),
        p_value=np.array([t.p_value for t in tests]),
        time=stop[death_rows], transformed_time=g[death_rows],
        scaled_residuals=residuals, variance=_vmean_inverse(fit, groups, final.information),
        transform=transform_name,
    )


def _transformed_times(transform, stop, start, event) -> tuple[np.ndarray, str]:
    if callable(transform):
        values = np.asarray(transform(stop), dtype=np.float64)
        if values.shape != stop.shape or not np.isfinite(values).all():
            raise InputError("transform(time) must return one finite number per row")
        return values, getattr(transform, "__name__", "user")
    if transform not in TRANSFORMS:
        raise InputError(f"transform {transform!r}; expected one of {list(TRANSFORMS)} or a function")
    if transform == "identity":
        return stop.copy(), transform
    if transform == "rank":
        return scipy_stats.rankdata(stop), transform
    if transform == "log":
        if np.any(stop <= 0):
            raise InputError("transform='log' needs every time > 0")
        return np.log(stop), transform
    return 1.0 - _km_before(stop, start, event), transform


def _km_before(stop, start, event) -> np.ndarray:
    """Unweighted Kaplan-Meier of all rows just before each row's time (R's survfitKM
    on the model's Surv object, read with findInterval(left.open = TRUE))."""
    from graftline.stats._counting_process import RiskSets

    rs = RiskSets.build(stop, event, np.zeros(len(stop), dtype=np.intp), start)
    n_risk = rs.at_risk_sums(np.ones((1, len(rs.used))))[:, 0]
    survival = np.cumprod(1.0 - rs.n_deaths / n_risk)
    index = np.searchsorted(rs.cell_time, stop, side="left")  # event times strictly before
    return np.r_[1.0, survival][index]


def _time_weighted(problem: PartialLikelihood, ev: Evaluation, cell_weight: np.ndarray):
    """Score and information blocks of the model extended by x * g(t), at (beta, 0)."""
    rs, xt = problem.risk_sets, problem.xt
    s1, d1 = ev.at_risk[:, 1:], ev.tied[:, 1:]
    weighted_risk = np.exp(ev.eta - ev.shift) * problem.weight
    risk_death = weighted_risk[rs.death]
    death_weight = np.repeat(cell_weight, rs.n_deaths)
    score = (problem.weight_death * death_weight) @ problem.x_death - (
        s1.T @ (cell_weight * ev.hazard) - d1.T @ (cell_weight * ev.tied_hazard))

    def block(c):
        window = rs.window_sums(c * ev.hazard)[:, 0]
        weight = weighted_risk * window
        if problem.ties == "efron":
            weight[rs.death] -= risk_death * np.repeat(c * ev.tied_hazard, rs.n_deaths)
        q = ev.inverse_squares * c[:, None]
        cross = (s1 * q[:, 1:2]).T @ d1
        out = weighted_cross(xt, weight) - ((s1 * q[:, 0:1]).T @ s1 - cross - cross.T)
        if problem.ties == "efron":
            out -= (d1 * q[:, 2:3]).T @ d1
        return out

    return score, block(cell_weight), block(cell_weight**2)


def _term_groups(sources: tuple[str, ...]) -> list[tuple[str, list[int]]]:
    groups: dict[str, list[int]] = {}
    for j, source in enumerate(sources):
        groups.setdefault(source, []).append(j)
    return list(groups.items())


def _used(fit: CoxResult) -> np.ndarray:
    """(strata x columns): events of the stratum if the column varies in it, else 0."""
    model = fit.model
    codes, count = model.strata.codes, model.strata.count
    x = model.design.matrix
    events = np.bincount(codes, model.event, minlength=count)
    used = np.zeros((count, x.shape[1]))
    for s in range(count):
        rows = x[codes == s]
        varies = (rows != rows[:1]).any(axis=0) if len(rows) else np.zeros(x.shape[1], dtype=bool)
        used[s] = np.where(varies, events[s], 0.0)
    return used


def _combine(fit, groups, matrix_columns):
    """R's temp matrix: one column per term; a multi-column term weights its columns by beta."""
    p = len(fit.coef)
    combine = np.zeros((p, len(groups)))
    for i, (_, columns) in enumerate(groups):
        combine[columns, i] = 1.0 if len(columns) == 1 else fit.coef[columns]
    return combine


def _vmean(fit, groups, information):
    used = _used(fit)
    for _, columns in groups:  # R: a term's columns count as used where any of them is
        if len(columns) > 1:
            used[:, columns] = used[:, columns].max(axis=1, keepdims=True)
    wtmat = np.zeros((used.shape[1],) * 2)
    for row in used:
        wtmat += np.minimum.outer(row, row)
    vmean = information / np.where(wtmat == 0, 1.0, wtmat)
    combine = _combine(fit, groups, None)
    term_used = np.column_stack([used[:, columns].max(axis=1) for _, columns in groups])
    return combine.T @ vmean @ combine, term_used, combine


def _vmean_inverse(fit, groups, information):
    vmean, _, _ = _vmean(fit, groups, information)
    return np.linalg.inv(vmean)


def _scaled_residuals(fit: CoxResult, groups, information):
    """R's scaled Schoenfeld residuals, rows in R's event order."""
    model = fit.model
    problem = model.problem
    rs = problem.risk_sets
    order = _r_event_order(fit)
    schoenfeld = problem.schoenfeld(model.final)[order]
    vmean, term_used, combine = _vmean(fit, groups, information)
    residual = schoenfeld @ combine
    stratum_of_event = model.strata.codes[rs.used[rs.death][order]]
    out = np.full_like(residual, np.nan)
    for s in range(term_used.shape[0]):
        k = np.flatnonzero(term_used[s] > 0)
        rows = stratum_of_event == s
        if len(k) and rows.any():
            out[np.ix_(rows, k)] = np.linalg.solve(vmean[np.ix_(k, k)], residual[np.ix_(rows, k)].T).T
    for i, (_, columns) in enumerate(groups):
        out[:, i] += fit.coef[columns[0]] if len(columns) == 1 else 1.0
    return out, order


def _r_event_order(fit: CoxResult) -> np.ndarray:
    """Positions (into the fit's events, which are in cell order with tied events
    in row order) in the order cox.zph returns them: by stratum and time; tied
    events in row order for right-censored data, reversed for counting-process
    data (R walks those backwards in time)."""
    rs = fit.model.problem.risk_sets
    order = np.arange(len(rs.death))
    if fit.model.start is None:
        return order
    # Reverse the events within each cell.
    starts = fit.model.problem.death_start
    ends = np.r_[starts[1:], len(order)]
    cell = rs.death_cell
    return starts[cell] + ends[cell] - 1 - order


def _natural_spline_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Natural cubic spline basis with the given knots (boundary knots first and
    last): 1, x and K - 2 truncated-power terms (Hastie, Tibshirani, Friedman,
    Elements of Statistical Learning, eq. 5.4-5.5). It spans the same space as
    R's ``ns(..., intercept = TRUE)`` with these knots."""
    knots = np.unique(knots)
    k = len(knots)
    columns = [np.ones_like(x), x]

    def d(j):
        return (np.maximum(x - knots[j], 0) ** 3 - np.maximum(x - knots[-1], 0) ** 3) / (knots[-1] - knots[j])

    last = d(k - 2) if k >= 3 else None
    for j in range(k - 2):
        columns.append(d(j) - last)
    return np.column_stack(columns)
