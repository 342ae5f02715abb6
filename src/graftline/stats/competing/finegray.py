r"""Fine-Gray proportional subdistribution hazards regression, equal to ``cmprsk::crr``.

cmprsk's Fortran loops over the risk set of every failure time (O(n^2) per
Newton step, and O(n^3)-like for the sandwich variance). Every sum in the
estimating equations here is instead a running sum over the subjects sorted
by time, so a fit costs O(n log n) for the sort plus O(n p^2) per Newton
step; the numbers are the same.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from graftline.errors import InputError
from graftline.stats._design import _level_text, model_matrix
from graftline.stats._inference import ConvergenceWarning
from graftline.stats._validation import (
    check_group,
    check_status,
    check_time,
    check_weights,
)
from graftline.stats.competing._finegray_direct import DirectData
from graftline.stats.competing._finegray_rows import expand
from graftline.stats.competing._finegray_sums import SortedData


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
    variance_method : str
        ``"crr"`` (crr's sandwich with the censoring-distribution term) or
        ``"finegray_coxph"`` (with weights/cluster: the robust variance of
        ``coxph`` on ``finegray()`` rows, clustered by subject or ``cluster``).
    n_clusters : int or None
        Clusters of the ``finegray_coxph`` variance.
    time_functions : ndarray or None
        With ``cov2``: ``tf`` at ``failure_times`` (rows) for ``predict_cif``.
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
    variance_method: str = "crr"
    n_clusters: int | None = None
    time_functions: np.ndarray | None = field(repr=False, default=None)

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
        if self.time_functions is not None:
            raise InputError("predict_cif is not available for fits with cov2/tf (the linear predictor "
                             "changes with time); predict from a model without time functions")
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
    weights: Sequence[float] | np.ndarray | None = None,
    cluster: object = None,
    cengroup: object = None,
    cov2: object = None,
    tf: Callable[[np.ndarray], np.ndarray] | None = None,
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
        May be None when ``cov2`` is given (crr's ``cov1`` missing).
    cause : int, default 1
        crr's ``failcode``.
    censor_code : int, default 0
        crr's ``cencode``.
    weights : array_like, optional
        Case weights > 0 per subject. Fits Fine-Gray as R survival does it,
        ``finegray()`` rows with the weights, then a weighted counting-process
        Cox model (Breslow ties, as crr's likelihood) with the robust variance
        clustered by subject (``variance_method="finegray_coxph"``).
    cluster : array_like, optional
        Cluster per subject (e.g. transplant centre): the same route, robust
        variance clustered by ``cluster``, as ``coxph(..., cluster = centre)``
        on ``finegray()`` data. This variance treats the censoring weights as
        known (no correction for estimating :math:`\hat G`), as R's.
    cengroup : array_like, optional
        crr's ``cengroup``: a censoring distribution per group (e.g. per centre
        or era when follow-up differs); competing failures keep weights from
        their own group's :math:`\hat G_g`, and the variance's censoring term
        is taken within groups, as cmprsk 2.2-11.
    cov2, tf : DataFrame or array_like, callable
        crr's ``cov2``/``tf``: covariates multiplied by functions of time. ``tf``
        receives the distinct failure times of the cause (ascending) and
        returns one column per ``cov2`` column; the term ``age*tf1`` is then the
        log subdistribution hazard ratio per unit of ``age * tf1(t)``. This is
        the time-dependence Fine-Gray supports; see Notes for internal
        time-dependent covariates.
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

    With ``cengroup`` or ``cov2``/``tf`` every sum is formed one failure time at
    a time (O(n K p^2) per Newton step, K failure times), with the same
    formulas; without them, by running sums (O(n p^2)).

    Time-dependent covariates. Functions of time times baseline covariates
    (``cov2``/``tf``) are defined in the subdistribution model and supported.
    *Internal* time-dependent covariates (acute GVHD onset, platelet
    recovery) are not: a subject who died of a competing cause stays in the
    subdistribution risk set, where its covariate path after death does not
    exist, so the model has no clear meaning and the cumulative incidence
    cannot be predicted from it (Latouche, Porcher and Chevret [3]_;
    Beyersmann and Schumacher [4]_; Austin, Latouche and Fine [5]_). graftline
    therefore takes no start-stop rows here; use cause-specific hazards with
    :func:`graftline.stats.time_dependent` and ``cox_ph(..., start=)``, or a
    landmark analysis (:func:`graftline.stats.landmark`, Cortese and
    Andersen [6]_), for effects of such covariates.

    Conventions: missing values are an error, not dropped. Like crr,
    :math:`\hat G` is read just before each time, except at time 0 where crr
    reads it after the censorings at 0, and (with ``cengroup``) is 0 after a
    group's last time; graftline does the same. With ``weights`` or
    ``cluster`` the ``finegray()`` conventions hold instead: :math:`\hat G`
    without case weights, and events before censorings at tied times (see
    :mod:`graftline.stats.competing._finegray_rows`).

    References
    ----------
    .. [1] Fine JP, Gray RJ. A proportional hazards model for the subdistribution
       of a competing risk. J Am Stat Assoc 1999;94:496-509.
    .. [2] Gray RJ. cmprsk: Subdistribution Analysis of Competing Risks. R package
       version 2.2-11 (crr.f: crrfsv, crrvv, crrfit).
    .. [3] Latouche A, Porcher R, Chevret S. A note on including time-dependent
       covariate in regression model for competing risks data. Biom J
       2005;47:807-814.
    .. [4] Beyersmann J, Schumacher M. Time-dependent covariates in the
       proportional subdistribution hazards model for competing risks.
       Biostatistics 2008;9:765-776.
    .. [5] Austin PC, Latouche A, Fine JP. A review of the use of time-varying
       covariates in the Fine-Gray subdistribution hazard competing risk
       regression model. Stat Med 2020;39:103-113.
    .. [6] Cortese G, Andersen PK. Competing risks and time-dependent
       covariates. Biom J 2010;52:138-158.

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
    if not np.any(codes == cause):
        raise InputError(f"no subject has status {cause} (the cause modelled); nothing to fit")
    if max_iter < 0:
        raise InputError(f"max_iter = {max_iter}; expected an integer >= 0")
    if (cov2 is None) != (tf is None):
        raise InputError("cov2 and tf go together (crr): cov2 holds the covariates, tf(times) the "
                         "functions of time that multiply them")
    if weights is not None or cluster is not None:
        if cengroup is not None or cov2 is not None:
            raise InputError(
                "weights or cluster fit Fine-Gray as survival::finegray() + coxph(); that route has "
                "no cengroup (finegray's strata differ from crr's cengroup) and no cov2/tf")
        design = model_matrix(covariates, n=n)
        return _fine_gray_weighted(time, codes, design, covariates, cause=cause, censor_code=censor_code,
                                   weights=weights, cluster=cluster)
    if cengroup is not None or cov2 is not None:
        return _fine_gray_direct(time, codes, covariates, cause=cause, censor_code=censor_code,
                                 cengroup=cengroup, cov2=cov2, tf=tf, max_iter=max_iter, gtol=gtol)
    design = model_matrix(covariates, n=n)
    data = SortedData.build(time, codes, design.matrix, cause, censor_code)
    b, fit, loglik_null, converged, iterations = _crr_newton(data, max_iter=max_iter, gtol=gtol)
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


def _crr_newton(data, *, max_iter: int, gtol: float):
    """crr's Newton-Raphson with Armijo step halving, on either evaluator."""
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
            FineGrayConvergenceWarning, stacklevel=3,
        )
    return b, fit, loglik_null, converged, iterations


