"""Survival and competing-risks estimators, equal to R's survival and cmprsk.

Pure NumPy/SciPy functions over arrays that return frozen result dataclasses
with a ``to_frame()``. See ``docs/stats.md``.

Layout: one sub-package per question (``survival``: time to one event;
``competing``: competing risks), and the private pieces every estimator
shares in this package's ``_*.py`` modules (``_validation``: input checks;
``_design``: model matrices; ``_risk_sets``: counts at risk). Import the
public names from here; module paths below may move.
"""

from graftline.stats._design import DesignMatrix, model_matrix
from graftline.stats.competing.cuminc import CumulativeIncidenceResult, cumulative_incidence
from graftline.stats.competing.finegray import FineGrayConvergenceWarning, FineGrayResult, fine_gray
from graftline.stats.endpoint_columns import from_endpoints
from graftline.stats.survival.cox import ChiSquareTest, ConvergenceWarning, CoxResult, cox_ph
from graftline.stats.survival.kaplan_meier import KaplanMeierResult, kaplan_meier
from graftline.stats.survival.logrank import LogrankResult, logrank_test

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
