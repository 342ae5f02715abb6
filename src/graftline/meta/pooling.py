"""Fixed- and random-effects pooling, subgroups and meta-regression (metafor's ``rma.uni``)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError
from graftline.meta.heterogeneity import (
    MAX_ITER,
    STEP_ADJ,
    TAU2_METHODS,
    THRESHOLD,
    estimate_tau2,
    weighted_fit,
)
from graftline.meta.transforms import back_transform_function

TESTS = ("z", "knha")


class ConvergenceWarning(UserWarning):
    """An iterative tau^2 estimator stopped before converging."""


@dataclass(frozen=True)
class BackTransformed:
    """Pooled estimate and intervals on the natural scale (risk ratio, proportion...)."""

    estimate: float
    ci_lower: float
    ci_upper: float
    pi_lower: float
    pi_upper: float
    scale: str

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.__dict__])


@dataclass(frozen=True, eq=False)  # holds results with arrays
class SubgroupAnalysis:
    """Separate pooling within each subgroup and the test for subgroup differences.

    ``q_between`` is Cochran's Q of a fixed-effect meta-analysis of the subgroup
    estimates (with their standard errors), on ``df_between = G - 1`` degrees of
    freedom: the RevMan / Cochrane Handbook (10.11.3.1) test, with a separate
    tau^2 in each subgroup.
    """

    names: tuple[str, ...]
    results: tuple[PoolResult, ...]
    q_between: float
    df_between: int
    p_between: float

    def __getitem__(self, name: str) -> PoolResult:
        return self.results[self.names.index(name)]

    def to_frame(self) -> pd.DataFrame:
        frame = pd.concat([r.to_frame() for r in self.results], ignore_index=True)
        frame.insert(0, "subgroup", list(self.names))
        return frame


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class PoolResult:
    """A fitted meta-analysis. Every field is documented in :func:`pool`."""

    estimate: float
    se: float
    statistic: float
    p_value: float
    ci_lower: float
    ci_upper: float
    df: float
    tau2: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_p_value: float
    pi_lower: float
    pi_upper: float
    weights: np.ndarray
    k: int
    method: str
    test: str
    level: float
    converged: bool
    iterations: int
    messages: tuple[str, ...]
    yi: np.ndarray
    vi: np.ndarray
    labels: tuple[str, ...]
    n: np.ndarray | None = None
    measure: str | None = None
    coefficients: pd.DataFrame | None = None
    qm: float = np.nan
    qm_df: tuple[int, ...] = ()
    qm_p_value: float = np.nan
    r2: float = np.nan
    subgroup: np.ndarray | None = None
    subgroups: SubgroupAnalysis | None = None
    _control: dict = field(default_factory=dict, repr=False, compare=False)
    _design: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def tau(self) -> float:
        return float(np.sqrt(self.tau2))

    def to_frame(self) -> pd.DataFrame:
        """One row: estimate, CI, p, heterogeneity and prediction interval."""
        return pd.DataFrame([{
            "k": self.k, "method": self.method, "test": self.test,
            "estimate": self.estimate, "se": self.se, "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper, "statistic": self.statistic, "df": self.df,
            "p_value": self.p_value, "tau2": self.tau2, "i2": self.i2, "h2": self.h2,
            "q": self.q, "q_df": self.q_df, "q_p_value": self.q_p_value,
            "pi_lower": self.pi_lower, "pi_upper": self.pi_upper, "converged": self.converged,
        }])

    def study_frame(self) -> pd.DataFrame:
        """One row per study: label, n, estimate, CI and weight (percent)."""
        crit = stats.norm.isf((1 - self.level) / 2)
        se = np.sqrt(self.vi)
        frame = pd.DataFrame({
            "study": list(self.labels), "yi": self.yi, "vi": self.vi,
            "ci_lower": self.yi - crit * se, "ci_upper": self.yi + crit * se,
            "weight": self.weights,
        })
        if self.n is not None:
            frame.insert(1, "n", self.n)
        if self.subgroup is not None:
            frame.insert(1, "subgroup", self.subgroup)
        return frame

    def back_transform(self, transform: str | None = None) -> BackTransformed:
        """Estimate, CI and prediction interval on the natural scale.

        ``transform`` defaults from the measure: ``exp`` for RR, OR, ROM, MNLN;
        inverse logit for PLO; ``sin(x)^2`` for PAS; the inverse Freeman-Tukey
        transformation at the harmonic mean of the study sizes for PFT
        (metafor's ``transf.ipft.hm``, Miller 1978); identity otherwise.
        """
        name, function = back_transform_function(transform or self.measure, self.n)
        values = [function(x) for x in (self.estimate, self.ci_lower, self.ci_upper,
                                        self.pi_lower, self.pi_upper)]
        return BackTransformed(*(float(x) for x in values), scale=name)

    def influence(self) -> pd.DataFrame:
        """Case-deletion diagnostics per study; see :func:`graftline.meta.diagnostics.influence`."""
        from graftline.meta.diagnostics import influence

        return influence(self)

    def cumulative(self, order=None, *, decreasing: bool = False) -> pd.DataFrame:
        """Cumulative meta-analysis; see :func:`graftline.meta.diagnostics.cumulative`."""
        from graftline.meta.diagnostics import cumulative

        return cumulative(self, order, decreasing=decreasing)

    def baujat(self) -> pd.DataFrame:
        """Baujat plot coordinates; see :func:`graftline.meta.diagnostics.baujat`."""
        from graftline.meta.diagnostics import baujat

        return baujat(self)

    def gosh(self):
        """Every subset of studies fitted; see :func:`graftline.meta.diagnostics.gosh`."""
        from graftline.meta.diagnostics import gosh

        return gosh(self)

    def leave_one_out(self) -> pd.DataFrame:
        """Refit without each study in turn (metafor's ``leave1out``)."""
        if self.coefficients is not None:
            raise InputError("leave-one-out is for models without moderators")
        if self.k < 3:
            raise InputError("leave-one-out needs at least 3 studies")
        rows = []
        for i in range(self.k):
            keep = np.arange(self.k) != i
            fit = _fit(self.yi[keep], self.vi[keep], np.ones((self.k - 1, 1)), self.method,
                       self.test, self.level, self._control)
            rows.append({"omitted": self.labels[i], "estimate": fit["estimate"], "se": fit["se"],
                         "statistic": fit["statistic"], "p_value": fit["p_value"],
                         "ci_lower": fit["ci_lower"], "ci_upper": fit["ci_upper"], "q": fit["q"],
                         "q_p_value": fit["q_p_value"], "tau2": fit["tau2"], "i2": fit["i2"],
                         "h2": fit["h2"], "converged": fit["converged"]})
        return pd.DataFrame(rows)


def pool(
    yi,
    vi,
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    subgroup=None,
    mods=None,
    labels=None,
    n=None,
    measure: str | None = None,
    max_iter: int = MAX_ITER,
    threshold: float = THRESHOLD,
    step_adj: float = STEP_ADJ,
) -> PoolResult:
    """Pool effect sizes with a fixed- or random-effects model (metafor's ``rma``).

    Parameters
    ----------
    yi, vi : array_like
        Effect sizes and their sampling variances (from :func:`effect_sizes`).
    method : str, default "REML"
        tau^2 estimator: ``FE`` (fixed/common effect), ``DL``, ``REML``, ``ML``,
        ``PM``, ``SJ``, ``HE``, ``HS`` or ``EB``; see
        :func:`graftline.meta.heterogeneity.estimate_tau2`.
    test : {"z", "knha"}
        Normal-theory tests and intervals, or the Knapp-Hartung (Hartung-Knapp-
        Sidik-Jonkman) method: standard errors scaled by ``sqrt(Q_w/(k-p))`` and
        t (F for moderators) with ``k - p`` df, without the ad hoc truncation at 1
        (as metafor's ``test="knha"``).
    level : float
        Confidence level of the intervals.
    subgroup : array_like, optional
        Subgroup label of each study: adds ``.subgroups`` (separate pooling per
        subgroup, each with its own tau^2, and the test for subgroup
        differences). The main result still pools all studies.
    mods : array_like or DataFrame, optional
        Moderators (k or k x m) for a meta-regression (mixed-effects model);
        an intercept is added. Coefficients are in ``.coefficients``; the
        omnibus test of the moderators is ``qm`` (chi^2, or F with knha) and
        ``r2`` the percent of tau^2 they account for (metafor's pseudo-R^2).
    labels, n : array_like, optional
        Study labels and sample sizes (for plots; ``n`` is needed to
        back-transform PFT).
    measure : str, optional
        The effect measure of ``yi`` (``RR``, ``PFT``...), used by
        :meth:`PoolResult.back_transform` and plot labels.
    max_iter, threshold, step_adj
        Fisher-scoring controls (metafor's defaults 100, 1e-5, 1).

    Returns
    -------
    PoolResult
        ``estimate, se, statistic, p_value, ci_lower, ci_upper`` (the intercept
        when ``mods`` are given), ``df`` (``k - p`` for knha, NaN for z),
        ``tau2``, ``i2`` (percent), ``h2``, ``q, q_df, q_p_value`` (Cochran's Q or
        the residual heterogeneity test QE), ``pi_lower, pi_upper`` (prediction
        interval, ``estimate +- crit * sqrt(se^2 + tau2)``, with crit from the
        t distribution on ``k - p`` df for knha; NaN with moderators and for FE,
        where no between-study distribution is assumed -- as metafor),
        ``weights`` (percent), ``converged``, ``iterations`` and ``messages``
        (every adjustment made, in words).

    Notes
    -----
    ``w_i = 1/(v_i + tau^2)``, ``beta = (X'WX)^-1 X'Wy``, ``Var(beta) = (X'WX)^-1``.
    ``I^2 = 100 tau^2/(tau^2 + s^2)`` and ``H^2 = (tau^2 + s^2)/s^2`` with the
    typical within-study variance ``s^2 = (k-p)/tr P`` (Higgins & Thompson
    2002), and for FE ``I^2 = 100 max(0, (Q-(k-p))/Q)``, ``H^2 = Q/(k-p)`` --
    as metafor. With one study, the result is that study's estimate with
    ``tau^2 = 0`` and z-based intervals, and a message says so.
    Non-convergence of REML/ML/EB does not raise: ``converged`` is False, the
    last iterate is reported and a :class:`ConvergenceWarning` is issued.

    References
    ----------
    1. Viechtbauer W. Conducting meta-analyses in R with the metafor package.
       J Stat Softw 2010;36(3):1-48.
    2. Viechtbauer W. Bias and efficiency of meta-analytic variance estimators
       in the random-effects model. J Educ Behav Stat 2005;30:261-293.
    3. Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis.
       Stat Med 2002;21:1539-1558.
    4. Knapp G, Hartung J. Improved tests for a random effects meta-regression
       with a single covariate. Stat Med 2003;22:2693-2710.
    5. Cochrane Handbook for Systematic Reviews of Interventions, version 6.4,
       chapter 10.

    Examples
    --------
    >>> res = pool([-0.89, -1.59, -1.35, -1.44], [0.33, 0.19, 0.42, 0.02], method="DL")
    >>> round(res.estimate, 4), round(res.tau2, 4)
    (-1.422, 0.0)
    """
    method, test = str(method).upper(), str(test).lower()
    if method not in TAU2_METHODS:
        raise InputError(f"method must be one of {', '.join(TAU2_METHODS)}, not {method!r}")
    if test not in TESTS:
        raise InputError(f"test must be 'z' or 'knha', not {test!r}")
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}")
    y = np.atleast_1d(np.asarray(yi, dtype=float))
    v = np.atleast_1d(np.asarray(vi, dtype=float))
    k = len(y)
    labels = tuple(str(x) for x in labels) if labels is not None else tuple(f"Study {i + 1}" for i in range(k))
    _validate(y, v, labels)
    n_arr = None if n is None else np.atleast_1d(np.asarray(n, dtype=float))
    if n_arr is not None and len(n_arr) != k:
        raise InputError(f"n has {len(n_arr)} values for {k} studies")
    X, names = _design(mods, k)
    control = {"max_iter": max_iter, "threshold": threshold, "step_adj": step_adj}

    messages: list[str] = []
    if k == 1:
        messages.append("only one study: the pooled estimate is that study's estimate; "
                        "heterogeneity cannot be estimated (tau^2 = 0, fixed-effect, z-based CI)")
        test = "z"
    if X.shape[1] > 1 and k <= X.shape[1]:
        raise InputError(f"{k} studies cannot estimate {X.shape[1]} coefficients; remove moderators")
    fit = _fit(y, v, X, method, test, level, control)
    messages.extend(fit["messages"])
    if method == "FE" and test == "knha":
        messages.append("the Knapp-Hartung method is meant for random-effects models, not FE")
    for message in fit["messages"]:
        if "did not converge" in message:
            warnings.warn(message, ConvergenceWarning, stacklevel=2)

    subgroups = None
    sub_arr = None
    if subgroup is not None:
        sub_arr = np.asarray([str(s) for s in subgroup], dtype=object)
        if len(sub_arr) != k:
            raise InputError(f"subgroup has {len(sub_arr)} values for {k} studies")
        subgroups = _subgroups(y, v, sub_arr, labels, n_arr, measure, method, test, level, control)

    coefficients = None
    r2 = np.nan
    if names is not None:
        r2 = _pseudo_r2(y, v, X, method, fit["tau2"], control)
        coefficients = pd.DataFrame({
            "term": names, "estimate": fit["beta"], "se": fit["se_all"], "statistic": fit["stat_all"],
            "p_value": fit["p_all"], "ci_lower": fit["lo_all"], "ci_upper": fit["hi_all"],
        })
    return PoolResult(
        estimate=fit["estimate"], se=fit["se"], statistic=fit["statistic"], p_value=fit["p_value"],
        ci_lower=fit["ci_lower"], ci_upper=fit["ci_upper"], df=fit["df"], tau2=fit["tau2"],
        i2=fit["i2"], h2=fit["h2"], q=fit["q"], q_df=k - X.shape[1], q_p_value=fit["q_p_value"],
        pi_lower=fit["pi_lower"] if names is None and method != "FE" else np.nan,
        pi_upper=fit["pi_upper"] if names is None and method != "FE" else np.nan,
        weights=_frozen(fit["weights"]), k=k, method=method, test=test, level=level,
        converged=fit["converged"], iterations=fit["iterations"], messages=tuple(messages),
        yi=_frozen(y), vi=_frozen(v), labels=labels, n=None if n_arr is None else _frozen(n_arr),
        measure=measure, coefficients=coefficients, qm=fit["qm"], qm_df=fit["qm_df"],
        qm_p_value=fit["qm_p_value"], r2=r2, subgroup=sub_arr, subgroups=subgroups, _control=control,
        _design=X,
    )


def _pseudo_r2(y, v, X, method, tau2, control) -> float:
    """Percent of heterogeneity accounted for by the moderators (metafor's R^2).

    ``100 max(0, (tau0^2 - tau^2)/tau0^2)`` with ``tau0^2`` from the model without
    moderators (Raudenbush 2009); for FE, metafor's adjusted R^2 of the
    weighted regression.
    """
    k, p = X.shape
    if method == "FE":
        w = 1 / v
        fit = weighted_fit(y, w, X)
        centred = y - np.sum(w * y) / np.sum(w)
        r2 = 1 - fit.rss / np.sum(w * centred**2)
        return max(0.0, 100 * (1 - (1 - r2) * (k - 1) / (k - p)))
    tau2_null = estimate_tau2(y, v, np.ones((k, 1)), method, **control).tau2
    if tau2_null == 0:
        return 0.0
    return max(0.0, 100 * (tau2_null - tau2) / tau2_null)


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


def _validate(y: np.ndarray, v: np.ndarray, labels: tuple[str, ...]) -> None:
    k = len(y)
    if k == 0:
        raise InputError("no studies to pool")
    if len(v) != k or len(labels) != k:
        raise InputError(f"yi has {k} values but vi has {len(v)} and labels {len(labels)}")
    for name, arr in (("yi", y), ("vi", v)):
        bad = np.flatnonzero(~np.isfinite(arr))
        if bad.size:
            i = int(bad[0])
            raise InputError(f"study {i + 1} ({labels[i]}): {name} = {arr[i]} is not a finite number")
    bad = np.flatnonzero(v <= 0)
    if bad.size:
        listed = ", ".join(f"{labels[i]} (vi = {v[i]:g})" for i in bad[:5])
        raise InputError(
            f"sampling variances must be positive; not so for {listed}. A zero variance usually "
            "means SD = 0 or an event proportion of 0 or 1 without continuity correction"
        )


def _design(mods, k: int) -> tuple[np.ndarray, list[str] | None]:
    if mods is None:
        return np.ones((k, 1)), None
    if isinstance(mods, pd.Series):
        mods = mods.to_frame()
    if isinstance(mods, pd.DataFrame):
        frame = pd.get_dummies(mods, drop_first=True, dtype=float)
        names = [str(c) for c in frame.columns]
        values = frame.to_numpy(dtype=float)
    else:
        values = np.asarray(mods, dtype=float)
        values = values.reshape(k, -1) if values.ndim == 1 else values
        names = [f"mod{j + 1}" for j in range(values.shape[1])]
    if values.shape[0] != k:
        raise InputError(f"mods has {values.shape[0]} rows for {k} studies")
    if not np.all(np.isfinite(values)):
        raise InputError("mods contain missing or non-finite values")
    X = np.column_stack([np.ones(k), values])
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise InputError("moderators are collinear (design matrix not of full rank)")
    return X, ["intercept", *names]


def _fit(y, v, X, method, test, level, control) -> dict:
    """Fit the model; the arithmetic shared by pool, subgroups, leave-one-out and bias tests."""
    k, p = X.shape
    estimate = estimate_tau2(y, v, X, method, **control)
    tau2 = estimate.tau2
    messages = [estimate.note] if estimate.note else []
    fit = weighted_fit(y, 1 / (v + tau2), X)
    cov = fit.cov_unscaled
    s2w = 1.0
    if test == "knha" and k > p:
        s2w = fit.rss / (k - p)
        cov = cov * (0.0 if fit.rss <= np.finfo(float).eps else s2w)
    se = np.sqrt(np.diag(cov))
    stat = fit.beta / se
    alpha = 1 - level
    if test == "knha":
        df = float(k - p)
        crit = stats.t.isf(alpha / 2, df) if df > 0 else np.nan
        pvals = 2 * stats.t.sf(np.abs(stat), df) if df > 0 else np.full(p, np.nan)
    else:
        df = np.nan
        crit = stats.norm.isf(alpha / 2)
        pvals = 2 * stats.norm.sf(np.abs(stat))
    lo, hi = fit.beta - crit * se, fit.beta + crit * se

    # Omnibus test of the moderators (or of the intercept when there are none).
    btt = slice(1, p) if p > 1 else slice(0, 1)
    b, vb = fit.beta[btt], cov[btt, btt]
    m = len(b)
    qm = float(b @ np.linalg.solve(vb, b)) if np.all(np.isfinite(vb)) and np.linalg.det(vb) > 0 else np.nan
    if test == "knha":
        qm = qm / m
        qm_df = (m, k - p)
        qm_p = float(stats.f.sf(qm, m, k - p)) if k > p else np.nan
    else:
        qm_df = (m,)
        qm_p = float(stats.chi2.sf(qm, m))

    # Heterogeneity from the fixed-effect weights.
    if k > p:
        fe = weighted_fit(y, 1 / v, X)
        q = max(0.0, fe.rss)
        q_p = float(stats.chi2.sf(q, k - p))
        if method == "FE":
            i2 = max(0.0, 100 * (q - (k - p)) / q) if q > 0 else 0.0
            h2 = q / (k - p)
        else:
            typical = (k - p) / fe.trace_p
            i2 = 100 * tau2 / (typical + tau2)
            h2 = tau2 / typical + 1
    else:
        q, q_p, i2, h2 = 0.0, 1.0, 0.0, 1.0
    pi_half = crit * np.sqrt(se[0] ** 2 + tau2)
    return {
        "beta": fit.beta, "se_all": se, "stat_all": stat, "p_all": pvals, "lo_all": lo, "hi_all": hi,
        "estimate": float(fit.beta[0]), "se": float(se[0]), "statistic": float(stat[0]),
        "p_value": float(pvals[0]), "ci_lower": float(lo[0]), "ci_upper": float(hi[0]), "df": df,
        "tau2": float(tau2), "i2": float(i2), "h2": float(h2), "q": float(q), "q_p_value": q_p,
        "pi_lower": float(fit.beta[0] - pi_half), "pi_upper": float(fit.beta[0] + pi_half),
        "weights": 100 * fit.w / np.sum(fit.w), "cov": cov, "s2w": s2w, "qm": qm, "qm_df": qm_df, "qm_p_value": qm_p,
        "converged": estimate.converged, "iterations": estimate.iterations, "messages": messages,
    }


def _subgroups(y, v, sub, labels, n, measure, method, test, level, control) -> SubgroupAnalysis:
    names = tuple(dict.fromkeys(sub))  # first-appearance order, as in the sheet
    results = []
    for name in names:
        idx = np.flatnonzero(sub == name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            results.append(pool(
                y[idx], v[idx], method=method, test=test, level=level,
                labels=[labels[i] for i in idx], n=None if n is None else n[idx], measure=measure,
                max_iter=control["max_iter"], threshold=control["threshold"],
                step_adj=control["step_adj"],
            ))
    if len(names) < 2:
        return SubgroupAnalysis(names, tuple(results), np.nan, 0, np.nan)
    est = np.array([r.estimate for r in results])
    se = np.array([r.se for r in results])
    between = _fit(est, se**2, np.ones((len(names), 1)), "FE", "z", level, control)
    return SubgroupAnalysis(names, tuple(results), between["q"], len(names) - 1, between["q_p_value"])
