"""Adjusted comparisons of two arms in non-randomised cohorts.

Propensity scores and weights (``propensity``), balance diagnostics
(``balance``), nearest-neighbour matching (``matching``). Import the public
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

__all__ = [
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