def _fine_gray_direct(time, codes, covariates, *, cause, censor_code, cengroup, cov2, tf, max_iter, gtol):
    """crr with cengroup and/or cov2/tf, one failure time at a time (``_finegray_direct``)."""
    n = time.size
    if covariates is None:
        x1, names1, sources1 = np.empty((n, 0)), (), ()
    else:
        design = model_matrix(covariates, n=n)
        x1, names1, sources1 = design.matrix, design.names, design.sources
    if cov2 is None:
        x2, names2 = np.empty((n, 0)), ()
    else:
        design2 = model_matrix(cov2, n=n, check_rank=False)
        x2 = design2.matrix
        labels = _time_function_labels(tf, time, codes, cause, x2.shape[1])
        names2 = tuple(f"{name}*{label}" for name, label in zip(design2.names, labels, strict=True))
    groups = check_group(cengroup, n, name="cengroup")
    data = DirectData.build(time, codes, x1, x2, tf, cause=cause, censor_code=censor_code,
                            group=groups.codes, n_groups=groups.count)
    b, fit, loglik_null, converged, iterations = _crr_newton(data, max_iter=max_iter, gtol=gtol)
    inverse_information = np.linalg.inv(fit.information)
    meat = data.sandwich_meat(b, fit)
    variance = inverse_information @ meat @ inverse_information.T
    return FineGrayResult(
        terms=tuple(names1) + names2, coef=b, variance=variance, naive_variance=inverse_information,
        loglik=fit.loglik, loglik_null=loglik_null, score=fit.score,
        converged=converged, iterations=iterations, n=n, cause=int(cause),
        failure_times=data.failure_times, baseline_jumps=data.baseline_jumps(b, fit),
        sources=tuple(sources1), levels=_training_levels(covariates, design) if covariates is not None else {},
        time_functions=(data.tfs if x2.shape[1] else None),
    )


