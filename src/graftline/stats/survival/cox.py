"""Cox proportional-hazards regression, equal to R's ``coxph`` (Efron or Breslow ties)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse
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
    if int(max_iter) != max_iter or max_iter < 1:
        raise InputError(f"max_iter must be a whole number >= 1, got {max_iter!r}")
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
    first_step = _solve(information, score, design)
    score_statistic = float(score @ first_step)
    new_beta = beta + first_step
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
    """Data sorted once, with everything that does not depend on beta.

    Rows are in decreasing time within each stratum, and at each distinct
    time the censored subjects come first, then the events. Each iteration
    sums r, r x and r x x^T over these contiguous pieces in one pass, as the
    product of a sparse (pieces x n) matrix holding r with the fixed
    (n x k) matrix ``moments`` = [1, x, x_i x_j]; no (k x n) temporary is
    written. The risk set of time t (the stratum's rows with time >= t) is
    then a running sum over the distinct times, and the tied events' sums are
    their own piece, so nothing is subtracted.
    """

    x: np.ndarray               # centred covariates, shape (n, p), sorted
    moments: np.ndarray         # [1, x, upper triangle of x x^T], shape (n, k), sorted
    piece_pointer: np.ndarray   # CSR row pointer: the pieces' row bounds
    column_index: np.ndarray    # CSR column indices: 0..n-1
    piece_start: np.ndarray     # first row of each non-empty (time, censored|event) piece
    censored_piece: np.ndarray  # per distinct time (descending): its censored piece or -1
    event_piece: np.ndarray     # per distinct time (descending): its event piece or -1
    stratum_cells: np.ndarray   # bounds of the strata in the descending list of times
    event_cell: np.ndarray      # descending position of each time with events
    death: np.ndarray           # sorted positions of subjects with an event
    row_group: np.ndarray       # Efron rows (one per event): index into event_cell
    row_fraction: np.ndarray    # Efron rows: l / d (0 for Breslow)
    x_death_sum: np.ndarray
    upper: tuple[np.ndarray, np.ndarray]

    @classmethod
    def build(cls, x, time, event, stratum, n_strata, ties):
        table = time_table(stratum, n_strata, time, event)
        n, p = x.shape
        # Ascending (cell, events first), reversed: time descending, events last.
        order = np.argsort(2 * table.cell.astype(np.int64) + (event == 0), kind="stable")[::-1]
        # Centring (as coxph) keeps exp(x beta) well scaled; beta is unchanged.
        xs = np.take(x, order, axis=0)
        xs -= x.mean(axis=0)
        upper = np.triu_indices(p)
        moments = np.empty((n, 1 + p + len(upper[0])))
        moments[:, 0] = 1.0
        moments[:, 1:1 + p] = xs
        np.multiply(xs[:, upper[0]], xs[:, upper[1]], out=moments[:, 1 + p:])
        # Distinct (stratum, time) cells in the descending layout.
        n_at, n_event = table.n_at_time[::-1], table.n_event[::-1]
        cell_end = np.cumsum(n_at)
        events_start = cell_end - n_event
        cell_begin = cell_end - n_at
        censored = n_at > n_event
        has_events = n_event > 0
        # Pieces in row order: per cell its censored rows, then its event rows.
        starts = np.column_stack([cell_begin, events_start]).ravel()
        keep = np.column_stack([censored, has_events]).ravel()
        piece_index = np.cumsum(keep) - 1
        censored_piece = np.where(censored, piece_index[0::2], -1)
        event_piece = np.where(has_events, piece_index[1::2], -1)
        block = table.block[::-1]
        stratum_cells = np.r_[0, np.flatnonzero(block[1:] != block[:-1]) + 1, len(block)]
        event_cell = np.flatnonzero(has_events)
        deaths_per = n_event[event_cell]
        death = np.flatnonzero(event[order] > 0)
        row_group = np.repeat(np.arange(len(event_cell)), deaths_per)
        if ties == "efron":
            first_row = np.repeat(np.cumsum(deaths_per) - deaths_per, deaths_per)
            row_fraction = (np.arange(len(death)) - first_row) / np.repeat(deaths_per, deaths_per)
        else:
            row_fraction = np.zeros(len(death))
        piece_start = starts[keep]
        index_type = np.int32 if n < 2**31 else np.int64
        return cls(x=xs, moments=moments,
                   piece_pointer=np.append(piece_start, n).astype(index_type),
                   column_index=np.arange(n, dtype=index_type),
                   piece_start=piece_start, censored_piece=censored_piece,
                   event_piece=event_piece, stratum_cells=stratum_cells, event_cell=event_cell,
                   death=death, row_group=row_group, row_fraction=row_fraction,
                   x_death_sum=xs[death].sum(axis=0), upper=upper)

    def evaluate(self, beta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """Partial log-likelihood, score and information at ``beta``."""
        p = len(beta)
        eta = self.x @ beta
        shift = eta.max()  # exp(eta - shift) <= 1 cannot overflow; ratios are unchanged
        risk = np.exp(eta - shift)
        n, k_terms = self.moments.shape
        by_piece = scipy.sparse.csr_matrix(
            (risk, self.column_index, self.piece_pointer), shape=(len(self.piece_start), n))
        pieces = np.asarray(by_piece @ self.moments).T  # (k, pieces): sums of r, r x, r x x^T
        padded = np.concatenate([pieces, np.zeros((k_terms, 1))], axis=1)  # index -1 -> 0
        tied_all = padded[:, self.event_piece]
        per_time = padded[:, self.censored_piece] + tied_all
        bounds = self.stratum_cells
        for begin, end in zip(bounds[:-1], bounds[1:], strict=True):  # one pass per stratum
            np.cumsum(per_time[:, begin:end], axis=1, out=per_time[:, begin:end])
        at_risk = per_time[:, self.event_cell].T
        tied = tied_all[:, self.event_cell].T

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
    return ChiSquareTest(statistic=float(statistic), df=df, p_value=float(special.chdtrc(df, statistic)))
