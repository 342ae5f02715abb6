"""Propensity scores (logistic regression, equal to R ``glm(family = binomial)``) and weights."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy import special, stats

from graftline.errors import InputError
from graftline.stats._design import model_matrix
from graftline.stats.adjusted._treatment import Treatment, check_confounders, check_treatment
from graftline.stats.survival.cox import ConvergenceWarning

ESTIMANDS = ("ATE", "ATT", "ATO")
# R's glm.fit warns that "fitted probabilities numerically 0 or 1 occurred"
# below 10 * machine epsilon; such a score makes an infinite weight.
_EPS = np.finfo(np.float64).eps
_SEPARATION = 10 * _EPS
# R's logit linkinv bounds the linear predictor at -log(eps) ~ 36 (a score
# of 1 - 2e-16); beyond it the working weights underflow.
_ETA_LIMIT = -np.log(_EPS)


@dataclass(frozen=True)
class PropensityModel:
    """A fitted propensity-score model: P(treated | covariates) per patient.

    Attributes
    ----------
    terms : tuple of str
        ``(Intercept)`` then R's treatment-contrast names (``dissubAML``, ``age>40``).
    coef, se : ndarray
        Log odds ratios and their model-based standard errors (R ``summary.glm``).
    variance : ndarray
        ``(X^T W X)^{-1}``, the covariance of ``coef``.
    score : ndarray, shape (n,)
        The propensity score :math:`e(x_i) = P(A_i = 1 | x_i)`.
    logit : ndarray, shape (n,)
        The linear predictor :math:`\\log\\{e/(1-e)\\}` (MatchIt's ``linear.logit`` distance).
    treated : ndarray of bool
        The treatment as modelled.
    labels : tuple
        ``(control, treated)`` arm labels.
    deviance : float
        Residual deviance :math:`-2 \\ell(\\hat\\beta)`.
    iterations : int
        Fisher-scoring iterations.
    converged : bool
        False if ``max_iter`` ran out (a :class:`ConvergenceWarning` was issued).
    """

    terms: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    variance: np.ndarray
    score: np.ndarray
    logit: np.ndarray
    treated: np.ndarray
    labels: tuple[object, object]
    deviance: float
    iterations: int
    converged: bool

    @property
    def n(self) -> int:
        return len(self.score)

    def to_frame(self, *, conf_level: float = 0.95):
        """Columns ``term, coef, se, odds_ratio, lower, upper, p_value`` (Wald, as ``summary.glm``)."""
        import pandas as pd

        z = special.ndtri(1 - (1 - conf_level) / 2)
        return pd.DataFrame({
            "term": list(self.terms),
            "coef": self.coef,
            "se": self.se,
            "odds_ratio": np.exp(self.coef),
            "lower": np.exp(self.coef - z * self.se),
            "upper": np.exp(self.coef + z * self.se),
            "p_value": 2 * stats.norm.sf(np.abs(self.coef / self.se)),
        })

    def weights(self, *, estimand: str = "ATE", stabilize: bool = False,
                trim: float | None = None, truncate: float | None = None) -> np.ndarray:
        """One weight per patient for ``estimand``; see :func:`propensity_weights`."""
        return weights_from_scores(self.treated, self.score, estimand=estimand, stabilize=stabilize,
                                   trim=trim, truncate=truncate)

    def plot(self, ax=None, *, bins: int = 30):
        """Overlap of the score distributions by arm (mirrored histograms); returns the Axes."""
        import matplotlib.pyplot as plt

        ax = ax if ax is not None else plt.subplots()[1]
        edges = np.linspace(0.0, 1.0, bins + 1)
        for sign, arm, color in ((1, True, "#D55E00"), (-1, False, "#0072B2")):
            counts, _ = np.histogram(self.score[self.treated == arm], bins=edges)
            ax.bar(edges[:-1], sign * counts, width=np.diff(edges), align="edge", color=color,
                   alpha=0.7, label=f"{self.labels[int(arm)]} (n = {int((self.treated == arm).sum())})")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel("propensity score")
        ax.set_ylabel("patients (control below the line)")
        ax.legend()
        return ax


def propensity_scores(treatment, covariates, *, treated: object = None, max_iter: int = 100,
                      tolerance: float = 1e-12) -> PropensityModel:
    """Fit the logistic propensity model, as ``glm(treatment ~ covariates, family = binomial)``.

    Parameters
    ----------
    treatment : array_like
        Two arms per patient (0/1, booleans or two labels).
    covariates : DataFrame or 2-D array
        Confounders measured before treatment; categoricals enter as R's
        treatment contrasts (first level the reference), see
        :func:`graftline.stats.model_matrix`. An intercept is added.
    treated : optional
        Label of the treated arm; default R's second level (1, True, or the
        second label in sorted or declared order).
    max_iter : int, default 100
    tolerance : float, default 1e-12
        Stop when :math:`|D_{old} - D|/(|D| + 0.1) <` tolerance (R's
        ``glm.control(epsilon)``, whose default 1e-8 stops slightly earlier;
        Fisher scoring converges quadratically, so both agree to ~1e-10).

    Returns
    -------
    PropensityModel

    Raises
    ------
    InputError
        Missing or non-numeric covariates, collinear terms, a treatment that
        is not two arms, a constant confounder, a category (or a value of a
        two-valued column) present in one arm only, or covariates that
        separate the arms (fitted scores of 0 or 1: no overlap, so no weight
        or match can exist).

    Notes
    -----
    Fisher scoring (iteratively reweighted least squares) for
    :math:`\\mathrm{logit}\\, e_i = x_i^T\\beta`, started as R's ``glm.fit``
    (:math:`\\mu_0 = (y + 1/2)/2`). Each step solves the weighted least
    squares problem with weights :math:`e(1-e)` by QR. Standard errors are
    :math:`\\sqrt{\\mathrm{diag}(X^T W X)^{-1}}`, R's ``summary.glm``.

    References
    ----------
    .. [1] Rosenbaum PR, Rubin DB. The central role of the propensity score in
       observational studies for causal effects. Biometrika 1983;70:41-55.
    .. [2] McCullagh P, Nelder JA. Generalized Linear Models, 2nd ed. 1989, ch. 4.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"arm": ["chemo", "mst", "chemo", "mst", "mst", "chemo"],
    ...                       "age": [61.0, 70, 55, 74, 59, 66]})
    >>> model = propensity_scores(frame.arm, frame[["age"]])
    >>> model.terms
    ('(Intercept)', 'age')
    >>> model.labels
    ('chemo', 'mst')
    """
    arms = check_treatment(treatment, treated=treated)
    check_confounders(covariates, arms)
    design = model_matrix(covariates)
    if arms.n != design.matrix.shape[0]:
        raise InputError(f"treatment has {arms.n} values but covariates has {design.matrix.shape[0]} rows; "
                         "expected one per patient")
    x = np.column_stack([np.ones(arms.n), design.matrix])
    return _fit(x, ("(Intercept)", *design.names), arms, max_iter=max_iter, tolerance=tolerance)


def _fit(x: np.ndarray, terms: tuple[str, ...], arms: Treatment, *, max_iter: int,
         tolerance: float) -> PropensityModel:
    y = arms.indicator
    eta = special.logit((y + 0.5) / 2.0)
    deviance_old = np.inf
    converged = False
    beta = np.zeros(x.shape[1])
    iterations = 0
    while iterations < max_iter:
        iterations += 1
        mu = special.expit(np.clip(eta, -_ETA_LIMIT, _ETA_LIMIT))
        w = np.maximum(mu * (1.0 - mu), _EPS)  # R's binomial()$mu.eta floor
        # R's IRLS step, beta = (X'WX)^-1 X'W z with z = eta + (y - mu)/w, taken as
        # a correction to the current beta, X'W z = X'WX beta + X'(y - mu), once
        # eta = X beta (from the second step): the p x p normal equations cost
        # O(n p^2), where R's QR of the n x p matrix costs several times that at 1 M
        # patients, and the correction form loses no accuracy at convergence.
        right = x.T @ (y - mu) if iterations > 1 else x.T @ (w * eta + (y - mu))
        step = _solve_normal(x, w, right)
        beta = beta + step if iterations > 1 else step
        eta = x @ beta
        deviance = _deviance(y, eta)
        if abs(deviance - deviance_old) / (abs(deviance) + 0.1) < tolerance:
            converged = True
            break
        deviance_old = deviance
    score = special.expit(eta)
    if ((score < _SEPARATION) | (score > 1 - _SEPARATION)).any():
        extreme = int(((score < _SEPARATION) | (score > 1 - _SEPARATION)).sum())
        raise InputError(
            f"the covariates separate the arms: {extreme} patient{'s' if extreme > 1 else ''} "
            f"{'have' if extreme > 1 else 'has'} a propensity score of 0 or 1 (separation; R's glm "
            "warns 'fitted probabilities numerically 0 or 1 occurred'), so there is no comparable patient "
            "in the other arm and no finite weight. Restrict the cohort to where both arms occur, or "
            "merge sparse categories"
        )
    if not converged:
        warnings.warn(f"propensity model did not converge in {max_iter} iterations", ConvergenceWarning,
                      stacklevel=3)
    w = score * (1.0 - score)
    variance = scipy.linalg.pinvh((x * w[:, None]).T @ x)
    return PropensityModel(
        terms=terms, coef=beta, se=np.sqrt(np.diag(variance)), variance=variance, score=score,
        logit=eta, treated=arms.treated, labels=arms.labels, deviance=float(deviance),
        iterations=iterations, converged=converged,
    )


def _solve_normal(x: np.ndarray, w: np.ndarray, right: np.ndarray) -> np.ndarray:
    """(X'WX)^-1 right by Cholesky; least squares if X'WX is not positive definite."""
    information = (x * w[:, None]).T @ x
    try:
        return scipy.linalg.cho_solve(scipy.linalg.cho_factor(information), right)
    except np.linalg.LinAlgError:
        return scipy.linalg.lstsq(information, right, lapack_driver="gelsy")[0]


def _deviance(y: np.ndarray, eta: np.ndarray) -> float:
    # -2 log-likelihood, computed on the logit scale so that it stays exact
    # for scores near 0 or 1: log(1 + exp(eta)) - y * eta.
    return float(2.0 * np.sum(np.logaddexp(0.0, eta) - y * eta))


def propensity_weights(treatment, covariates, *, estimand: str = "ATE", stabilize: bool = False,
                       trim: float | None = None, truncate: float | None = None,
                       treated: object = None) -> np.ndarray:
    """Inverse-probability (or overlap) weights from a logistic propensity model.

    Parameters
    ----------
    treatment, covariates, treated
        As :func:`propensity_scores`.
    estimand : {"ATE", "ATT", "ATO"}, default "ATE"
        The population the weighted arms are made to resemble: everyone
        (ATE), the treated (ATT), or the overlap population, where patients
        could plausibly have received either treatment (ATO).
    stabilize : bool, default False
        Multiply each arm's weights by the arm's share of the cohort,
        :math:`P(A = a)`, so the weights average about 1 and the weighted
        sample size stays near n.
    trim : float, optional
        Trimming (Crump et al. 2009): patients whose score lies outside
        ``[trim, 1 - trim]`` get weight 0, i.e. leave the analysis
        (e.g. 0.05 or 0.1). This changes the target population.
    truncate : float, optional
        Truncation (Cole and Hernan 2008): weights above their ``truncate``
        quantile are set to it and weights below the ``1 - truncate``
        quantile raised to that (e.g. 0.99); quantiles as R's default
        ``quantile(type = 7)`` over the patients ``trim`` kept.

    Returns
    -------
    ndarray, shape (n,)
        One weight per patient, in input order.

    Notes
    -----
    With score :math:`e = P(A=1|x)`: ATE :math:`w = A/e + (1-A)/(1-e)`;
    ATT :math:`w = A + (1-A)\\, e/(1-e)`; ATO :math:`w = A(1-e) + (1-A)e`
    (Li, Morgan and Zaslavsky 2018, which balances every covariate of the
    model exactly in the means). Stabilised weights multiply by
    :math:`\\hat P(A = a)` for each arm :math:`a`. The weights do not carry
    the uncertainty of the score model; estimators that use them say how
    their variance treats this.

    References
    ----------
    .. [1] Austin PC, Stuart EA. Moving towards best practice when using inverse
       probability of treatment weighting (IPTW) using the propensity score.
       Stat Med 2015;34:3661-79.
    .. [2] Li F, Morgan KL, Zaslavsky AM. Balancing covariates via propensity
       score weighting. J Am Stat Assoc 2018;113:390-400.
    .. [3] Crump RK, Hotz VJ, Imbens GW, Mitnik OA. Dealing with limited overlap
       in estimation of average treatment effects. Biometrika 2009;96:187-99.
    .. [4] Cole SR, Hernan MA. Constructing inverse probability weights for
       marginal structural models. Am J Epidemiol 2008;168:656-64.

    Examples
    --------
    >>> import numpy as np
    >>> arm = np.array([0, 1, 0, 1, 1, 0, 0, 1])
    >>> age = np.array([50.0, 62, 45, 58, 49, 60, 40, 66])
    >>> w = propensity_weights(arm, age, estimand="ATT")
    >>> bool(np.all(w[arm == 1] == 1.0))
    True
    """
    model = propensity_scores(treatment, covariates, treated=treated)
    return model.weights(estimand=estimand, stabilize=stabilize, trim=trim, truncate=truncate)


def weights_from_scores(treated, score, *, estimand: str = "ATE", stabilize: bool = False,
                        trim: float | None = None, truncate: float | None = None) -> np.ndarray:
    """Weights from given propensity scores (formulas in :func:`propensity_weights`)."""
    a = np.asarray(treated, dtype=bool)
    e = np.asarray(score, dtype=np.float64)
    key = str(estimand).upper()
    if key not in ESTIMANDS:
        raise InputError(f"estimand={estimand!r}; expected one of {list(ESTIMANDS)}")
    if np.any((e <= 0) | (e >= 1) | ~np.isfinite(e)):
        raise InputError("propensity scores must lie strictly between 0 and 1")
    if key == "ATE":
        w = np.where(a, 1.0 / e, 1.0 / (1.0 - e))
    elif key == "ATT":
        w = np.where(a, 1.0, e / (1.0 - e))
    else:
        w = np.where(a, 1.0 - e, e)
    if stabilize:
        share = a.mean()
        w = w * np.where(a, share, 1.0 - share)
    if trim is not None:
        if not 0 < trim < 0.5:
            raise InputError(f"trim={trim!r}; expected a score bound between 0 and 0.5 (e.g. 0.05)")
        w = np.where((e < trim) | (e > 1 - trim), 0.0, w)
        if not (w[a] > 0).any() or not (w[~a] > 0).any():
            raise InputError(f"trim={trim} leaves no patient in one arm; use a smaller bound")
    if truncate is not None:
        if not 0.5 < truncate < 1:
            raise InputError(f"truncate={truncate!r}; expected a quantile between 0.5 and 1 (e.g. 0.99)")
        kept = w > 0  # trimmed patients stay out
        low, high = np.quantile(w[kept], [1 - truncate, truncate])  # numpy's default = R type 7
        w = np.where(kept, np.clip(w, low, high), 0.0)
    return w
