"""Adjusted comparisons of two arms in non-randomised cohorts.

Propensity scores and weights (``propensity``), balance diagnostics
(``balance``), nearest-neighbour matching (``matching``), and standardised
risks by G-computation (``gformula``), IPTW and AIPTW (``weighting``),
combined in ``risks.adjusted_risks``. Import the public
names from :mod:`graftline.stats`.
"""

from graftline.stats.adjusted.balance import BalanceTable, balance_table, effective_sample_size
from graftline.stats.adjusted.matching import MatchResult, match_nearest
from graftline.stats.adjusted.propensity import (
    PropensityModel,
    propensity_scores,
    propensity_weights,
    weights_from_scores,
)
from graftline.stats.adjusted.restricted import AdjustedRestrictedMean, adjusted_restricted_mean
from graftline.stats.adjusted.risks import AdjustedRisks, adjusted_risks

__all__ = [
    "AdjustedRestrictedMean",
    "AdjustedRisks",
    "adjusted_restricted_mean",
    "adjusted_risks",
    "BalanceTable",
    "MatchResult",
    "PropensityModel",
    "balance_table",
    "effective_sample_size",
    "match_nearest",
    "propensity_scores",
    "propensity_weights",
    "weights_from_scores",
]