def _time_function_labels(tf, time, codes, cause, q) -> list[str]:
    """crr's names for the cov2 terms: tf1, tf2, ... or the columns tf returns."""
    if not callable(tf):
        raise InputError("tf must be a function of the failure times returning one column per cov2 column")
    sample = tf(np.unique(time[codes == cause]))
    columns = getattr(sample, "columns", None)
    values = np.asarray(sample, dtype=np.float64)
    if values.ndim == 1:
        values = values[:, None]
    if values.shape != (len(np.unique(time[codes == cause])), q):
        raise InputError(f"tf(times) returned shape {values.shape}; expected (number of distinct failure "
                         f"times, {q}) - one column per cov2 column")
    if not np.isfinite(values).all():
        raise InputError("tf(times) returned a non-finite value at a failure time")
    return [str(c) for c in columns] if columns is not None else [f"tf{j + 1}" for j in range(q)]


def _fine_gray_weighted(time, codes, design, covariates, *, cause, censor_code, weights, cluster):
    """survival::finegray() rows + weighted, clustered coxph (Breslow ties, as crr's likelihood)."""
    import pandas as pd

    from graftline.stats.survival.cox import cox_ph

    n = time.size
    w = np.ones(n) if weights is None else check_weights(weights, n, zero=True)  # 0 is refused below
    if weights is not None:
        bad = np.flatnonzero(w <= 0)
        if bad.size:
            raise InputError(f"weights[{int(bad[0])}] is {w[bad[0]]:g}; case weights must be > 0")
    labels = None if cluster is None else check_group(cluster, n, name="cluster")
    rows = expand(time, codes, cause=cause, censor_code=censor_code)
    x = pd.DataFrame(design.matrix[rows.subject], columns=list(design.names))
    fit = cox_ph(rows.stop, rows.event, x, start=rows.start, weights=rows.weight * w[rows.subject],
                 cluster=None if labels is None else labels.codes[rows.subject], id=rows.subject,
                 robust=True, ties="breslow")
    model = fit.model
    ev = model.final
    rs = model.problem.risk_sets
    # Breslow jumps on the original covariate scale: omega_k / sum_R w exp(x beta).
    scale = np.exp(-ev.shift - model.problem.center @ fit.coef)
    return FineGrayResult(
        terms=design.names, coef=fit.coef, variance=fit.variance, naive_variance=fit.naive_variance,
        loglik=fit.loglik[1], loglik_null=fit.loglik[0], score=ev.score, converged=fit.converged,
        iterations=fit.iterations, n=n, cause=int(cause), failure_times=rs.cell_time,
        baseline_jumps=ev.hazard * scale, sources=design.sources,
        levels=_training_levels(covariates, design), variance_method="finegray_coxph",
        n_clusters=fit.n_clusters,
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
