r"""Robust (sandwich) variance from per-row influence, optionally by cluster.

For an estimating equation :math:`\sum_i U_i(\beta) = 0` with
model-based variance :math:`V = I^{-1}`, the robust variance is

.. math:: V_R = \sum_c D_c^T D_c, \qquad D_c = \sum_{i \in c} w_i U_i V,

the sum of the clusters' approximate jackknife changes ("dfbeta"); with
one row per cluster it is Lin and Wei's sandwich :math:`V B V`. This is what
R survival does for ``coxph(robust = TRUE, cluster = )`` (``residuals(fit,
"dfbeta", collapse = cluster, weighted = TRUE)``), and what every model in
graftline.stats that takes ``cluster=`` uses.

References
----------
.. [1] Lin DY, Wei LJ. The robust inference for the Cox proportional hazards
   model. J Am Stat Assoc 1989;84:1074-1078.
.. [2] Therneau TM, Grambsch PM. Modeling Survival Data: Extending the Cox
   Model. Springer 2000, sections 7.2 and 8.2.
"""

from __future__ import annotations

import numpy as np

from graftline.stats._inference import quadratic_form


def cluster_sums(values: np.ndarray, codes: np.ndarray | None, n_clusters: int) -> np.ndarray:
    """Sum the rows of ``values`` (n x p) within each cluster (codes 0..G-1).

    ``codes=None`` means every row is its own cluster (the rows are returned).
    """
    if codes is None:
        return values
    values = values.reshape(len(codes), -1)
    return np.column_stack([np.bincount(codes, values[:, j], minlength=n_clusters)
                            for j in range(values.shape[1])])


def robust_variance(dfbeta: np.ndarray, codes: np.ndarray | None, n_clusters: int) -> np.ndarray:
    """:math:`\\sum_c D_c^T D_c` for per-row weighted dfbeta rows ``D_i = w_i U_i V``."""
    collapsed = cluster_sums(dfbeta, codes, n_clusters)
    return collapsed.T @ collapsed


def robust_score_statistic(score_residuals: np.ndarray, codes: np.ndarray | None,
                           n_clusters: int) -> float:
    r"""Robust score test of :math:`\beta = 0` (R's ``fit$rscore``).

    ``score_residuals`` are weighted score residuals evaluated at 0:
    :math:`u = \sum_c T_c`, statistic :math:`u^T (\sum_c T_c T_c^T)^{-1} u`.
    """
    collapsed = cluster_sums(score_residuals, codes, n_clusters)
    total = collapsed.sum(axis=0)
    meat = collapsed.T @ collapsed
    return quadratic_form(meat, total)
