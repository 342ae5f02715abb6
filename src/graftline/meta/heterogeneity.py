"""Estimators of the between-study variance tau^2, as metafor's ``rma.uni``.

Every quantity of the projection ``P = W - W X (X'WX)^-1 X'W`` that the
estimators need (``y'Py``, ``y'PPy``, ``tr P``, ``tr PP``) is computed from the
k-vector of weights and the small p x p matrix ``X'WX``, so one iteration costs
O(k p^2) and no k x k matrix is ever formed. metafor builds ``P`` as a dense
k x k matrix, which is why it slows down badly beyond a few thousand studies;
the numbers are the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

#: tau^2 estimators, with metafor's names.
TAU2_METHODS = ("FE", "DL", "REML", "ML", "PM", "SJ", "HE", "HS", "EB")

# metafor's control defaults (rma.uni, metafor 3.8): Fisher scoring stops when
# tau^2 changes by less than `threshold`; `tol` is the log-likelihood margin of
# the check against tau^2 = 0.
THRESHOLD = 1e-5
MAX_ITER = 100
STEP_ADJ = 1.0
LL_TOL = np.finfo(float).eps ** 0.25


@dataclass(frozen=True)
class Tau2Estimate:
    """A tau^2 estimate and how the estimator got there."""

    tau2: float
    converged: bool = True
    iterations: int = 0
    note: str = ""


@dataclass(frozen=True, eq=False)  # holds arrays
class WeightedFit:
    """Weighted least squares of y on X with weights w: the pieces of P."""

    beta: np.ndarray
    cov_unscaled: np.ndarray  # (X'WX)^-1
    resid: np.ndarray
    w: np.ndarray
    X: np.ndarray

    @property
    def rss(self) -> float:
        """``y'Py = sum w r^2``."""
        return float(np.sum(self.w * self.resid**2))

    @property
    def rss_pp(self) -> float:
        """``y'PPy = |Py|^2`` with ``Py = W r``."""
        return float(np.sum((self.w * self.resid) ** 2))

    def _xw_x(self, power: int) -> np.ndarray:
        return (self.X.T * self.w**power) @ self.X

    @property
    def trace_p(self) -> float:
        """``tr P = sum w - tr((X'WX)^-1 X'W^2X)``."""
        return float(np.sum(self.w) - np.trace(self.cov_unscaled @ self._xw_x(2)))

    @property
    def trace_pp(self) -> float:
        """``tr PP = sum w^2 - 2 tr(A^-1 X'W^3X) + tr((A^-1 X'W^2X)^2)``, ``A = X'WX``."""
        b = self.cov_unscaled @ self._xw_x(2)
        c = self.cov_unscaled @ self._xw_x(3)
        return float(np.sum(self.w**2) - 2 * np.trace(c) + np.trace(b @ b))

    @property
    def logdet_xwx(self) -> float:
        return float(-np.linalg.slogdet(self.cov_unscaled)[1])


def weighted_fit(y: np.ndarray, w: np.ndarray, X: np.ndarray) -> WeightedFit:
    """Weighted least-squares fit; ``X`` is k x p with p small."""
    xwx = (X.T * w) @ X
    cov = np.linalg.inv(xwx)
    beta = cov @ (X.T @ (w * y))
    return WeightedFit(beta=beta, cov_unscaled=cov, resid=y - X @ beta, w=w, X=X)


def estimate_tau2(
    y: np.ndarray,
    v: np.ndarray,
    X: np.ndarray,
    method: str,
    *,
    max_iter: int = MAX_ITER,
    threshold: float = THRESHOLD,
    step_adj: float = STEP_ADJ,
) -> Tau2Estimate:
    """Estimate tau^2 of the model ``y = X beta + u + e``, ``u ~ N(0, tau^2)``, ``e ~ N(0, v)``.

    Parameters
    ----------
    y, v : numpy.ndarray
        Effect sizes and sampling variances (k).
    X : numpy.ndarray
        Design matrix (k x p), intercept in the first column.
    method : str
        One of :data:`TAU2_METHODS`.
    max_iter, threshold, step_adj : optional
        Fisher-scoring controls for ML, REML and EB (metafor's ``maxiter``,
        ``threshold``, ``stepadj``).

    Returns
    -------
    Tau2Estimate

    Notes
    -----
    With ``W = diag(1/v)`` (fixed-effect weights), ``p = ncol(X)``, ``Q = y'Py``:

    - DL: ``(Q - (k-p)) / tr P`` (DerSimonian & Laird 1986).
    - HE: ``(RSS_OLS - tr((I-H)V)) / (k-p)`` (Hedges 1983).
    - HS: ``(Q - k) / sum w`` (Hunter & Schmidt 2004).
    - SJ: ``tau0^2 y'P0y/(k-p)`` with ``tau0^2 = var(y)(k-1)/k`` and P0 built on
      weights ``1/(v + tau0^2)`` (Sidik & Jonkman 2005); never truncated.
    - PM: the root of ``y'P(tau^2)y = k-p`` (Paule & Mandel 1982), found with
      Brent's method to machine precision; metafor's ``uniroot`` stops at
      ``tol = 1.2e-4``, so metafor's PM value can differ in the 4th-5th digit.
    - ML, REML, EB: Fisher scoring from ``max(0, HE)`` with metafor's updates
      ``(y'PPy - sum w)/sum w^2``, ``(y'PPy - tr P)/tr PP`` and
      ``(y'Py k/(k-p) - k)/sum w``, step halving at the lower bound 0, stop when
      the change is below ``threshold``; then metafor's check that the
      likelihood at tau^2 = 0 is not larger (else tau^2 = 0).

    All estimates are truncated at 0.

    References
    ----------
    1. DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin
       Trials 1986;7:177-188.
    2. Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl
       Bur Stand 1982;87:377-385.
    3. Sidik K, Jonkman JN. Simple heterogeneity variance estimation for
       meta-analysis. J R Stat Soc C 2005;54:367-384.
    4. Viechtbauer W. Bias and efficiency of meta-analytic variance estimators
       in the random-effects model. J Educ Behav Stat 2005;30:261-293.

    Examples
    --------
    >>> y = np.array([-0.9, -1.6, -0.2, -0.5]); v = np.array([0.3, 0.2, 0.05, 0.1])
    >>> round(estimate_tau2(y, v, np.ones((4, 1)), "DL").tau2, 4)
    0.2204
    """
    k, p = X.shape
    if method == "FE" or k == 1:
        return Tau2Estimate(0.0)
    w_fe = 1 / v
    if method == "DL":
        fit = weighted_fit(y, w_fe, X)
        return Tau2Estimate(max(0.0, (fit.rss - (k - p)) / fit.trace_p))
    if method == "HS":
        fit = weighted_fit(y, w_fe, X)
        return Tau2Estimate(max(0.0, (fit.rss - k) / np.sum(w_fe)))
    if method == "SJ":
        tau0 = float(np.var(y, ddof=1) * (k - 1) / k)
        fit = weighted_fit(y, 1 / (v + tau0), X)
        return Tau2Estimate(max(0.0, tau0 * fit.rss / (k - p)))
    he = _hedges(y, v, X)
    if method == "HE":
        return Tau2Estimate(max(0.0, he))
    if method == "PM":
        return _paule_mandel(y, v, X)
    if method in {"ML", "REML", "EB"}:
        return _fisher_scoring(y, v, X, method, max(0.0, he), max_iter, threshold, step_adj)
    raise ValueError(f"unknown tau^2 method {method!r}")


