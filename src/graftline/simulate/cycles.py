"""Recovery per treatment cycle (trials of MST report it cycle by cycle).

For cycle ``k`` with cell-infusion (or would-be infusion) day ``d_k``, the
neutrophil and platelet recovery days are the CIBMTR rules applied to the
labs from ``d_k`` up to the day before the next cycle's drugs, counted from
``d_k``: the first of three successive values >= 0.5 (ANC) / >= 20 with no
platelet transfusion in the 7 days before (platelets), after the cycle's
nadir. A cycle whose counts never fell below the threshold has no
recovery day (``applicable`` False).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graftline.simulate import _engraftment
from graftline.simulate.course import Course
from graftline.simulate.virtual import Cohort


def per_cycle_recovery(cohort: Cohort, course: Course, patient_id: np.ndarray | None = None) -> pd.DataFrame:
    """One row per patient and cycle: recovery days counted from the cycle's day.

    Columns: ``patient_id``, ``arm``, ``cycle`` (1, 2, ...), ``cycle_day``
    (day of the cycle's infusion, relative to day 0),
    ``neutrophil_recovery_day``, ``platelet_recovery_day`` (NaN: not
    recovered before the next cycle or the horizon, or not applicable),
    ``neutrophil_applicable``, ``platelet_applicable``.
    """
    n_days = course.anc_lab.shape[1]
    ids = np.array([f"SIM{i + 1:06d}" for i in range(cohort.n)]) if patient_id is None else patient_id
    frames = []
    for a, arm in enumerate(cohort.arms):
        plan = arm.plan()
        rows = np.flatnonzero(cohort.arm_index == a)
        if plan is None or rows.size == 0:
            continue
        days = plan.infusion_days()
        for k, start in enumerate(days):
            if start >= n_days:
                break
            next_cycle = plan.cycles[k + 1] if k + 1 < len(days) else None
            stop = n_days if next_cycle is None else min(
                n_days, days[k + 1] - next_cycle.infusion_delay - next_cycle.regimen.last_day + 1)
            anc = course.anc_lab[rows, start:stop]
            plt = course.plt_lab[rows, start:stop]
            tx = course.platelet_transfusion[rows, :stop]
            # Transfusions before the cycle's window still count for the 7-day rule.
            last_tx = _engraftment.last_transfusion_day(tx)[:, start:] - start
            neutrophil = _engraftment.first_run_day(anc, 0.5)
            platelet = _engraftment.first_run_day(plt, 20.0, last_transfusion=last_tx)
            n_app = (np.nan_to_num(anc, nan=np.inf) < 0.5).any(axis=1)
            p_app = tx[:, start:].any(axis=1) | (np.nan_to_num(plt, nan=np.inf) < 20).any(axis=1)
            frames.append(pd.DataFrame({
                "patient_id": ids[rows], "arm": arm.name, "cycle": k + 1, "cycle_day": start,
                "neutrophil_recovery_day": np.where(n_app, neutrophil, np.nan),
                "platelet_recovery_day": np.where(p_app, platelet, np.nan),
                "neutrophil_applicable": n_app, "platelet_applicable": p_app,
            }))
    if not frames:
        return pd.DataFrame(columns=["patient_id", "arm", "cycle", "cycle_day", "neutrophil_recovery_day",
                                     "platelet_recovery_day", "neutrophil_applicable", "platelet_applicable"])
    return pd.concat(frames, ignore_index=True)
