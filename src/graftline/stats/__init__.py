"""Survival and competing-risks estimators, equal to R's survival and cmprsk.

Pure NumPy/SciPy functions over arrays that return frozen result dataclasses
with a ``to_frame()``. See ``docs/stats.md``.
"""

from graftline.stats._design import DesignMatrix, model_matrix

__all__ = [
    "DesignMatrix",
    "model_matrix",
]
