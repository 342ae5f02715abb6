"""Binomial-normal generalised linear mixed models for sparse events (metafor's ``rma.glmm``).

The likelihood of every study is the exact binomial one, so zero cells need no
continuity correction (Stijnen, Hamza & Ozdemir 2010). The random effect of
each study is integrated out by adaptive Gauss-Hermite quadrature (7 nodes by
default; 1 node is the Laplace approximation), the same approximation
``lme4::glmer(nAGQ = 7)`` maximises when metafor calls it, so the estimates
are the same maximum. lme4 and statsmodels cannot be used from here (R, and
statsmodels' binomial GLMMs are Bayesian/variational only), so the likelihood
is written out; the maximisation is SciPy's BFGS followed by Newton steps on
a finite-difference Hessian, which also gives the covariance matrix -- the
inverse Hessian of the log-likelihood in (tau, beta), as ``vcov()`` of a glmer
fit.

Models (metafor's names):

- ``PLO``: one arm per study, ``logit(p_i) = x_i'beta + u_i``, ``u_i ~ N(0, tau^2)``.
- ``UM.FS`` (OR, default): unconditional model with fixed study intercepts
  ``alpha_i`` and a random treatment effect, ``logit(p_ij) = alpha_i +
  g_ij (x_i'beta) + (g_ij - 1/2) ... `` with the random effect coded +-1/2
  in the two arms (metafor's ``coding = 1/2``).
- ``CM.AL``: conditional model, approximate likelihood: events in arm 1 given
  all events, binomial with offset ``log(n1/n2)`` and a random log OR.

Not implemented: ``UM.RS`` (correlated random intercepts and slopes, where
lme4 is restricted to the Laplace approximation) and ``CM.EL`` (the exact
non-central hypergeometric likelihood; metafor needs BiasedUrn for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.polynomial.hermite_e import hermegauss
from scipy import optimize, stats
from scipy.special import expit, gammaln

from graftline.errors import InputError
from graftline.meta.effect_sizes import effect_sizes
from graftline.meta.heterogeneity import weighted_fit
from graftline.meta.sparse import _back_transform, double_zero, one_arm, two_by_two

GLMM_MODELS = ("UM.FS", "CM.AL")
_MODE_TOL = 1e-12
_NEWTON_TOL = 1e-10


@dataclass(frozen=True, eq=False)  # holds arrays
class GLMMResult:
    """A fitted binomial-normal GLMM. Attribute names are those of ``PoolResult``.

    ``estimate`` is a logit (PLO) or log odds ratio (OR); ``tau2`` the variance
    of the random effect; ``q`` the Wald test of heterogeneity (metafor's
    ``QE.Wld``) and ``q_lrt`` the likelihood-ratio test (``QE.LRT``), both on
    ``q_df = k - p`` df; ``i2``/``h2`` from ``tau2`` and the typical
    within-study variance of the study estimates ``yi, vi`` (as metafor);
    ``loglik`` the maximised (quadrature-approximated) log-likelihood with
    binomial coefficients. ``weights`` are NaN: a GLMM has no study weights
    (metafor's ``weights()`` is not available for ``rma.glmm``).
    """

    estimate: float
    se: float
    statistic: float
    p_value: float
    ci_lower: float
    ci_upper: float
    tau2: float
    i2: float
    h2: float
    q: float
    q_p_value: float
    q_lrt: float
    q_lrt_p_value: float
    q_df: int
    pi_lower: float
    pi_upper: float
    loglik: float
    k: int
    measure: str
    model: str
    method: str
    n_agq: int
    level: float
    converged: bool
    iterations: int
    messages: tuple[str, ...]
    yi: np.ndarray
    vi: np.ndarray
    labels: tuple[str, ...]
    weights: np.ndarray
    events1: np.ndarray
    n1: np.ndarray
    events2: np.ndarray | None = None
    n2: np.ndarray | None = None
    coefficients: pd.DataFrame | None = None
    test: str = "z"
    subgroup: None = None
    subgroups: None = None
    _vcov: np.ndarray = field(default=None, repr=False)

    @property
    def n(self) -> np.ndarray:
        return self.n1 if self.n2 is None else self.n1 + self.n2

    @property
    def tau(self) -> float:
        return float(np.sqrt(self.tau2))

    def to_frame(self) -> pd.DataFrame:
        """One row: estimate, CI, p, tau^2, heterogeneity tests and log-likelihood."""
        return pd.DataFrame([{
            "k": self.k, "measure": self.measure, "model": self.model, "method": self.method,
            "estimate": self.estimate, "se": self.se, "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper, "statistic": self.statistic, "p_value": self.p_value,
            "tau2": self.tau2, "i2": self.i2, "h2": self.h2, "q": self.q, "q_df": self.q_df,
            "q_p_value": self.q_p_value, "q_lrt": self.q_lrt, "q_lrt_p_value": self.q_lrt_p_value,
            "pi_lower": self.pi_lower, "pi_upper": self.pi_upper, "loglik": self.loglik,
            "converged": self.converged,
        }])

    def study_frame(self) -> pd.DataFrame:
        """One row per study: counts, estimate (``yi``, continuity-corrected where needed) and CI."""
        crit = stats.norm.isf((1 - self.level) / 2)
        se = np.sqrt(self.vi)
        frame = pd.DataFrame({"study": list(self.labels), "n": self.n, "yi": self.yi, "vi": self.vi,
                              "ci_lower": self.yi - crit * se, "ci_upper": self.yi + crit * se,
                              "weight": self.weights})
        if self.n2 is None:
            frame.insert(2, "events", self.events1)
        else:
            for j, (name, values) in enumerate((("events1", self.events1), ("n1", self.n1),
                                                 ("events2", self.events2), ("n2", self.n2))):
                frame.insert(2 + j, name, values)
        return frame

    def back_transform(self):
        """Estimate, CI and prediction interval as a proportion (PLO) or odds ratio (OR)."""
        return _back_transform(self)


@dataclass(frozen=True, eq=False)
class _Binomial:
    """Binomial observations, ``m`` per study (1, or 2 arms), stored as k x m arrays."""

    y: np.ndarray  # events, k x m
    n: np.ndarray  # trials, k x m
    X: np.ndarray  # fixed-effect design, k x m x p
    offset: np.ndarray  # k x m
    z: np.ndarray  # random-effect coefficient, k x m
    intercepts: bool  # fixed study intercepts (UM.FS), profiled out
    log_choose: np.ndarray  # per study

    @property
    def groups(self) -> int:
        return self.y.shape[0]


@lru_cache(maxsize=16)
def _quadrature(n_agq: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Hermite nodes and log weights for the standard normal density (lme4's ``GHrule``)."""
    nodes, weights = hermegauss(n_agq)
    return nodes, np.log(weights / np.sqrt(2 * np.pi))


def _binomial_loglik(y, n, eta):
    """``y eta - n log(1 + e^eta)``, the binomial log-likelihood without its coefficient."""
    return y * eta - n * np.logaddexp(0.0, eta)


def _conditional_modes(eta0: np.ndarray, scale: np.ndarray, d: _Binomial) -> tuple[np.ndarray, np.ndarray]:
    """Mode of ``h(u) = loglik(u) - u^2/2`` per study and ``-h''`` there (damped Newton)."""
    u = np.zeros(d.groups)
    for _ in range(200):
        p = expit(eta0 + scale * u[:, None])
        gradient = np.sum((d.y - d.n * p) * scale, axis=1) - u
        curvature = np.sum(d.n * p * (1 - p) * scale**2, axis=1) + 1
        # h is strictly concave (h'' <= -1); capping the step keeps Newton from
        # overshooting where the fitted probability saturates.
        step = np.clip(gradient / curvature, -2.0, 2.0)
        u += step
        if np.max(np.abs(step)) < _MODE_TOL:
            break
    p = expit(eta0 + scale * u[:, None])
    return u, np.sum(d.n * p * (1 - p) * scale**2, axis=1) + 1


def _log_marginal(eta0: np.ndarray, tau: float, d: _Binomial, n_agq: int) -> np.ndarray:
    """Per-study log-likelihood with the random effect integrated out (adaptive Gauss-Hermite).

    ``log L_i = log sigma_i + log sum_k w_k exp(h_i(u_i + sigma_i t_k) + t_k^2/2)``
    with ``u_i`` the mode of ``h_i``, ``sigma_i = (-h_i''(u_i))^{-1/2}``, and
    ``(t_k, w_k)`` the Gauss-Hermite rule for the standard normal density;
    ``n_agq = 1`` is the Laplace approximation. ``eta0`` (k x m) is the
    linear predictor without the random effect.
    """
    if tau == 0.0:
        return np.sum(_binomial_loglik(d.y, d.n, eta0), axis=1) + d.log_choose
    scale = tau * d.z
    mode, curvature = _conditional_modes(eta0, scale, d)
    sigma = 1 / np.sqrt(curvature)
    nodes, log_weights = _quadrature(n_agq)
    u = mode[None, :] + sigma[None, :] * nodes[:, None]  # nodes x studies
    eta = eta0[None] + scale[None] * u[:, :, None]
    h = np.sum(_binomial_loglik(d.y, d.n, eta), axis=2) - u**2 / 2
    terms = log_weights[:, None] + h + nodes[:, None] ** 2 / 2
    top = np.max(terms, axis=0)
    return np.log(sigma) + top + np.log(np.sum(np.exp(terms - top), axis=0)) + d.log_choose


def _profile_intercepts(eta_fixed: np.ndarray, tau: float, d: _Binomial, n_agq: int,
                        alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Maximise each study's marginal likelihood over its own intercept (Newton, finite differences)."""
    h = 1e-4
    for _ in range(100):
        f0 = _log_marginal(eta_fixed + alpha[:, None], tau, d, n_agq)
        fp = _log_marginal(eta_fixed + (alpha + h)[:, None], tau, d, n_agq)
        fm = _log_marginal(eta_fixed + (alpha - h)[:, None], tau, d, n_agq)
        gradient = (fp - fm) / (2 * h)
        second = (fp - 2 * f0 + fm) / h**2
        step = np.where(second < 0, -gradient / np.where(second < 0, second, 1.0), np.sign(gradient))
        step = np.clip(step, -2.0, 2.0)
        alpha = alpha + step
        if np.max(np.abs(step)) < 1e-10:
            break
    return alpha, _log_marginal(eta_fixed + alpha[:, None], tau, d, n_agq)


class _Objective:
    """Minus the log-likelihood in (beta, tau), with study intercepts profiled out where present."""

    def __init__(self, d: _Binomial, n_agq: int, alpha: np.ndarray | None):
        self.d, self.n_agq = d, n_agq
        self.alpha = alpha
        self.evaluations = 0

    def __call__(self, theta: np.ndarray) -> float:
        self.evaluations += 1
        beta, tau = theta[:-1], abs(float(theta[-1]))  # the likelihood is even in tau
        eta = self.d.X @ beta + self.d.offset
        if self.d.intercepts:
            self.alpha, per_study = _profile_intercepts(eta, tau, self.d, self.n_agq, self.alpha)
        else:
            per_study = _log_marginal(eta, tau, self.d, self.n_agq)
        return -float(np.sum(per_study))


def _gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    g = np.empty_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h * max(1.0, abs(x[i]))
        g[i] = (f(x + e) - f(x - e)) / (2 * e[i])
    return g


def _hessian(f, x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    m = len(x)
    steps = h * np.maximum(1.0, np.abs(x))
    H = np.empty((m, m))
    f0 = f(x)
    for i in range(m):
        ei = np.zeros(m)
        ei[i] = steps[i]
        H[i, i] = (f(x + ei) - 2 * f0 + f(x - ei)) / steps[i] ** 2
        for j in range(i):
            ej = np.zeros(m)
            ej[j] = steps[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej)
                                 + f(x - ei - ej)) / (4 * steps[i] * steps[j])
    return H


def _fit_fixed(d: _Binomial) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Logistic regression (tau = 0) by Newton-Raphson: study intercepts, beta, Var(beta), loglik."""
    p_dim = d.X.shape[2]
    X = d.X.reshape(-1, p_dim)
    beta = np.zeros(p_dim)
    alpha = np.zeros(d.groups)
    if d.intercepts:
        events, trials = d.y.sum(axis=1), d.n.sum(axis=1)
        alpha = np.log((events + 0.5) / (trials - events + 0.5))

    def linear(a, b):
        return d.X @ b + d.offset + (a[:, None] if d.intercepts else 0.0)

    def loglik(a, b):
        return float(np.sum(_binomial_loglik(d.y, d.n, linear(a, b))))

    current = loglik(alpha, beta)
    for _ in range(200):
        p = expit(linear(alpha, beta))
        w, r = d.n * p * (1 - p), d.y - d.n * p
        C = (X.T * w.ravel()) @ X
        g_b = X.T @ r.ravel()
        if d.intercepts:
            D = w.sum(axis=1)
            B = np.einsum("km,kmp->kp", w, d.X)
            g_a = r.sum(axis=1)
            schur = C - B.T @ (B / D[:, None])
            d_beta = np.linalg.solve(schur, g_b - B.T @ (g_a / D))
            d_alpha = (g_a - B @ d_beta) / D
        else:
            schur = C
            d_beta = np.linalg.solve(C, g_b)
            d_alpha = np.zeros(d.groups)
        t = 1.0
        while True:
            candidate = loglik(alpha + t * d_alpha, beta + t * d_beta)
            if candidate >= current - 1e-12 or t < 1e-8:
                break
            t /= 2
        alpha, beta = alpha + t * d_alpha, beta + t * d_beta
        change = candidate - current
        current = candidate
        if max(np.max(np.abs(t * d_beta)), np.max(np.abs(t * d_alpha), initial=0.0)) < 1e-11 or abs(change) < 1e-15:
            break
    return alpha, beta, np.linalg.inv(schur), current + float(np.sum(d.log_choose))


def _log_choose(n, y):
    return gammaln(n + 1) - gammaln(y + 1) - gammaln(n - y + 1)


def _saturated_loglik(y: np.ndarray, n: np.ndarray) -> float:
    """Binomial log-likelihood with every observation fitted exactly (0 log 0 = 0)."""
    y, n = np.ravel(y), np.ravel(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(y / n), 0.0) + np.where(n - y > 0, (n - y) * np.log((n - y) / n), 0.0)
    return float(np.sum(terms) + np.sum(_log_choose(n, y)))


def _scale_moderators(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre and scale non-dummy moderators (as metafor's ``scaleX``); return X and the back-transform."""
    p = X.shape[1]
    back = np.eye(p)
    if p == 1:
        return X, back
    X = X.copy()
    for j in range(1, p):
        column = X[:, j]
        if np.all(np.isin(column, (0.0, 1.0))):
            continue
        mean, sd = column.mean(), column.std(ddof=1)
        X[:, j] = (column - mean) / sd
        back[0, j] = -mean / sd
        back[j, j] = 1 / sd
    return X, back


def _moderators(mods, k: int) -> tuple[np.ndarray, list[str]]:
    if mods is None:
        return np.ones((k, 1)), ["intercept"]
    if isinstance(mods, pd.Series):
        mods = mods.to_frame()
    if isinstance(mods, pd.DataFrame):
        frame = pd.get_dummies(mods, drop_first=True, dtype=float)
        names, values = [str(c) for c in frame.columns], frame.to_numpy(dtype=float)
    else:
        values = np.asarray(mods, dtype=float)
        values = values.reshape(k, -1) if values.ndim == 1 else values
        names = [f"mod{j + 1}" for j in range(values.shape[1])]
    if values.shape[0] != k or not np.all(np.isfinite(values)):
        raise InputError(f"mods must have {k} finite rows (one per study)")
    X = np.column_stack([np.ones(k), values])
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise InputError("moderators are collinear (design matrix not of full rank)")
    return X, ["intercept", *names]


def pool_glmm(events, n, events2=None, n2=None, *, measure: str = "PLO", model: str = "UM.FS",
              method: str = "ML", mods=None, n_agq: int = 7, level: float = 0.95, test: str = "z",
              labels=None) -> GLMMResult:
    """Random-effects meta-analysis of event counts by a binomial-normal GLMM (metafor's ``rma.glmm``).

    Parameters
    ----------
    events, n : array_like
        Events and patients of each study (PLO), or of the experimental arm (OR).
    events2, n2 : array_like, optional
        Events and patients of the control arm (OR).
    measure : {"PLO", "OR"}
        Logit of a single-arm proportion, or log odds ratio between two arms.
    model : {"UM.FS", "CM.AL"}
        For OR: unconditional model with fixed study effects (default, as
        metafor), or the conditional model with the approximate (binomial)
        likelihood. Ignored for PLO.
    method : {"ML", "FE"}
        Random effects by maximum likelihood, or the fixed-effect logistic
        model (``tau^2 = 0``).
    mods : array_like or DataFrame, optional
        Study-level moderators (an intercept is added); coefficients in
        ``.coefficients``.
    n_agq : int
        Gauss-Hermite nodes per study (metafor's ``nAGQ``, default 7); 1 is
        the Laplace approximation.
    level : float
        Confidence level.
    test : {"z", "t"}
        Normal or t (``k - p`` df) tests and intervals.
    labels : array_like, optional

    Returns
    -------
    GLMMResult

    Notes
    -----
    Likelihood: each study's binomial likelihood(s) times the N(0, tau^2)
    density of its random effect, integrated by adaptive Gauss-Hermite
    quadrature around the conditional mode (Pinheiro & Bates 1995) -- the
    approximation ``lme4::glmer(nAGQ = n_agq)`` uses; the maximum is found to
    a gradient of ~1e-9 (lme4's default optimisers stop earlier, which is why
    tests compare with lme4 run to ``rhoend = 1e-12`` and, to 1e-4, with its
    defaults). ``Var(beta)`` is the beta block of the inverse Hessian of
    ``-loglik`` in ``(tau, beta)`` (as lme4's ``vcov`` with its
    finite-difference Hessian); when ``tau^2 = 0`` the two blocks decouple.

    Zero events: no continuity correction enters the model. For OR, studies
    with no events (or only events) in both arms carry no information on the
    odds ratio and are left out (metafor's ``drop00 = TRUE``), with a message.
    The study estimates ``yi, vi`` (for plots, I^2 and the Wald test) are
    metafor's ``escalc`` values, with 1/2 added to zero cells. The Wald test
    ``q`` is the Q statistic of the uncorrected study estimates (the Wald test
    of the fixed-effect model within the saturated model); a study with a zero
    cell has no finite estimate and contributes its limit, 0. ``q_lrt`` is
    ``2 (loglik_saturated - loglik_fixed)``.

    References
    ----------
    1. Stijnen T, Hamza TH, Ozdemir P. Random effects meta-analysis of event
       outcome in the framework of the generalized linear mixed model with
       applications in sparse data. Stat Med 2010;29:3046-3067.
    2. Jackson D, Law M, Stijnen T, Viechtbauer W, White IR. A comparison of
       seven random-effects models for meta-analyses that estimate the summary
       odds ratio. Stat Med 2018;37:1059-1085.
    3. Pinheiro JC, Bates DM. Approximations to the log-likelihood function in
       the nonlinear mixed-effects model. J Comput Graph Stat 1995;4:12-35.
    4. Bates D, Maechler M, Bolker B, Walker S. Fitting linear mixed-effects
       models using lme4. J Stat Softw 2015;67(1).

    Examples
    --------
    >>> res = pool_glmm([16, 10, 4, 43, 10], [17, 12, 8, 58, 10])
    >>> round(float(res.back_transform().estimate), 3)
    0.832
    """
    measure, model, method, test = str(measure).upper(), str(model).upper(), str(method).upper(), str(test).lower()
    if measure not in {"PLO", "OR"}:
        raise InputError(f"GLMM measure must be PLO (one arm) or OR (two arms), not {measure!r}")
    if measure == "OR" and model not in GLMM_MODELS:
        raise InputError(f"model must be one of {', '.join(GLMM_MODELS)}, not {model!r}")
    if method not in {"ML", "FE"}:
        raise InputError(f"method must be ML or FE, not {method!r}")
    if test not in {"z", "t"}:
        raise InputError(f"test must be z or t, not {test!r}")
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1, not {level!r}")
    if int(n_agq) != n_agq or n_agq < 1:
        raise InputError(f"n_agq must be a whole number >= 1, not {n_agq!r}")
    messages: list[str] = []
    if measure == "PLO":
        if events2 is not None or n2 is not None:
            raise InputError("measure PLO pools one arm per study; for two arms use measure='OR'")
        a, n1_, labels = one_arm(events, n, labels)
        c = n2_ = None
        keep = np.ones(len(a), dtype=bool)
        model = "PLO"
    else:
        if events2 is None or n2 is None:
            raise InputError("measure OR needs events2 and n2 (the control arm)")
        a, n1_, c, n2_, labels = two_by_two(events, n, events2, n2, labels)
        keep = ~double_zero(a, n1_ - a, c, n2_ - c)
        if (~keep).any():
            left = ", ".join(labels[i] for i in np.flatnonzero(~keep))
            messages.append(f"left out, no events (or only events) in both arms: {left}")
    k_all = len(a)
    X_all, names = _moderators(mods, k_all)
    X_study = X_all[keep]
    k = int(keep.sum())
    p = X_study.shape[1]
    if k == 0:
        raise InputError("no study with events to pool")
    if method == "ML" and k < p + 1:
        raise InputError(f"{k} studies cannot estimate tau^2 and {p} coefficients; use method='FE' "
                         "or fewer moderators")
    X_scaled, back = _scale_moderators(X_study)
    d = _build(measure, model, a[keep], n1_[keep], None if c is None else c[keep],
               None if n2_ is None else n2_[keep], X_scaled)

    alpha_fe, beta_fe, cov_fe, ll_fe = _fit_fixed(d)
    converged, iterations = True, 0
    if method == "FE":
        beta, cov, tau, ll = beta_fe, cov_fe, 0.0, ll_fe
    else:
        beta, cov, tau, ll, converged, iterations, note = _maximise(d, n_agq, alpha_fe, beta_fe, ll_fe)
        if note:
            messages.append(note)
    beta = back @ beta
    cov = back @ cov @ back.T

    # Study estimates as escalc computes them (1/2 added to zero cells), for I^2 and plots.
    if measure == "PLO":
        es = effect_sizes("PLO", events=a, n=n1_)
    else:
        es = effect_sizes("OR", events1=a, n1=n1_, events2=c, n2=n2_)
    yi_all = np.where(keep, es["yi"].to_numpy(), np.nan)
    vi_all = np.where(keep, es["vi"].to_numpy(), np.nan)
    yi, vi = yi_all[keep], vi_all[keep]
    tau2 = tau**2
    if k > p:
        typical = (k - p) / weighted_fit(yi, 1 / vi, X_study).trace_p
        i2, h2 = 100 * tau2 / (typical + tau2), tau2 / typical + 1
        q_wald = _wald_heterogeneity(d, measure, model, a[keep], n1_[keep],
                                     None if c is None else c[keep], None if n2_ is None else n2_[keep], X_study)
        q_lrt = max(0.0, 2 * (_saturated_loglik(d.y, d.n) - ll_fe))
        q_df = k - p
        q_p, q_lrt_p = float(stats.chi2.sf(q_wald, q_df)), float(stats.chi2.sf(q_lrt, q_df))
    else:
        i2, h2, q_wald, q_lrt, q_df, q_p, q_lrt_p = 0.0, 1.0, 0.0, 0.0, 0, 1.0, 1.0

    se_all = np.sqrt(np.diag(cov))
    stat_all = beta / se_all
    if test == "t":
        crit = stats.t.isf((1 - level) / 2, k - p)
        p_all = 2 * stats.t.sf(np.abs(stat_all), k - p)
    else:
        crit = stats.norm.isf((1 - level) / 2)
        p_all = 2 * stats.norm.sf(np.abs(stat_all))
    lo_all, hi_all = beta - crit * se_all, beta + crit * se_all
    coefficients = None
    if p > 1:
        coefficients = pd.DataFrame({"term": names, "estimate": beta, "se": se_all, "statistic": stat_all,
                                     "p_value": p_all, "ci_lower": lo_all, "ci_upper": hi_all})
    pi_half = crit * np.sqrt(se_all[0] ** 2 + tau2)
    no_pi = p > 1 or method == "FE"
    return GLMMResult(
        estimate=float(beta[0]), se=float(se_all[0]), statistic=float(stat_all[0]), p_value=float(p_all[0]),
        ci_lower=float(lo_all[0]), ci_upper=float(hi_all[0]), tau2=float(tau2), i2=float(i2), h2=float(h2),
        q=float(q_wald), q_p_value=q_p, q_lrt=float(q_lrt), q_lrt_p_value=q_lrt_p, q_df=int(q_df),
        pi_lower=np.nan if no_pi else float(beta[0] - pi_half),
        pi_upper=np.nan if no_pi else float(beta[0] + pi_half),
        loglik=float(ll), k=k, measure=measure, model=model, method=method, n_agq=int(n_agq), level=level,
        converged=converged, iterations=iterations, messages=tuple(messages), yi=yi_all, vi=vi_all,
        labels=labels, weights=np.full(k_all, np.nan), events1=a, n1=n1_, events2=c, n2=n2_,
        coefficients=coefficients, test=test, _vcov=cov)


def _build(measure, model, a, n1, c, n2, X) -> _Binomial:
    k, p = X.shape
    if measure == "PLO" or model == "CM.AL":
        y, n = (a, n1) if measure == "PLO" else (a, a + c)
        offset = np.zeros(k) if measure == "PLO" else np.log(n1 / n2)
        return _Binomial(y[:, None], n[:, None], X[:, None, :], offset[:, None], np.ones((k, 1)),
                         False, _log_choose(n, y))
    # UM.FS: arm 1 and arm 2 of each study; the fixed effects act in arm 1 only,
    # the random effect is coded +1/2 and -1/2 (metafor's coding = 1/2).
    y, n = np.column_stack([a, c]), np.column_stack([n1, n2])
    Xf = np.zeros((k, 2, p))
    Xf[:, 0, :] = X
    z = np.tile([0.5, -0.5], (k, 1))
    return _Binomial(y, n, Xf, np.zeros((k, 2)), z, True, _log_choose(n, y).sum(axis=1))


def _maximise(d: _Binomial, n_agq: int, alpha: np.ndarray, beta: np.ndarray, ll_fe: float):
    objective = _Objective(d, n_agq, alpha.copy())
    start = np.append(beta, 0.5)
    fit = optimize.minimize(objective, start, jac=lambda x: _gradient(objective, x), method="BFGS",
                            options={"gtol": 1e-8, "maxiter": 500})
    theta = fit.x
    value = fit.fun
    note = ""
    # Newton steps on the finite-difference Hessian: BFGS stops on its gradient
    # tolerance, Newton converges quadratically to the maximum.
    converged = False
    for _ in range(20):
        gradient = _gradient(objective, theta)
        H = _hessian(objective, theta)
        try:
            step = -np.linalg.solve(H, gradient)
        except np.linalg.LinAlgError:
            break
        t, improved = 1.0, False
        while t > 1e-6:
            candidate = objective(theta + t * step)
            if candidate <= value + 1e-12:
                improved = True
                break
            t /= 2
        if not improved:
            converged = np.max(np.abs(gradient)) < 1e-5
            break
        theta, value = theta + t * step, candidate
        if np.max(np.abs(t * step)) < _NEWTON_TOL:
            converged = True
            break
    tau = abs(float(theta[-1]))
    # tau = 0 is a stationary point of the even likelihood; compare with the fixed-effect fit.
    if tau < 1e-4 and -ll_fe <= value + 1e-9:
        objective(np.append(theta[:-1], 0.0))
        theta = np.append(theta[:-1], 0.0)
        tau, value = 0.0, -ll_fe
    H = _hessian(objective, np.append(theta[:-1], tau))
    if tau == 0.0:
        # On the boundary the (tau, beta) cross terms vanish: invert the beta block.
        cov = np.linalg.inv(H[:-1, :-1])
        note = "tau^2 estimated as 0 (boundary): the model reduces to the fixed-effect logistic model"
    else:
        cov = np.linalg.inv(H)[:-1, :-1]
    if not converged:
        note = (note + "; " if note else "") + "the likelihood maximisation did not fully converge"
    return theta[:-1], cov, tau, -value, converged, objective.evaluations, note


def _wald_heterogeneity(d, measure, model, a, n1, c, n2, X) -> float:
    """Wald test of the fixed-effect model in the saturated model: Q of the uncorrected study estimates."""
    if measure == "PLO":
        ok = (a > 0) & (a < n1)
        with np.errstate(divide="ignore", invalid="ignore"):
            y, v = np.log(a / (n1 - a)), 1 / a + 1 / (n1 - a)
    elif model == "CM.AL":
        ok = (a > 0) & (c > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            y, v = np.log(a / c) - np.log(n1 / n2), 1 / a + 1 / c
    else:
        b, dd = n1 - a, n2 - c
        ok = (a > 0) & (b > 0) & (c > 0) & (dd > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            y, v = np.log(a * dd / (b * c)), 1 / a + 1 / b + 1 / c + 1 / dd
    if ok.sum() <= X[ok].shape[1] or np.linalg.matrix_rank(X[ok]) < X.shape[1]:
        return np.nan
    return max(0.0, weighted_fit(y[ok], 1 / v[ok], X[ok]).rss)
