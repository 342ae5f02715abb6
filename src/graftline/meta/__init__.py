"""Evidence synthesis: effect sizes, conversions, pooling (IV, MH, Peto, GLMM), diagnostics, bias, GRADE, plots.

Effect sizes (:func:`effect_sizes`, metafor's ``escalc``) are computed separately
from pooling (:func:`pool`, metafor's ``rma``). Every number is checked against
metafor (see ``tests/reference/meta_*.R``).
"""

from graftline.meta.bias import EggerTest, TrimAndFill, egger_test, trim_and_fill
from graftline.meta.conversion import estimate_mean_sd
from graftline.meta.diagnostics import GoshResult, baujat, cumulative, gosh, influence
from graftline.meta.effect_sizes import MEASURE_COLUMNS, effect_sizes
from graftline.meta.glmm import GLMMResult, pool_glmm
from graftline.meta.grade import GradeAssessment, grade_certainty, summary_of_findings
from graftline.meta.pooling import (
    BackTransformed,
    ConvergenceWarning,
    PoolResult,
    SubgroupAnalysis,
    pool,
)
from graftline.meta.reconstruct import (
    ArmComparison,
    ReconstructedIPD,
    compare_arms,
    pool_reconstructed,
    reconstruct_ipd,
    restricted_mean_survival,
)
from graftline.meta.risk_of_bias import RiskOfBiasTable, read_risk_of_bias, risk_of_bias_table
from graftline.meta.sparse import SparsePoolResult, pool_mh, pool_peto
from graftline.meta.time_to_event import log_hazard_ratios
from graftline.meta.votes import VoteCount, vote_count


def __getattr__(name):
    # Plotting pulls in matplotlib; load it only when asked for.
    if name in {"forest_plot", "funnel_plot"}:
        from graftline.meta import plots

        return getattr(plots, name)
    if name in {"contour_funnel_plot", "baujat_plot", "gosh_plot", "cumulative_plot"}:
        from graftline.meta import plots_diagnostics

        return getattr(plots_diagnostics, name)
    raise AttributeError(name)


__all__ = [
    "MEASURE_COLUMNS",
    "ArmComparison",
    "BackTransformed",
    "ConvergenceWarning",
    "EggerTest",
    "GLMMResult",
    "GoshResult",
    "GradeAssessment",
    "PoolResult",
    "ReconstructedIPD",
    "RiskOfBiasTable",
    "SparsePoolResult",
    "SubgroupAnalysis",
    "TrimAndFill",
    "VoteCount",
    "baujat",
    "baujat_plot",
    "compare_arms",
    "contour_funnel_plot",
    "cumulative",
    "cumulative_plot",
    "effect_sizes",
    "egger_test",
    "estimate_mean_sd",
    "forest_plot",
    "funnel_plot",
    "gosh",
    "gosh_plot",
    "grade_certainty",
    "influence",
    "log_hazard_ratios",
    "pool",
    "pool_glmm",
    "pool_mh",
    "pool_peto",
    "pool_reconstructed",
    "read_risk_of_bias",
    "reconstruct_ipd",
    "restricted_mean_survival",
    "risk_of_bias_table",
    "summary_of_findings",
    "trim_and_fill",
    "vote_count",
]
