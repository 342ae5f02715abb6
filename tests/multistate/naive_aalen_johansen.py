"""A deliberately plain second implementation of the Aalen-Johansen estimator and its IJ variance.

It follows the definitions directly: at every distinct time it builds the
transition matrix H from the patients at risk, updates every patient's
influence row U_i <- U_i H + w-free derivative term, and sums
(w_i U_i) over clusters. O(n S^2) per time, loops over patients: only for
small test data. The engine under test (graftline.stats._aalen_johansen)
uses blocks and cumulative sums instead, so the two share no code path.
"""

from __future__ import annotations

import numpy as np


def naive_aalen_johansen(entry, exit, state, to_state, weight, subject, cluster, n_states, p0):
    """Return (times, p (T, S), covariance (T, S, S)) over the distinct transition times.

    ``state`` is the state during each row, ``to_state`` the state entered
    at ``exit`` (-1: censored); ``subject`` labels a patient's rows,
    ``cluster`` groups patients for the variance.
    """
    entry, exit = np.asarray(entry, float), np.asarray(exit, float)
    times = np.unique(exit[np.asarray(to_state) >= 0])
    subjects = sorted(set(subject))
    position = {s: k for k, s in enumerate(subjects)}
    clusters = sorted(set(cluster))
    cluster_of = {}
    weight_of = {}
    for r in range(len(entry)):
        cluster_of[subject[r]] = clusters.index(cluster[r])
        weight_of[subject[r]] = weight[r]
    U = np.zeros((len(subjects), n_states))
    p = np.array(p0, dtype=float)
    out_p, out_v = [], []
    for t in times:
        at_risk = [r for r in range(len(entry)) if entry[r] < t <= exit[r]]
        Y = np.zeros(n_states)
        dN = np.zeros((n_states, n_states))
        for r in at_risk:
            Y[state[r]] += weight[r]
            if exit[r] == t and to_state[r] >= 0:
                dN[state[r], to_state[r]] += weight[r]
        H = np.eye(n_states)
        for a in range(n_states):
            if Y[a] > 0:
                H[a] = dN[a] / Y[a]
                H[a, a] = 1.0 - dN[a].sum() / Y[a]
        U = U @ H
        for r in at_risk:
            a = state[r]
            d = to_state[r] if (exit[r] == t and to_state[r] >= 0) else a
            derivative = -H[a].copy()
            derivative[d] += 1.0
            U[position[subject[r]]] += p[a] / Y[a] * derivative
        p = p @ H
        by_cluster = np.zeros((len(clusters), n_states))
        for s, k in position.items():
            by_cluster[cluster_of[s]] += weight_of[s] * U[k]
        out_p.append(p.copy())
        out_v.append(by_cluster.T @ by_cluster)
    return times, np.array(out_p), np.array(out_v)
