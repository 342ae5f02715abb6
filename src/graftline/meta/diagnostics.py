"""Which studies drive a meta-analysis: influence, cumulative analysis, Baujat and GOSH.

Equal to metafor's ``influence.rma.uni``, ``cumul.rma.uni``, ``baujat`` and
``gosh`` (tests/reference/meta_diagnostics.R). Each refit uses the model's own
tau^2 estimator, test and Fisher-scoring controls, as metafor's do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError
from graftline.meta.heterogeneity import LL_TOL
from graftline.meta.pooling import PoolResult, _fit

GOSH_MAX_STUDIES = 15


def influence(result: PoolResult) -> pd.DataFrame:
    """Case-deletion diagnostics per study (metafor's ``influence.rma.uni``).

    Parameters
    ----------
    result : PoolResult
        A fitted model (with or without moderators), k >= 2.

    Returns
    -------
    pandas.DataFrame
        One row per study: ``study``, ``rstudent`` (externally standardised
        residual), ``dffits``, ``cooks_distance``, ``cov_ratio``,
        ``tau2_deleted``, ``qe_deleted`` (tau^2 and Q without the study),
        ``hat`` (leverage, a fraction), ``weight`` (percent), ``dfbetas_<term>``
        per coefficient and ``influential`` (metafor's marking: ``|dffits| >
        3 sqrt(p/(k-p))``, ``P(chi^2_p <= cooks_distance) > 0.5``, ``hat > 3p/k``
        or any ``|dfbetas| > 1``).

    Notes
    -----
    With ``b``, ``Var(b)`` the full fit and ``b_(-i)``, ``Var(b_(-i))``,
    ``tau^2_(-i)``, ``s^2_(-i)`` (the Knapp-Hartung scale, 1 for z tests) the
    fit without study i (Viechtbauer & Cheung 2010):

    - ``rstudent_i = (y_i - x_i b_(-i)) / sqrt(s^2_(-i) (v_i + tau^2_(-i)) + x_i Var(b_(-i)) x_i')``
    - ``dffits_i = x_i (b - b_(-i)) / sqrt(s^2_(-i) h_i (tau^2_(-i) + v_i))``
    - ``cooks_distance_i = (b - b_(-i))' Var(b)^-1 (b - b_(-i))``
    - ``cov_ratio_i = det Var(b_(-i)) / det Var(b)``
    - ``h_i = w_i x_i (X'WX)^-1 x_i'`` with ``w_i = 1/(v_i + tau^2)``.

    References
    ----------
    1. Viechtbauer W, Cheung MWL. Outlier and influence diagnostics for
       meta-analysis. Res Synth Methods 2010;1:112-125.

    Examples
    --------
    >>> from graftline.meta import pool
    >>> res = pool([-0.9, -1.6, -0.2, -0.5, -1.4], [0.3, 0.2, 0.05, 0.1, 0.03])
    >>> list(influence(res).columns[:4])
    ['study', 'rstudent', 'dffits', 'cooks_distance']
    """
    if result.k < 2:
        raise InputError("influence diagnostics need at least 2 studies")
    y, v, X = result.yi, result.vi, _design_of(result)
    k, p = X.shape
    b = result.coefficients["estimate"].to_numpy() if result.coefficients is not None else np.array([result.estimate])
    full = _fit(y, v, X, result.method, result.test, result.level, result._control)
    vb = full["cov"]
    w = 1 / (v + full["tau2"])
    hat = w * np.einsum("ij,jk,ik->i", X, np.linalg.inv((X.T * w) @ X), X)
    inverse_vb = np.linalg.inv(vb)
    rows = {name: np.full(k, np.nan) for name in
            ("delpred", "vdelpred", "s2w", "tau2_deleted", "qe_deleted", "dffits", "cooks_distance", "cov_ratio")}
    dfbetas = np.full((k, p), np.nan)
    for i in range(k):
        keep = np.arange(k) != i
        if np.linalg.matrix_rank(X[keep]) < p:
            continue
        fit = _fit(y[keep], v[keep], X[keep], result.method, result.test, result.level, result._control)
        b_del, vb_del = fit["beta"], fit["cov"]
        rows["tau2_deleted"][i] = fit["tau2"]
        rows["qe_deleted"][i] = fit["q"]
        rows["s2w"][i] = fit["s2w"]
        rows["delpred"][i] = X[i] @ b_del
        rows["vdelpred"][i] = X[i] @ vb_del @ X[i]
        rows["dffits"][i] = (X[i] @ b - rows["delpred"][i]) / np.sqrt(fit["s2w"] * hat[i] * (fit["tau2"] + v[i]))
        # DFBETAS scale the change by Var(b) recomputed on all k studies with tau^2_(-i).
        vb_all = np.linalg.inv((X.T / (v + fit["tau2"])) @ X)
        dfbetas[i] = (b - b_del) / np.sqrt(fit["s2w"] * np.diag(vb_all))
        change = b - b_del
        rows["cooks_distance"][i] = change @ inverse_vb @ change
        rows["cov_ratio"][i] = np.linalg.det(vb_del) / np.linalg.det(vb)
    resid = y - rows["delpred"]
    resid[np.abs(resid) < 100 * np.finfo(float).eps] = 0.0
    rstudent = resid / np.sqrt(v * rows["s2w"] + rows["vdelpred"] + rows["tau2_deleted"] * rows["s2w"])
    frame = pd.DataFrame({
        "study": list(result.labels), "rstudent": rstudent, "dffits": rows["dffits"],
        "cooks_distance": rows["cooks_distance"], "cov_ratio": rows["cov_ratio"],
        "tau2_deleted": rows["tau2_deleted"], "qe_deleted": rows["qe_deleted"], "hat": hat,
        "weight": result.weights,
    })
    terms = list(result.coefficients["term"]) if result.coefficients is not None else ["intercept"]
    for j, term in enumerate(terms):
        frame[f"dfbetas_{term}"] = dfbetas[:, j]
    with np.errstate(invalid="ignore"):
        flagged = ((np.abs(frame["dffits"]) > 3 * np.sqrt(p / (k - p)))
                   | (stats.chi2.cdf(frame["cooks_distance"], df=p) > 0.5)
                   | (frame["hat"] > 3 * p / k) | (np.abs(dfbetas) > 1).any(axis=1))
    frame["influential"] = flagged.fillna(False).astype(bool)
    return frame


def cumulative(result: PoolResult, order=None, *, decreasing: bool = False) -> pd.DataFrame:
    """Cumulative meta-analysis: the pooled result as studies are added (metafor's ``cumul``).

    Parameters
    ----------
    result : PoolResult
        A fitted model without moderators.
    order : array_like, optional
        A sort key per study (e.g. publication year); studies are added in
        increasing key order, ties in their original order (a stable sort, as
        R's ``order``). Default: the order of the studies in the result.
    decreasing : bool
        Add studies in decreasing key order (ties still in original order).

    Returns
    -------
    pandas.DataFrame
        One row per added study: ``study`` (the one added), ``k``,
        ``estimate, se, ci_lower, ci_upper, statistic, p_value, q, q_p_value,
        tau2, i2, h2`` of the model fitted to the first ``k`` studies, with the
        result's tau^2 estimator and test (a single study gives its own
        estimate with a z-based interval).

    Examples
    --------
    >>> from graftline.meta import pool
    >>> res = pool([-0.9, -1.6, -0.2], [0.3, 0.2, 0.05])
    >>> cumulative(res, order=[2001, 1999, 2005])["study"].tolist()
    ['Study 2', 'Study 1', 'Study 3']
    """
    if result.coefficients is not None:
        raise InputError("cumulative meta-analysis is for models without moderators")
    k = result.k
    if order is None:
        position = np.arange(k)
    else:
        key = np.asarray(order)
        if len(key) != k:
            raise InputError(f"order has {len(key)} values for {k} studies")
        ranks = pd.Series(key).rank(method="dense")
        if ranks.isna().any():
            raise InputError("order has missing values; give every study a sort key")
        position = np.argsort(-ranks.to_numpy() if decreasing else ranks.to_numpy(), kind="stable")
    y, v = result.yi[position], result.vi[position]
    rows = []
    for j in range(1, k + 1):
        test = result.test if j > 1 else "z"  # one study: its own estimate, z-based (as pool)
        fit = _fit(y[:j], v[:j], np.ones((j, 1)), result.method, test, result.level, result._control)
        rows.append({"study": result.labels[position[j - 1]], "k": j, "estimate": fit["estimate"],
                     "se": fit["se"], "ci_lower": fit["ci_lower"], "ci_upper": fit["ci_upper"],
                     "statistic": fit["statistic"], "p_value": fit["p_value"], "q": fit["q"],
                     "q_p_value": fit["q_p_value"], "tau2": fit["tau2"], "i2": fit["i2"], "h2": fit["h2"]})
    return pd.DataFrame(rows)


def baujat(result: PoolResult) -> pd.DataFrame:
    """Coordinates of the Baujat plot (metafor's ``baujat``).

    Returns
    -------
    pandas.DataFrame
        ``study``, ``x`` = the study's contribution to heterogeneity,
        ``(y_i - x_i b)^2 / (v_i + tau^2)``, and ``y`` = its influence on the
        pooled result, ``(x_i b - x_i b_(-i))^2 / x_i Var(b_(-i)) x_i'``.

    References
    ----------
    1. Baujat B, Mahe C, Pignon JP, Hill C. A graphical method for exploring
       heterogeneity in meta-analyses. Stat Med 2002;21:2641-2652.
    """
    if result.k < 2:
        raise InputError("a Baujat plot needs at least 2 studies")
    y, v, X = result.yi, result.vi, _design_of(result)
    k, p = X.shape
    full = _fit(y, v, X, result.method, result.test, result.level, result._control)
    fitted = X @ full["beta"]
    ys = np.full(k, np.nan)
    for i in range(k):
        keep = np.arange(k) != i
        if np.linalg.matrix_rank(X[keep]) < p:
            continue
        fit = _fit(y[keep], v[keep], X[keep], result.method, result.test, result.level, result._control)
        ys[i] = (X[i] @ fit["beta"] - fitted[i]) ** 2 / (X[i] @ fit["cov"] @ X[i])
    return pd.DataFrame({"study": list(result.labels), "x": (y - fitted) ** 2 / (full["tau2"] + v), "y": ys})


@dataclass(frozen=True, eq=False)  # holds arrays
class GoshResult:
    """Every subset of studies fitted (metafor's ``gosh``): one row per subset in ``fits``."""

    fits: pd.DataFrame  # subset (bit mask), k, estimate, q, i2, h2, tau2
    labels: tuple[str, ...]
    method: str
    measure: str | None

    def included(self) -> np.ndarray:
        """Subsets x studies boolean matrix (study i is in subset s)."""
        masks = self.fits["subset"].to_numpy()
        return (masks[:, None] >> np.arange(len(self.labels))) & 1 == 1

    def to_frame(self) -> pd.DataFrame:
        return self.fits.copy()

    def plot(self, **kwargs):
        from graftline.meta.plots_diagnostics import gosh_plot

        return gosh_plot(self, **kwargs)


def gosh(result: PoolResult) -> GoshResult:
    """Fit the model to every non-empty subset of the studies (GOSH; metafor's ``gosh``), k <= 15.

    Returns
    -------
    GoshResult
        ``fits`` has one row per subset in metafor's order (by number of
        studies, then by ``subset``, the bit mask of included studies with
        study 1 = bit 0): ``k, estimate, q, i2, h2, tau2``.

    Notes
    -----
    As metafor's ``gosh``, I^2 and H^2 of FE and DL fits are ``(Q-df)/Q`` and
    ``Q/df`` (so H^2 can be below 1 where DL's tau^2 is truncated at 0).
    FE, DL and the Fisher-scoring estimators (REML, ML, EB) are computed for
    all subsets at once (vectorised, the same iteration and stopping rule as
    :func:`~graftline.meta.pool`); other tau^2 estimators fit subset by subset.
    Clusters in the plot of I^2 against the estimate point to studies that
    drive heterogeneity (Olkin et al. 2012).

    References
    ----------
    1. Olkin I, Dahabreh IJ, Trikalinos TA. GOSH - a graphical display of study
       heterogeneity. Res Synth Methods 2012;3:214-223.
    """
    if result.coefficients is not None:
        raise InputError("GOSH is for models without moderators")
    k = result.k
    if k < 2:
        raise InputError("GOSH needs at least 2 studies")
    if k > GOSH_MAX_STUDIES:
        raise InputError(f"GOSH fits all 2^k - 1 subsets; k = {k} is more than {GOSH_MAX_STUDIES} "
                         "(2^15 = 32,768 models)")
    masks = np.arange(1, 2**k)
    include = ((masks[:, None] >> np.arange(k)) & 1).astype(bool)
    # metafor's order: by number of studies, then by bit mask.
    order = np.argsort(include.sum(axis=1), kind="stable")
    masks, include = masks[order], include[order]
    if result.method in {"FE", "DL", "REML", "ML", "EB"}:
        fits = _all_subsets(result.yi, result.vi, include, result.method, result._control)
    else:
        records = []
        for row in include:
            fit = _fit(result.yi[row], result.vi[row], np.ones((row.sum(), 1)), result.method, "z",
                       result.level, result._control)
            records.append((fit["estimate"], fit["q"], fit["i2"], fit["h2"], fit["tau2"]))
        fits = dict(zip(("estimate", "q", "i2", "h2", "tau2"), np.array(records).T, strict=True))
    frame = pd.DataFrame({"subset": masks, "k": include.sum(axis=1), **fits})
    return GoshResult(frame, result.labels, result.method, result.measure)


def _all_subsets(y, v, include, method, control) -> dict[str, np.ndarray]:
    """Intercept-only fits of every subset at once (rows of ``include``), as ``_fit`` does one."""
    m = include.astype(float)
    k = m.sum(axis=1)
    w_fe = m / v
    sw = w_fe.sum(axis=1)
    mean_fe = (w_fe * y).sum(axis=1) / sw
    q = np.maximum(0.0, (w_fe * (y - mean_fe[:, None]) ** 2).sum(axis=1))
    trace_fe = sw - (w_fe**2).sum(axis=1) / sw
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "FE":
            tau2 = np.zeros(len(m))
        elif method == "DL":
            tau2 = np.maximum(0.0, (q - (k - 1)) / trace_fe)
        else:
            tau2 = _fisher_scoring_subsets(y, v, m, k, method, control)
        tau2 = np.where(k == 1, 0.0, tau2)
        w = m / (v + tau2[:, None])
        estimate = (w * y).sum(axis=1) / w.sum(axis=1)
        if method in {"FE", "DL"}:
            # metafor's gosh takes I^2 and H^2 from Q for FE and DL. For DL this
            # equals rma's tau^2-based values, except H^2 where tau^2 is
            # truncated at 0 (Q/(k-1) < 1 here, 1 in rma).
            i2 = np.where(q > 0, np.maximum(0.0, 100 * (q - (k - 1)) / q), 0.0)
            h2 = q / (k - 1)
        else:
            typical = (k - 1) / trace_fe
            i2 = 100 * tau2 / (typical + tau2)
            h2 = tau2 / typical + 1
    single = k == 1
    return {"estimate": estimate, "q": np.where(single, 0.0, q), "i2": np.where(single, 0.0, i2),
            "h2": np.where(single, 1.0, h2), "tau2": tau2}


def _fisher_scoring_subsets(y, v, m, k, method, control) -> np.ndarray:
    """metafor's Fisher scoring for REML/ML/EB, run for all subsets together."""
    threshold, max_iter, step_adj = control["threshold"], control["max_iter"], control["step_adj"]
    # Start: Hedges' estimator per subset, truncated at 0.
    mean = (m * y).sum(axis=1) / k
    rss_ols = (m * (y - mean[:, None]) ** 2).sum(axis=1)
    sv = (m * v).sum(axis=1)
    tau2 = np.maximum(0.0, (rss_ols - (sv - sv / k)) / (k - 1))
    active = k > 1
    iteration = 0
    while active.any():
        iteration += 1
        previous = tau2.copy()
        w = m / (v + tau2[:, None])
        sw, sw2 = w.sum(axis=1), (w**2).sum(axis=1)
        resid = y - ((w * y).sum(axis=1) / sw)[:, None]
        rss = (w * resid**2).sum(axis=1)
        rss_pp = ((w * resid) ** 2 * m).sum(axis=1)
        if method == "REML":
            trace_p = sw - sw2 / sw
            trace_pp = sw2 - 2 * (w**3).sum(axis=1) / sw + (sw2 / sw) ** 2
            adj = (rss_pp - trace_p) / trace_pp
        elif method == "ML":
            adj = (rss_pp - sw) / sw2
        else:  # EB
            adj = (rss * k / (k - 1) - k) / sw
        adj = np.where(np.isnan(adj), 0.0, adj) * step_adj
        adj = np.where(active, adj, 0.0)
        while np.any(tau2 + adj < 0):
            adj = np.where(tau2 + adj < 0, adj / 2, adj)
        tau2 = tau2 + adj
        active &= np.abs(previous - tau2) > threshold
        if iteration > max_iter:
            break
    if method in {"REML", "ML"}:
        # metafor's check that the likelihood is not larger at tau^2 = 0.
        reml = method == "REML"
        at_zero, at_estimate = _loglik_subsets(y, v, m, k, 0.0, reml), _loglik_subsets(y, v, m, k, tau2, reml)
        tau2 = np.where((tau2 > threshold) & (at_zero - at_estimate > LL_TOL), 0.0, tau2)
    return np.maximum(0.0, tau2)


def _loglik_subsets(y, v, m, k, tau2, reml: bool) -> np.ndarray:
    tau2 = np.broadcast_to(np.asarray(tau2, dtype=float), k.shape)
    total = v + tau2[:, None]
    w = m / total
    sw = w.sum(axis=1)
    rss = (w * (y - ((w * y).sum(axis=1) / sw)[:, None]) ** 2).sum(axis=1)
    log_v = (m * np.log(total)).sum(axis=1)
    if reml:
        return -0.5 * (k - 1) * np.log(2 * np.pi) - 0.5 * log_v - 0.5 * np.log(sw) - 0.5 * rss
    return -0.5 * k * np.log(2 * np.pi) - 0.5 * log_v - 0.5 * rss


def _design_of(result: PoolResult) -> np.ndarray:
    return result._design if result._design is not None else np.ones((result.k, 1))

