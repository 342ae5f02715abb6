"""Survival and competing-risks estimators, equal to R's survival and cmprsk.

Pure NumPy/SciPy functions over arrays that return frozen result dataclasses
with a ``to_frame()``. See ``docs/stats.md``.
"""

from graftline.stats._cox import ChiSquareTest, ConvergenceWarning, CoxResult, cox_ph
from graftline.stats._design import DesignMatrix, model_matrix
from graftline.stats._kaplan_meier import KaplanMeierResult, kaplan_meier
from graftline.stats._logrank import LogrankResult, logrank_test
from graftline.stats.cuminc import CumulativeIncidenceResult, cumulative_incidence
from graftline.stats.endpoint_columns import from_endpoints
from graftline.stats.finegray import FineGrayConvergenceWarning, FineGrayResult, fine_gray

__all__ = [
    "ChiSquareTest",
    "ConvergenceWarning",
    "CoxResult",
    "CumulativeIncidenceResult",
    "DesignMatrix",
    "FineGrayConvergenceWarning",
    "FineGrayResult",
    "KaplanMeierResult",
    "LogrankResult",
    "cox_ph",
    "cumulative_incidence",
    "fine_gray",
    "from_endpoints",
    "kaplan_meier",
    "logrank_test",
    "model_matrix",
]
