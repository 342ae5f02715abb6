"""Virtual patients: mechanistic blood-count recovery after chemotherapy,
microtransplantation (MST), allo-HSCT and MSC co-infusion, written as the
canonical cohort tables.

Public API
----------
- :func:`simulate_cohort` - ``n`` patients per arm -> dict of cohort tables
- :class:`ArmSpec`, :data:`ARMS` - therapy arms (see ``docs/simulator.md``)
- :class:`ModelParameters`, :data:`DEFAULT_PARAMETERS` - calibrated parameters
- :func:`calibration_table` - published versus simulated recovery days
- :func:`predict_engraftment` - engraftment-day distribution for one plan
- :func:`trial_power` - power of a two-arm trial by simulation
- :func:`simulate_patients` - the arrays behind the tables (for custom analyses)
"""

from graftline.simulate.arms import ARMS, ArmSpec, custom_arm, resolve_arm
from graftline.simulate.calibrate import TARGETS, calibration_table
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.power import PowerResult, trial_power
from graftline.simulate.predict import EngraftmentPrediction, predict_engraftment
from graftline.simulate.tables import SimulatedPatients, simulate_cohort, simulate_patients

__all__ = [
    "ARMS",
    "ArmSpec",
    "DEFAULT_PARAMETERS",
    "EngraftmentPrediction",
    "ModelParameters",
    "PowerResult",
    "SimulatedPatients",
    "TARGETS",
    "calibration_table",
    "custom_arm",
    "predict_engraftment",
    "resolve_arm",
    "simulate_cohort",
    "simulate_patients",
    "trial_power",
]
