"""Cox proportional-hazards regression, equal to R's ``coxph`` (Efron or Breslow ties).

Right-censored or counting-process ``(start, stop]`` data (time-dependent
covariates, delayed entry), case weights, strata, and the robust (sandwich)
variance with clusters. The partial likelihood itself lives in
:mod:`graftline.stats._partial_likelihood`, shared with every Cox-type model.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from graftline.errors import InputError
from graftline.stats._design import DesignMatrix, check_full_rank, model_matrix
from graftline.stats._inference import (
    ChiSquareTest,
    ConvergenceWarning,
    chi_square,
    normal_quantile,
    quadratic_form,
    two_sided_p,
)
from graftline.stats._partial_likelihood import (
    Evaluation,
    PartialLikelihood,
    SingularInformation,
    inverse,
    newton_raphson,
)
from graftline.stats._sandwich import robust_score_statistic, robust_variance
from graftline.stats._validation import (
    Groups,
    check_event,
    check_group,
    check_length,
    check_time,
    check_weights,
)

__all__ = ["ChiSquareTest", "ConvergenceWarning", "CoxResult", "cox_ph"]


@dataclass(frozen=True)
class CoxModelData:
    """What a fitted model keeps to compute residuals and diagnostics later."""

    problem: PartialLikelihood
    final: Evaluation
    design: DesignMatrix
    weight: np.ndarray            # per row, as given (1 when not given)
    stop: np.ndarray
    start: np.ndarray | None
    event: np.ndarray
    strata: Groups
    cluster: np.ndarray | None    # codes 0..G-1 of the robust variance's clusters, None = rows
    n_clusters: int


@dataclass(frozen=True)
class CoxResult:
    """A fitted Cox model.

    Attributes
    ----------
    terms : tuple of str
        Model-matrix column names (R ``model.matrix`` style, e.g. ``armmst``).
    coef : ndarray
        Log hazard ratios.
    se : ndarray
        Standard errors R uses for z and the CI: robust when ``robust``,
        otherwise model-based (inverse information).
    naive_se : ndarray
        Model-based standard errors, always (R's ``se(coef)`` column).
    variance, naive_variance : ndarray
        Covariance matrices behind ``se`` and ``naive_se`` (R's ``fit$var``
        and ``fit$naive.var``; equal when not robust).
    robust : bool
        Whether ``se`` is the robust sandwich (R's ``robust se``).
    n_clusters : int or None
        Clusters of the robust variance (rows when no cluster/id), None when not robust.
    loglik : tuple of float
        Partial log-likelihood at 0 and at ``coef`` (R's ``fit$loglik``).
    iterations : int
        Newton-Raphson iterations used (R's ``fit$iter``).
    converged : bool
        False if ``max_iter`` ran out first; a :class:`ConvergenceWarning` was
        issued and ``coef`` is the last iterate, not an estimate.
    n, n_events : int
        Rows used (intervals for counting-process data) and events.
    likelihood_ratio, wald, score : ChiSquareTest
        The global tests ``summary(coxph)`` prints; ``wald`` uses ``variance``.
    robust_score : ChiSquareTest or None
        The robust score test (R's ``Robust`` line) when ``robust``.
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
    naive_se: np.ndarray = field(repr=False, default=None)
    naive_variance: np.ndarray = field(repr=False, default=None)
    robust: bool = False
    n_clusters: int | None = None
    robust_score: ChiSquareTest | None = None
    model: CoxModelData | None = field(repr=False, compare=False, default=None)

    def to_frame(self, *, conf_level: float = 0.95):
        """Columns ``term, coef, se, naive_se, hr, lower, upper, z, p_value``.

        ``se`` is the one R uses for z, p and the CI (robust when robust);
        ``naive_se`` is the inverse-information SE (R's ``se(coef)``).
        """
        import pandas as pd

        z = normal_quantile(conf_level)
        statistic = self.coef / self.se
        return pd.DataFrame({
            "term": list(self.terms),
            "coef": self.coef,
            "se": self.se,
            "naive_se": self.naive_se,
            "hr": np.exp(self.coef),
            "lower": np.exp(self.coef - z * self.se),
            "upper": np.exp(self.coef + z * self.se),
            "z": statistic,
            "p_value": two_sided_p(statistic),
        })

    def residuals(self, type: str = "martingale", *, weighted: bool | None = None,  # noqa: A002
                  collapse: object = None) -> np.ndarray:
        """Residuals of the fit, equal to R's ``residuals.coxph``.

        Parameters
        ----------
        type : {"martingale", "score", "dfbeta", "schoenfeld", "scaled_schoenfeld"}
            ``martingale``: one per row, :math:`\\delta_i - \\hat\\Lambda_i`.
            ``score``: (rows x p) score residuals. ``dfbeta``: score
            residuals times the model-based variance (the approximate change
            in each coefficient when the row is left out). ``schoenfeld``:
            (events x p), events ordered by stratum then time, covariate minus
            the risk-set mean. ``scaled_schoenfeld``: R's ``scaledsch``,
            ``coef + n_events * schoenfeld @ naive_variance``.
        weighted : bool, optional
            Multiply by the case weights; default True for dfbeta only (R's default).
        collapse : array_like, optional
            A label per row (e.g. patient id): sum the rows of each label
            (martingale, score, dfbeta), labels in sorted order.

        Notes
        -----
        Rows at risk at no event time have residual 0 (R: the same).
        """
        model = self._require_model()
        problem, final = model.problem, model.final
        rs = problem.risk_sets
        if weighted is None:
            weighted = type == "dfbeta"
        if type in ("schoenfeld", "scaled_schoenfeld"):
            if collapse is not None:
                raise InputError("collapse applies to per-row residuals, not to Schoenfeld residuals")
            values = problem.schoenfeld(final)
            if weighted:
                values = values * problem.weight[rs.death][:, None]
            if type == "scaled_schoenfeld":
                values = self.coef + self.n_events * values @ self.naive_variance
            return values
        if type == "martingale":
            values = rs.scatter(problem.martingale(final))
        elif type in ("score", "dfbeta"):
            values = rs.scatter(problem.score_residuals(final))
            if type == "dfbeta":
                values = values @ self.naive_variance
        else:
            raise InputError(f"type {type!r}; expected martingale, score, dfbeta, schoenfeld "
                             "or scaled_schoenfeld")
        if weighted:
            values = values * (model.weight if values.ndim == 1 else model.weight[:, None])
        if collapse is not None:
            groups = check_group(collapse, len(values), name="collapse")
            if values.ndim == 1:
                return np.bincount(groups.codes, values, minlength=groups.count)
            return np.column_stack([np.bincount(groups.codes, values[:, j], minlength=groups.count)
                                    for j in range(values.shape[1])])
        return values

    def _require_model(self) -> CoxModelData:
        if self.model is None:
            raise InputError("this CoxResult carries no model data; fit it with cox_ph")
        return self.model


def cox_ph(time, event, covariates, *, start=None, weights=None, cluster=None, id=None,  # noqa: A002
           robust: bool | None = None, strata=None, ties: str = "efron", max_iter: int = 20,
           tolerance: float = 1e-9) -> CoxResult:
    """Fit a Cox proportional-hazards model by Newton-Raphson, as ``coxph``.

    Parameters
    ----------
    time, event : array_like
        Follow-up time (>= 0) and 1/0 event indicator per row. With ``start``
        these are the interval's stop time and whether it ends in the event.
    covariates : DataFrame or 2-D array
        See :func:`graftline.stats.model_matrix`: categoricals become
        treatment contrasts with the first level (declared order for a pandas
        Categorical, else sorted) as reference.
    start : array_like, optional
        Interval start per row: rows are ``(start, time]`` and a row is at
        risk at event time t when ``start < t <= time`` (R's
        ``Surv(start, stop, event)``). Use it for time-dependent covariates
        (several rows per patient, see
        :func:`graftline.stats.time_dependent`) and delayed entry (left
        truncation). Each ``start`` must be below its ``time``.
    weights : array_like, optional
        Case weights > 0 (R's ``weights``). Non-integer weights make the
        variance robust by default, as in R.
    cluster : array_like, optional
        Cluster label per row (transplant centre, or patient for repeated
        rows): the robust variance sums the rows' influence within clusters.
    id : array_like, optional
        Patient label per row (R's ``id``). Only used for the robust variance:
        robust by default when a patient has more than one event row, and
        then clustered by patient.
    robust : bool, optional
        ``None`` follows R survival 3.5: robust when ``cluster`` is given,
        when weights are not whole numbers, or when an ``id`` has repeated
        events. ``True`` forces it (clustered by ``cluster``, else ``id``,
        else rows - counting-process data then need ``cluster`` or ``id``,
        as in R). ``False`` with a ``cluster`` is an error.
    strata : array_like, optional
        Stratum per row: a separate baseline hazard per stratum.
    ties : {"efron", "breslow"}, default "efron"
        Approximation of the partial likelihood for tied event times
        (Efron is R's default).
    max_iter : int, default 20
        R's ``coxph.control(iter.max)``.
    tolerance : float, default 1e-9
        R's ``coxph.control(eps)``: stop when
        :math:`|1 - \\ell_{old}/\\ell_{new}| \\le` tolerance.

    Returns
    -------
    CoxResult
        ``.to_frame()``, ``.residuals()``; :func:`graftline.stats.cox_zph`
        tests proportional hazards.

    Raises
    ------
    InputError
        Bad times/events/weights, a start not before its stop, no events,
        collinear covariates (named), covariates that do not vary within any
        stratum, or an impossible robust/cluster request.

    Notes
    -----
    With risk score :math:`r_i = \\exp(x_i^T\\beta)` and case weight
    :math:`w_i`, at an event time with :math:`d` tied events (weights summing
    to :math:`\\omega`) and risk set :math:`R`, Efron's partial likelihood
    contributes, for :math:`l = 0..d-1`,
    :math:`\\sum_{i \\in D} w_i x_i^T\\beta - \\tfrac{\\omega}{d}\\log(S_0 - \\tfrac{l}{d} D_0)`
    with :math:`S_0 = \\sum_R w_i r_i`, :math:`D_0 = \\sum_D w_i r_i`
    (Breslow: the fraction is 0). The formulas for the score and the
    information, and how they are computed without a loop over times, are in
    :mod:`graftline.stats._partial_likelihood`.

    The iteration is coxph's: start at 0; Newton step
    :math:`\\beta + I^{-1} U`; if the log-likelihood falls, halve the step;
    stop when the relative change is below ``tolerance`` (the returned
    coefficients are those of the last evaluated step, as R's). The
    model-based variance is :math:`I(\\hat\\beta)^{-1}`. The robust variance
    is :math:`\\sum_c D_c^T D_c` with :math:`D_c` the sum over cluster *c*
    of the weighted dfbeta residuals :math:`w_i L_i I^{-1}` (Lin and Wei
    [4]_; :mod:`graftline.stats._sandwich`). The tests: likelihood ratio
    :math:`2(\\ell(\\hat\\beta) - \\ell(0))`, Wald
    :math:`\\hat\\beta^T V^{-1} \\hat\\beta` with the reported variance,
    score :math:`U(0)^T I(0)^{-1} U(0)`, and, when robust, R's robust score
    test from the clusters' score residuals at 0.

    Differences from R: collinear covariates are an error (R drops them
    with an NA coefficient); R warns when a coefficient may be infinite
    (monotone likelihood) and so do we, with the same criterion. Times are
    used as given (R's ``timefix`` merges times that differ by rounding
    error only; days from day 0 never do). As in R, Efron's approximation
    treats a row of weight 2 as one event, not as two tied ones, so weights
    of 2 equal duplicated rows only with Breslow ties.

    References
    ----------
    .. [1] Cox DR. Regression models and life-tables. J R Stat Soc B 1972;34:187-220.
    .. [2] Efron B. The efficiency of Cox's likelihood function for censored
       data. J Am Stat Assoc 1977;72:557-565.
    .. [3] Therneau TM, Grambsch PM. Modeling Survival Data: Extending the
       Cox Model. Springer 2000, ch. 3 and 8; R survival ``coxph`` 3.5.
    .. [4] Lin DY, Wei LJ. The robust inference for the Cox proportional
       hazards model. J Am Stat Assoc 1989;84:1074-1078.
    .. [5] Andersen PK, Gill RD. Cox's regression model for counting
       processes: a large sample study. Ann Stat 1982;10:1100-1120.

    Examples
    --------
    >>> import pandas as pd
    >>> fit = cox_ph([5, 8, 8, 12, 20, 3, 9, 15], [1, 1, 0, 1, 0, 1, 1, 1],
    ...              pd.DataFrame({"arm": ["mst"] * 4 + ["chemo"] * 4}))
    >>> fit.to_frame()["term"].tolist()
    ['armmst']

    aGVHD as a time-dependent covariate: patient 1 has aGVHD from day 20.

    >>> fit = cox_ph([20, 100, 60, 45, 90, 30], [0, 1, 1, 0, 1, 1],
    ...              pd.DataFrame({"agvhd": [0, 1, 0, 0, 0, 1]}),
    ...              start=[0, 20, 0, 0, 0, 10], id=[1, 1, 2, 3, 4, 5])
    >>> fit.robust
    False
    """
    if ties not in ("efron", "breslow"):
        raise InputError(f"ties {ties!r} must be 'efron' or 'breslow'")
    if int(max_iter) != max_iter or max_iter < 1:
        raise InputError(f"max_iter must be a whole number >= 1, got {max_iter!r}")
    stop = check_time(time)
    n = len(stop)
    event = check_event(event, n)
    begin = None if start is None else _check_start(start, stop)
    weight = _check_weights(weights, n)
    design = model_matrix(covariates, n=n)
    stratum = check_group(strata, n, name="strata")
    n_events = int(event.sum())
    if n_events == 0:
        raise InputError("no events: every subject is censored, so a Cox model has nothing to fit")
    if stratum.count > 1:
        _check_within_strata(design, stratum.codes, stratum.count)
    robust, cluster_codes, n_clusters = _robust_clusters(
        robust, cluster=cluster, id=id, weights=weights, weight=weight, event=event, n=n,
        counting_process=begin is not None)

    problem = PartialLikelihood.build(design.matrix, stop, event, start=begin, weight=weight,
                                      stratum=stratum.codes, ties=ties)
    try:
        fit = newton_raphson(problem, max_iter=max_iter, tolerance=tolerance)
        naive_variance = inverse(fit.final.information)
    except SingularInformation:
        raise InputError(_singular_message(design)) from None
    beta = fit.final.beta
    if not fit.converged:
        warnings.warn(
            f"cox_ph did not converge in {max_iter} iterations (relative change in the "
            f"log-likelihood above {tolerance:g}); the result has converged=False and its "
            "coefficients are the last iterate, not estimates",
            ConvergenceWarning, stacklevel=2)
    else:
        _warn_if_infinite(beta, fit.final.score, naive_variance, design, tolerance,
                          counting_process=begin is not None)

    variance, robust_score = naive_variance, None
    rs = problem.risk_sets
    if robust:
        used_weight = problem.weight[:, None]
        dfbeta = rs.scatter(used_weight * problem.score_residuals(fit.final) @ naive_variance)
        variance = robust_variance(dfbeta, cluster_codes, n_clusters)
        at_zero = rs.scatter(used_weight * problem.score_residuals(fit.initial))
        robust_score = chi_square(robust_score_statistic(at_zero, cluster_codes, n_clusters),
                                  design.n_terms)
    p = design.n_terms
    loglik = (fit.initial.loglik, fit.final.loglik)
    lr = 2 * (loglik[1] - loglik[0])
    wald = quadratic_form(variance, beta)
    model = CoxModelData(problem=problem, final=fit.final, design=design, weight=weight,
                         stop=stop, start=begin, event=event, strata=stratum,
                         cluster=cluster_codes, n_clusters=n_clusters)
    return CoxResult(
        terms=design.names, coef=beta, se=np.sqrt(np.diag(variance)), variance=variance,
        loglik=(float(loglik[0]), float(loglik[1])), iterations=fit.iterations,
        converged=fit.converged, ties=ties, n=n, n_events=n_events,
        likelihood_ratio=chi_square(lr, p), wald=chi_square(wald, p),
        score=chi_square(fit.score_statistic, p),
        naive_se=np.sqrt(np.diag(naive_variance)), naive_variance=naive_variance,
        robust=robust, n_clusters=n_clusters if robust else None, robust_score=robust_score,
        model=model,
    )


def _check_start(start: object, stop: np.ndarray) -> np.ndarray:
    begin = check_time(start, name="start")
    check_length(begin, len(stop), "start")
    bad = np.flatnonzero(begin >= stop)
    if bad.size:
        i = int(bad[0])
        raise InputError(
            f"row {i}: start {begin[i]:g} is not before time {stop[i]:g}; each (start, time] "
            f"interval must have start < time ({bad.size} such row{'s' if bad.size > 1 else ''})")
    return begin


def _check_weights(weights: object, n: int) -> np.ndarray:
    if weights is None:
        return np.ones(n)
    weight = check_weights(weights, n, zero=True)  # numeric, finite, >= 0; 0 is refused below
    bad = np.flatnonzero(weight <= 0)
    if bad.size:
        i = int(bad[0])
        raise InputError(f"weights[{i}] is {weight[i]:g}; case weights must be > 0 "
                         "(drop rows that should not count)")
    return weight


def _robust_clusters(robust, *, cluster, id, weights, weight, event, n, counting_process):  # noqa: A002
    """R survival 3.5's choice of robust variance and its clusters."""
    if robust not in (None, True, False):
        raise InputError(f"robust must be True, False or None, got {robust!r}")
    cluster_groups = None if cluster is None else check_group(cluster, n, name="cluster")
    id_groups = None if id is None else check_group(id, n, name="id")
    if robust is None:
        fractional = weights is not None and bool(np.any(weight != np.floor(weight)))
        repeated = False
        if id_groups is not None:
            event_ids = id_groups.codes[event > 0]
            repeated = len(np.unique(event_ids)) < len(event_ids)
        robust = cluster_groups is not None or fractional or repeated
        explicit = False
    else:
        explicit = True
    if not robust:
        if cluster_groups is not None:
            raise InputError("cluster was given with robust=False; a cluster only changes the "
                             "robust variance - drop cluster or use robust=True")
        return False, None, 0
    chosen = cluster_groups if cluster_groups is not None else id_groups
    if chosen is not None:
        return True, chosen.codes, chosen.count
    if counting_process and explicit:
        raise InputError("robust=True with start-stop rows needs cluster= or id= (the patient of "
                         "each row), as R's coxph: rows of one patient are not independent")
    return True, None, n


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


def _warn_if_infinite(beta, score, variance, design, tolerance, *, counting_process):
    # coxph's check: a score still far from 0 relative to the coefficient
    # means the likelihood is monotone (e.g. no events in one arm).
    # coxph.fit and agreg.fit word it slightly differently; each is kept.
    drift = np.abs(score @ variance)
    if counting_process:
        suspect = drift > np.sqrt(tolerance) * (1 + np.abs(beta))
    else:
        suspect = (drift > tolerance) & (drift > np.sqrt(tolerance) * np.abs(beta))
    if suspect.any():
        names = [design.names[j] for j in np.flatnonzero(suspect)]
        warnings.warn(f"cox_ph: the log-likelihood converged before {names}; "
                      "the coefficient may be infinite (monotone likelihood)",
                      ConvergenceWarning, stacklevel=3)
