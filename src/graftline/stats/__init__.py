"""Survival and competing-risks estimators, equal to R's survival and cmprsk.

Pure NumPy/SciPy functions over arrays that return frozen result dataclasses
with a ``to_frame()``. See ``docs/stats.md``.

Layout: one sub-package per question (``survival``: time to one event;
``competing``: competing risks; ``time_varying``: exposures after day 0 -
time-dependent covariates and landmark analysis; ``multistate``: multi-state
models; ``adjusted``: propensity scores, weights, balance, matching and
adjusted risks for non-randomised comparisons), and the private pieces every estimator shares in this package's
``_*.py`` modules (``_validation``: input checks; ``_design``: model matrices;
``_risk_sets``: counts at risk; ``_aalen_johansen``: the Aalen-Johansen
estimator with its infinitesimal-jackknife variance behind multi-state,
weighted Kaplan-Meier and weighted cumulative incidence). Import the public
names from here; module paths below may move.
"""

from graftline.stats._design import DesignMatrix, model_matrix
from graftline.stats.adjusted import (
    AdjustedRestrictedMean,
    AdjustedRisks,
    BalanceTable,
    MatchResult,
    PropensityModel,
    adjusted_restricted_mean,
    adjusted_risks,
    balance_table,
    match_nearest,
    propensity_scores,
    propensity_weights,
)
from graftline.stats.competing.cuminc import CumulativeIncidenceResult, cumulative_incidence
from graftline.stats.competing.finegray import FineGrayConvergenceWarning, FineGrayResult, fine_gray
from graftline.stats.competing.rmtl import RestrictedMeanTimeLost, restricted_mean_time_lost
from graftline.stats.endpoint_columns import from_endpoints
from graftline.stats.multistate import (
    MultiStateCoxResult,
    MultiStateData,
    MultiStateResult,
    TransitionMatrix,
    from_wide,
    multistate,
    multistate_cox,
)
from graftline.stats.survival.cox import ChiSquareTest, ConvergenceWarning, CoxResult, cox_ph
from graftline.stats.survival.cox_zph import CoxZphResult, cox_zph
from graftline.stats.survival.kaplan_meier import KaplanMeierResult, kaplan_meier
from graftline.stats.survival.logrank import LogrankResult, logrank_test
from graftline.stats.survival.rmst import RmstResult, rmst
from graftline.stats.time_varying.landmark import LandmarkAnalysis, LandmarkResult, landmark
from graftline.stats.time_varying.split import time_dependent

__all__ = [
    "AdjustedRestrictedMean",
    "AdjustedRisks",
    "adjusted_restricted_mean",
    "adjusted_risks",
    "BalanceTable",
    "MatchResult",
    "PropensityModel",
    "balance_table",
    "match_nearest",
    "propensity_scores",
    "propensity_weights",
    "ChiSquareTest",
    "ConvergenceWarning",
    "CoxResult",
    "CoxZphResult",
    "CumulativeIncidenceResult",
    "DesignMatrix",
    "FineGrayConvergenceWarning",
    "FineGrayResult",
    "KaplanMeierResult",
    "LandmarkAnalysis",
    "LandmarkResult",
    "LogrankResult",
    "MultiStateCoxResult",
    "MultiStateData",
    "MultiStateResult",
    "RestrictedMeanTimeLost",
    "RmstResult",
    "TransitionMatrix",
    "cox_ph",
    "cox_zph",
    "cumulative_incidence",
    "fine_gray",
    "from_endpoints",
    "from_wide",
    "kaplan_meier",
    "landmark",
    "logrank_test",
    "model_matrix",
    "multistate",
    "multistate_cox",
    "restricted_mean_time_lost",
    "rmst",
    "time_dependent",
]