def _hedges(y, v, X) -> float:
    k, p = X.shape
    ols = weighted_fit(y, np.ones_like(y), X)
    tr_pv = float(np.sum(v) - np.trace(ols.cov_unscaled @ ((X.T * v) @ X)))
    return (ols.rss - tr_pv) / (k - p)


def _paule_mandel(y, v, X) -> Tau2Estimate:
    k, p = X.shape

    def excess_q(tau2: float) -> float:
        return weighted_fit(y, 1 / (v + tau2), X).rss - (k - p)

    if excess_q(0.0) < 0:
        return Tau2Estimate(0.0)
    # metafor's upper bound, widened (instead of failing) until it brackets the root.
    upper = max(100.0, 10 * _mad(y) ** 2)
    doublings = 0
    while excess_q(upper) > 0:
        upper *= 2
        doublings += 1
        if doublings > 200:
            return Tau2Estimate(np.nan, converged=False, note="Paule-Mandel: no root found")
    root, info = optimize.brentq(excess_q, 0.0, upper, xtol=1e-15, rtol=4 * np.finfo(float).eps,
                                 maxiter=1000, full_output=True)
    return Tau2Estimate(max(0.0, root), converged=info.converged, iterations=info.iterations)


def _mad(y) -> float:
    return float(1.4826 * np.median(np.abs(y - np.median(y))))


def _fisher_scoring(y, v, X, method, tau2, max_iter, threshold, step_adj) -> Tau2Estimate:
    k, p = X.shape
    change = threshold + 1
    iteration = 0
    converged = True
    while change > threshold:
        iteration += 1
        previous = tau2
        fit = weighted_fit(y, 1 / (v + tau2), X)
        if method == "REML":
            adj = (fit.rss_pp - fit.trace_p) / fit.trace_pp
        elif method == "ML":
            adj = (fit.rss_pp - np.sum(fit.w)) / np.sum(fit.w**2)
        else:  # EB
            adj = (fit.rss * k / (k - p) - k) / np.sum(fit.w)
        adj = 0.0 if np.isnan(adj) else adj * step_adj
        while tau2 + adj < 0:
            adj /= 2
        tau2 = tau2 + adj
        change = abs(previous - tau2)
        if iteration > max_iter:
            converged = False
            break
    if not converged:
        return Tau2Estimate(
            tau2, converged=False, iterations=iteration,
            note=(f"{method}: Fisher scoring did not converge in {max_iter} iterations "
                  f"(last change in tau^2 {change:.3g} > {threshold:g}); tau^2 is the last iterate. "
                  "Try more iterations, a step adjustment < 1, or another method (e.g. PM or DL)."),
        )
    note = ""
    if method in {"ML", "REML"} and tau2 > threshold:
        reml = method == "REML"
        if _loglik(y, v, X, 0.0, reml) - _loglik(y, v, X, tau2, reml) > LL_TOL:
            # metafor's guard against a local maximum away from the boundary.
            note = f"{method}: likelihood larger at tau^2 = 0 than at the Fisher-scoring solution; tau^2 set to 0"
            tau2 = 0.0
    return Tau2Estimate(max(0.0, tau2), converged=True, iterations=iteration, note=note)


def _loglik(y, v, X, tau2, reml: bool) -> float:
    k, p = X.shape
    fit = weighted_fit(y, 1 / (v + tau2), X)
    if reml:
        return (-0.5 * (k - p) * np.log(2 * np.pi) - 0.5 * np.sum(np.log(v + tau2))
                - 0.5 * fit.logdet_xwx - 0.5 * fit.rss)
    return -0.5 * k * np.log(2 * np.pi) - 0.5 * np.sum(np.log(v + tau2)) - 0.5 * fit.rss
