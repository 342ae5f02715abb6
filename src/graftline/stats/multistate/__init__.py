"""Multi-state models: transition matrices, Aalen-Johansen state probabilities, builders.

See ``docs/stats_multistate.md``.
"""

from graftline.stats.multistate.aalen_johansen import MultiStateResult, multistate
from graftline.stats.multistate.cox import MultiStateCoxResult, multistate_cox
from graftline.stats.multistate.data import MultiStateData
from graftline.stats.multistate.endpoints import (
    current_grfs_data,
    current_lfs_data,
    ebmt6_data,
    illness_death_data,
)
from graftline.stats.multistate.transitions import TransitionMatrix
from graftline.stats.multistate.wide import from_wide

__all__ = [
    "MultiStateCoxResult",
    "MultiStateData",
    "MultiStateResult",
    "TransitionMatrix",
    "current_grfs_data",
    "current_lfs_data",
    "ebmt6_data",
    "from_wide",
    "illness_death_data",
    "multistate",
    "multistate_cox",
]
