"""Aalen-Johansen state occupation probabilities with the infinitesimal-jackknife variance.

The one engine behind :func:`graftline.stats.multistate`, the weighted
:func:`graftline.stats.kaplan_meier` (two states: alive, dead) and the weighted
:func:`graftline.stats.cumulative_incidence` (one state per cause). It equals
R survival 3.5's ``survfit`` for multi-state data (``survfitCI``, C routine
``survfitci``): the same time grid, estimate, Nelson-Aalen hazards and robust
(infinitesimal jackknife, IJ) standard errors.

Notation. Rows are intervals ``(entry, exit]`` spent in ``state`` and ending in
``to_state`` (-1: censored). At each distinct transition time :math:`t_j` the
transition matrix is :math:`H_j = I + dA_j` with
:math:`dA_j[a, b] = dN_j[a, b] / Y_j[a]` (weighted transitions over the
weighted number at risk in ``a``) and :math:`p(t_j) = p(t_{j-1}) H_j`. The IJ
influence of cluster ``c`` on :math:`p` (a row vector over states) follows
:math:`U_c(t_j) = U_c(t_{j-1}) H_j + \\sum_{r \\in c\\ \\text{at risk}} w_r
\\frac{p_a(t_{j-1})}{Y_j[a]} (e_{d_r} - H_j[a])`, where ``a`` is the row's
state and :math:`d_r` the state it enters at :math:`t_j` (``a`` if it stays);
the variance is :math:`\\sum_c U_c^T U_c`. R updates every subject's
:math:`U` at every transition time, O(n S^2) per time. Here time is cut into
blocks in which the product :math:`B(t) = \\prod H` since the block start has
a well-conditioned inverse; in the basis :math:`D_c = U_c B^{-1}` a row's
contribution no longer depends on later times, so every row's effect is a
difference of per-state cumulative sums and the variance at every time comes
from a few sums over the rows that start or end in the block: O(n S^2) per
block, with a handful of blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A block ends before its product of transition matrices has an inverse with
# infinity norm above this (rows of B sum to 1, so this is its condition
# number): variances then lose at most ~6 of 16 digits (cond^2), measured at
# 1e-13 relative against R. Fewer blocks is faster: each costs O(n S^2).
_BLOCK_CONDITION = 1000.0
# Rows per slice of the block sums (memory ~ 200 bytes x S per row).
_CHUNK_ROWS = 250_000


@dataclass(frozen=True)
class StateRows:
    """Multi-state rows, validated and coded.

    Attributes
    ----------
    entry, exit : ndarray of float
        The row covers ``(entry, exit]``; ``entry < exit``.
    state : ndarray of int
        State occupied during the row, ``0..n_states-1``.
    to_state : ndarray of int
        State entered at ``exit``; -1 when the row does not end in a transition.
    ends_follow_up : ndarray of bool
        Censored rows that are not continued by a later row of the same
        subject (what R counts in ``n.censor``).
    weight : ndarray of float
        Case weight (> 0), constant within a subject.
    cluster : ndarray of int
        Unit of the robust variance, ``0..n_clusters-1`` (the subject, or a
        grouping of subjects).
    """

    entry: np.ndarray
    exit: np.ndarray
    state: np.ndarray
    to_state: np.ndarray
    ends_follow_up: np.ndarray
    weight: np.ndarray
    cluster: np.ndarray
    n_states: int
    n_clusters: int


@dataclass(frozen=True)
class AalenJohansenFit:
    """State occupation probabilities at every distinct exit time (R's time grid).

    ``covariance[t]`` is the IJ covariance matrix of ``probability[t]``
    (None when not requested); ``cumulative_hazard[:, k]`` is the
    Nelson-Aalen estimate of transition ``transitions[k]``. Private fields
    keep what :func:`functional_influence` needs.
    """

    time: np.ndarray
    probability: np.ndarray
    covariance: np.ndarray | None
    n_risk: np.ndarray
    n_event: np.ndarray
    n_censor: np.ndarray
    weighted_n_risk: np.ndarray
    weighted_n_event: np.ndarray
    weighted_n_censor: np.ndarray
    transitions: tuple[tuple[int, int], ...]
    cumulative_hazard: np.ndarray
    initial: np.ndarray
    event_time: np.ndarray
    rows: StateRows
    _hazard_matrix: np.ndarray
    _coefficient: np.ndarray
    _first: np.ndarray
    _last: np.ndarray

    @property
    def std_err(self) -> np.ndarray | None:
        """IJ standard error of each state probability, ``(time, state)``."""
        if self.covariance is None:
            return None
        return np.sqrt(np.maximum(np.diagonal(self.covariance, axis1=1, axis2=2), 0.0))


def aalen_johansen(rows: StateRows, initial: np.ndarray, *, variance: bool = True) -> AalenJohansenFit:
    """Aalen-Johansen estimate and (optionally) its IJ covariance at every exit time.

    ``initial`` is the state distribution at the start, :math:`p_0`. As in R
    its uncertainty is not part of the variance (``survfit`` adds it only
    with ``influence=TRUE``; with one initial state it is zero anyway).
    """
    S = rows.n_states
    moves = rows.to_state >= 0
    # R's grid: every distinct stop time, except where a censored row is only
    # continued by the same subject's next row (R merges those rows first).
    times = np.unique(rows.exit[moves | rows.ends_follow_up])
    event_time = np.unique(rows.exit[moves])
    E = event_time.size
    # Row r is at risk at transition times first[r]..last[r] (entry < t <= exit).
    first = np.searchsorted(event_time, rows.entry, side="right")
    last = np.searchsorted(event_time, rows.exit, side="right") - 1

    at_risk = _interval_sums(first, last, rows.state, rows.weight, E, S)
    # Differences of running sums leave a rounding residue where nobody is at
    # risk; the exact counts say where that is.
    counted = _interval_sums(first, last, rows.state, np.ones(rows.state.size), E, S)
    at_risk = np.where(np.rint(counted) > 0, at_risk, 0.0)
    transitions_w = np.bincount(
        (last[moves] * S + rows.state[moves]) * S + rows.to_state[moves],
        weights=rows.weight[moves], minlength=E * S * S).reshape(E, S, S)
    with np.errstate(divide="ignore", invalid="ignore"):
        increment = np.where(at_risk[:, :, None] > 0, transitions_w / at_risk[:, :, None], 0.0)
    hazard = increment.copy()
    diagonal = np.arange(S)
    hazard[:, diagonal, diagonal] = 0.0
    hazard_matrix = hazard.copy()
    hazard_matrix[:, diagonal, diagonal] = 1.0 - hazard.sum(axis=2)

    one_transient = bool((rows.state == 0).all()) and initial[0] == 1.0
    if one_transient:
        # Competing risks (and Kaplan-Meier): everyone starts in state 0 and only
        # leaves it, so p_0 = prod (1 - h) and p_k = sum p_0(t-) dA_0k, vectorised.
        stay = np.cumprod(hazard_matrix[:, 0, 0])
        before_stay = np.r_[1.0, stay[:-1]]
        probability_e = np.cumsum(before_stay[:, None] * hazard_matrix[:, 0, :], axis=0)
        probability_e[:, 0] = stay
        before = np.zeros((E, S))
        before[:, 0] = before_stay
        before[1:, 1:] = probability_e[:-1, 1:]
    else:
        before = np.empty((E, S))
        probability_e = np.empty((E, S))
        p = np.asarray(initial, dtype=np.float64).copy()
        for j in range(E):  # a product of matrices: sequential by nature (E = transition times)
            before[j] = p
            p = p @ hazard_matrix[j]
            probability_e[j] = p
    with np.errstate(divide="ignore", invalid="ignore"):
        coefficient = np.where(at_risk > 0, before / at_risk, 0.0)

    covariance_e = None
    if variance:
        covariance_e = np.zeros((E, S, S))
        if E:
            blocks = (_competing_blocks(probability_e, before_stay) if one_transient
                      else _blocks(hazard_matrix))
            covariance_e = _ij_covariance(rows, hazard_matrix, coefficient, first, last, *blocks)

    # Map transition-time results onto every distinct exit time.
    index = np.searchsorted(event_time, times, side="right") - 1
    started = index >= 0
    probability = np.where(started[:, None], probability_e[np.maximum(index, 0)] if E else 0.0,
                           np.asarray(initial, dtype=np.float64)[None, :])
    covariance = None
    if variance:
        covariance = np.zeros((times.size, S, S))
        if E:
            covariance[started] = covariance_e[index[started]]

    observed = np.argwhere(transitions_w.sum(axis=0) > 0)
    transitions = tuple((int(a), int(b)) for a, b in observed)
    cumulative_e = np.cumsum(hazard[:, observed[:, 0], observed[:, 1]], axis=0) if E else np.zeros((0, len(observed)))
    cumulative_hazard = np.zeros((times.size, len(observed)))
    if E:
        cumulative_hazard[started] = cumulative_e[index[started]]

    t_first = np.searchsorted(times, rows.entry, side="right")
    t_last = np.searchsorted(times, rows.exit, side="right") - 1
    n_risk = np.rint(_interval_sums(t_first, t_last, rows.state, np.ones(rows.state.size), times.size, S)).astype(np.int64)
    exit_index = t_last
    n_event = np.bincount(exit_index[moves] * S + rows.to_state[moves], minlength=times.size * S).reshape(times.size, S)
    n_censor = np.bincount(exit_index[rows.ends_follow_up], minlength=times.size)
    weighted_n_risk = _interval_sums(t_first, t_last, rows.state, rows.weight, times.size, S)
    weighted_n_event = np.bincount(exit_index[moves] * S + rows.to_state[moves], weights=rows.weight[moves],
                                   minlength=times.size * S).reshape(times.size, S).astype(np.float64)
    weighted_n_censor = np.bincount(exit_index[rows.ends_follow_up], weights=rows.weight[rows.ends_follow_up],
                                    minlength=times.size).astype(np.float64)
    return AalenJohansenFit(
        time=times, probability=probability, covariance=covariance, n_risk=n_risk,
        n_event=n_event, n_censor=n_censor, weighted_n_risk=weighted_n_risk,
        weighted_n_event=weighted_n_event, weighted_n_censor=weighted_n_censor, transitions=transitions,
        cumulative_hazard=cumulative_hazard, initial=np.asarray(initial, dtype=np.float64),
        event_time=event_time, rows=rows, _hazard_matrix=hazard_matrix,
        _coefficient=coefficient, _first=first, _last=last,
    )


def right_censored_rows(time: np.ndarray, cause: np.ndarray, weight: np.ndarray,
                        cluster: np.ndarray, n_causes: int) -> StateRows:
    """One row per subject from the start, as a model with one transient state.

    State 0 is event-free, state k the k-th cause (``cause`` 0 = censored):
    Kaplan-Meier is the case of one cause, cumulative incidence the others.
    """
    labels, inverse = np.unique(cluster, return_inverse=True)
    return StateRows(
        entry=np.full(time.size, -np.inf), exit=np.asarray(time, dtype=np.float64),
        state=np.zeros(time.size, dtype=np.int64), to_state=np.where(cause > 0, cause, -1).astype(np.int64),
        ends_follow_up=cause == 0, weight=np.asarray(weight, dtype=np.float64),
        cluster=inverse.astype(np.intp), n_states=n_causes + 1, n_clusters=labels.size,
    )


def _interval_sums(first: np.ndarray, last: np.ndarray, state: np.ndarray, weight: np.ndarray,
                   n_times: int, n_states: int) -> np.ndarray:
    """Sum of ``weight`` over rows with ``first <= t <= last``, per time and state."""
    keep = first <= last
    size = (n_times + 1) * n_states
    start = np.bincount(first[keep] * n_states + state[keep], weights=weight[keep], minlength=size)
    stop = np.bincount((last[keep] + 1) * n_states + state[keep], weights=weight[keep], minlength=size)
    return np.cumsum((start - stop).reshape(n_times + 1, n_states), axis=0)[:n_times]


def _blocks(hazard_matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Block starts, B(j) and B(j)^-1: a block ends before B's inverse grows past the limit."""
    E, S, _ = hazard_matrix.shape
    identity = np.eye(S)
    basis = np.empty((E, S, S))      # B(j): product of H since the block start (exclusive)
    inverse = np.empty((E, S, S))    # B(j)^-1
    starts = []
    for j in range(E):
        if starts:
            candidate = basis[j - 1] @ hazard_matrix[j]
            try:
                candidate_inverse = np.linalg.inv(candidate)
            except np.linalg.LinAlgError:
                candidate_inverse = None
            if (candidate_inverse is not None and np.isfinite(candidate_inverse).all()
                    and np.abs(candidate_inverse).sum(axis=1).max() <= _BLOCK_CONDITION):
                basis[j], inverse[j] = candidate, candidate_inverse
                continue
        starts.append(j)
        basis[j], inverse[j] = identity, identity
    return np.asarray(starts), basis, inverse


def _competing_blocks(probability: np.ndarray, before_stay: np.ndarray):
    """:func:`_blocks` in closed form when only state 0 is left (competing risks).

    With S = p_0 and F_k = p_k, B(j) has row 0 equal to
    [S(j), F(j) - F(J)] / S(J) and rows e_k; its inverse has row 0
    [S(J), -(F(j) - F(J))] / S(j), infinity norm 2 S(J) / S(j) - 1.
    """
    E, S = probability.shape
    stay = probability[:, 0]
    starts = [0]
    while True:   # S is non-increasing: each block ends where S(j) falls below 2 S(J) / (limit + 1)
        J = starts[-1]
        floor = 2.0 * stay[J] / (_BLOCK_CONDITION + 1.0)
        nxt = J + 1 + int(np.searchsorted(-stay[J + 1:], -floor, side="right"))
        if nxt >= E:
            break
        starts.append(nxt)
    starts = np.asarray(starts)
    block_start = starts[np.searchsorted(starts, np.arange(E), side="right") - 1]
    base = probability[block_start]
    basis = np.zeros((E, S, S))
    inverse = np.zeros((E, S, S))
    diagonal = np.arange(1, S)
    basis[:, diagonal, diagonal] = 1.0
    inverse[:, diagonal, diagonal] = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        basis[:, 0, 0] = stay / base[:, 0]
        basis[:, 0, 1:] = (probability[:, 1:] - base[:, 1:]) / base[:, [0]]
        inverse[:, 0, 0] = base[:, 0] / stay
        inverse[:, 0, 1:] = -(probability[:, 1:] - base[:, 1:]) / stay[:, None]
    basis[starts], inverse[starts] = np.eye(S), np.eye(S)
    return starts, basis, inverse


def _ij_covariance(rows: StateRows, hazard_matrix: np.ndarray, coefficient: np.ndarray,
                   first: np.ndarray, last: np.ndarray, starts: np.ndarray, basis: np.ndarray,
                   inverse: np.ndarray) -> np.ndarray:
    """IJ covariance of p at every transition time, block by block (see module notes)."""
    E, S, _ = hazard_matrix.shape
    bounds = np.append(starts, E)

    state, weight, cluster = rows.state, rows.weight, rows.cluster
    moves = rows.to_state >= 0
    destination = np.where(moves, rows.to_state, state)
    n_clusters = rows.n_clusters
    covariance = np.empty((E, S, S))
    influence = np.zeros((n_clusters, S))   # U_c at the time before the block
    for J, end in zip(bounds[:-1], bounds[1:] - 1, strict=True):
        # Block start: U(J) = U(J-1) H(J) + every at-risk row's own term at J.
        if J > 0:
            influence = _times(influence, hazard_matrix[J])
        here = (first <= J) & (last >= J)
        to = np.where(moves[here] & (last[here] == J), destination[here], state[here])
        term = -hazard_matrix[J][state[here]]
        term[np.arange(term.shape[0]), to] += 1.0
        term *= (weight[here] * coefficient[J, state[here]])[:, None]
        influence = influence + _cluster_sums(cluster[here], term, n_clusters)
        sigma0 = influence.T @ influence
        covariance[J] = sigma0
        if end == J:
            continue
        L = end - J
        # g_a(j) = coef_a (Binv(j)[a] - Binv(j-1)[a]); G_a = cumulative g within the block.
        local = np.arange(J + 1, end + 1)
        g = coefficient[local][:, :, None] * (inverse[local] - inverse[local - 1])
        cumulative = np.zeros((L + 1, S, S))
        np.cumsum(g, axis=0, out=cumulative[1:])

        piece = (first <= end) & (last >= J + 1) & (first <= last)
        a = state[piece]
        lo = np.maximum(first[piece], J + 1) - J
        hi = np.minimum(last[piece], end) - J
        w = weight[piece]
        c = cluster[piece]
        jumps = moves[piece] & (last[piece] <= end)
        start_value = cumulative[lo - 1, a]
        increment = cumulative[hi, a] - start_value
        if jumps.any():
            at = hi[jumps] + J
            aj, dj = a[jumps], destination[piece][jumps]
            increment[jumps] += coefficient[at, aj][:, None] * (inverse[at, dj] - inverse[at, aj])
        sigma = _block_sums(sigma0, influence, cumulative, c, a, lo, hi, w, start_value, increment, jumps, L, S)
        covariance[J + 1:end + 1] = np.einsum("lji,ljk,lkm->lim", basis[local], sigma, basis[local])
        influence = _times(influence + _cluster_sums(c, w[:, None] * increment, n_clusters), basis[end])
    return covariance


def _block_sums(sigma0, influence, cumulative, c, a, lo, hi, w, start_value, increment, jumps, L, S):
    """Sum over clusters of D_c(l)^T D_c(l) for l = 1..L inside one block.

    A row that is at risk over local times ``lo..hi`` adds to its cluster's
    D(l): nothing before ``lo``; ``w (G_a(l) - G_a(lo-1))`` while
    ``lo <= l < hi``; ``w * increment`` from ``hi`` on. Per cluster D(l) =
    F + m^T G(l) is piecewise, F (a vector) and m (weights per state)
    changing only at these change points. Writing Q = [F, m] and
    Gram(Q) = Q Q^T, the sum over clusters of Gram(Q) is a step function of
    l: each change point adds Gram(new Q) - Gram(old Q). With it,
    sum D^T D = FF + FM G + (FM G)^T + G^T MM G. Clusters whose rows all span
    the whole block (most of them) keep Q = [D_c(0), m] throughout and are
    summed with two matrix products instead.
    """
    spanning = (lo == 1) & (hi == L) & ~jumps
    n_clusters = influence.shape[0]
    general = np.zeros(n_clusters, dtype=bool)
    general[c[~spanning]] = True
    simple = ~general[c]
    # Q = [D0, sum of w e_a] over the whole block; D0 D0^T is already in sigma0.
    by_state = np.bincount(c[simple] * S + a[simple], weights=w[simple],
                           minlength=n_clusters * S).reshape(n_clusters, S).astype(np.float64)
    touched = np.flatnonzero(by_state.any(axis=1))
    fm = np.broadcast_to(influence[touched].T @ by_state[touched], (L, S, S)).copy()
    mm = np.broadcast_to(by_state[touched].T @ by_state[touched], (L, S, S)).copy()
    steps = np.zeros((3, L + 2, S, S))   # steps of FF, FM, MM over l
    rows = np.flatnonzero(~simple)
    if rows.size:
        if (np.diff(c[rows]) < 0).any():   # the chunks below need rows grouped by cluster
            rows = rows[np.argsort(c[rows], kind="stable")]
        # Work in slices of whole clusters so that memory stays O(chunk), not O(n).
        bounds = np.flatnonzero(np.r_[True, c[rows][1:] != c[rows][:-1]])
        at = np.searchsorted(bounds, np.arange(0, rows.size, _CHUNK_ROWS))
        cut = np.unique(bounds[at[at < bounds.size]])
        for begin, stop in zip(cut, np.r_[cut[1:], rows.size], strict=True):
            part = rows[begin:stop]
            steps += _general_steps(influence, c[part], a[part], lo[part], hi[part], w[part], start_value[part],
                                    increment[part], jumps[part], L, S)
    ff, fm_steps, mm_steps = np.cumsum(steps, axis=1)[:, 1:L + 1]
    fm = fm + fm_steps
    mm = mm + mm_steps
    g = cumulative[1:]
    cross = fm @ g
    return sigma0[None] + ff + cross + np.swapaxes(cross, 1, 2) + np.swapaxes(g, 1, 2) @ mm @ g


def _general_steps(influence, c, a, lo, hi, w, start_value, increment, jumps, L, S) -> np.ndarray:
    """Steps over l of sum Gram([F, m]) for the rows of whole clusters (see :func:`_block_sums`)."""
    # Change points: at lo the row starts to move with G_a; at hi (before the
    # block end, or with a transition) its final value replaces the running one.
    ends = (hi < L) | jumps
    # Each row's start event, then its end event (if any): already in (cluster, time)
    # order when rows are sorted by cluster and time and a cluster's rows do not
    # overlap (patients); otherwise sort.
    count = 1 + ends
    start_at = np.cumsum(count) - count
    end_at = start_at[ends] + 1
    total = int(count.sum())
    ev_cluster = np.empty(total, dtype=c.dtype)
    ev_local = np.empty(total, dtype=lo.dtype)
    ev_state = np.empty(total, dtype=a.dtype)
    ev_weight = np.empty(total)
    ev_f = np.empty((total, S))
    ev_cluster[start_at], ev_cluster[end_at] = c, c[ends]
    ev_local[start_at], ev_local[end_at] = lo, hi[ends]
    ev_state[start_at], ev_state[end_at] = a, a[ends]
    ev_weight[start_at], ev_weight[end_at] = w, -w[ends]
    ev_f[start_at] = -w[:, None] * start_value
    ev_f[end_at] = w[ends, None] * (increment[ends] + start_value[ends])
    same = ev_cluster[1:] == ev_cluster[:-1]
    if not ((ev_cluster[1:] >= ev_cluster[:-1]).all() and (~same | (ev_local[1:] >= ev_local[:-1])).all()):
        order = np.lexsort((ev_local, ev_cluster))
        ev_cluster, ev_local, ev_state, ev_weight, ev_f = (
            ev_cluster[order], ev_local[order], ev_state[order], ev_weight[order], ev_f[order])
    group_start = np.flatnonzero(np.r_[True, ev_cluster[1:] != ev_cluster[:-1]])
    sizes = np.diff(np.r_[group_start, ev_cluster.size])
    f_new = _segmented_cumsum(ev_f, group_start, sizes) + influence[ev_cluster]
    f_old = np.empty_like(f_new)
    f_old[1:] = f_new[:-1]
    f_old[group_start] = influence[ev_cluster[group_start]]
    size = L + 2
    steps = np.empty((3, size, S, S))
    steps[0] = _gram_steps(ev_local, f_new, f_old, f_new, f_old, size, symmetric=True)
    starting = ev_weight > 0
    active = _segmented_cumsum(np.where(starting, 1, -1), group_start, sizes)  # exact integers
    if active.max() <= 1:
        # One row at risk at a time per cluster (clusters are patients): m = mu e_alpha exactly.
        mu_new = np.where(starting, ev_weight, 0.0)
        mu_old = np.r_[0.0, mu_new[:-1]]
        alpha_old = np.r_[0, ev_state[:-1]]
        mu_old[group_start] = 0.0
        steps[1] = _sparse_steps(ev_local, S, size, mu_new, ev_state, mu_old, alpha_old, f_new, f_old)
        steps[2] = _sparse_steps(ev_local, S, size, mu_new, ev_state, mu_old, alpha_old)
    else:
        m_new = np.zeros((ev_cluster.size, S))
        m_new[np.arange(ev_cluster.size), ev_state] = ev_weight
        m_new = _segmented_cumsum(m_new, group_start, sizes)
        m_old = np.zeros_like(m_new)
        m_old[1:] = m_new[:-1]
        m_old[group_start] = 0.0
        steps[1] = _gram_steps(ev_local, f_new, f_old, m_new, m_old, size)
        steps[2] = _gram_steps(ev_local, m_new, m_old, m_new, m_old, size, symmetric=True)
    return steps


def _segmented_cumsum(values: np.ndarray, group_start: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Cumulative sum along axis 0 restarting at every ``group_start``."""
    running = np.cumsum(values, axis=0)
    before = running[group_start] - values[group_start]
    return running - np.repeat(before, sizes, axis=0)


def _gram_steps(at, x_new, x_old, y_new, y_old, size, *, symmetric=False):
    """out[t] = sum over entries at t of (x_new y_new^T - x_old y_old^T)."""
    dx, dy = x_new.shape[1], y_new.shape[1]
    out = np.empty((size, dx, dy))
    for i in range(dx):
        for j in range(i if symmetric else 0, dy):
            step = x_new[:, i] * y_new[:, j] - x_old[:, i] * y_old[:, j]
            out[:, i, j] = np.bincount(at, weights=step, minlength=size)
            if symmetric:
                out[:, j, i] = out[:, i, j]
    return out


def _sparse_steps(at, S, size, mu_new, alpha_new, mu_old, alpha_old, f_new=None, f_old=None):
    """:func:`_gram_steps` for m = mu e_alpha (one row at risk per cluster).

    With ``f`` given, the steps of F m^T (column alpha gets mu F); without,
    those of m m^T (entry (alpha, alpha) gets mu^2).
    """
    index = np.concatenate([at * S + alpha_new, at * S + alpha_old])
    if f_new is None:
        flat = np.bincount(index, weights=np.concatenate([mu_new ** 2, -mu_old ** 2]), minlength=size * S)
        out = np.zeros((size, S, S))
        out[:, np.arange(S), np.arange(S)] = flat.reshape(size, S)
        return out
    out = np.empty((size, S, S))
    for i in range(f_new.shape[1]):
        out[:, i, :] = np.bincount(index, weights=np.concatenate([mu_new * f_new[:, i], -mu_old * f_old[:, i]]),
                                   minlength=size * S).reshape(size, S)
    return out


def _times(tall: np.ndarray, small: np.ndarray) -> np.ndarray:
    """(n, S) @ (S, S); einsum, because BLAS is slow (threads) for such thin products."""
    return np.einsum("ns,st->nt", tall, small)


def _cluster_sums(cluster: np.ndarray, values: np.ndarray, n_clusters: int) -> np.ndarray:
    out = np.empty((n_clusters, values.shape[1]))
    for k in range(values.shape[1]):
        out[:, k] = np.bincount(cluster, weights=values[:, k], minlength=n_clusters)
    return out


def functional_influence(fit: AalenJohansenFit, weights_of: np.ndarray) -> np.ndarray:
    """Per-cluster IJ influence on a linear functional sum_j U(t_j) ``W_j``.

    ``weights_of`` has shape ``(E, S, m)``: for the probability at a time t it
    is the product of the transition matrices after t_j up to t; for the
    restricted mean time in state it is their integral (see
    :func:`restricted_mean_weights`). Returns an ``(n_clusters, m)`` array;
    the variance of the functional is the sum of squares over clusters.
    """
    rows = fit.rows
    H, coefficient = fit._hazard_matrix, fit._coefficient
    E, S, m = weights_of.shape
    stay = coefficient[:, :, None] * (weights_of - H @ weights_of)
    cumulative = np.zeros((E + 1, S, m))
    np.cumsum(stay, axis=0, out=cumulative[1:])
    first, last = fit._first, fit._last
    keep = first <= last
    a = rows.state[keep]
    value = cumulative[last[keep] + 1, a] - cumulative[first[keep], a]
    moves = rows.to_state[keep] >= 0
    if moves.any():
        at = last[keep][moves]
        am, dm = a[moves], rows.to_state[keep][moves]
        value[moves] += coefficient[at, am][:, None] * (weights_of[at, dm] - weights_of[at, am])
    return _cluster_sums(rows.cluster[keep], rows.weight[keep][:, None] * value, rows.n_clusters)


def probability_weights(fit: AalenJohansenFit, at: float) -> np.ndarray:
    """W_j = product of H over transition times in (t_j, at]; zero for t_j > at."""
    H = fit._hazard_matrix
    E, S, _ = H.shape
    out = np.zeros((E, S, S))
    k = np.searchsorted(fit.event_time, at, side="right") - 1
    if k < 0:
        return out
    out[k] = np.eye(S)
    for j in range(k - 1, -1, -1):
        out[j] = H[j + 1] @ out[j + 1]
    return out


def restricted_mean_weights(fit: AalenJohansenFit, tau: float) -> np.ndarray:
    """W_j = integral over (t_j, tau] of the product of H after t_j: for the mean time in state."""
    H = fit._hazard_matrix
    t = fit.event_time
    E, S, _ = H.shape
    out = np.zeros((E, S, S))
    k = np.searchsorted(t, tau, side="left") - 1   # last transition time strictly before tau
    if k < 0:
        return out
    identity = np.eye(S)
    out[k] = (tau - t[k]) * identity
    for j in range(k - 1, -1, -1):
        out[j] = (t[j + 1] - t[j]) * identity + H[j + 1] @ out[j + 1]
    return out
