"""Evidence synthesis: effect sizes, median-to-mean conversion, pooling, bias tests, plots.

Effect sizes (:func:`effect_sizes`, metafor's ``escalc``) are computed separately
from pooling (:func:`pool`, metafor's ``rma``). Every number is checked against
metafor (see ``tests/reference/meta_*.R``).
"""

from graftline.meta.bias import EggerTest, TrimAndFill, egger_test, trim_and_fill
from graftline.meta.conversion import estimate_mean_sd
from graftline.meta.effect_sizes import MEASURE_COLUMNS, effect_sizes
from graftline.meta.glmm import GLMMResult, pool_glmm
from graftline.meta.pooling import (
    BackTransformed,
    ConvergenceWarning,
    PoolResult,
    SubgroupAnalysis,
    pool,
)
from graftline.meta.sparse import SparsePoolResult, pool_mh, pool_peto
from graftline.meta.votes import VoteCount, vote_count


def __getattr__(name):
    # Plotting pulls in matplotlib; load it only when asked for.
    if name in {"forest_plot", "funnel_plot"}:
        from graftline.meta import plots

        return getattr(plots, name)
    raise AttributeError(name)


__all__ = [
    "MEASURE_COLUMNS",
    "BackTransformed",
    "ConvergenceWarning",
    "EggerTest",
    "GLMMResult",
    "PoolResult",
    "SparsePoolResult",
    "SubgroupAnalysis",
    "TrimAndFill",
    "VoteCount",
    "effect_sizes",
    "egger_test",
    "estimate_mean_sd",
    "forest_plot",
    "funnel_plot",
    "pool",
    "pool_glmm",
    "pool_mh",
    "pool_peto",
    "trim_and_fill",
    "vote_count",
]
