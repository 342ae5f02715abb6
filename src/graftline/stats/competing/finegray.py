r"""Fine-Gray proportional subdistribution hazards regression, equal to ``cmprsk::crr``.

cmprsk's Fortran loops over the risk set of every failure time (O(n^2) per
Newton step, and O(n^3)-like for the sandwich variance). Every sum in the
estimating equations here is instead a running sum over the subjects sorted
by time, so a fit costs O(n log n) for the sort plus O(n p^2) per Newton
step; the numbers are the same.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from graftline.errors import InputError
from graftline.stats._design import _level_text, model_matrix
from graftline.stats._validation import check_status, check_time
from graftline.stats.competing._finegray_sums import SortedData
from graftline.stats.survival.cox import ConvergenceWarning


class FineGrayConvergenceWarning(ConvergenceWarning):
    """The Newton-Raphson iterations of :func:`fine_gray` did not converge.

    A subclass of the package's ``ConvergenceWarning``, so one filter covers
    Cox and Fine-Gray fits.
    """


@dataclass(frozen=True)
class FineGrayResult:
    """A fitted Fine-Gray model.

    Attributes
    ----------
    terms : tuple of str
        Model-matrix column names (R ``model.matrix`` style).
    coef : ndarray
        Log subdistribution hazard ratios.
    variance : ndarray, shape (p, p)
        Robust sandwich variance including the term for the estimated
        censoring distribution (crr's ``var``).
    naive_variance : ndarray, shape (p, p)
        Inverse information (crr's ``invinf``), for comparison only.
    loglik, loglik_null : float
        Log pseudo-partial likelihood at ``coef`` and at 0.
    score : ndarray
        Score at ``coef``.
    converged : bool
        False when the iteration limit or the step-halving limit was hit.
    iterations : int
        Newton steps taken.
    n : int
        Subjects used.
    cause : int
        Status code of the modelled cause.
    failure_times : ndarray
        Distinct failure times of the cause (crr's ``uftime``).
    baseline_jumps : ndarray
        Jumps of the baseline cumulative subdistribution hazard at
        ``failure_times`` (crr's ``bfitj``).
    """

    terms: tuple[str, ...]
    coef: np.ndarray
    variance: np.ndarray
    naive_variance: np.ndarray
    loglik: float
    loglik_null: float
    score: np.ndarray
    converged: bool
    iterations: int
    n: int
    cause: int
    failure_times: np.ndarray = field(repr=False)
    baseline_jumps: np.ndarray = field(repr=False)
    sources: tuple[str, ...] = field(repr=False, default=())
    levels: dict = field(repr=False, default_factory=dict)

    @property
    def se(self) -> np.ndarray:
        """Robust standard errors, ``sqrt(diag(variance))``."""
        return np.sqrt(np.diag(self.variance))

    def to_frame(self, *, conf_level: float = 0.95) -> pd.DataFrame:
        """Coefficient table like ``summary.crr``.

        Columns ``term, coef, se, hr, lower, upper, p_value``: ``hr = exp(coef)``,
        Wald interval ``exp(coef -/+ z se)``, two-sided Wald p-value
        ``2 * norm.sf(|coef / se|)`` (R: ``2 * (1 - pnorm(.))``, which rounds
        to 0 below about 1e-16; ``summary.crr`` also rounds it with ``signif``).
        """
        if not 0.0 < conf_level < 1.0:
            raise InputError(f"conf_level = {conf_level!r}; expected a number between 0 and 1")
        z = float(scipy_stats.norm.ppf(0.5 + conf_level / 2.0))
        se = self.se
        return pd.DataFrame({
            "term": list(self.terms), "coef": self.coef, "se": se, "hr": np.exp(self.coef),
            "lower": np.exp(self.coef - z * se), "upper": np.exp(self.coef + z * se),
            "p_value": 2.0 * scipy_stats.norm.sf(np.abs(self.coef / se)),
        })

    def predict_cif(self, new_covariates: object, times: Sequence[float] | np.ndarray | None = None) -> pd.DataFrame:
        r"""Predicted cumulative incidence for new subjects, like ``predict.crr``.

        :math:`F(t \mid x) = 1 - \exp\{-e^{x^\top\beta} \sum_{t_k \le t} \Delta\Lambda_0(t_k)\}`.

        Parameters
        ----------
        new_covariates : DataFrame or array_like, shape (m, p)
            One row per new subject. A DataFrame may carry the model terms
            themselves (columns named as ``terms``) or the original covariate
            columns, which are encoded again; an array must have the terms'
            columns in order.
        times : array_like, optional
            Times at which to read the step function; default the failure
            times of the cause (the rows ``predict.crr`` returns).

        Returns
        -------
        pandas.DataFrame
            Long format: columns ``subject`` (0-based row of ``new_covariates``),
            ``time``, ``cif``. Before the first failure time the CIF is 0.
        """
        x = self._new_matrix(new_covariates)
        cumulative = np.cumsum(np.exp(x @ self.coef)[:, None] * self.baseline_jumps[None, :], axis=1)
        cif = 1.0 - np.exp(-cumulative)
        if times is None:
            times = self.failure_times
            values = cif
        else:
            times = np.asarray(times, dtype=np.float64).ravel()
            index = np.searchsorted(self.failure_times, times, side="right") - 1
            values = np.where(index[None, :] >= 0, cif[:, np.maximum(index, 0)], 0.0)
        m = x.shape[0]
        return pd.DataFrame({
            "subject": np.repeat(np.arange(m), times.size),
            "time": np.tile(times, m),
            "cif": values.ravel(),
        })

    def _new_matrix(self, new_covariates: object) -> np.ndarray:
        if hasattr(new_covariates, "columns"):
            columns = [str(c) for c in new_covariates.columns]
            if all(term in columns for term in self.terms):
                return np.column_stack([np.asarray(new_covariates[t], dtype=np.float64) for t in self.terms])
            return self._encode_like_fit(new_covariates, columns)
        x = np.atleast_2d(np.asarray(new_covariates, dtype=np.float64))
        if x.shape[1] != len(self.terms):
            raise InputError(
                f"new_covariates has {x.shape[1]} columns; expected {len(self.terms)} ({list(self.terms)})"
            )
        return x

    def _encode_like_fit(self, frame: object, columns: list[str]) -> np.ndarray:
        """Original covariate columns to the fitted terms, with the fit's levels.

        Re-running model_matrix on a few new rows would lose levels they lack.
        """
        missing = sorted({s for s in self.sources if s not in columns})
        if missing:
            raise InputError(f"new_covariates lacks column(s) {missing}; expected the model's covariates or terms {list(self.terms)}")
        blocks = []
        for term, source in zip(self.terms, self.sources, strict=True):
            values = np.asarray(frame[source])
            if source not in self.levels:
                blocks.append(values.astype(np.float64))
                continue
            text = np.array([_level_text(v) for v in values.tolist()])
            unknown = np.flatnonzero(~np.isin(text, self.levels[source]))
            if unknown.size:
                i = int(unknown[0])
                raise InputError(
                    f"new_covariates row {i}, column {source}: level {values[i]!r} was not in the "
                    f"fitted data; expected one of {list(self.levels[source])}"
                )
            blocks.append((text == term[len(source):]).astype(np.float64))
        return np.column_stack(blocks)


def fine_gray(
    time: Sequence[float] | np.ndarray,
    status: Sequence[int] | np.ndarray,
    covariates: object,
    *,
    cause: int = 1,
    censor_code: int = 0,
    max_iter: int = 10,
    gtol: float = 1e-6,
) -> FineGrayResult:
    r"""Fine-Gray regression of the subdistribution hazard of one cause (``cmprsk::crr``).

    Parameters
    ----------
    time : array_like of float, shape (n,)
        Follow-up time, finite and >= 0.
    status : array_like of int, shape (n,)
        ``censor_code`` censored, ``cause`` the modelled cause, anything else a
        competing cause.
    covariates : DataFrame or array_like, shape (n, p)
        Encoded with R's treatment contrasts (see ``model_matrix``); collinear
        columns are an error that names them.
    cause : int, default 1
        crr's ``failcode``.
    censor_code : int, default 0
        crr's ``cencode``.
    max_iter, gtol : int, float
        crr's ``maxiter`` and ``gtol``: at most ``max_iter`` Newton steps, stop
        when :math:`\max_j |U_j| \max(|\beta_j|, 1) < \max(|\ell|, 1)\,\mathrm{gtol}`.

    Returns
    -------
    FineGrayResult
        ``converged`` is False (and a :class:`FineGrayConvergenceWarning` is
        issued) when the limit is reached; the estimates are then not to be used.

    Notes
    -----
    With :math:`\hat G` the Kaplan-Meier estimate of the censoring distribution
    and :math:`w_i(t) = 1` if :math:`t_i \ge t`, :math:`\hat G(t-)/\hat G(t_i-)` if
    subject *i* failed from a competing cause before *t*, 0 otherwise, the
    log pseudo-partial likelihood is [1]_

    .. math::

        \ell(\beta) = \sum_k \Big[\sum_{i \in D_k} x_i^\top\beta
        - d_k \log S_0(t_k)\Big], \qquad
        S_0(t) = \sum_i w_i(t)\, e^{x_i^\top\beta},

    over the distinct failure times :math:`t_k` of the cause (Breslow ties).
    :math:`S_0, S_1, S_2` are running sums: subjects still at risk form a
    suffix sum over the time-sorted data, competing failures a prefix sum of
    :math:`e^{x^\top\beta}/\hat G(t_i-)` times :math:`\hat G(t_k-)`.

    Iterations replicate crr: Newton-Raphson from 0 with step halving until
    the Armijo condition with constant 1e-4 holds (at most 20 halvings).

    The variance is crr's sandwich :math:`I^{-1} \big(\sum_i (\eta_i + \psi_i)
    (\eta_i + \psi_i)^\top\big) I^{-1}` [1]_: :math:`\eta_i` is the score
    residual of subject *i* and :math:`\psi_i` the correction for estimating
    :math:`\hat G`,
    :math:`\psi_i = \int q(u)\,dM^c_i(u) / \pi(u)` with
    :math:`q(u) = \sum_{t_k \ge u} \frac{d_k \hat G(t_k-)}{S_0(t_k)}
    \sum_{j:\,\epsilon_j \ne 1,\ t_j < u} \frac{e^{x_j^\top\beta}}{\hat G(t_j-)}
    (x_j - \bar x(t_k))` and :math:`\pi(u)` the number at risk; each is a
    running sum here as well.

    Conventions: a single censoring distribution (crr's default, no
    ``cengroup``); no time-varying covariates (``cov2``/``tf``); missing
    values are an error, not dropped. Like crr, :math:`\hat G` is read just
    before each time, except at time 0 where crr reads it after the
    censorings at 0; graftline does the same.

    References
    ----------
    .. [1] Fine JP, Gray RJ. A proportional hazards model for the subdistribution
       of a competing risk. J Am Stat Assoc 1999;94:496-509.
    .. [2] Gray RJ. cmprsk: Subdistribution Analysis of Competing Risks. R package
       version 2.2-11 (crr.f: crrfsv, crrvv, crrfit).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=200)
    >>> t = rng.exponential(np.exp(-0.5 * x))
    >>> s = rng.choice([0, 1, 2], size=200, p=[0.2, 0.5, 0.3])
    >>> fit = fine_gray(t, s, x[:, None])
    >>> fit.converged
    True
    >>> list(fit.to_frame().columns)
    ['term', 'coef', 'se', 'hr', 'lower', 'upper', 'p_value']
    """
    time = check_time(time)
    n = time.size
    codes = check_status(status, n, censor_code=censor_code)
    design = model_matrix(covariates, n=n)
    if not np.any(codes == cause):
        raise InputError(f"no subject has status {cause} (the cause modelled); nothing to fit")
    if max_iter < 0:
        raise InputError(f"max_iter = {max_iter}; expected an integer >= 0")

    data = SortedData.build(time, codes, design.matrix, cause, censor_code)
    b = np.zeros(data.p)
    fit = data.evaluate(b)
    loglik_null = fit.loglik
    converged = False
    iterations = 0
    for step in range(max_iter + 1):
        neg_loglik, neg_score = -fit.loglik, -fit.score
        if np.max(np.abs(neg_score) * np.maximum(np.abs(b), 1.0)) < max(abs(neg_loglik), 1.0) * gtol:
            converged = True
            break
        if step == max_iter:
            break
        direction = np.linalg.solve(fit.information, -neg_score)
        new_b = b + direction
        # The full Newton step is nearly always accepted: evaluate score and
        # information there at once instead of the likelihood first.
        with np.errstate(over="ignore", invalid="ignore"):
            candidate = data.evaluate(new_b)
        new_value = -candidate.loglik
        halvings = 0
        while np.isnan(new_value) or new_value > neg_loglik + 1e-4 * float(direction @ neg_score):
            halvings += 1
            direction = direction * 0.5
            new_b = b + direction
            candidate = None
            new_value = -data.loglik(new_b)
            if halvings > 20:
                break
        if halvings > 20:
            break
        b = new_b
        iterations += 1
        fit = candidate if candidate is not None else data.evaluate(b)
    if not converged:
        warnings.warn(
            f"fine_gray did not converge in {iterations} Newton steps (max_iter={max_iter}); "
            "estimates are unreliable - check for sparse cells or raise max_iter",
            FineGrayConvergenceWarning, stacklevel=2,
        )
    inverse_information = np.linalg.inv(fit.information)
    meat = data.sandwich_meat(fit)
    variance = inverse_information @ meat @ inverse_information.T
    return FineGrayResult(
        terms=design.names, coef=b, variance=variance, naive_variance=inverse_information,
        loglik=fit.loglik, loglik_null=loglik_null, score=fit.score,
        converged=converged, iterations=iterations, n=n, cause=int(cause),
        failure_times=data.failure_times, baseline_jumps=data.baseline_jumps(b, fit),
        sources=design.sources, levels=_training_levels(covariates, design),
    )


def _training_levels(covariates: object, design: object) -> dict:
    """Level texts of each categorical source column, to encode new data alike."""
    levels = {}
    if not hasattr(covariates, "columns"):
        return levels
    for term, source in zip(design.names, design.sources, strict=True):
        if term != source and source not in levels:
            values = np.asarray(covariates[source]).tolist()
            levels[source] = tuple(sorted({_level_text(v) for v in values}))
    return levels
