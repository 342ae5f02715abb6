"""Survival and competing-risks estimators, equal to R's survival and cmprsk.

Pure NumPy/SciPy functions over arrays that return frozen result dataclasses
with a ``to_frame()``. See ``docs/stats.md``.
"""

from graftline.stats._design import DesignMatrix, model_matrix
from graftline.stats.cuminc import CumulativeIncidenceResult, cumulative_incidence

__all__ = [
    "CumulativeIncidenceResult",
    "cumulative_incidence",
    "DesignMatrix",
    "model_matrix",
]
