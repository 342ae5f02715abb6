"""Transition-specific Cox models on multi-state data, equal to R survival's multi-state ``coxph``.

``multistate_cox(data, ["year", "agecl"])`` fits one proportional-hazards
model per observed transition (each covariate gets its own coefficient per
transition, R's default), and ``.predict(profiles)`` gives the state
occupation probabilities of a covariate profile (``survfit.coxphms``).

The partial likelihood of each transition is the counting-process Cox
likelihood of :mod:`graftline.stats._partial_likelihood` (the one
:func:`graftline.stats.cox_ph` maximises) on the rows spent in the
transition's ``from`` state; the transitions are stepped together by the
same Newton-Raphson, as R stacks them into one stratified fit.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.linalg

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
from graftline.stats._sandwich import cluster_sums, robust_score_statistic
from graftline.stats.multistate.aalen_johansen import _initial_distribution
from graftline.stats.multistate.data import CENSOR, MultiStateData, check_rows
from graftline.stats.multistate.transitions import TransitionMatrix
from graftline.stats.survival.cox import _robust_clusters, _warn_if_infinite

__all__ = ["MultiStateCoxResult", "multistate_cox"]


@dataclass(frozen=True)
class _JointEvaluation:
    """One Newton-Raphson point of all transitions: sums and block-diagonal information."""

    beta: np.ndarray
    loglik: float
    score: np.ndarray
    information: np.ndarray
    parts: tuple[Evaluation, ...]


@dataclass(frozen=True)
class _TransitionLikelihoods:
    """The summed partial likelihood of independent transitions (R's strata by transition).

    The coefficients of different transitions never share a risk set, so the
    information is block diagonal; stepping all blocks by one Newton-Raphson
    (one convergence test on the summed log-likelihood, one step halving)
    reproduces R's iterates exactly.
    """

    parts: tuple[PartialLikelihood, ...]

    @property
    def p(self) -> int:
        return sum(part.p for part in self.parts)

    @property
    def bounds(self) -> np.ndarray:
        return np.r_[0, np.cumsum([part.p for part in self.parts])]

    def evaluate(self, beta: np.ndarray) -> _JointEvaluation:
        b = self.bounds
        parts = tuple(part.evaluate(beta[b[k]:b[k + 1]]) for k, part in enumerate(self.parts))
        information = scipy.linalg.block_diag(*(e.information for e in parts))
        # Transitions without covariates are left out of the sum, as R leaves
        # them out of its stacked fit: the convergence test then sees R's numbers.
        loglik = sum(e.loglik for e, part in zip(parts, self.parts, strict=True) if part.p)
        return _JointEvaluation(beta=beta, loglik=float(loglik),
                                score=np.concatenate([e.score for e in parts]),
                                information=information, parts=parts)


@dataclass(frozen=True)
class _Transition:
    """What prediction needs of one fitted transition."""

    from_state: int
    to_state: int
    columns: np.ndarray      # model-matrix columns (indices into terms) of this transition
    problem: PartialLikelihood
    final: Evaluation


@dataclass(frozen=True)
class MultiStateCoxResult:
    """Transition-specific Cox models fitted together (R's multi-state ``coxph``).

    Attributes
    ----------
    states : tuple of str
        The model's states.
    transitions : tuple of (str, str)
        Fitted transitions (those with at least one event), in R's order:
        by the state entered, then the state left.
    numbers : tuple of int
        Each fitted transition's number in the :class:`TransitionMatrix`
        (mstate's numbering).
    terms : tuple of str
        Model-matrix columns (R ``model.matrix`` names) of all covariates.
    coef, se, naive_se : ndarray, shape (transitions, terms)
        Log hazard ratios, the standard errors R uses (robust when
        ``robust``) and the model-based ones; NaN where a term is not a
        covariate of the transition (R's ``coef(fit, matrix = TRUE)``).
    variance, naive_variance : ndarray
        Covariance of the coefficients, transition by transition and in
        ``terms`` order within one (the non-NaN entries of ``coef`` row by
        row, R's ``coef(fit)`` order); the model-based one is block diagonal.
    loglik : tuple of float
        Partial log-likelihood at 0 and at the estimate, summed over the
        transitions with covariates (R's ``fit$loglik``).
    n_events : tuple of int
        Events (transitions observed) per fitted transition.
    likelihood_ratio, wald, score, robust_score : ChiSquareTest
        Global tests of all coefficients, as ``summary(coxph)``.
    """

    states: tuple[str, ...]
    transitions: tuple[tuple[str, str], ...]
    numbers: tuple[int, ...]
    terms: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    naive_se: np.ndarray
    variance: np.ndarray
    naive_variance: np.ndarray
    loglik: tuple[float, float]
    iterations: int
    converged: bool
    ties: str
    robust: bool
    n_clusters: int | None
    n: int
    n_events: tuple[int, ...]
    likelihood_ratio: ChiSquareTest
    wald: ChiSquareTest
    score: ChiSquareTest
    robust_score: ChiSquareTest | None
    _fitted: tuple[_Transition, ...] = field(repr=False, compare=False)
    _covariates: pd.DataFrame = field(repr=False, compare=False)
    _initial: np.ndarray = field(repr=False, compare=False)
    _grid: np.ndarray = field(repr=False, compare=False)

    def to_frame(self, *, conf_level: float = 0.95) -> pd.DataFrame:
        """One row per transition and term.

        Columns ``transition, from_state, to_state, term, coef, se, naive_se,
        hr, lower, upper, z, p_value``; ``se`` is the one R uses for z, p and
        the CI (robust when ``robust``).
        """
        z = normal_quantile(conf_level)
        k, p = self.coef.shape
        used = ~np.isnan(self.coef.ravel())
        coef, se = self.coef.ravel()[used], self.se.ravel()[used]
        statistic = coef / se
        return pd.DataFrame({
            "transition": np.repeat(self.numbers, p)[used],
            "from_state": np.repeat([a for a, _ in self.transitions], p)[used],
            "to_state": np.repeat([b for _, b in self.transitions], p)[used],
            "term": np.tile(self.terms, k)[used],
            "coef": coef, "se": se, "naive_se": self.naive_se.ravel()[used],
            "hr": np.exp(coef), "lower": np.exp(coef - z * se), "upper": np.exp(coef + z * se),
            "z": statistic, "p_value": two_sided_p(statistic),
        })

    def predict(self, profiles: pd.DataFrame, times: Sequence[float] | np.ndarray | None = None, *,
                method: str = "exp") -> pd.DataFrame:
        r"""State occupation probabilities for covariate profiles (R's ``survfit.coxphms``).

        Parameters
        ----------
        profiles : pandas.DataFrame
            One row per profile, with the covariate columns of the fit (the
            same coding: categorical levels seen in the data).
        times : array_like, optional
            Where to read the probabilities; default every time of R's grid
            (each distinct exit time of the data). Right-continuous; NaN after
            the last follow-up.
        method : {"exp", "product"}
            How the transition hazards become probabilities at each event
            time: the matrix exponential of the hazard increments (``"exp"``,
            R's default ``stype = 2``) or the product :math:`I + dA`
            (``"product"``, ``stype = 1``, mstate's ``probtrans``).

        Returns
        -------
        pandas.DataFrame
            Columns ``profile`` (the row label of ``profiles``), ``time``,
            ``state``, ``probability``.

        Notes
        -----
        For transition :math:`a \to b` with coefficients :math:`\beta_{ab}`,
        the hazard increment of profile :math:`x` at an event time with
        :math:`d` events (weights summing to :math:`\omega`) is
        :math:`\omega e^{x^T\beta_{ab}} / D`, with :math:`D = S_0 = \sum_{R}
        w_i e^{x_i^T\beta_{ab}}` over the rows at risk (Breslow), or with
        Efron ties survival's ``coxsurv2`` average
        :math:`D = S_0 - \tfrac{d - 1}{2 d^2} D_0`, :math:`D_0` the same sum
        over the events. The diagonal of the increment matrix is minus the row
        sums; ``"exp"`` multiplies :math:`p` by :math:`\exp(dA)`,
        ``"product"`` by :math:`I + dA` with the diagonal floored so that
        :math:`1 + dA_{aa} \ge 0` (as R). R computes no standard errors for
        these (``survfit.coxphms`` sets ``se.fit = FALSE``); neither does graftline.
        """
        if method not in ("exp", "product"):
            raise InputError(f"method {method!r} must be 'exp' (R's stype 2) or 'product' (stype 1)")
        x = self._profile_matrix(profiles)
        grid = self._grid if times is None else np.atleast_1d(np.asarray(times, dtype=np.float64))
        if not np.isfinite(grid).all():
            raise InputError("times must be finite numbers")
        event_time = np.unique(np.concatenate([t.problem.risk_sets.cell_time for t in self._fitted]))
        S = len(self.states)
        frames = []
        for row, label in enumerate(profiles.index):
            increments = np.zeros((event_time.size, S, S))
            for k, fitted in enumerate(self._fitted):
                hazard = _profile_hazard(fitted, x[row, fitted.columns], self.coef[k, fitted.columns],
                                         self.ties)
                at = np.searchsorted(event_time, fitted.problem.risk_sets.cell_time)
                increments[at, fitted.from_state, fitted.to_state] += hazard
            diagonal = increments.sum(axis=2)
            if method == "exp":
                increments[:, np.arange(S), np.arange(S)] = -diagonal
                steps = _expm(increments)
            else:
                increments[:, np.arange(S), np.arange(S)] = np.maximum(0.0, 1.0 - diagonal)
                steps = increments
            p = np.empty((event_time.size + 1, S))
            p[0] = self._initial
            for j in range(event_time.size):
                p[j + 1] = p[j] @ steps[j]
            at = np.searchsorted(event_time, grid, side="right")
            values = p[at]
            values[grid > self._grid[-1]] = np.nan
            frames.append(pd.DataFrame({
                "profile": [label] * (grid.size * S), "time": np.repeat(grid, S),
                "state": np.tile(np.asarray(self.states, dtype=object), grid.size),
                "probability": values.ravel(),
            }))
        return pd.concat(frames, ignore_index=True)

    def _profile_matrix(self, profiles: pd.DataFrame) -> np.ndarray:
        if not isinstance(profiles, pd.DataFrame) or len(profiles) == 0:
            raise InputError("profiles must be a pandas DataFrame with one row per covariate profile")
        covariates = self._covariates
        missing = [c for c in covariates.columns if c not in profiles.columns]
        if missing:
            raise InputError(f"profiles has no column {missing}; the model's covariates are "
                             f"{list(covariates.columns)}")
        # Code the profiles together with the data, so categorical levels keep
        # the fit's reference and order; a level the data never had is refused.
        new = profiles[list(covariates.columns)].reset_index(drop=True)
        for column in covariates.columns:
            declared = getattr(covariates[column].dtype, "categories", None)
            if declared is not None:
                unknown = [v for v in pd.unique(new[column]) if pd.notna(v) and v not in declared]
                if unknown:
                    raise InputError(f"profiles column {column}: {unknown[0]!r} is not a level of the "
                                     f"fit ({list(declared)})")
                new[column] = pd.Categorical(new[column], categories=declared)
            elif covariates[column].dtype.kind not in "iufb":
                seen = set(pd.unique(covariates[column]))
                unknown = [v for v in pd.unique(new[column]) if v not in seen]
                if unknown:
                    raise InputError(f"profiles column {column}: {unknown[0]!r} does not occur in the "
                                     "data the model was fitted on")
        both = model_matrix(pd.concat([covariates, new], ignore_index=True), check_rank=False)
        if both.names != self.terms:
            raise InputError(f"profiles give terms {list(both.names)}, the fit has {list(self.terms)}")
        return both.matrix[len(covariates):]


def _expm(generators: np.ndarray) -> np.ndarray:
    """Matrix exponentials of a stack of small generator matrices (T, S, S).

    Scaling and squaring with a degree-18 Taylor polynomial, batched over the
    stack: after scaling the 1-norm is <= 1/2, where the truncation error is
    below 0.5**19 / 19! (~1e-23), so the result is exact to rounding. Written
    here because scipy.linalg.expm factors each matrix of a stack separately
    (a Pade solve per time point, ~100x slower for thousands of 6 x 6
    matrices); the hazard increments are small, so few squarings are needed.
    """
    if generators.shape[0] == 0:
        return generators.copy()
    norm = float(np.abs(generators).sum(axis=1).max())
    squarings = max(0, int(np.ceil(np.log2(norm / 0.5)))) if norm > 0.5 else 0
    a = generators / 2.0 ** squarings
    identity = np.eye(a.shape[-1])
    result = np.broadcast_to(identity, a.shape).copy()
    for k in range(18, 0, -1):       # Horner: I + A/k (I + A/(k+1) (...))
        result = identity + (a @ result) / k
    for _ in range(squarings):
        result = result @ result
    return result


def _profile_hazard(fitted: _Transition, x: np.ndarray, beta: np.ndarray, ties: str) -> np.ndarray:
    """Hazard increments of one transition for one profile at its event times (``multihaz``)."""
    problem, ev = fitted.problem, fitted.final
    s0, d0 = ev.at_risk[:, 0], ev.tied[:, 0]     # both scaled by exp(-center b - shift)
    if ties == "efron":
        d = problem.risk_sets.n_deaths
        denominator = s0 - (d - 1) * d0 / (2.0 * d * d)   # survival's coxsurv2, n[8]
    else:
        denominator = s0
    risk = np.exp((x - problem.center) @ beta - ev.shift)
    return problem.omega * risk / denominator


def multistate_cox(data: pd.DataFrame | MultiStateData,
                   covariates: Sequence[str] | Mapping[tuple[str, str], Sequence[str]], *, id: str = "id",  # noqa: A002
                   start: str = "tstart", stop: str = "tstop", state: str = "state",
                   initial: str | None = None, istate: str | None = None,
                   weights: str | np.ndarray | None = None, cluster: str | None = None,
                   transitions: TransitionMatrix | None = None, censor: str = CENSOR,
                   ties: str = "efron", robust: bool | None = None, max_iter: int = 20,
                   tolerance: float = 1e-9) -> MultiStateCoxResult:
    r"""Transition-specific Cox models, equal to ``coxph(Surv(tstart, tstop, state) ~ ..., id = id)``.

    Parameters
    ----------
    data : pandas.DataFrame or MultiStateData
        Long multi-state data as for :func:`multistate` (one row per interval,
        ``state`` the state entered at ``stop`` or ``censor``), with the
        covariate columns. Covariates may change between a patient's rows
        (time-dependent covariates).
    covariates : sequence of str, or mapping
        Columns of ``data``; each gets one coefficient per transition
        (categoricals as treatment contrasts, see
        :func:`graftline.stats.model_matrix`). A mapping
        ``{(from_state, to_state): [columns]}`` gives each transition its own
        covariates (R's list formula, e.g. ``1:2 ~ age``); transitions not
        in it have none (their baseline hazard still enters ``predict``).
    id, start, stop, state, initial, istate, transitions, censor
        As for :func:`multistate`.
    weights : str or array_like, optional
        Case weights, constant within a patient (non-whole weights make the
        variance robust, as R).
    cluster : str, optional
        Column with a cluster label (e.g. the transplant centre) for the
        robust variance; default the patient.
    ties : {"efron", "breslow"}
        Efron is R's default call (survival 3.5-3 turns any explicit
        ``ties=`` into Breslow for multi-state fits; ``ties="breslow"``
        equals that call).
    robust : bool, optional
        ``None`` follows R: a multi-state ``coxph`` (which needs ``id``) is
        always robust, clustered by patient, or by ``cluster``. ``False``
        gives the model-based variance (not with ``cluster``).
    max_iter, tolerance
        R's ``coxph.control(iter.max, eps)``.

    Returns
    -------
    MultiStateCoxResult
        ``.to_frame()`` (per transition and term), ``.predict(profiles, times)``.

    Raises
    ------
    InputError
        Everything :func:`multistate` refuses, unknown covariate columns, no
        observed transition, and a covariate that does not vary among the
        rows of one transition (the message names the transition; R would
        keep an NA coefficient).

    Notes
    -----
    Transition :math:`a \to b` is a Cox model on the rows spent in state
    :math:`a`: a row is at risk at *t* when ``start < t <= stop``, and its
    event is entering *b* at ``stop`` (leaving to another state censors it).
    With each covariate specific to a transition, the partial likelihood is
    the sum over transitions of their counting-process likelihoods (Efron or
    Breslow; see :func:`graftline.stats.cox_ph`), with block-diagonal
    information. The robust variance is :math:`D^T D`, :math:`D` the
    patient (or cluster) sums of the weighted dfbeta residuals of all
    transitions, so it has covariances between transitions. Only observed
    transitions are fitted, in R's order (by the state entered, then the
    state left). Not supported (R's formula syntax): coefficients shared
    between transitions, proportional baseline hazards, strata within a
    transition.

    References
    ----------
    .. [1] Andersen PK, Keiding N. Multi-state models for event history
       analysis. Stat Methods Med Res 2002;11:91-115.
    .. [2] Putter H, Fiocco M, Geskus RB. Tutorial in biostatistics: competing
       risks and multi-state models. Stat Med 2007;26:2389-2430.
    .. [3] Therneau TM. survival 3.5: ``coxph`` with multi-state ``Surv``,
       ``survfit.coxphms`` (vignette "Multi-state models and competing risks").

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"id": [1, 1, 2, 3, 3, 4, 4, 5, 6, 6],
    ...                      "tstart": [0, 10, 0, 0, 25, 0, 15, 0, 0, 9],
    ...                      "tstop": [10, 30, 20, 25, 50, 15, 40, 12, 9, 33],
    ...                      "state": ["relapse", "death", "death", "relapse", "censor", "relapse",
    ...                                "censor", "death", "relapse", "death"],
    ...                      "arm": ["mst", "mst", "chemo", "mst", "mst", "chemo", "chemo", "mst",
    ...                              "chemo", "chemo"]})
    >>> fit = multistate_cox(data, ["arm"], initial="transplant",
    ...                      transitions=TransitionMatrix.illness_death())
    >>> fit.to_frame()[["from_state", "to_state", "term"]].values.tolist()[0]
    ['transplant', 'relapse', 'armmst']
    """
    if ties not in ("efron", "breslow"):
        raise InputError(f"ties {ties!r} must be 'efron' or 'breslow'")
    if int(max_iter) != max_iter or max_iter < 1:
        raise InputError(f"max_iter must be a whole number >= 1, got {max_iter!r}")
    if isinstance(data, MultiStateData):
        transitions = transitions or data.transitions
        if initial is None and istate is None:
            initial, istate = data.initial, data.istate
        data = data.frame
    if isinstance(covariates, str):
        covariates = [covariates]
    by_transition = None
    if isinstance(covariates, Mapping):
        by_transition = {}
        for key, columns in covariates.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InputError(f"covariates key {key!r}: expected a (from_state, to_state) pair")
            by_transition[key] = [columns] if isinstance(columns, str) else list(columns)
        covariates = list(dict.fromkeys(c for columns in by_transition.values() for c in columns))
    covariates = list(covariates)
    if not covariates:
        raise InputError("no covariates: give at least one column (multistate() estimates without covariates)")
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data must be a pandas DataFrame in long format, got {type(data).__name__}")
    needed = covariates + ([cluster] if cluster is not None else [])
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise InputError(f"data has no column {missing}; columns present: {list(map(str, data.columns))}")
    frame = data if data.index.is_unique else data.reset_index(drop=True)
    checked = check_rows(frame, id=id, start=start, stop=stop, state=state, initial=initial,
                         istate=istate, transitions=transitions, group=None, weights=weights,
                         censor=censor)
    position = frame.index.get_indexer(checked.source_row)
    covariate_frame = frame[covariates].iloc[position].reset_index(drop=True)
    design = model_matrix(covariate_frame, check_rank=False)
    states = checked.states
    model = transitions or TransitionMatrix(states=states, allowed=())

    moves = checked.to_state >= 0
    observed = sorted({(int(b), int(a)) for a, b in zip(checked.state[moves], checked.to_state[moves],
                                                        strict=True)})
    if not observed:
        raise InputError("no transitions in the data: every row is censored, so there is nothing to fit")
    pairs = [(a, b) for b, a in observed]            # R's order: by the state entered, then left
    column_sets = _transition_columns(by_transition, pairs, states, design)
    parts, row_sets = [], []
    for (a, b), columns in zip(pairs, column_sets, strict=True):
        rows = np.flatnonzero(checked.state == a)
        x = design.matrix[np.ix_(rows, columns)]
        if columns.size:
            try:
                check_full_rank(DesignMatrix(x, tuple(design.names[j] for j in columns),
                                             tuple(design.sources[j] for j in columns)))
            except InputError as error:
                raise InputError(f"transition {states[a]} -> {states[b]}: {error}") from None
        parts.append(PartialLikelihood.build(
            x, checked.exit[rows], (checked.to_state[rows] == b).astype(np.float64),
            start=checked.entry[rows], weight=checked.weight[rows],
            stratum=np.zeros(rows.size, dtype=np.intp), ties=ties))
        row_sets.append(rows)
    problem = _TransitionLikelihoods(tuple(parts))

    stacked = np.concatenate(row_sets)
    stacked_event = np.concatenate([(checked.to_state[rows] == b).astype(np.float64)
                                    for rows, (_, b) in zip(row_sets, pairs, strict=True)])
    cluster_labels = None if cluster is None else frame[cluster].to_numpy()[position][stacked]
    if robust is None:   # R's coxph: a multi-state fit (which needs id) is always robust by default
        robust = True
    robust, cluster_codes, n_clusters = _robust_clusters(
        robust, cluster=cluster_labels, id=checked.patient[stacked], weights=weights,
        weight=checked.weight[stacked], event=stacked_event, n=stacked.size, counting_process=True)

    try:
        fit = newton_raphson(problem, max_iter=max_iter, tolerance=tolerance)
        naive_variance = inverse(fit.final.information)
    except SingularInformation:
        raise InputError(f"the Cox information matrix is singular for terms {list(design.names)}: a "
                         "covariate does not vary among the patients at risk of some transition; "
                         "drop or merge it") from None
    names = tuple(f"{design.names[j]}_{a + 1}:{b + 1}"
                  for (a, b), columns in zip(pairs, column_sets, strict=True) for j in columns)
    full = DesignMatrix(np.empty((0, len(names))), names, names)
    beta = fit.final.beta
    if not fit.converged:
        warnings.warn(
            f"multistate_cox did not converge in {max_iter} iterations; the result has "
            "converged=False and its coefficients are the last iterate, not estimates",
            ConvergenceWarning, stacklevel=2)
    else:
        _warn_if_infinite(beta, fit.final.score, naive_variance, full, tolerance, counting_process=True)

    variance, robust_score = naive_variance, None
    if robust:
        offsets = np.r_[0, np.cumsum([rows.size for rows in row_sets])]

        def collapsed(evaluations):
            columns = []
            for k, part in enumerate(problem.parts):
                if part.p == 0:
                    continue
                residual = part.risk_sets.scatter(part.weight[:, None] * part.score_residuals(evaluations[k]))
                codes = cluster_codes[offsets[k]:offsets[k + 1]]
                columns.append(cluster_sums(residual, codes, n_clusters))
            return np.hstack(columns)

        dfbeta = collapsed(fit.final.parts) @ naive_variance
        variance = dfbeta.T @ dfbeta
        robust_score = chi_square(robust_score_statistic(collapsed(fit.initial.parts), None, n_clusters),
                                  len(names))

    k, p = len(pairs), design.n_terms
    loglik = (float(fit.initial.loglik), float(fit.final.loglik))
    fitted = tuple(_Transition(from_state=a, to_state=b, columns=columns, problem=part, final=ev)
                   for (a, b), columns, part, ev in zip(pairs, column_sets, problem.parts, fit.final.parts,
                                                        strict=True))
    rows_k = np.repeat(np.arange(k), [c.size for c in column_sets])
    columns_k = np.concatenate(column_sets)

    def as_matrix(values):
        out = np.full((k, p), np.nan)
        out[rows_k, columns_k] = values
        return out

    grid_rows = checked.for_group(0)
    grid = np.unique(grid_rows.exit[(grid_rows.to_state >= 0) | grid_rows.ends_follow_up])
    p0 = _initial_distribution(grid_rows, checked, 0, len(states))
    return MultiStateCoxResult(
        states=states,
        transitions=tuple((states[a], states[b]) for a, b in pairs),
        numbers=tuple(model.transition_number(states[a], states[b]) if model.is_allowed(states[a], states[b])
                      else 0 for a, b in pairs),
        terms=design.names, coef=as_matrix(beta),
        se=as_matrix(np.sqrt(np.diag(variance))),
        naive_se=as_matrix(np.sqrt(np.diag(naive_variance))),
        variance=variance, naive_variance=naive_variance, loglik=loglik,
        iterations=fit.iterations, converged=fit.converged, ties=ties, robust=robust,
        n_clusters=n_clusters if robust else None, n=int(stacked.size),
        n_events=tuple(int(part.risk_sets.n_deaths.sum()) for part in problem.parts),
        likelihood_ratio=chi_square(2 * (loglik[1] - loglik[0]), len(names)),
        wald=chi_square(quadratic_form(variance, beta), len(names)),
        score=chi_square(fit.score_statistic, len(names)), robust_score=robust_score,
        _fitted=fitted, _covariates=covariate_frame, _initial=p0, _grid=grid,
    )


def _transition_columns(by_transition, pairs, states, design) -> list[np.ndarray]:
    """Model-matrix columns of each fitted transition (all of them without a mapping)."""
    if by_transition is None:
        return [np.arange(design.n_terms) for _ in pairs]
    fitted = {(states[a], states[b]) for a, b in pairs}
    for key in by_transition:
        if key not in fitted:
            raise InputError(f"covariates for {key[0]} -> {key[1]}: not a transition with events in the "
                             f"data; fitted transitions: {', '.join(f'{a} -> {b}' for a, b in sorted(fitted))}")
    sources = np.asarray(design.sources, dtype=object)
    return [np.flatnonzero(np.isin(sources, by_transition.get((states[a], states[b]), [])))
            for a, b in pairs]
