"""Cox proportional-hazards regression, equal to R's ``coxph`` (Efron or Breslow ties)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy import special, stats

from graftline.errors import InputError
from graftline.stats._design import DesignMatrix, check_full_rank, model_matrix
from graftline.stats._risk_sets import time_table
from graftline.stats._validation import check_event, check_group, check_time


class ConvergenceWarning(UserWarning):
    """An iterative fit stopped before meeting its convergence criterion."""


@dataclass(frozen=True)
class ChiSquareTest:
    """A chi-square test of the hypothesis that every coefficient is 0."""

    statistic: float
    df: int
    p_value: float


@dataclass(frozen=True)
class CoxResult:
    """A fitted Cox model.

    Attributes
    ----------
    terms : tuple of str
        Model-matrix column names (R ``model.matrix`` style, e.g. ``armmst``).
    coef, se : ndarray
        Log hazard ratios and their standard errors (inverse information).
    variance : ndarray
        Covariance matrix of ``coef``.
    loglik : tuple of float
        Partial log-likelihood at 0 and at ``coef`` (R's ``fit$loglik``).
    iterations : int
        Newton-Raphson iterations used (R's ``fit$iter``).
    converged : bool
        False if ``max_iter`` ran out first; a :class:`ConvergenceWarning` was
        issued and ``coef`` is the last iterate, not an estimate.
    likelihood_ratio, wald, score : ChiSquareTest
        The three global tests ``summary(coxph)`` prints.
    """

    terms: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    variance: np.ndarray
    loglik: tuple[float, float]
    iterations: int
    converged: bool
    ties: str
    n: int
    n_events: int
    likelihood_ratio: ChiSquareTest
    wald: ChiSquareTest
    score: ChiSquareTest

    def to_frame(self, *, conf_level: float = 0.95):
        """Columns ``term, coef, se, hr, lower, upper, p_value`` (Wald z-test and CI)."""
        import pandas as pd

        z = special.ndtri(1 - (1 - conf_level) / 2)
        return pd.DataFrame({
            "term": list(self.terms),
            "coef": self.coef,
            "se": self.se,
            "hr": np.exp(self.coef),
            "lower": np.exp(self.coef - z * self.se),
            "upper": np.exp(self.coef + z * self.se),
            "p_value": 2 * stats.norm.sf(np.abs(self.coef / self.se)),
        })


def cox_ph(time, event, covariates, *, ties: str = "efron", strata=None, max_iter: int = 20,
           tolerance: float = 1e-9) -> CoxResult:
    """Fit a Cox proportional-hazards model by Newton-Raphson, as ``coxph``.

    Parameters
    ----------
    time, event : array_like
        Follow-up time (>= 0) and 1/0 event indicator per subject.
    covariates : DataFrame or 2-D array
        See :func:`graftline.stats.model_matrix`: categoricals become
        treatment contrasts with the first level as reference.
    ties : {"efron", "breslow"}, default "efron"
        Approximation of the partial likelihood for tied event times
        (Efron is R's default).
    strata : array_like, optional
        Stratum per subject: a separate baseline hazard per stratum.
    max_iter : int, default 20
        R's ``coxph.control(iter.max)``.
    tolerance : float, default 1e-9
        R's ``coxph.control(eps)``: stop when
        :math:`|1 - \\ell_{old}/\\ell_{new}| \\le` tolerance.

    Returns
    -------
    CoxResult

    Raises
    ------
    InputError
        Bad times/events, no events, collinear covariates (named), or
        covariates that do not vary within any stratum.

    Notes
    -----
    With risk score :math:`r_i = \\exp(x_i^T\\beta)`, at an event time with
    tie set :math:`D` (:math:`d` events) and risk set :math:`R`, Efron's
    partial likelihood contributes, for :math:`l = 0..d-1`,
    :math:`\\sum_{i \\in D} x_i^T\\beta - \\log(S_0 - \\tfrac{l}{d} D_0)`
    with :math:`S_0 = \\sum_R r_i`, :math:`D_0 = \\sum_D r_i` (Breslow: the
    fraction is 0). Score and information follow with
    :math:`S_1, S_2` (first and second moments of :math:`x` weighted by
    :math:`r`). Running sums over the times sorted once make each
    iteration O(n p^2); tie groups are expanded into one row per event
    rather than looped over.

    The iteration is coxph's: start at 0; Newton step
    :math:`\\beta + I^{-1} U`; if the log-likelihood falls, halve the step;
    stop when the relative change is below ``tolerance`` (the returned
    coefficients are those of the last evaluated step, as R's). The
    variance is :math:`I(\\hat\\beta)^{-1}`. The tests: likelihood ratio
    :math:`2(\\ell(\\hat\\beta) - \\ell(0))`, Wald
    :math:`\\hat\\beta^T I \\hat\\beta`, score :math:`U(0)^T I(0)^{-1} U(0)`.

    Differences from R: collinear covariates are an error (R drops them
    with an NA coefficient); R warns when a coefficient may be infinite
    (monotone likelihood) and so do we, with the same criterion.

    References
    ----------
    .. [1] Cox DR. Regression models and life-tables. J R Stat Soc B 1972;34:187-220.
    .. [2] Efron B. The efficiency of Cox's likelihood function for censored
       data. J Am Stat Assoc 1977;72:557-565.
    .. [3] Therneau TM, Grambsch PM. Modeling Survival Data: Extending the
       Cox Model. Springer 2000, ch. 3; R survival ``coxph`` 3.5.

    Examples
    --------
    >>> import pandas as pd
    >>> fit = cox_ph([5, 8, 8, 12, 20, 3, 9, 15], [1, 1, 0, 1, 0, 1, 1, 1],
    ...              pd.DataFrame({"arm": ["mst"] * 4 + ["chemo"] * 4}))
    >>> fit.to_frame()["term"].tolist()
    ['armmst']
    """
    if ties not in ("efron", "breslow"):
        raise InputError(f"ties {ties!r} must be 'efron' or 'breslow'")
    time = check_time(time)
    n = len(time)
    event = check_event(event, n)
    design = model_matrix(covariates, n=n)
    stratum = check_group(strata, n, name="strata")
    n_events = int(event.sum())
    if n_events == 0:
        raise InputError("no events: every subject is censored, so a Cox model has nothing to fit")
    if stratum.count > 1:
        _check_within_strata(design, stratum.codes, stratum.count)

    problem = _CoxProblem.build(design.matrix, time, event, stratum.codes, stratum.count, ties)
    p = design.n_terms
    beta = np.zeros(p)
    loglik, score, information = problem.evaluate(beta)
    initial_loglik = loglik
    score_statistic = float(score @ _solve(information, score, design))
    new_beta = beta + _solve(information, score, design)
    halving = False
    converged = False
    iterations = 0
    new_loglik, new_score, new_information = loglik, score, information
    for iterations in range(1, max_iter + 1):  # noqa: B007 - iterations is reported
        new_loglik, new_score, new_information = problem.evaluate(new_beta)
        if abs(1 - loglik / new_loglik) <= tolerance and not halving:
            converged = True
            break
        if iterations == max_iter:
            break
        if new_loglik < loglik:
            halving = True  # the step overshot: go half way back, as coxfit6
            new_beta = (new_beta + beta) / 2
        else:
            halving = False
            loglik, beta = new_loglik, new_beta
            new_beta = beta + _solve(new_information, new_score, design)
    beta, loglik = new_beta, new_loglik
    variance = _inverse(new_information, design)
    if not converged:
        warnings.warn(
            f"cox_ph did not converge in {max_iter} iterations (relative change in the "
            f"log-likelihood above {tolerance:g}); the result has converged=False and its "
            "coefficients are the last iterate, not estimates",
            ConvergenceWarning, stacklevel=2)
    else:
        _warn_if_infinite(beta, new_score, variance, design, tolerance)

    se = np.sqrt(np.diag(variance))
    lr = 2 * (loglik - initial_loglik)
    wald = float(beta @ np.linalg.solve(variance, beta))
    return CoxResult(
        terms=design.names, coef=beta, se=se, variance=variance,
        loglik=(float(initial_loglik), float(loglik)), iterations=iterations,
        converged=converged, ties=ties, n=n, n_events=n_events,
        likelihood_ratio=_chi_square(lr, p), wald=_chi_square(wald, p),
        score=_chi_square(score_statistic, p),
    )


@dataclass(frozen=True)
class _CoxProblem:
    """Data sorted once, with everything that does not depend on beta (and a scratch buffer).

    Rows are in decreasing time within each stratum, and at a tied time the
    events come last. The risk set of time t (every row of the stratum with
    time >= t) is then a prefix of the stratum, so its sums are a running sum
    read at the last row at t; the sums over the tied events are that read
    minus the read just before the events. Arrays hold one quantity per row
    (shape (k, n)) so the running sums run over contiguous memory.
    """

    x: np.ndarray               # centred covariates, shape (p, n), sorted
    segments: np.ndarray        # row bounds of the strata
    risk_row: np.ndarray        # per event time: last row at that time
    before_ties_row: np.ndarray  # per event time: last row before its events
    ties_start_stratum: np.ndarray  # no row of the stratum precedes the events
    death: np.ndarray           # sorted positions of subjects with an event
    row_group: np.ndarray       # Efron rows (one per event): index of its event time
    row_fraction: np.ndarray    # Efron rows: l / d (0 for Breslow)
    x_death_sum: np.ndarray
    upper: tuple[np.ndarray, np.ndarray]
    scratch: np.ndarray         # reused (k, n) buffer for the running sums

    @classmethod
    def build(cls, x, time, event, stratum, n_strata, ties):
        table = time_table(stratum, n_strata, time, event)
        n, p = x.shape
        # Ascending (cell, events first), reversed: time descending, events last.
        order = np.argsort(2 * table.cell.astype(np.int64) + (event == 0), kind="stable")[::-1]
        # Centring (as coxph) keeps exp(x beta) well scaled; beta is unchanged.
        xs = np.ascontiguousarray((x - x.mean(axis=0)).T)[:, order]
        upper = np.triu_indices(p)
        cell_start = np.r_[0, np.cumsum(table.n_at_time)[:-1]]  # ascending layout
        block_change = np.flatnonzero(np.r_[True, table.block[1:] != table.block[:-1]])
        ascending_bounds = np.append(cell_start, n)[np.append(block_change, len(table.time))]
        with_events = np.flatnonzero(table.n_event > 0)
        deaths_per = table.n_event[with_events]
        stratum_end = ascending_bounds[1:][np.searchsorted(block_change, with_events, side="right") - 1]
        risk_row = n - 1 - cell_start[with_events]
        death = np.flatnonzero(event[order] > 0)
        row_group = np.repeat(np.arange(len(with_events)), deaths_per)
        if ties == "efron":
            first_row = np.repeat(np.cumsum(deaths_per) - deaths_per, deaths_per)
            row_fraction = (np.arange(len(death)) - first_row) / np.repeat(deaths_per, deaths_per)
        else:
            row_fraction = np.zeros(len(death))
        # Efron rows must follow the event times in the order of `with_events`;
        # only sums over rows are used, so the order of deaths does not matter.
        return cls(x=xs, segments=np.sort(n - ascending_bounds),
                   risk_row=risk_row, before_ties_row=np.maximum(risk_row - deaths_per, 0),
                   ties_start_stratum=cell_start[with_events] + deaths_per >= stratum_end,
                   death=death, row_group=row_group, row_fraction=row_fraction,
                   x_death_sum=xs[:, death].sum(axis=1), upper=upper,
                   scratch=np.empty((1 + p + len(upper[0]), n)))

    def evaluate(self, beta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """Partial log-likelihood, score and information at ``beta``."""
        p = len(beta)
        eta = beta @ self.x
        shift = eta.max()  # exp(eta - shift) <= 1 cannot overflow; ratios are unchanged
        # Rows of `running`: r, r x_i, r x_i x_j (i <= j), then running sums.
        running = self.scratch
        np.exp(eta - shift, out=running[0])
        np.multiply(self.x, running[0], out=running[1:1 + p])
        for k, (i, j) in enumerate(zip(*self.upper, strict=True)):
            np.multiply(running[1 + i], self.x[j], out=running[1 + p + k])
        bounds = self.segments
        for begin, end in zip(bounds[:-1], bounds[1:], strict=True):  # one pass per stratum
            np.cumsum(running[:, begin:end], axis=1, out=running[:, begin:end])
        at_risk = running[:, self.risk_row].T
        # Sums over the tied events: risk set minus the rows before the events.
        # The subtraction loses digits only relative to the risk-set sum,
        # which is the scale every term below is divided by.
        before = np.where(self.ties_start_stratum[:, None], 0.0, running[:, self.before_ties_row].T)
        tied = at_risk - before

        s0, s1, s2 = at_risk[:, 0], at_risk[:, 1:1 + p], at_risk[:, 1 + p:]
        d0, d1, d2 = tied[:, 0], tied[:, 1:1 + p], tied[:, 1 + p:]
        f, g = self.row_fraction, self.row_group
        denominator = s0[g] - f * d0[g]
        inv = 1.0 / denominator
        k = len(s0)
        w0 = np.bincount(g, inv, minlength=k)
        w1 = np.bincount(g, f * inv, minlength=k)
        inv2 = inv * inv
        q0 = np.bincount(g, inv2, minlength=k)
        q1 = np.bincount(g, f * inv2, minlength=k)
        q2 = np.bincount(g, f * f * inv2, minlength=k)

        loglik = float(eta[self.death].sum() - np.log(denominator).sum() - len(self.death) * shift)
        score = self.x_death_sum - (w0 @ s1 - w1 @ d1)
        second = w0 @ s2 - w1 @ d2
        information = np.empty((p, p))
        information[self.upper] = second
        information.T[self.upper] = second
        cross = (s1 * q1[:, None]).T @ d1
        information -= (s1 * q0[:, None]).T @ s1 - cross - cross.T + (d1 * q2[:, None]).T @ d1
        return loglik, score, information


def _solve(information: np.ndarray, score: np.ndarray, design: DesignMatrix) -> np.ndarray:
    try:
        factor = scipy.linalg.cho_factor(information)
    except np.linalg.LinAlgError:
        raise InputError(_singular_message(design)) from None
    return scipy.linalg.cho_solve(factor, score)


def _inverse(information: np.ndarray, design: DesignMatrix) -> np.ndarray:
    return _solve(information, np.eye(len(information)), design)


def _singular_message(design: DesignMatrix) -> str:
    return (f"the Cox information matrix is singular for terms {list(design.names)}: a covariate "
            "does not vary among subjects at risk at the event times; drop or merge it")


def _check_within_strata(design: DesignMatrix, codes: np.ndarray, n_strata: int) -> None:
    """A covariate constant within every stratum is confounded with the strata."""
    counts = np.bincount(codes, minlength=n_strata)[:, None]
    means = np.column_stack([np.bincount(codes, column, minlength=n_strata)
                             for column in design.matrix.T])
    centred = design.matrix - (means / counts)[codes]
    try:
        check_full_rank(DesignMatrix(centred, design.names, design.sources))
    except InputError as error:
        raise InputError(f"within strata: {error}") from None


def _warn_if_infinite(beta, score, variance, design, tolerance):
    # coxph's check: a score still far from 0 relative to the coefficient
    # means the likelihood is monotone (e.g. no events in one arm).
    drift = np.abs(score @ variance)
    suspect = (drift > tolerance) & (drift > np.sqrt(tolerance) * np.abs(beta))
    if suspect.any():
        names = [design.names[j] for j in np.flatnonzero(suspect)]
        warnings.warn(f"cox_ph: the log-likelihood converged before {names}; "
                      "the coefficient may be infinite (monotone likelihood)",
                      ConvergenceWarning, stacklevel=3)


def _chi_square(statistic: float, df: int) -> ChiSquareTest:
    return ChiSquareTest(statistic=float(statistic), df=df, p_value=float(stats.chi2.sf(statistic, df)))
