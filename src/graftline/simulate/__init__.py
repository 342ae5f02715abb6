"""Virtual patients: mechanistic blood-count recovery after chemotherapy,
microtransplantation (MST), allo-HSCT and MSC co-infusion, written as the
canonical cohort tables.

Public API
----------
- :func:`simulate_cohort` - ``n`` patients per arm -> dict of cohort tables
- :class:`ArmSpec`, :data:`ARMS` - therapy arms (see ``docs/simulator.md``)
- :class:`ModelParameters`, :data:`DEFAULT_PARAMETERS` - calibrated parameters
- :func:`calibration_table` - published versus simulated recovery days
"""

from graftline.simulate.arms import ARMS, ArmSpec, custom_arm, resolve_arm
from graftline.simulate.calibrate import TARGETS, calibration_table
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.tables import simulate_cohort

__all__ = [
    "ARMS",
    "ArmSpec",
    "DEFAULT_PARAMETERS",
    "ModelParameters",
    "TARGETS",
    "calibration_table",
    "custom_arm",
    "resolve_arm",
    "simulate_cohort",
]
